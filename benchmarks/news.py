"""A benchmark newsroom that looks like news to the pipeline: names, places, organisations and quotes.

The older corpus (``corpus.py``, removed, in the history) recombined the seed's paragraphs: 1,000
articles named about 470 entities and quoted few people. Real news, measured on the PolNeAR training
texts we may read (404 articles, figures only): a median of 565 words in 16 paragraphs (38 words each), about 25
glossary entries per article (39% people, 28% organisations, 28% places), 4,304 distinct names in
404 articles of which 273 appear in five stories or more and 79% in one; 14.7 quotes per 1,000
words (9.1 full sentences, 5.6 fragments), a quote in 36% of paragraphs.

These articles follow those figures. Names come from Faker (a fixed seed): a shared pool of
people, organisations and places drawn with Zipf weights, so a few recur in many stories, and
fresh names in every story. The sentences are written here in a news register (none is taken
from any corpus). Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from faker import Faker

REPO = Path(__file__).resolve().parent.parent
THEME = REPO / "explainer" / "theme"

ROLES = ["the mayor of {place}", "a spokeswoman for {org}", "a spokesman for {org}", "the chief executive of {org}",
         "a senior official at {org}", "the governor of {place}", "a lawyer for {org}", "an economist at {org}",
         "the head of {org}", "a member of the {place} city council", "a former adviser to {other}"]
CUES = ["said", "said on {weekday}", "told reporters", "said in a statement", "added", "wrote in an email",
        "said in an interview", "told the {org}"]
SAID = ["We are going to keep working with our partners until the job is done",
        "Nobody expected the costs to rise this quickly, and families are paying for it",
        "This is the most serious challenge the region has faced in a decade",
        "We have asked for the documents twice and we have still not received them",
        "There is no evidence that the plan will lower prices for anyone",
        "I think people are tired of waiting for an answer",
        "The agreement gives both sides room to breathe, but it does not settle the hard questions",
        "Our members voted for the strike because they felt they had no other choice",
        "We will review the findings carefully before we decide what to do next",
        "It is a good first step, and we will hold them to it"]
FRAGMENTS = ["a reckless gamble", "deeply flawed", "the right decision", "long overdue", "a political stunt",
             "unacceptable", "a turning point", "not enough"]
FACTS = ["{org} has operated in {place} since {year}, when it opened its first office near the harbour.",
         "The vote in {place} came after weeks of talks between {org} and {org2}.",
         "{full} was appointed in {year} after a long career at {org}.",
         "Officials in {place} and {place2} said the talks would resume next week.",
         "{org} did not respond to a request for comment on {weekday}.",
         "Prices in {place} rose by {pct} percent last year, according to figures from {org}.",
         "The dispute began in {year}, when {org} bought a stake in {org2} for {money} million dollars.",
         "{full}, who leads {org}, met {full2} in {place} on {weekday} to discuss the proposal.",
         "Both {org} and {org2} have offices in {place}, and both have said they will follow the ruling."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TAGS = ["politics", "business", "courts", "health", "energy", "cities", "labour", "elections", "trade", "housing"]


class Names:
    """Shared pools of people, organisations and places, drawn with Zipf weights; fresh names on request."""

    def __init__(self, seed: int, people: int = 400, orgs: int = 160, places: int = 200):
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)
        self.people = [self.fake.name() for _ in range(people)]
        self.orgs = [self._org() for _ in range(orgs)]
        self.places = list(dict.fromkeys(self.fake.city() for _ in range(places)))
        self.places += [self.fake.country() for _ in range(places // 4)]

    def _org(self) -> str:
        return self.fake.company().replace(",", "")

    @staticmethod
    def _zipf(rng: random.Random, pool: list[str]) -> str:
        return pool[min(len(pool) - 1, int(rng.paretovariate(1.1)) - 1)]

    def person(self, rng: random.Random) -> str:
        return self._zipf(rng, self.people) if rng.random() < 0.5 else self.fake.name()

    def org(self, rng: random.Random) -> str:
        return self._zipf(rng, self.orgs) if rng.random() < 0.55 else self._org()

    def place(self, rng: random.Random) -> str:
        return self._zipf(rng, self.places) if rng.random() < 0.7 else self.fake.city()


def _short(full: str) -> str:
    """The surname a story uses after the first mention."""
    words = [w for w in full.split() if w.rstrip(".") not in ("Mr", "Mrs", "Ms", "Dr", "Miss")]
    return next((w for w in reversed(words) if w not in ("Jr.", "II", "III", "IV", "MD", "DDS", "PhD", "DVM")),
                words[-1])


def article(n: int, rng: random.Random, names: Names, words: int = 600) -> str:
    """The Markdown source of news-like article number ``n``."""
    cast = [names.person(rng) for _ in range(rng.randint(5, 9))]
    orgs = [names.org(rng) for _ in range(rng.randint(4, 7))]
    places = [names.place(rng) for _ in range(rng.randint(4, 7))]
    weekday = rng.choice(WEEKDAYS)
    introduced: set[str] = set()

    def slots() -> dict[str, str]:
        full, full2 = rng.sample(cast, 2)
        org, org2 = rng.sample(orgs, 2)
        place, place2 = rng.sample(places, 2)
        return dict(full=full, full2=full2, org=org, org2=org2, place=place, place2=place2, weekday=weekday,
                    year=str(rng.randint(1990, 2015)), pct=str(rng.randint(2, 19)), money=str(rng.randint(5, 900)),
                    other=rng.choice(cast))

    def speaker(s: dict[str, str]) -> str:
        who = s["full"]
        if who in introduced:
            return _short(who)
        introduced.add(who)
        return f"{who}, {rng.choice(ROLES).format(**s)},"

    body: list[str] = []
    count = 0
    while count < words:
        s = slots()
        kind = rng.random()
        if kind < 0.27:  # a full quote, then its speaker
            who = speaker(s)
            cue = rng.choice(CUES).format(**s)
            para = f"“{rng.choice(SAID)},” {who} {cue}. {rng.choice(FACTS).format(**s)}"
        elif kind < 0.32:  # the speaker first, then the quote
            who = speaker(s).rstrip(",")
            para = f"{who} said: “{rng.choice(SAID)}. {rng.choice(SAID)}.”"
        elif kind < 0.46:  # a fragment woven into the reporter's sentence
            para = (f"{s['org']} called the plan “{rng.choice(FRAGMENTS)}” and said it would ask a court in "
                    f"{s['place']} to block it. {rng.choice(FACTS).format(**slots())}")
        else:
            para = " ".join(rng.choice(FACTS).format(**slots()) for _ in range(rng.randint(1, 3)))
        body.append(para)
        count += len(para.split())
    date = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    title = f"{places[0]} and {orgs[0]}: what {_short(cast[0])} wants ({n})"
    tags = ", ".join(sorted(set(rng.sample(TAGS, 2))))
    front = (f'---\ntitle: "{title}"\ndate: {date.isoformat()}\n'
             f"dek: Story {n} of the news-like benchmark corpus.\n"
             f"byline: {names.fake.name()}\ntags: [{tags}]\n---\n\n")
    return front + "\n\n".join(body) + "\n"


def make_news_site(root: Path, n: int, seed: int = 1, theme: Path = THEME) -> list[Path]:
    """A site folder at ``root`` with the built-in theme, the repo's knowledge base and ``n`` news-like articles.

    ``theme``: the templates of the code being measured (the benchmark runs a snapshot of the last commit).
    """
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(theme, root / "templates")
    for folder in ("entities", "backgrounds"):
        shutil.copytree(REPO / "content" / folder, root / "content" / folder)
    shutil.copy(REPO / "explainer.toml", root / "explainer.toml")
    names = Names(seed)
    rng = random.Random(seed)
    out = root / "content" / "articles"
    out.mkdir(parents=True)
    paths = []
    for i in range(n):
        path = out / f"story-{i:05d}.md"
        path.write_text(article(i, rng, names), encoding="utf-8")
        paths.append(path)
    return paths


def make_real_site(root: Path, texts: list[Path], theme: Path = THEME) -> list[Path]:
    """A site whose articles are real news texts read from outside the repository (never copied into it)."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(theme, root / "templates")
    (root / "content" / "entities").mkdir(parents=True)
    shutil.copy(REPO / "explainer.toml", root / "explainer.toml")
    out = root / "content" / "articles"
    out.mkdir(parents=True)
    paths = []
    for i, text in enumerate(texts):
        path = out / f"real-{i:05d}.md"
        front = f'---\ntitle: "Real article {i}"\ndate: 2016-{1 + i % 12:02d}-{1 + i % 28:02d}\n---\n\n'
        path.write_text(front + text.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(path)
    return paths

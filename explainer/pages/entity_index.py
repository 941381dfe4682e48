"""``/entities/``: the A-Z of every person, place, organisation, group and event, by kind, with counts.

People are filed by surname ("Lavrov, Sergei" under L; "Xi Jinping", whose family
name comes first, under X); everything else by its
name without a leading "The". Each entry says how many explainers name it. The
list runs kind by kind and is cut into pages of ``index_page_size`` names; the
first page starts with a link to where each kind begins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from explainer.annotate.lexicon import GENERATIONS, PARTICLES, SURNAME_FIRST
from explainer.pages.entity import Named, named_entities
from explainer.pages.environment import KIND_HEADINGS, Planned, SiteView
from explainer.pages.paging import plan_pages, split

KIND_ORDER = {kind: number for number, (kind, _) in enumerate(KIND_HEADINGS)}


@dataclass(frozen=True)
class Entry:
    """One line of the A-Z: how it is filed and shown, where it links, how many explainers name it."""

    id: str
    shown: str  # "Lavrov, Sergei" for a person, the name otherwise
    letter: str  # the heading it is filed under: "L", or "#" for a digit or symbol
    kind: str
    heading: str  # "People", "Places", ...
    count: int
    key: tuple[int, str, str] = (0, "", "")


def filed_name(name: str, kind: str) -> tuple[str, str]:
    """How a name is shown and sorted in the A-Z: people as "Surname, Given names"; "The" goes last."""
    words = name.split()
    if kind == "person" and len(words) in (2, 3) and words[0].lower() in SURNAME_FIRST:
        return name, name.casefold()  # "Xi Jinping": the family name comes first already
    if kind == "person" and len(words) > 1:
        end = len(words)
        while end > 1 and words[end - 1].rstrip(".,").lower() in GENERATIONS:
            end -= 1
        start = end - 1
        while start > 0 and words[start - 1].lower() in PARTICLES:  # "van der Berg" is filed under V
            start -= 1
        if 0 < start < end:
            surname = " ".join(words[start:end])
            rest = " ".join(words[:start] + words[end:])
            return f"{surname}, {rest}", f"{surname} {rest}".casefold()
    if len(words) > 1 and words[0].lower() == "the":
        return name, " ".join(words[1:]).casefold()
    return name, name.casefold()


def entries(view: SiteView) -> list[Entry]:
    """Every entity of the site as the A-Z lists it, kind by kind, each kind A to Z."""
    found = [view.reuse.get(("entry", named.id), (named,), (), lambda named=named: entry(named))
             for named in named_entities(view.site, view.listings, view.cache, view.reuse)]
    return sorted(found, key=lambda e: e.key)


def entry(named: Named) -> Entry:
    """One entity's line in the A-Z."""
    known, found = named.known, named.found
    name = known.name if known else found.name  # type: ignore[union-attr]
    kind = known.kind if known else found.kind  # type: ignore[union-attr]
    shown, key = filed_name(name, kind)
    letter = key[:1].upper() if key[:1].isalpha() else "#"
    return Entry(named.id, shown, letter, kind, dict(KIND_HEADINGS).get(kind, "Other"), len(named.users),
                 (KIND_ORDER.get(kind, len(KIND_ORDER)), key, named.id))


def kind_starts(items: Sequence[Entry], size: int) -> list[tuple[str, str, int, int]]:
    """For each kind: its heading, its anchor, the page number it starts on, and how many names it has."""
    starts: dict[str, tuple[str, str, int, int]] = {}
    for number, chunk in enumerate(split(items, size), start=1):
        for entry in chunk:
            heading, anchor, page, count = starts.get(entry.kind, (entry.heading, entry.kind, number, 0))
            starts[entry.kind] = (heading, anchor, page, count + 1)
    return list(starts.values())


def plan(view: SiteView) -> Iterable[Planned]:
    """The A-Z pages: ``entities/``, ``entities/page/2/``, ..."""
    items = entries(view)
    size = view.settings.index_page_size
    yield from plan_pages(view, "entities/", items, size, "entities.html", list, section="entities",
                          kinds=kind_starts(items, size))

"""Names the text shows plainly that the model tags wrong or not at all.

A dateline ("COLUMBUS, Ohio —", "WASHINGTON (Reuters) -") is read by the gazetteer, not the model: its place is
one mention named in normal case and its agency an organisation, and the model's spans over it are dropped.
"""

from __future__ import annotations

from typing import Sequence

from explainer.annotate.glossary import places
from explainer.annotate.glossary.mentions import Found
from explainer.annotate.lexicon import DATELINE_CITIES
from explainer.model import Block


def dateline(blocks: Sequence[Block]) -> tuple[list[Found], tuple[int, int, int] | None]:
    """The mentions a story's dateline makes (its place, its agency) and the stretch ``(block, start, end)`` it
    covers, where the model's own spans are to be dropped; nothing when the story has none."""
    # The story's first paragraph, or its second when a headline line opens the file.
    read = ((b, places.parse_dateline(b.text)) for b in blocks[:2] if b.kind == "paragraph")
    first, line = next(((b, line) for b, line in read if line), (None, None))
    if first is None or line is None:
        return [], None
    found = [Found(first.index, line.start, line.city_end, first.text[line.start:line.city_end], "GPE",
                   hint="dateline", name=dateline_name(line))]
    if line.agency:
        at = first.text.find(line.agency, line.end, line.body_start)
        if at >= 0:
            found.append(Found(first.index, at, at + len(line.agency), line.agency, "ORG", hint="organization"))
    return found, (first.index, line.start, line.body_start)


def dateline_name(line: places.Dateline) -> str:
    """How the glossary lists a dateline's place: as written with its region ("Columbus, Ohio"), or, for a city
    that stands alone in datelines, as the gazetteer labels it ("Washington, D.C.")."""
    if "," in line.place:
        return line.place
    state = DATELINE_CITIES.get(line.place)
    place = places.lookup(f"{line.place}, {state}") if state else places.lookup(line.place)
    return place.label if place else line.place


def outside(found: Sequence[Found], stretch: tuple[int, int, int] | None) -> list[Found]:
    """The mentions that do not overlap a stretch of one block."""
    if stretch is None:
        return list(found)
    block, start, end = stretch
    return [f for f in found if f.block != block or f.end <= start or f.start >= end]

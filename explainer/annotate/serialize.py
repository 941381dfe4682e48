"""The annotation object as JSON: what ``explainer annotate --json`` prints and the cache stores.

The fixed fields (title, entities, speakers, quotes, backgrounds) follow the
schema in the issues; a few more fields ride along so that an annotation read
back from the cache is the same value that was written.
"""

from __future__ import annotations

from typing import Any

from explainer.errors import Problem
from explainer.model import Annotation, Entity, Mention, Quote, Segment, Speaker


def annotation_to_json(annotation: Annotation) -> dict[str, Any]:
    """A JSON-ready dict of an annotation."""
    return {
        "title": annotation.title,
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "description": e.description,
                "role": e.role,
                "known": e.known,
                "wikidata": e.wikidata,
                "url": e.url,
                "geonames": e.geonames,
                "mentions": [
                    {"text": m.text, "start": m.source_start, "end": m.source_end,
                     "block": m.block, "block_start": m.start, "block_end": m.end}
                    for m in e.mentions
                ],
            }
            for e in annotation.entities
        ],
        "speakers": [
            {"id": s.id, "name": s.name, "kind": s.kind, "role": s.role, "entity": s.entity,
             "quotes": list(s.quotes)}
            for s in annotation.speakers
        ],
        "quotes": [
            {"id": q.id, "text": q.text, "speaker": q.speaker, "partial": q.partial,
             "start": q.start, "end": q.end,
             "segments": [[s.block, s.start, s.end] for s in q.segments]}
            for q in annotation.quotes
        ],
        "backgrounds": list(annotation.backgrounds),
    }


def annotation_from_json(data: dict[str, Any]) -> Annotation:
    """Read back what ``annotation_to_json`` wrote; raises KeyError/TypeError on a damaged value."""
    return Annotation(
        title=str(data["title"]),
        entities=tuple(
            Entity(
                id=e["id"], name=e["name"], kind=e["kind"], description=e["description"],
                role=e["role"], known=bool(e["known"]), wikidata=e["wikidata"], url=e["url"],
                geonames=e["geonames"],
                mentions=tuple(
                    Mention(m["block"], m["block_start"], m["block_end"], m["text"], m["start"], m["end"])
                    for m in e["mentions"]
                ),
            )
            for e in data["entities"]
        ),
        speakers=tuple(
            Speaker(id=s["id"], name=s["name"], kind=s["kind"], role=s["role"], entity=s["entity"],
                    quotes=tuple(s["quotes"]))
            for s in data["speakers"]
        ),
        quotes=tuple(
            Quote(id=q["id"], text=q["text"], speaker=q["speaker"], partial=bool(q["partial"]),
                  start=q["start"], end=q["end"],
                  segments=tuple(Segment(*seg) for seg in q["segments"]))
            for q in data["quotes"]
        ),
        backgrounds=tuple(data["backgrounds"]),
    )


def problems_to_json(problems: tuple[Problem, ...]) -> list[list[Any]]:
    """Problems as JSON rows."""
    return [[p.path, p.line, p.message, p.level] for p in problems]


def problems_from_json(rows: list[list[Any]]) -> tuple[Problem, ...]:
    """Problems back from JSON rows."""
    return tuple(Problem(str(r[0]), int(r[1]), str(r[2]), r[3]) for r in rows)

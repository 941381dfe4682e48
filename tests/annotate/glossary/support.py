"""Hand-tagged Docs for the glossary rules: a blank pipeline, spans set as the model would set them."""

from __future__ import annotations

import re
from pathlib import Path

import spacy
from spacy.tokens import Doc

from explainer.annotate.glossary.entities import EntityResult, find_entities
from explainer.content.markdown import blocks_of
from explainer.model import Entity, KBEntity

BLANK = spacy.blank("en")


def kb_entity(id: str, name: str, kind: str, *aliases: str, role: str | None = None) -> KBEntity:
    """A KB entry as content/entities/<id>.md would give it."""
    return KBEntity(
        id, name, kind, Path(f"content/entities/{id}.md"), aliases=aliases,
        description=f"About {name}", role=role, wikidata="Q1", url=f"https://example.org/{id}",
    )


KB = (
    kb_entity("sergei-lavrov", "Sergei Lavrov", "person", role="Russia's foreign minister"),
    kb_entity("wang-yi", "Wang Yi", "person"),
    kb_entity("wang-wenbin", "Wang Wenbin", "person"),
    kb_entity("joe-biden", "Joe Biden", "person"),
    kb_entity("china", "China", "place"),
    kb_entity("united-states", "United States", "place", "U.S.", "US"),
    kb_entity("taliban", "Taliban", "organization"),
)


def tagged(text: str, *ents: tuple[str, str] | tuple[str, str, int]) -> Doc:
    """A blank-model Doc of ``text`` with ``(surface, label[, occurrence])`` spans set as entities."""
    doc = BLANK(text)
    spans = []
    for surface, label, *nth in ents:
        starts = [m.start() for m in re.finditer(re.escape(surface), text)]
        start = starts[nth[0] if nth else 0]
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def run(markdown: str, tags: list[list[tuple]], kb=KB) -> EntityResult:
    """find_entities on Markdown whose blocks are tagged by hand, block by block."""
    blocks = blocks_of(markdown)
    assert len(blocks) == len(tags)
    docs = [tagged(b.text, *t) for b, t in zip(blocks, tags)]
    return find_entities(blocks, docs, kb, markdown, "article.md")


def by_name(result: EntityResult) -> dict[str, Entity]:
    """Entities keyed by name; fails if a name is listed twice."""
    names = [e.name for e in result.entities]
    assert len(names) == len(set(names)), names
    return {e.name: e for e in result.entities}


def texts(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]

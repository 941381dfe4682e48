"""The article body as HTML, with mentions and quotes marked in it.

Annotations were found on each block's visible text (see ``markdown.py``). Here
the same Markdown is parsed again and the marks are placed inside its text
tokens, so the words themselves are never changed: removing every element this
module adds gives back the plain render.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from explainer.markdown import Piece, inline_pieces
from explainer.model import Annotation, Article, Entity

# A heading this many blocks after an entity's last link earns it another link.
RELINK_DISTANCE = 6


@dataclass(frozen=True)
class Mark:
    """An element to wrap around ``[start, end)`` of one block's text."""

    start: int
    end: int
    open: str
    close: str
    is_link: bool = False


def mention_id(entity: Entity, number: int) -> str:
    """The id of an entity's ``number``-th mention (0-based) in the body."""
    return f"m-{entity.id}-{number + 1}"


def linked_mentions(article: Article, annotation: Annotation) -> set[tuple[str, int]]:
    """(entity id, mention number) pairs that become links: first mentions, and again after a far heading."""
    headings = [b.index for b in article.blocks if b.kind == "heading"]
    chosen: set[tuple[str, int]] = set()
    for entity in annotation.entities:
        last_link: int | None = None
        for number, mention in enumerate(entity.mentions):
            if article.blocks[mention.block].kind == "heading":
                continue
            section_break = last_link is not None and any(last_link < h < mention.block for h in headings)
            if last_link is None or (section_break and mention.block - last_link >= RELINK_DISTANCE):
                chosen.add((entity.id, number))
                last_link = mention.block
    return chosen


def _marks_by_block(article: Article, annotation: Annotation) -> dict[int, list[Mark]]:
    """Every mark, grouped by block."""
    marks: dict[int, list[Mark]] = {}
    links = linked_mentions(article, annotation)
    for entity in annotation.entities:
        for number, m in enumerate(entity.mentions):
            ident = mention_id(entity, number)
            if (entity.id, number) in links:
                label = escape(f"{entity.name}: show in glossary")
                opening = (f'<a class="mention" id="{ident}" href="#e-{escape(entity.id)}" '
                           f'data-entity="{escape(entity.id)}" aria-label="{label}">')
                marks.setdefault(m.block, []).append(Mark(m.start, m.end, opening, "</a>", True))
            else:
                opening = f'<span class="mention-ref" id="{ident}">'
                marks.setdefault(m.block, []).append(Mark(m.start, m.end, opening, "</span>"))
    speakers = {s.id: s for s in annotation.speakers}
    for quote in annotation.quotes:
        speaker = speakers.get(quote.speaker or "")
        for number, seg in enumerate(quote.segments):
            ident = f' id="{escape(quote.id)}"' if number == 0 else ""
            close = "</span>"
            if speaker is not None and number == len(quote.segments) - 1:
                close += (f'<a class="said-by" href="#s-{escape(speaker.id)}" '
                          f'aria-label="{escape("Quote by " + speaker.name)}"></a>')
            opening = f'<span class="quote"{ident} data-speaker="{escape(quote.speaker or "")}">'
            marks.setdefault(seg.block, []).append(Mark(seg.start, seg.end, opening, close))
    return marks


def _wrap(text: str, base: int, marks: Sequence[Mark], in_link: bool) -> str:
    """HTML for one text piece at ``base`` in its block, with the marks that fit inside it."""
    end = base + len(text)
    # (position, closes first, inner closes first / outer opens first, html)
    events: list[tuple[int, int, int, str]] = []
    for mark in marks:
        start, stop = max(mark.start, base), min(mark.end, end)
        whole = mark.start >= base and mark.end <= end
        if start >= stop or (mark.is_link and in_link):
            continue  # never a link inside a link
        if not whole and mark.open.startswith(('<a class="mention"', '<span class="mention-ref"')):
            continue  # never half a mention
        length = stop - start
        close = mark.close if mark.end <= end else "</span>"
        events.append((start, 1, -length, mark.open))
        events.append((stop, 0, length, close))
    out: list[str] = []
    pos = base
    for position, _, _, html in sorted(events):
        out.append(escape(text[pos - base : position - base], quote=False))
        out.append(html)
        pos = position
    out.append(escape(text[pos - base :], quote=False))
    return "".join(out)


def body_html(md: MarkdownIt, article: Article, annotation: Annotation) -> str:
    """Render the article's Markdown with its annotations marked."""
    tokens = md.parse(article.body)
    marks = _marks_by_block(article, annotation)
    block = -1
    for token in tokens:
        if token.type != "inline":
            continue
        block += 1
        block_marks = marks.get(block, [])
        pieces = {p.child: p for p in inline_pieces(token)}
        children: list[Token] = []
        link_depth = 0
        for i, child in enumerate(token.children or []):
            if child.type == "link_open":
                link_depth += 1
            elif child.type == "link_close":
                link_depth -= 1
            elif child.type == "span_open" and "entity" in child.attrs:
                child.attrs.pop("entity")  # an editor's pin, not for the reader's HTML
            piece: Piece | None = pieces.get(i)
            if piece is None or child.type != "text" or not block_marks:
                children.append(child)
                continue
            html = (_wrap(piece.text, piece.start, block_marks, link_depth > 0))
            replacement = Token("html_inline", "", 0)
            replacement.content = html
            children.append(replacement)
        token.children = children
    return md.renderer.render(tokens, md.options, {})

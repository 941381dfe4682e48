"""The article body as HTML, with mentions and quotes marked in it.

Annotations were found on each block's visible text (see ``markdown.py``). Here
the same Markdown is parsed again and the marks are placed inside its text
tokens, so the words themselves are never changed: removing every element this
module adds gives back the plain render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.smartquotes import smartquotes
from markdown_it.token import Token

from explainer.content.markdown import PIN_KEYS, Piece, inline_pieces, inline_tokens
from explainer.content.rawhtml import sanitize
from explainer.model import Annotation, Article, Entity
from explainer.pages.figures import Heading, shape

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
    mention: bool = False  # an entity mention (never split); else a quote (the outer mark over the same words)


def mention_id(entity: Entity, number: int) -> str:
    """The id of an entity's ``number``-th mention (0-based) in the body."""
    return f"m-{entity.id}-{number + 1}"


def linked_mentions(kinds: Sequence[str], annotation: Annotation) -> set[tuple[str, int]]:
    """(entity id, mention number) pairs that become links: first mentions, and again after a far heading.

    ``kinds`` is the kind of each block of the article (see ``markdown.inline_tokens``).
    """
    headings = [i for i, kind in enumerate(kinds) if kind == "heading"]
    chosen: set[tuple[str, int]] = set()
    for entity in annotation.entities:
        last_link: int | None = None
        for number, mention in enumerate(entity.mentions):
            if kinds[mention.block] == "heading":
                continue
            section_break = last_link is not None and any(last_link < h < mention.block for h in headings)
            if last_link is None or (section_break and mention.block - last_link >= RELINK_DISTANCE):
                chosen.add((entity.id, number))
                last_link = mention.block
    return chosen


def _marks_by_block(kinds: Sequence[str], annotation: Annotation) -> dict[int, list[Mark]]:
    """Every mark, grouped by block."""
    marks: dict[int, list[Mark]] = {}
    links = linked_mentions(kinds, annotation)
    for entity in annotation.entities:
        for number, m in enumerate(entity.mentions):
            ident = mention_id(entity, number)
            if (entity.id, number) in links:
                # The name a screen reader hears starts with the words on screen (WCAG 2.5.3).
                named = m.text if m.text == entity.name else f"{m.text} ({entity.name})"
                label = escape(f"{named}: show in glossary")
                opening = (f'<a class="mention" id="{ident}" href="#e-{escape(entity.id)}" '
                           f'data-entity="{escape(entity.id)}" aria-label="{label}">')
                marks.setdefault(m.block, []).append(Mark(m.start, m.end, opening, "</a>", True, mention=True))
            else:
                opening = f'<span class="mention-ref" id="{ident}">'
                marks.setdefault(m.block, []).append(Mark(m.start, m.end, opening, "</span>", mention=True))
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
    placed: list[tuple[int, int, str, str]] = []  # start, stop, opening, closing
    links: list[tuple[int, int]] = []
    # Quotes first: of two marks over the same words, the quote is the outer one.
    for mark in sorted(marks, key=lambda m: m.mention):
        start, stop = max(mark.start, base), min(mark.end, end)
        whole = mark.start >= base and mark.end <= end
        if start >= stop or (mark.is_link and in_link):
            continue  # never a link inside a link
        if not whole and mark.mention:
            continue  # never half a mention
        if mark.is_link and any(a < stop and start < b for a, b in links):
            continue  # nor a mention link inside another
        if mark.is_link:
            links.append((start, stop))
        opening = mark.open if mark.start >= base else _without_id(mark.open)  # an id names one element
        placed.append((start, stop, opening, mark.close if mark.end <= end else _end_tag(mark.open)))
    # Opens: outer (longer) first, then in mark order; closes: inner first, then the reverse.
    events = sorted([(s, 1, s - e, i) for i, (s, e, _, _) in enumerate(placed)]
                    + [(e, 0, e - s, -i) for i, (s, e, _, _) in enumerate(placed)])
    out: list[str] = []
    pos = base
    stack: list[int] = []
    for position, opens, _, key in events:
        out.append(escape(text[pos - base : position - base], quote=False))
        pos = position
        if opens:
            stack.append(key)
            out.append(placed[key][2])
            continue
        # Marks that cross are closed and reopened around the one ending, so elements always nest.
        at = stack.index(-key)
        above = stack[at + 1 :]
        out.extend(_end_tag(placed[j][2]) for j in reversed(above))
        closing = placed[-key][3]
        if in_link or any(placed[j][2].startswith("<a") for j in stack if j != -key):
            closing = _end_tag(placed[-key][2])  # a quote ending inside a link loses its said-by link
        out.append(closing)
        out.extend(_without_id(placed[j][2]) for j in above)
        del stack[at]
    out.append(escape(text[pos - base :], quote=False))
    return "".join(out)


def _end_tag(opening: str) -> str:
    """The end tag for an opening tag this module writes."""
    return "</a>" if opening.startswith("<a") else "</span>"


def _without_id(opening: str) -> str:
    """An opening tag without its id, for the second part of a split element."""
    return re.sub(r' id="[^"]*"', "", opening, count=1)


def body_html(md: MarkdownIt, article: Article, annotation: Annotation,
              media: Callable[[str], str] | None = None, headings: list[Heading] | None = None) -> str:
    """Render the article's Markdown with its annotations marked; its headings go into ``headings``.

    ``media`` gives the published address of a picture's src (files beside the article move to ``media/``).
    """
    tokens = md.parse(article.body)
    found = shape(tokens, media or (lambda src: src))
    if headings is not None:
        headings.extend(found)
    inline = list(inline_tokens(tokens))
    marks = _marks_by_block([kind for _, kind in inline], annotation)
    for block, (token, _) in enumerate(inline):
        block_marks = marks.get(block, [])
        pieces = {p.child: p for p in inline_pieces(token)}
        children: list[Token] = []
        link_depth = 0
        for i, child in enumerate(token.children or []):
            if child.type == "link_open":
                link_depth += 1
            elif child.type == "link_close":
                link_depth -= 1
            elif child.type == "span_open":
                for pin in PIN_KEYS:
                    child.attrs.pop(pin, None)  # an editor's pin, not for the reader's HTML
            piece: Piece | None = pieces.get(i)
            if piece is None or child.type != "text" or not block_marks:
                children.append(child)
                continue
            html = (_wrap(piece.text, piece.start, block_marks, link_depth > 0))
            replacement = Token("html_inline", "", 0)
            replacement.content = html
            children.append(replacement)
        token.children = children
    return safe_html(md, md.renderer.render(tokens, md.options, {}))


def typographic(md: MarkdownIt, text: str) -> str:
    """Plain text with the quote marks and apostrophes the story's body gets (markdown-it's smartquotes)."""
    token, child = Token("inline", "", 0), Token("text", "", 0)
    token.content = child.content = text  # the rule skips an inline token whose own content has no quote mark
    token.children = [child]
    state = StateCore("", md, {})
    state.tokens = [token]
    smartquotes(state)
    return child.content


def safe_html(md: MarkdownIt, html: str) -> str:
    """Rendered Markdown as it may go on a page: when raw HTML was let through, sanitised (see ``rawhtml``)."""
    return sanitize(html) if md.options.get("html") else html

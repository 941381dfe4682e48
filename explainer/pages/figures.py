"""The shape of an article body: headings with ids and the table of contents, pictures as figures.

Works on the parsed Markdown tokens before mentions and quotes are marked in
them, and never changes a block's text, so the marks still land where the
annotators found them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable, Sequence

from markdown_it.token import Token

from explainer.content.markdown import inline_pieces
from explainer.slugs import slugify

# Headings a table of contents lists: a story's sections (##) and subsections (###).
CONTENTS_LEVELS = ("h2", "h3")
# A table of contents is worth its space from this many headings on.
CONTENTS_FROM = 2


@dataclass(frozen=True)
class Heading:
    """A heading of the story as the table of contents lists it."""

    id: str
    text: str
    level: int  # 2 for ##, 3 for ###


def shape(tokens: Sequence[Token], media: Callable[[str], str]) -> tuple[Heading, ...]:
    """Give headings ids, turn a paragraph holding one titled picture into a figure with its caption,
    and point pictures beside the article at their published address (``media``); returns the headings."""
    headings: list[Heading] = []
    taken: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in CONTENTS_LEVELS and index + 1 < len(tokens):
            text = "".join(p.text for p in inline_pieces(tokens[index + 1])).strip()
            ident = _unique(f"h-{slugify(text, 'section')}", taken)
            token.attrSet("id", ident)
            headings.append(Heading(ident, text, int(token.tag[1])))
        elif token.type == "inline":
            for child in token.children or ():
                if child.type == "image":
                    child.attrSet("src", media(str(child.attrGet("src") or "")))
            _figure(tokens, index)
    return tuple(headings)


def contents(headings: Sequence[Heading]) -> tuple[Heading, ...]:
    """The table of contents: the headings, when there are enough of them to be worth one."""
    return tuple(headings) if len(headings) >= CONTENTS_FROM else ()


def _figure(tokens: Sequence[Token], index: int) -> None:
    """A paragraph that is one picture with a title, ``![alt](src "Caption")``, becomes a figure."""
    inline = tokens[index]
    children = [c for c in inline.children or () if not (c.type == "text" and not c.content.strip())]
    if len(children) != 1 or children[0].type != "image" or index == 0 or index + 1 >= len(tokens):
        return
    opening, closing, image = tokens[index - 1], tokens[index + 1], children[0]
    title = str(image.attrGet("title") or "").strip()
    if opening.type != "paragraph_open" or closing.type != "paragraph_close" or not title:
        return
    del image.attrs["title"]
    opening.tag = closing.tag = "figure"
    caption = Token("html_inline", "", 0)
    caption.content = f"<figcaption>{escape(title)}</figcaption>"
    inline.children = [*(inline.children or []), caption]


def _unique(ident: str, taken: set[str]) -> str:
    """``ident``, or ``ident-2``, ``ident-3``... when a heading of the same words came before."""
    candidate, number = ident, 1
    while candidate in taken:
        number += 1
        candidate = f"{ident}-{number}"
    taken.add(candidate)
    return candidate

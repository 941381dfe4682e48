"""Markdown parsing shared by content loading and rendering.

Both stages must agree on what text the reader sees in each block, because
annotations found on that text are later placed back into the HTML. This
module is the one place that decides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin

from explainer.model import Article, Block, Override

# Block kinds by the token that opens the inline content's nearest container.
_CONTAINERS = {
    "heading_open": "heading",
    "list_item_open": "item",
    "blockquote_open": "blockquote",
    "th_open": "table",
    "td_open": "table",
}


def make_parser(allow_html: bool = False) -> MarkdownIt:
    """A markdown-it parser: CommonMark, tables, attribute spans; raw HTML off unless asked."""
    md = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
    md.enable("table")
    md.use(attrs_plugin, spans=True)
    return md


@dataclass(frozen=True)
class Piece:
    """Visible text that one inline child contributes, at ``start`` in the block text."""

    child: int
    start: int
    text: str


def inline_pieces(inline: Token) -> tuple[Piece, ...]:
    """The visible text of an inline token, child by child."""
    pieces: list[Piece] = []
    pos = 0
    for i, child in enumerate(inline.children or ()):
        if child.type in ("text", "code_inline"):
            text = child.content
        elif child.type in ("softbreak", "hardbreak"):
            text = " "
        else:
            continue
        if text:
            pieces.append(Piece(i, pos, text))
            pos += len(text)
    return tuple(pieces)


# The span attributes by which an editor pins a mention or a quote: read here, never written to a page.
PIN_KEYS = ("entity", "speaker")


def _overrides(inline: Token, pieces: Sequence[Piece], line: int) -> tuple[Override, ...]:
    """Pins written as ``[text]{entity=id}`` or ``[quote]{speaker=id}`` in this inline token."""
    found: list[Override] = []
    by_child = {p.child: p for p in pieces}
    children = inline.children or []
    for i, child in enumerate(children):
        key = next((k for k in PIN_KEYS if k in child.attrs), None) if child.type == "span_open" else None
        if key is None:
            continue
        start = end = None
        for j in range(i + 1, len(children)):
            if children[j].type == "span_close":
                break
            if j in by_child:
                piece = by_child[j]
                start = piece.start if start is None else start
                end = piece.start + len(piece.text)
        if start is not None and end is not None:
            found.append(Override(start, end, str(child.attrs[key]), line, key == "speaker"))
    return tuple(found)


def _align(text: str, source: str, begin: int) -> tuple[int, ...]:
    """Offsets in ``source`` of each character of ``text``, matched greedily from ``begin``.

    Markup characters (``*``, ``[``, link targets, escapes) are skipped over; a
    character with no match keeps the previous offset so the map stays monotonic.
    """
    offsets: list[int] = []
    pos = begin
    last = begin
    i = 0
    while i < len(text):
        run = _common_run(text, i, source, pos)
        if run:  # most of a paragraph is the source verbatim: take it in one step
            offsets.extend(range(pos, pos + run))
            last = pos + run - 1
            pos += run
            i += run
            continue
        ch = text[i]
        found = source.find(ch, pos) if ch != " " else _find_space(source, pos)
        # Never run further than a paragraph away: the text is not there.
        if found == -1 or source.count("\n\n", pos, found):
            offsets.append(last)
        else:
            offsets.append(found)
            last = found
            pos = found + 1
        i += 1
    return tuple(offsets)


def _common_run(text: str, i: int, source: str, pos: int) -> int:
    """How many characters from ``text[i]`` equal ``source`` from ``pos`` (binary search on slices)."""
    low, high = 0, min(len(text) - i, len(source) - pos)
    while low < high:
        middle = (low + high + 1) // 2
        if text[i : i + middle] == source[pos : pos + middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _find_space(source: str, pos: int) -> int:
    """The next whitespace character (a soft break is a newline in the source)."""
    for i in range(pos, len(source)):
        if source[i] in " \t\n":
            return i
    return -1


def inline_tokens(tokens: Sequence[Token]) -> Iterator[tuple[Token, str]]:
    """Each inline token (one per block) with its block's kind: paragraph, heading, item, blockquote or table."""
    containers: list[str] = []
    for token in tokens:
        if token.type in _CONTAINERS:
            containers.append(_CONTAINERS[token.type])
        elif token.type.replace("_close", "_open") in _CONTAINERS and token.nesting == -1:
            containers.pop()
        if token.type == "inline":
            yield token, containers[-1] if containers else "paragraph"


def parse_blocks(
    md: MarkdownIt, body: str, source: str, body_offset: int, body_line: int
) -> tuple[tuple[Token, ...], tuple[Block, ...]]:
    """Parse ``body`` and return its tokens and the reader-visible blocks."""
    tokens = md.parse(body)
    line_starts = [0]
    for i, ch in enumerate(body):
        if ch == "\n":
            line_starts.append(i + 1)
    blocks: list[Block] = []
    for token, kind in inline_tokens(tokens):
        pieces = inline_pieces(token)
        text = "".join(p.text for p in pieces)
        first_line = token.map[0] if token.map else 0
        begin = body_offset + line_starts[min(first_line, len(line_starts) - 1)]
        line = body_line + first_line
        blocks.append(
            Block(
                index=len(blocks),
                kind=kind,
                text=text,
                line=line,
                offsets=_align(text, source, begin),
                overrides=_overrides(token, pieces, line),
            )
        )
    return tuple(tokens), tuple(blocks)


def article_blocks(article: Article, allow_html: bool = False) -> tuple[Block, ...]:
    """An article's blocks: parsed only when annotation asks, since a build reads every article but annotates few."""
    return parse_blocks(make_parser(allow_html), article.body, article.source, article.body_offset,
                        article.body_line)[1]


def blocks_of(markdown: str, allow_html: bool = False) -> tuple[Block, ...]:
    """The blocks of a Markdown text with no front matter (offsets into that text)."""
    return parse_blocks(make_parser(allow_html), markdown, markdown, 0, 1)[1]

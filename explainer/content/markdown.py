"""Markdown parsing shared by content loading and rendering.

Both stages must agree on what text the reader sees in each block, because
annotations found on that text are later placed back into the HTML. This
module is the one place that decides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin

from explainer.content.rawhtml import removed_parts, url_problem
from explainer.errors import Problem, problem
from explainer.model import Article, Block, Override

# Block kinds by the token that opens the inline content's nearest container.
_CONTAINERS = {
    "heading_open": "heading",
    "list_item_open": "item",
    "blockquote_open": "blockquote",
    "th_open": "table",
    "td_open": "table",
}


def make_parser(allow_html: bool = False, typographer: bool = False) -> MarkdownIt:
    """A markdown-it parser: CommonMark, tables, attribute spans; raw HTML off unless asked.

    Every link parses as a link, so a ``javascript:`` link reads as its text (not as
    its Markdown source) both here and in the page; ``_drop_unsafe_links`` then takes
    the link away and notes it in the parse's env for a warning. ``typographer`` (for
    pages) turns straight quote marks into curly ones, one character for one, so the
    offsets annotations were found at stay true; code is never touched.
    """
    md = MarkdownIt("commonmark", {"html": allow_html, "typographer": typographer})
    md.enable("table")
    if typographer:
        md.enable("smartquotes")
    md.use(attrs_plugin, spans=True)
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.core.ruler.after("inline", "drop_unsafe_links", _drop_unsafe_links)
    return md


def _drop_unsafe_links(state: StateCore) -> None:
    """Replace each link or image whose URL has an unsafe scheme by its text; list them in ``env["unsafe"]``."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        kept: list[Token] = []
        depth: list[bool] = []  # for each open link: whether it is dropped (its link_close goes too)
        for child in token.children:
            if child.type == "link_open":
                bad = url_problem(str(child.attrs.get("href", "")))
                depth.append(bool(bad))
                if bad:
                    state.env.setdefault("unsafe", []).append((token.map[0] if token.map else 0,
                                                               str(child.attrs.get("href", "")), bad))
                    continue
            elif child.type == "link_close" and depth:
                if depth.pop():
                    continue
            elif child.type == "image" and (bad := url_problem(str(child.attrs.get("src", "")))):
                state.env.setdefault("unsafe", []).append((token.map[0] if token.map else 0,
                                                           str(child.attrs.get("src", "")), bad))
                text = Token("text", "", 0)
                text.content = child.content
                kept.append(text)
                continue
            kept.append(child)
        token.children = kept


def unsafe_links(md: MarkdownIt, body: str) -> list[tuple[int, str, str]]:
    """Each link the parser dropped from ``body``: its line (0-based in the body), URL and why."""
    env: dict[str, list[tuple[int, str, str]]] = {}
    md.parse(body, env)
    return env.get("unsafe", [])


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


def markup_problems(article: Article, allow_html: bool = False) -> tuple[Problem, ...]:
    """Warnings for what the page will not show as written: unsafe links, and raw HTML shown as text or cut."""
    found = [problem(article.path, article.body_line + line, f"link to {url[:40]!r} removed (its text is kept): {why}",
                     "warning") for line, url, why in unsafe_links(make_parser(allow_html), article.body)]
    raw = MarkdownIt("commonmark", {"html": True})
    for token in raw.parse(article.body):
        line = article.body_line + (token.map[0] if token.map else 0)
        fragments = [token] if token.type == "html_block" else [
            c for c in token.children or () if c.type == "html_inline"] if token.type == "inline" else []
        opening = [f for f in fragments if not f.content.startswith("</")]
        if not allow_html and opening:  # one warning a block, naming its first tag
            tag = opening[0].content.strip().split("\n")[0][:40]
            found.append(problem(article.path, line, f"raw HTML {tag!r} is shown as text; set allow_html = true "
                                                     "in explainer.toml to let safe HTML through", "warning"))
            continue
        for fragment in fragments if allow_html else ():
            for part in dict.fromkeys(removed_parts(fragment.content)):
                found.append(problem(article.path, line, f"raw HTML: {part} is removed (allow_html lets only "
                                                         "safe HTML through; see README, Raw HTML)", "warning"))
    return tuple(found)

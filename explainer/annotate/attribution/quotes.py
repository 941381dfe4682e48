"""Finding quoted stretches on characters, before and independently of tokenisation.

Quote marks are read one block at a time with a small state machine. A mark's
direction is read from its neighbours (a curly mark's shape decides only when
they do not). Two apostrophes or two backticks are the typewriter's double
mark, whatever other marks the text uses. Single marks count only in a text
written in single quotes (and never when they are apostrophes); inside a
double-quoted text they are nested quotes and are simply part of the quoted
words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Sequence

from explainer.annotate.lexicon import SHOUT_NOUNS, TITLE_LEADS, TITLE_SMALL_WORDS, TITLED_NOUNS
from explainer.errors import Problem, problem
from explainer.model import Block, Segment

OPEN, CLOSE, EITHER = "open", "close", "either"

# Blocks a quote may run on into (AP style) -- a heading always ends a quote.
_RUNNING_KINDS = ("paragraph", "item", "blockquote")
# What may stand right before an opening mark / right after a closing one.
_BEFORE_OPEN = "([{—–-/"
_AFTER_CLOSE = ".,;:!?)]}—–-…/"
# A single mark that elides letters: ’90s, ’em, ’til, rock ’n’ roll.
_ELISION = re.compile(r"(\d\d|em\b|til\b|tis\b|twas\b|cause\b|n\b)", re.I)
_WORD = re.compile(r"\w+")
# "WALLACE: Let's start ..." opening a quoted transcript turn.
LABEL = re.compile(r"(?:\([A-Z .]+\)\s*)?([A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,2}):\s")
# An HTML tag pasted into copy (an embedded tweet): its attribute values are quoted but never said.
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w:-]+(?:=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s>]+))?)*\s*/?>")
# Marks left at the edge of quoted words by a malformed run such as “A““.
_STRAY = "\"“”"


@dataclass(frozen=True)
class Mark:
    """A quote mark: where it is, which way it faces, and its family."""

    block: int
    pos: int
    facing: str  # OPEN, CLOSE or EITHER
    single: bool
    first: int  # where a run of repeated marks ("") starts; ``pos`` is the mark that counts


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted words (without the marks), possibly over several blocks."""

    segments: tuple[Segment, ...]
    text: str
    open_mark: tuple[int, int]  # (block, position) of the opening mark
    close_mark: tuple[int, int] | None  # None when the quote was never closed
    partial: bool  # a fragment woven into the reporter's sentence
    title: bool = False  # a name of a work or show ("on “Fox News Sunday”"), not speech

    @property
    def block(self) -> int:
        """The block the quote opens in."""
        return self.segments[0].block

    @property
    def words(self) -> int:
        """How many words the quote has."""
        return len(_WORD.findall(self.text))

    def lead(self, blocks: Sequence[Block]) -> str:
        """The text of the quote's block before its opening mark ("" if its words start in a later block)."""
        block, pos = self.open_mark
        if block != self.segments[0].block:
            return ""
        return blocks[block].text[: _run_start(blocks[block].text, pos)]


def _run_start(text: str, pos: int) -> int:
    """Where the mark at ``pos`` starts: a typewriter '' or `` is one mark of two characters."""
    while pos > 0 and text[pos] in "'`" and text[pos - 1] == text[pos]:
        pos -= 1
    return pos


def _facing(text: str, i: int, last: int | None = None) -> str:
    """Which way a mark (or run of marks) at ``text[i:last + 1]`` faces, judged from its neighbours."""
    last = i if last is None else last
    prev = text[i - 1] if i > 0 else " "
    nxt = text[last + 1] if last + 1 < len(text) else " "
    opens = (prev.isspace() or prev in _BEFORE_OPEN) and not nxt.isspace()
    closes = (nxt.isspace() or nxt in _AFTER_CLOSE) and not prev.isspace()
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    return EITHER


def _single_facing(text: str, i: int, last: int | None = None) -> str | None:
    """Which way a single mark (or a typewriter '' run) faces, or None when it is an apostrophe."""
    last = i if last is None else last
    prev = text[i - 1] if i > 0 else " "
    nxt = text[last + 1] if last + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return None  # don't, O’Brien
    if _ELISION.match(text, last + 1) and not prev.isalnum():
        return None  # ’90s, ’em
    facing = _facing(text, i, last)
    if text[i] == "‘":
        return OPEN if facing != CLOSE else None
    if facing == OPEN and text[i] == "’":
        return None  # a leading ’ that is no elision we know: still not an opener
    return facing if facing != EITHER else None


def _marks(block: Block, single_style: bool) -> list[Mark]:
    """The quote marks of the main family in a block, runs of one mark read as one."""
    text = _TAG.sub(lambda m: " " * len(m.group()), block.text)  # '<time datetime="...">' holds no speech
    marks: list[Mark] = []
    i = 0
    while i < len(text):
        ch = text[i]
        run = i
        while run + 1 < len(text) and text[run + 1] == ch:
            run += 1  # a doubled mark, as in ""China-Russia
        facing: str | None = None
        if _typewriter(text, i, run):
            facing = _facing(text, i, run)  # '' or ``: one double mark, whatever else the text uses
            if ch == "`" and facing == EITHER:
                facing = OPEN
        elif not single_style and ch in "“”\"":
            # Read by its neighbours, a curly mark too: “abhorrent“ before a space is a closer typed wrong.
            facing = _facing(text, i, run)
            if facing == EITHER and ch != '"':
                facing = OPEN if ch == "“" else CLOSE
        elif single_style and ch in "‘’'":
            facing = _single_facing(text, i, run)
        if facing is not None:
            pos = run if facing == OPEN else i
            marks.append(Mark(block.index, pos, facing, single_style, i))
        i = run + 1
    return marks


def _typewriter(text: str, i: int, run: int) -> bool:
    """Two apostrophes or two backticks: the typewriter's double quote mark (''...'' or ``...''), never two
    single marks. Three are a nested single mark beside it ("... go home,''' said Lee")."""
    return (run == i + 1 and text[i] in "'`") or (run == i + 2 and text[i] == "'")


def uses_single_quotes(blocks: Sequence[Block]) -> bool:
    """Whether a text quotes with single marks: a single opener and no double marks (a typewriter '' is one)."""
    doubles = singles = 0
    for block in blocks:
        text = block.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch in "“”\"" or (ch in "'`" and text[i + 1: i + 2] == ch):
                doubles += 1
                i += 1
                while ch in "'`" and i < len(text) and text[i] == ch:
                    i += 1
                continue
            if ch in "‘'" and _single_facing(text, i) == OPEN:
                singles += 1
            i += 1
    return singles >= 1 and doubles == 0


def _opens_block(block: Block, single_style: bool) -> bool:
    """Whether a block starts with an opening mark that carries on an open quote (AP style).

    A transcript turn ("PENCE: ...") starts a quote of its own even so.
    """
    marks = _marks(block, single_style)
    lead = len(block.text) - len(block.text.lstrip())
    return (bool(marks) and marks[0].facing != CLOSE and marks[0].pos <= lead + 1
            and not LABEL.match(block.text, marks[0].pos + 1))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past surrounding spaces and a trailing comma."""
    while start < end and (text[start].isspace() or text[start] in _STRAY):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _STRAY + ","):
        end -= 1
    return start, end


def _is_partial(blocks: Sequence[Block], first: Segment, text: str, open_mark: tuple[int, int]) -> bool:
    """A fragment rather than a sentence: lower-case start, or a short run with no full stop."""
    letters = [c for c in text if c.isalpha()]
    if not letters or letters[0].islower():
        return True
    if len(_WORD.findall(text)) >= 4 or text.rstrip()[-1:] in ".?!…":
        # A capitalised stretch woven after a word (a title: the "Shark Tank" episode)
        before = blocks[first.block].text[: _run_start(blocks[first.block].text, open_mark[1])].rstrip() \
            if open_mark[0] == first.block else ""
        return len(_WORD.findall(text)) < 4 and bool(before) and before[-1].isalpha()
    return True


def _is_title(before: str, text: str) -> bool:
    """Capitalised words right after a preposition or determiner: a title, not a quotation."""
    words = _WORD.findall(text)
    if not words or len(words) > 8 or any(w[0].islower() and w not in TITLE_SMALL_WORDS for w in words):
        return False
    lead = [w.lower() for w in _WORD.findall(before[-40:]) if not w.isdigit()]  # "in his 1994 “Contract ...”"
    if len(lead) >= 2 and lead[-1] in ("of", "for") and lead[-2] in SHOUT_NOUNS:
        return False  # 'chants of "Vote them out!"': what the crowd shouted
    return bool(lead) and (lead[-1] in TITLE_LEADS or lead[-1] in TITLED_NOUNS)


_NICK_BEFORE = re.compile(r"\b[A-Z][\w.’'-]*\s$")
_NICK_AFTER = re.compile(r"\s[A-Z][\w’'-]+")


def _is_nickname(before: str, text: str, after: str) -> bool:
    """A capitalised word or two between a first name and a surname: Marcia "Cia" Price."""
    words = _WORD.findall(text)
    return (0 < len(words) <= 2 and all(w[0].isupper() for w in words) and text[-1:].isalnum()
            and bool(_NICK_BEFORE.search(before)) and bool(_NICK_AFTER.match(after)))


def _span(blocks: Sequence[Block], pieces: list[Segment], open_mark: tuple[int, int],
          close_mark: tuple[int, int] | None) -> QuoteSpan | None:
    """Build a QuoteSpan from raw pieces, or None when nothing is quoted."""
    segments = []
    for seg in pieces:
        start, end = _trim(blocks[seg.block].text, seg.start, seg.end)
        if end > start:
            segments.append(Segment(seg.block, start, end))
    if not segments or not any(_WORD.search(blocks[s.block].text[s.start:s.end]) for s in segments):
        return None
    label = LABEL.match(blocks[segments[0].block].text, segments[0].start)
    if label and label.end() < segments[0].end:
        # "PENCE: She will not": the label says who speaks (frames.by_signature reads it); it was not said.
        segments[0] = Segment(segments[0].block, label.end(), segments[0].end)
    text = " ".join(blocks[s.block].text[s.start:s.end] for s in segments)
    partial = _is_partial(blocks, segments[0], text, open_mark)
    block_text = blocks[open_mark[0]].text
    after = block_text[close_mark[1] + 1:] if close_mark is not None and close_mark[0] == open_mark[0] else ""
    return QuoteSpan(tuple(segments), text, open_mark, close_mark, partial,
                     _is_title(block_text[: open_mark[1]], text) or _is_nickname(block_text[: open_mark[1]], text,
                                                                                   after))


def _scan(blocks: Sequence[Block], single: bool
          ) -> Iterator[tuple[QuoteSpan | None, tuple[int, int] | None]]:
    """Yield each quote found, with its opening mark's place when it was never closed."""
    pieces: list[Segment] = []  # the open quote so far, one piece per block
    open_at: tuple[int, int] | None = None  # (block, position) of the open quote's mark
    for block in blocks:
        marks = _marks(block, single)
        start = None  # where the open quote's words start in this block
        if open_at is not None:
            if marks and _opens_block(block, single):
                start = marks.pop(0).pos + 1  # AP style: the quote runs on
            else:
                yield _span(blocks, pieces, open_at, None), open_at
                pieces, open_at = [], None
        skip: set[int] = set()
        for n, mark in enumerate(marks):
            if n in skip:
                continue
            if open_at is None:
                if mark.facing != CLOSE:
                    start, open_at = mark.pos + 1, (block.index, mark.pos)
                continue
            inner = _nested_pair(blocks, marks, n, open_at)
            if inner is not None:
                skip.add(inner)  # the pair stays part of the quoted words
                continue
            pieces.append(Segment(block.index, start or 0, mark.first))
            if mark.facing == OPEN:
                # An opening mark inside a quote: the earlier quote was never closed.
                yield _span(blocks, pieces, open_at, None), open_at
                pieces, start, open_at = [], mark.pos + 1, (block.index, mark.pos)
            else:
                yield _span(blocks, pieces, open_at, (block.index, mark.pos)), None
                pieces, start, open_at = [], None, None
        if open_at is None:
            continue
        pieces.append(Segment(block.index, start or 0, len(block.text)))
        nxt = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
        runs_on = (nxt is not None and block.kind in _RUNNING_KINDS and nxt.kind in _RUNNING_KINDS
                   and _opens_block(nxt, single))
        if not runs_on:
            yield _span(blocks, pieces, open_at, None), open_at
            pieces, open_at = [], None


def _family(blocks: Sequence[Block], block: int, pos: int) -> str:
    """A double mark's family: straight ", typewriter '' (or ``), or curly."""
    ch = blocks[block].text[pos]
    return "'" if ch in "'`" else ch if ch == '"' else "curly"


def _nested_pair(blocks: Sequence[Block], marks: list[Mark], n: int, open_at: tuple[int, int]) -> int | None:
    """Where the closer of a nested pair opened at ``marks[n]`` is, if it is one.

    Pasted copy mixes the two double marks: inside a quote opened with " a “...” pair
    (or inside “ a "..." pair) is a quote within the quote, not a new one.
    """
    mark = marks[n]
    if mark.single or mark.facing != OPEN:
        return None
    family = _family(blocks, mark.block, mark.pos)
    if family == _family(blocks, *open_at):
        return None
    closer = next((i for i in range(n + 1, len(marks)) if _family(blocks, mark.block, marks[i].pos) == family), None)
    if closer is None or marks[closer].facing == OPEN:
        return None
    # Nested when the outer quote closes after it, or when it is a title ("an episode of “Shark Tank.”"); an
    # excerpt opened and never closed may hold real quotes of its own ("... chanting “U-S-A!”"), kept apart.
    text = blocks[mark.block].text
    outer_closes = any(_family(blocks, mark.block, m.pos) != family and m.facing != OPEN for m in marks[closer + 1:])
    return closer if outer_closes or _is_title(text[: mark.first], text[mark.pos + 1: marks[closer].first]) else None


def scan_quotes(blocks: Sequence[Block], path: str, source: str
                ) -> tuple[tuple[QuoteSpan, ...], tuple[Problem, ...]]:
    """Every quoted stretch in the blocks, in text order, and a warning per unclosed quote."""
    single = uses_single_quotes(blocks)
    spans: list[QuoteSpan] = []
    problems: list[Problem] = []
    for span, unclosed in _scan(blocks, single):
        if unclosed is not None:
            block = blocks[unclosed[0]]
            line = block.line_at(unclosed[1], source) if source else block.line
            problems.append(problem(path, line, "quote opened here is never closed; "
                                    "it is taken to end with its paragraph", "warning"))
        if span is not None:
            spans.append(span)
    return tuple(spans), tuple(problems)

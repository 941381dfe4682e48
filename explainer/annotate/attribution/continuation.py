"""Which quotes with no speaker of their own go on from the quote before, and so are its speaker's.

A quote broken by its own frame ('"a," she said, "b"') resumes; a whole quote in the same paragraph, or opening
the next one, goes on. A fragment (a few quoted words woven into the reporter's sentence) that no frame rule
claims is dropped as a scare quote ('the so-called "rebels"') unless it goes on from an earlier quote in its
paragraph: three words or more, not a capitalised name, and not put in someone else's mouth by its own clause.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Token

from explainer.annotate.attribution.context import Passage
from explainer.annotate.attribution.quotes import QuoteSpan
from explainer.annotate.glossary.names import entity_at
from explainer.annotate.lexicon import PERSON_ROLES, SPEAKING_THINGS, TITLE_SMALL_WORDS
from explainer.model import Block

_SPEAKING_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_WORD = re.compile(r"[\w’'-]+")
# The links from a clause up to the one that reports it ("worried that X was becoming '...'").
_COMPLEMENTS = frozenset({"ccomp", "xcomp"})


def resumes(prev: QuoteSpan, span: QuoteSpan, blocks: Sequence[Block]) -> bool:
    """Whether a quote is the second half of one interrupted by its frame: '"a," X said, "b"'."""
    if prev.close_mark is None or prev.close_mark[0] != span.open_mark[0]:
        return False
    text = blocks[span.open_mark[0]].text
    between = text[prev.close_mark[1] + 1: span.open_mark[1]].strip("\"“”'` ")
    broke = text[: prev.close_mark[1]].rstrip("\"“”'` ").endswith(",") or between.startswith(",")
    return broke and between.endswith(",") and 2 <= len(between.strip(", ").split()) <= 10


def continues(prev: QuoteSpan, span: QuoteSpan, passage: Passage) -> bool:
    """Whether a quote with no speaker of its own is the earlier speaker's: a whole quote that goes on from it, or
    a fragment of three words or more later in its paragraph (a scare quote is one or two words) that
    ``_carries_on``."""
    if not span.partial:
        return _goes_on(prev, span, passage.blocks)
    return span.segments[0].block == prev.segments[-1].block and len(span.text.split()) >= 3 \
        and _carries_on(span, passage)


def _goes_on(prev: QuoteSpan, span: QuoteSpan, blocks: Sequence[Block]) -> bool:
    """Whether a quote follows on from the one before: same paragraph, or opening the next one."""
    first = span.segments[0]
    if first.block == prev.segments[-1].block:
        return True
    opens = not span.lead(blocks).strip()
    return opens and first.block - prev.segments[-1].block == 1


def _carries_on(span: QuoteSpan, passage: Passage) -> bool:
    """Whether a fragment with no speaker of its own can be the words of the paragraph's earlier speaker: it is
    not a capitalised name (a programme, a slogan, a show: "Safe Nights For All") and no one else is the subject
    of its clause or of the clause reporting it ("Reyes worried the shelter was '...'" is not the earlier
    speaker's)."""
    words = _WORD.findall(span.text)
    if not words or all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words):
        return False
    anchor = _anchor(span, passage)
    if anchor is None:
        return True
    subjects = _clause_subjects(anchor.head) if anchor.head.i != anchor.i else []
    return not any(s.pos_ != "PRON" and _speaks(s) for s in subjects)


def _anchor(span: QuoteSpan, passage: Passage) -> Token | None:
    """The fragment's word that hangs on the reporter's sentence (its head outside the fragment)."""
    seg = span.segments[0]
    view = passage.views[seg.block]
    m_start, m_end = view.to_masked(seg.start), view.to_masked(seg.end - 1) + 1
    inside = [t for t in view.doc if m_start <= t.idx < m_end]
    ids = {t.i for t in inside}
    return next((t for t in inside if t.head.i not in ids), None)


def _clause_subjects(token: Token) -> list[Token]:
    """The subjects of the clause a word belongs to and of the clauses that report it: up through nouns to the
    verb, then up complement links ("Reyes worried [the shelter was '...']": the shelter, then Reyes)."""
    while token.pos_ not in ("VERB", "AUX"):
        if token.head.i == token.i:
            return []
        token = token.head
    subjects = []
    for _ in range(6):
        subjects += [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if token.dep_ not in _COMPLEMENTS or token.head.i == token.i:
            break
        token = token.head
    return subjects


def _speaks(head: Token) -> bool:
    """Whether a clause subject names someone who could have said a fragment: a person, body or people, a role
    or a speaking thing. Narrower than ``can_speak``: a place ("Philadelphia") or a plural common noun
    ("comments") is the subject of many a sentence that quotes a term, not words."""
    ent = entity_at(head)
    if ent is not None:
        return ent.label_ in _SPEAKING_LABELS
    lemma = head.lemma_.lower()
    return head.pos_ == "PROPN" or lemma in PERSON_ROLES or lemma in SPEAKING_THINGS

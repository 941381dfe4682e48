"""Where a quote's speaker is named: the rules that read the text around a quote.

Each rule takes the quote and the article's ``Passage`` (see ``context``) and
returns a Mentioned (the words naming the speaker, not yet resolved to anyone)
or None to leave the quote to the next rule:

1. a speech cue in the quote's own sentence, with its subject as the speaker,
   read on the block's parse with full quotes masked;
2. a colon lead-in ("Lavrov said:") just before the quote;
3. a signature ("― Carla Sanchez") after it, or a transcript label ("PENCE:");
4. the main subject of the reporter's sentence just before the quote in its paragraph.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Span, Token

from explainer.annotate.attribution.context import (
    MARKS,
    Mentioned,
    Passage,
    View,
    mention_of,
    outside,
)
from explainer.annotate.attribution.cues import (
    governing_cues,
    is_cue,
    name_before,
    subject_of,
    word_stems,
)
from explainer.annotate.attribution.phrases import can_speak
from explainer.annotate.attribution.quotes import LABEL, QuoteSpan
from explainer.annotate.glossary.names import appositive, entity_at
from explainer.annotate.lexicon import INVERTIBLE_CUES, PRONOUNS, STATEMENT_NOUNS


def by_cue(span: QuoteSpan, passage: Passage) -> Mentioned | None:
    """Rule 1: a cue in the quote's own sentence, outside any quote, and its subject."""
    segments = [span.segments[0]] + ([span.segments[-1]] if len(span.segments) > 1 else [])
    for seg in segments:
        view, ranges = passage.views[seg.block], passage.quoted.get(seg.block, [])
        m_start, m_end = view.to_masked(seg.start), view.to_masked(seg.end - 1) + 1
        inside = [t for t in view.doc if m_start <= t.idx < m_end]
        sents = [s for s in view.doc.sents if s.start_char <= m_end and s.end_char >= m_start - 1]
        if sents and sents[-1].end < len(view.doc) and sents[-1].end_char <= view.mask_end(m_end) + 2:
            nxt = view.doc[sents[-1].end]
            if nxt.is_lower or nxt.pos_ == "PRON" or _bare_report(nxt.sent):
                sents.append(nxt.sent)  # '"...?" Trump said' split after the quote
        frame = [t for s in sents for t in s if t in inside or outside(view, ranges, t)]
        for cue in governing_cues(frame, inside, manner=not span.partial):
            head = _speaking(subject_of(cue) or name_before(cue))
            if head is None and _unnamed_sayer(cue, inside):
                break  # 'what is being called a "..."': the cue holding the quote names no one
            if head is not None and outside(view, ranges, head):
                if span.partial:
                    head = _reporter_of(cue, head, view, ranges)
                return mention_of(head, view, seg.block)
    return None


def _unnamed_sayer(cue: Token, inside: Sequence[Token]) -> bool:
    """A passive cue with no agent right above the quote: "what is described as a '...'" names no speaker."""
    kids = list(cue.children)
    return (any(c.dep_ == "auxpass" for c in kids) and not any(c.dep_ == "agent" for c in kids)
            and any(t.head.i == cue.i or (t.head.head.i == cue.i and t.head.dep_ == "prep") for t in inside))


def _reporter_of(cue: Token, head: Token, view: View, ranges: list[tuple[int, int]]) -> Token:
    """For a fragment under a cue that is itself reported ("Lee said the ad 'wrongly' suggests ..."), the
    outer reporter: the quote marks are the reporter's words."""
    link = cue
    for outer in cue.ancestors:
        if link.dep_ in ("conj", "advcl"):
            break  # "Kevin dozed off and Trump went on about ...": a clause of its own, not a report
        link = outer
        if is_cue(outer) and outside(view, ranges, outer):
            reporter = _speaking(subject_of(outer))
            if reporter is not None and reporter.i != head.i and outside(view, ranges, reporter):
                return reporter
    return head


def _speaking(head: Token | None) -> Token | None:
    """A cue's subject if it can speak, else a person in apposition to it ("the election, Jo Hale, ...")."""
    if head is None or can_speak(head, entity_at(head)):
        return head
    app = appositive(head)
    return app if app is not None and can_speak(app, entity_at(app)) else None


def _bare_report(sent: Span) -> bool:
    """A sentence that opens with "Name said" and reports nothing of its own: a quote's tail.

    "Trump said, looking at the crowd." qualifies; "Trump said the plan failed." does not.
    """
    cue = next((t for t in sent[:20] if is_cue(t)), None)
    if cue is None or any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > cue.i for c in cue.children):
        return False
    head = subject_of(cue)
    return head is not None and head.i < cue.i and all(t.i in {s.i for s in head.subtree} or t.is_punct
                                                       for t in sent[: cue.i - sent.start])


_INVERTED_LEAD_IN = re.compile(r"(?:^|[.!?]\s+)([A-Z][a-z]+)\s+"
                               r"((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*){0,3}):$")


def by_lead_in(span: QuoteSpan, passage: Passage) -> Mentioned | None:
    """Rule 2: "X said:" ending the text just before the quote (same or previous paragraph)."""
    blocks, views = passage.blocks, passage.views
    seg = span.segments[0]
    before = blocks[seg.block].text[: max(seg.start - 1, 0)].rstrip()
    index, view = seg.block, views[seg.block]
    if not before and seg.block > 0:
        index, view = seg.block - 1, views[seg.block - 1]
        before = blocks[index].text.rstrip()
    if not before.endswith(":"):
        return None
    inverted = _INVERTED_LEAD_IN.search(before)
    if inverted and word_stems(inverted.group(1).lower()) & (INVERTIBLE_CUES | {"ask"}):
        # "Said Ellis:", "Continued Stone:" -- the tagger reads "Said Ellis" as one name
        return Mentioned(inverted.group(2), "person", index, inverted.start(2), inverted.end(2),
                         head=inverted.start(2))
    colon = view.to_masked(len(before) - 1)
    sent = next((s for s in view.doc.sents if s.start_char <= colon < s.end_char), None)
    if sent is None:
        return None
    ranges = passage.quoted.get(index, [])
    cues = [t for t in sent if t.idx < colon and is_cue(t) and outside(view, ranges, t)]
    for cue in sorted(cues, key=lambda t: colon - t.idx):
        head = (None if span.partial else _author_of_object(cue)) or _speaking(subject_of(cue))
        if head is not None and outside(view, ranges, head):
            return mention_of(head, view, index)
    if index == seg.block and not span.partial:
        # "Obama has a new message: “...”": with no cue, a named person acting in the lead-in speaks.
        tops = [t for t in sent if t.idx < colon and (t.head.idx > colon or t.head.i == t.i)]
        for top in tops:  # the heads of the lead-in's clauses
            head = next((c for c in top.children if c.dep_ == "nsubj"), None)
            if head is not None and head.ent_type_ == "PERSON" and outside(view, ranges, head):
                return mention_of(head, view, index)
    return None


def _author_of_object(cue: Token) -> Token | None:
    """'Fact-checkers rated this statement by Lee:' -- the quote that follows is the statement, Lee's."""
    for obj in (c for c in cue.children if c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS):
        # The parser often hangs "by Lee" on the active verb rather than on the statement.
        holders = list(obj.children) + [c for c in cue.children if c.i > obj.i and c.dep_ == "prep"]
        by = [g for p in holders if p.lower_ == "by" for g in p.children if g.dep_ == "pobj"]
        owners = by + [c for c in obj.children if c.dep_ == "poss"]
        if owners and owners[0].pos_ == "PROPN":
            return owners[0]
    return None


# "“...” ― Carla Sanchez." ending a paragraph (or a line before the next quote): a signature.
_SIGNATURE = re.compile(r"""\s*[―—–-]{1,2}\s*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})"""
                        r"""(?:,\s*([^.“"]{1,80}))?\.?\s*(?:$|(?=[“"]))""")
_LATER_SIGNATURE = re.compile(r"""\s[―—]\s*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})"""
                              r"""(?:,\s*([^.“"]{1,80}))?\.?\s*(?:$|(?=[“"]))""")


def by_signature(span: QuoteSpan, passage: Passage) -> Mentioned | None:
    """Rule 2b: a dash and a name after the quote, or a speaker label opening a transcript turn."""
    if span.close_mark is not None:
        index, pos = span.close_mark
        text = passage.blocks[index].text
        while pos < len(text) and text[pos] in MARKS:
            pos += 1
        # The signature right after the quote, else the next one in the paragraph: a testimonial
        # may hold a second quotation ("... money.” And that is all he has “...” ― Jo Hale.).
        m = _SIGNATURE.match(text, pos) or _LATER_SIGNATURE.search(text, pos)
        if m:
            name = re.sub(r"(\w\w)\.$", r"\1", m.group(1))  # a full stop, not an initial's
            return Mentioned(name, "person", index, m.start(1), m.start(1) + len(name),
                             role=m.group(2), head=m.start(1))
    block, mark = span.open_mark
    m = LABEL.match(passage.blocks[block].text, mark + 1)
    if m:
        name = m.group(1).title()
        return Mentioned(name, "person", block, m.start(1), m.end(1), head=m.start(1))
    return None


def by_preceding_subject(span: QuoteSpan, passage: Passage) -> Mentioned | None:
    """Rule 4: a quote standing as its own sentence after a reporter's sentence in its paragraph.

    'Sanders identified young voters as the key. "They are sick of it."': the
    main subject of the sentence just before speaks, if it is a name or pronoun.
    """
    seg = span.segments[0]
    view, ranges = passage.views[seg.block], passage.quoted.get(seg.block, [])
    opening = view.to_masked(max(seg.start - 1, 0))
    sents = list(view.doc.sents)
    here = next((i for i, s in enumerate(sents) if s.start_char <= opening < s.end_char), None)
    if not here or sents[here].start_char < opening - 1:
        return None  # the quote does not start its sentence, or nothing comes before it
    before = sents[here - 1]
    if not outside(view, ranges, before.root):
        return None  # the sentence before is itself quoted (a title inside it is fine)
    head = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if head is None or head.pos_ not in ("PROPN", "PRON") or not can_speak(head, entity_at(head)):
        return None
    if head.pos_ == "PRON" and head.lower_ not in PRONOUNS:
        return None  # "All of this is documented." names no one
    return mention_of(head, view, seg.block)


def cue_between(prev: QuoteSpan, span: QuoteSpan, passage: Passage) -> bool:
    """Whether a speech cue stands outside quotes after the earlier quote's paragraph.

    The earlier quote's own paragraph holds its own cue, so it does not count.
    """
    last = span.segments[0]
    for index in range(prev.segments[-1].block + 1, last.block + 1):
        view, ranges = passage.views[index], passage.quoted.get(index, [])
        hi = view.to_masked(last.start) if index == last.block else len(view.doc.text)
        if any(t.idx < hi and is_cue(t) and outside(view, ranges, t) for t in view.doc):
            return True
    return False

"""Where a quote's speaker is named: the rules that read the text around a quote.

Each rule returns a Mentioned (the words naming the speaker, not yet resolved to
anyone) or None to leave the quote to the next rule:

1. a speech cue in the quote's own sentence, with its subject as the speaker;
   the paragraph is re-parsed with full quotes masked by a short sentence, so a
   long quotation does not swamp the parse of the reporting frame;
2. a colon lead-in ("Lavrov said:") just before the quote;
3. a signature ("― Carla Sanchez") after it, or a transcript label ("PENCE:");
4. the main subject of the reporter's sentence just before the quote in its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from explainer.annotate.attribution.cues import (appositive, can_speak, entity_at, governing_cues, is_cue, is_name_word, kind_of,
                                     phrase, role_phrase, subject_of, text_of)
from explainer.annotate.lexicon import (DOCUMENTS, HONORIFICS, PERSON_ROLES, PRONOUNS, SPEAKING_THINGS, SUBJECT_FORMS,
                                        TITLE_ROLES)
from explainer.annotate.attribution.people import name_before
from explainer.annotate.attribution.quotes import LABEL, QuoteSpan
from explainer.model import Block

# A short full sentence parses as the complement of a reporting verb.
PLACEHOLDER = "Things are fine"
_MARKS = "\"“”‘’'"
# What a quote after a colon can be: "... rated this statement by Lee: '...'".
_STATEMENTS = frozenset("statement claim remark comment tweet quote words assertion".split())


@dataclass(frozen=True)
class View:
    """A block as parsed for attribution: full quotes masked, with the offset map back."""

    doc: Doc
    masks: tuple[tuple[int, int, int, int], ...] = ()  # masked start/end, original start/end

    def to_orig(self, pos: int) -> int:
        """The block-text offset of a position in the masked text."""
        return _carry(pos, self.masks)

    def mask_end(self, pos: int) -> int:
        """The end of the mask that a masked-text position lies in (or the position itself)."""
        return next((m_end for m_start, m_end, _, _ in self.masks if m_start <= pos <= m_end), pos)

    def to_masked(self, pos: int) -> int:
        """The masked-text offset of a block-text position."""
        return _carry(pos, tuple((o_start, o_end, m_start, m_end) for m_start, m_end, o_start, o_end in self.masks))


def _carry(pos: int, spans: tuple[tuple[int, int, int, int], ...]) -> int:
    """A position in one text carried to the other, given spans (start, end in this text; start, end in that)."""
    shift = 0
    for start, end, other_start, other_end in spans:
        if pos < start:
            break
        if pos < end:
            return other_start
        shift = other_end - end
    return pos + shift

@dataclass(frozen=True)
class Mentioned:
    """A speaker as the text names it at one place (before resolution)."""

    name: str
    kind: str
    block: int
    start: int  # block-text offsets of the name
    end: int
    role: str | None = None
    pronoun: bool = False
    role_noun: bool = False  # "the spokesman": a role standing for a name
    head: int = -1  # block-text offset of the phrase's head word ("officials" in "U.S. officials")


def bodies_of(docs: Sequence[Doc], quoted: dict[int, list[tuple[int, int]]]) -> list[Mentioned]:
    """Groups and organizations acting as clause subjects outside quotes: antecedents for "they" and "it"."""
    found = []
    for index, doc in enumerate(docs):
        view, ranges = View(doc), quoted.get(index, [])
        for token in doc:
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON" or not _outside(view, ranges, token):
                continue
            ent = entity_at(token)
            if kind_of(token, ent) == "person" or not can_speak(token, ent):
                continue
            lemma = token.lemma_.lower()
            if lemma in DOCUMENTS and any(c.dep_ == "poss" for c in token.children):
                continue  # "Trump's statement was true": someone's words, not a body "they" could be
            if (ent is not None and ent.label_ in ("ORG", "NORP")) or lemma in PERSON_ROLES | SPEAKING_THINGS \
                    or (token.tag_ == "NNS" and lemma.endswith(("er", "or", "ist", "ian", "ant", "ent"))):
                found.append(_mention(token, view, index))
    return found


def views_of(blocks: Sequence[Block], docs: Sequence[Doc], spans: Sequence[QuoteSpan],
           parse: Callable[[Sequence[str]], Sequence[Doc]]) -> list[View]:
    """One View per block: blocks holding a full quote are re-parsed with the quote masked."""
    masked: dict[int, tuple[str, tuple[tuple[int, int, int, int], ...]]] = {}
    by_block: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        if not span.partial:
            for seg in span.segments:
                by_block.setdefault(seg.block, []).append((seg.start, seg.end))
    for index, segments in by_block.items():
        text, out, masks, pos = blocks[index].text, [], [], 0
        for start, end in sorted(segments):
            start, end, mask = _mask(text, start, end)
            out.append(text[pos:start])
            m_start = sum(len(p) for p in out)
            out.append(mask)
            masks.append((m_start, m_start + len(mask), start, end))
            pos = end
        out.append(text[pos:])
        masked[index] = ("".join(out), tuple(masks))
    order = sorted(masked)
    parsed = dict(zip(order, parse([masked[i][0] for i in order]))) if order else {}
    return [View(parsed[i], masked[i][1]) if i in parsed else View(docs[i]) for i in range(len(blocks))]


def _mask(text: str, start: int, end: int) -> tuple[int, int, str]:
    """The stretch to mask for quoted words, marks included, and what replaces it.

    Marks are rewritten as plain straight marks so that any quoting style
    (curly, doubled, typewriter '') parses alike.
    """
    left = start
    while left > 0 and text[left - 1] in _MARKS:
        left -= 1
    right = end
    while right < len(text) and text[right] in ",.;:?!":
        right += 1
    inner = text[start:end].rstrip(_MARKS + " ")  # "... ‘super predator,’”": the comma sits inside
    punct = text[end:right] or (inner[-1] if inner and inner[-1] in ",.?!" else "")
    closed = right < len(text) and text[right] in _MARKS
    while right < len(text) and text[right] in _MARKS:
        right += 1
    if not closed:
        right = end  # nothing to close: keep what follows unmasked
        punct = text[end - 1] if text[end - 1] in ".?!" else ""
    mask = ('"' if left < start else "") + PLACEHOLDER + punct + ('"' if closed else "")
    return left, right, mask


def quoted_ranges(spans: Sequence[QuoteSpan]) -> dict[int, list[tuple[int, int]]]:
    """Per block, the character ranges inside quote marks (marks included)."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for seg in (seg for span in spans for seg in span.segments):
        ranges.setdefault(seg.block, []).append((seg.start - 1, seg.end + 1))
    return ranges


def _mention(head: Token, view: View, block: int) -> Mentioned:
    """What a speaker's head token names: a name with its role, a role noun, or a pronoun."""
    def located(tokens: list[Token], **kw: object) -> Mentioned:
        start = view.to_orig(tokens[0].idx)
        end = view.to_orig(tokens[-1].idx + len(tokens[-1].text) - 1) + 1
        return Mentioned(name=text_of(tokens), block=block, start=start, end=end,  # type: ignore[arg-type]
                         head=view.to_orig(head.idx), **kw)

    if head.lower_ in PRONOUNS and head.pos_ == "PRON":  # "him" is read as "he"
        return replace(located([head], kind=kind_of(head, None), pronoun=True),
                       name=SUBJECT_FORMS.get(head.lower_, head.text))
    ent = entity_at(head)
    app = appositive(head)
    app_ent = entity_at(app) if app is not None else None
    np = phrase(head)
    if ent is None and app_ent is not None and app_ent.label_ == "PERSON":
        name = [t for t in app_ent if t.lower_ not in HONORIFICS]
        return located(name, kind="person", role=text_of(np) or None)
    if ent is not None:
        name = _name_words(ent)
        role = [t for t in np if t.i < (name[0].i if name else ent.start)]  # with a title inside the entity
        if not role and name and name[0].i > 0 and head.doc[name[0].i - 1].lower_ in TITLE_ROLES:
            role = [head.doc[name[0].i - 1]]  # "Sen. Ann Cole" with the title left out of the phrase
        described = text_of(role_phrase(app)) if app is not None and app_ent is None else None
        bare_title = all(t.lower_ in TITLE_ROLES or t.lower_ in HONORIFICS for t in role)  # "Rep. Ann Cole, head of"
        role_text = described if bare_title and described else (text_of(role) if role else None)
        return located(name or [head], kind=kind_of(head, ent), role=role_text)
    return located(np, kind=kind_of(head, None), role_noun=_definite_role(head))


def _definite_role(head: Token) -> bool:
    """"The mayor", "this spokesman": a role that may stand for someone the text introduced ("a senior official",
    "officials" and "my father" name no one introduced: they stay as written)."""
    if head.pos_ != "NOUN" or head.tag_ != "NN" or head.lemma_.lower() not in PERSON_ROLES:
        return False
    kids = list(head.children)
    det = next((k.lower_ for k in kids if k.dep_ == "det"), None)
    return det in ("the", "this", "that") and not any(k.dep_ == "poss" for k in kids)


def _name_words(ent: Span) -> list[Token]:
    """A named entity's words without honorifics, possessives, or a verb the tagger swept in."""
    words: list[Token] = []
    for t in ent:
        if t.pos_ in ("VERB", "AUX", "CCONJ") or t.text == ",":
            break
        if is_name_word(t):
            words.append(t)
    return words


def _outside(view: View, ranges: list[tuple[int, int]], token: Token) -> bool:
    pos = view.to_orig(token.idx)
    return not any(a <= pos < b for a, b in ranges)


def by_cue(span: QuoteSpan, views: list[View], quoted: dict[int, list[tuple[int, int]]]) -> Mentioned | None:
    """Rule 1: a cue in the quote's own sentence, outside any quote, and its subject."""
    segments = [span.segments[0]] + ([span.segments[-1]] if len(span.segments) > 1 else [])
    for seg in segments:
        view, ranges = views[seg.block], quoted.get(seg.block, [])
        m_start, m_end = view.to_masked(seg.start), view.to_masked(seg.end - 1) + 1
        inside = [t for t in view.doc if m_start <= t.idx < m_end]
        sents = [s for s in view.doc.sents if s.start_char <= m_end and s.end_char >= m_start - 1]
        if sents and sents[-1].end < len(view.doc) and sents[-1].end_char <= view.mask_end(m_end) + 2:
            nxt = view.doc[sents[-1].end]
            if nxt.is_lower or nxt.pos_ == "PRON" or _bare_report(nxt.sent):
                sents.append(nxt.sent)  # '"...?" Trump said' split after the quote
        frame = [t for s in sents for t in s if t in inside or _outside(view, ranges, t)]
        for cue in governing_cues(frame, inside):
            head = _speaking(subject_of(cue) or name_before(cue))
            if head is None and _unnamed_sayer(cue, inside):
                break  # 'what is being called a "..."': the cue holding the quote names no one
            if head is not None and _outside(view, ranges, head):
                if span.partial:
                    head = _reporter_of(cue, head, view, ranges)
                return _mention(head, view, seg.block)
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
        if is_cue(outer) and _outside(view, ranges, outer):
            reporter = _speaking(subject_of(outer))
            if reporter is not None and reporter.i != head.i and _outside(view, ranges, reporter):
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


_INVERTED_LEAD_IN = re.compile(r"(?:^|[.!?]\s+)(?:Said|Says|Added|Adds|Asked|Asks|Wrote|Writes)\s+"
                               r"((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*){0,3}):$")


def by_lead_in(span: QuoteSpan, blocks: Sequence[Block], views: list[View],
                quoted: dict[int, list[tuple[int, int]]]) -> Mentioned | None:
    """Rule 2: "X said:" ending the text just before the quote (same or previous paragraph)."""
    seg = span.segments[0]
    before = blocks[seg.block].text[: max(seg.start - 1, 0)].rstrip()
    index, view = seg.block, views[seg.block]
    if not before and seg.block > 0:
        index, view = seg.block - 1, views[seg.block - 1]
        before = blocks[index].text.rstrip()
    if not before.endswith(":"):
        return None
    inverted = _INVERTED_LEAD_IN.search(before)
    if inverted:  # "Said Ellis:" -- the tagger reads "Said Ellis" as one name
        return Mentioned(inverted.group(1), "person", index, inverted.start(1), inverted.end(1),
                         head=inverted.start(1))
    colon = view.to_masked(len(before) - 1)
    sent = next((s for s in view.doc.sents if s.start_char <= colon < s.end_char), None)
    if sent is None:
        return None
    ranges = quoted.get(index, [])
    cues = [t for t in sent if t.idx < colon and is_cue(t) and _outside(view, ranges, t)]
    for cue in sorted(cues, key=lambda t: colon - t.idx):
        head = (None if span.partial else _author_of_object(cue)) or _speaking(subject_of(cue))
        if head is not None and _outside(view, ranges, head):
            return _mention(head, view, index)
    if index == seg.block and not span.partial:
        # "Obama has a new message: “...”": with no cue, a named person acting in the lead-in speaks.
        tops = [t for t in sent if t.idx < colon and (t.head.idx > colon or t.head.i == t.i)]
        for top in tops:  # the heads of the lead-in's clauses
            head = next((c for c in top.children if c.dep_ == "nsubj"), None)
            if head is not None and head.ent_type_ == "PERSON" and _outside(view, ranges, head):
                return _mention(head, view, index)
    return None


def _author_of_object(cue: Token) -> Token | None:
    """'Fact-checkers rated this statement by Lee:' -- the quote that follows is the statement, Lee's."""
    for obj in (c for c in cue.children if c.dep_ == "dobj" and c.lemma_.lower() in _STATEMENTS):
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


def by_signature(span: QuoteSpan, blocks: Sequence[Block]) -> Mentioned | None:
    """Rule 2b: a dash and a name after the quote, or a speaker label opening a transcript turn."""
    if span.close_mark is not None:
        index, pos = span.close_mark
        text = blocks[index].text
        while pos < len(text) and text[pos] in _MARKS:
            pos += 1
        # The signature right after the quote, else the next one in the paragraph: a testimonial
        # may hold a second quotation ("... money.” And that is all he has “...” ― Jo Hale.).
        m = _SIGNATURE.match(text, pos) or _LATER_SIGNATURE.search(text, pos)
        if m:
            name = re.sub(r"(\w\w)\.$", r"\1", m.group(1))  # a full stop, not an initial's
            return Mentioned(name, "person", index, m.start(1), m.start(1) + len(name),
                             role=m.group(2), head=m.start(1))
    block, mark = span.open_mark
    m = LABEL.match(blocks[block].text, mark + 1)
    if m:
        name = m.group(1).title()
        return Mentioned(name, "person", block, m.start(1), m.end(1), head=m.start(1))
    return None


def by_preceding_subject(span: QuoteSpan, blocks: Sequence[Block], views: list[View],
                         quoted: dict[int, list[tuple[int, int]]]) -> Mentioned | None:
    """Rule 4: a quote standing as its own sentence after a reporter's sentence in its paragraph.

    'Sanders identified young voters as the key. "They are sick of it."': the
    main subject of the sentence just before speaks, if it is a name or pronoun.
    """
    seg = span.segments[0]
    view, ranges = views[seg.block], quoted.get(seg.block, [])
    opening = view.to_masked(max(seg.start - 1, 0))
    sents = list(view.doc.sents)
    here = next((i for i, s in enumerate(sents) if s.start_char <= opening < s.end_char), None)
    if not here or sents[here].start_char < opening - 1:
        return None  # the quote does not start its sentence, or nothing comes before it
    before = sents[here - 1]
    if not _outside(view, ranges, before.root):
        return None  # the sentence before is itself quoted (a title inside it is fine)
    head = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if head is None or head.pos_ not in ("PROPN", "PRON") or not can_speak(head, entity_at(head)):
        return None
    if head.pos_ == "PRON" and head.lower_ not in PRONOUNS:
        return None  # "All of this is documented." names no one
    return _mention(head, view, seg.block)


def cue_between(prev: QuoteSpan, span: QuoteSpan, views: list[View],
                 quoted: dict[int, list[tuple[int, int]]]) -> bool:
    """Whether a speech cue stands outside quotes after the earlier quote's paragraph.

    The earlier quote's own paragraph holds its own cue, so it does not count.
    """
    last = span.segments[0]
    for index in range(prev.segments[-1].block + 1, last.block + 1):
        view, ranges = views[index], quoted.get(index, [])
        hi = view.to_masked(last.start) if index == last.block else len(view.doc.text)
        if any(t.idx < hi and is_cue(t) and _outside(view, ranges, t) for t in view.doc):
            return True
    return False

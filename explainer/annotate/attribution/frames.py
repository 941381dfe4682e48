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
from explainer.annotate.glossary.names import appositive, doc_text, entity_at
from explainer.annotate.lexicon import (
    INVERTIBLE_CUES,
    PERSON_ROLES,
    PRONOUNS,
    SPEAKING_THINGS,
    STATEMENT_NOUNS,
    TITLE_SMALL_WORDS,
)


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
        for cue in governing_cues(frame, inside, full=not span.partial):
            if inside and cue.sent.end <= inside[0].i and not _main_verb(cue):
                continue  # '"...," Lee said, after Ruiz said so. "...": the earlier sentence's "said"
            head = _speaking(subject_of(cue) or name_before(cue))
            if head is None and _unnamed_sayer(cue, inside):
                break  # 'what is being called a "..."': the cue holding the quote names no one
            if head is not None and outside(view, ranges, head):
                if span.partial:
                    head = _reporter_of(cue, head, view, ranges)
                return mention_of(head, view, seg.block)
    return None


def _main_verb(cue: Token) -> bool:
    """Whether a cue is its sentence's main verb (or one joined to it): only such a cue frames a quote that opens
    the next sentence."""
    return cue.dep_ == "ROOT" or (cue.dep_ == "conj" and cue.head.dep_ == "ROOT")


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
    if cue is None or any((c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and not can_speak(c, entity_at(c))))
                          and c.i > cue.i for c in cue.children):
        return False  # "Lee told reporters." reports nothing of its own; "Lee said that ..." does
    head = subject_of(cue)
    return head is not None and head.i < cue.i and all(t.i in {s.i for s in head.subtree} or t.is_punct
                                                       for t in sent[: cue.i - sent.start])


_INVERTED_LEAD_IN = re.compile(r"(?:^|[.!?]\s+)([A-Z][a-z]+)\s+"
                               r"((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*){0,3}):$")


def by_lead_in(span: QuoteSpan, passage: Passage) -> Mentioned | None:
    """Rule 2: "X said:" ending the text just before the quote (same or previous paragraph)."""
    blocks, views = passage.blocks, passage.views
    seg = span.segments[0]
    before = span.lead(blocks).rstrip()
    index, view = seg.block, views[seg.block]
    if not before and seg.block > 0:
        index, view = seg.block - 1, views[seg.block - 1]
        before = blocks[index].text.rstrip()
    if before.endswith(",") and index == seg.block and not span.partial and _ends_sentence(span, passage):
        return _comma_lead_in(before, index, view, passage)
    if before.endswith(_DASHES) and index == seg.block and not span.partial and _ends_sentence(span, passage):
        return _dash_lead_in(before, index, view, passage)
    if not before.endswith(":"):
        return None
    inverted = _INVERTED_LEAD_IN.search(before)
    if inverted and word_stems(inverted.group(1).lower()) & (INVERTIBLE_CUES | {"ask"}):
        # "Said Ellis:", "Continued Ellis:" -- the tagger reads "Said Ellis" as one name
        return Mentioned(inverted.group(2), "person", index, inverted.start(2), inverted.end(2),
                         head=inverted.start(2))
    colon = view.to_masked(len(before) - 1)
    label = _label(before, index, view)
    if label is not None:
        return label
    sent = next((s for s in view.doc.sents if s.start_char <= colon < s.end_char), None)
    if sent is None:
        return None
    ranges = passage.quoted.get(index, [])
    # A WordNet verb of saying cues only a full quote, right before the colon: "Lee quipped:".
    cues = [t for t in sent if t.idx < colon and outside(view, ranges, t) and (is_cue(t) or (
        not span.partial and t.i + 1 < len(view.doc) and view.doc[t.i + 1].idx == colon and is_cue(t, True)))]
    for cue in sorted(cues, key=lambda t: colon - t.idx):
        head = (None if span.partial else _author_of_object(cue)) or _speaking(subject_of(cue))
        if head is not None and outside(view, ranges, head):
            return mention_of(head, view, index)
    if not span.partial:
        # "Obama has a new message: “...”", "The letter makes a case: ¶ “...”": with no cue, the person, body or
        # document acting in the main clause of the lead-in speaks.
        tops = [t for t in sent if t.idx < colon and (t.head.idx > colon or t.head.i == t.i)]
        for top in tops:  # the heads of the lead-in's clauses
            head = next((c for c in top.children if c.dep_ == "nsubj"), None)
            if head is not None and _acts(head) and outside(view, ranges, head):
                return mention_of(head, view, index)
    return None


def _ends_sentence(span: QuoteSpan, passage: Passage) -> bool:
    """Whether a quote closes its sentence: nothing but punctuation and marks after it before the sentence ends."""
    if span.close_mark is None:
        return True
    block, pos = span.close_mark
    rest = passage.blocks[block].text[pos:]
    end = re.search(r"[.!?]", span.text[-2:]) is not None or re.match(r"""^[\s"“”'’.!?)]*(?:$|[A-Z“"])""", rest)
    return bool(end)


def _comma_lead_in(before: str, index: int, view: View, passage: Passage) -> Mentioned | None:
    """'Hale opened up to a room of volunteers, "...".': a full quote closing a sentence after a comma, with no
    cue, is the words of the person the sentence's main clause is about."""
    comma = view.to_masked(len(before) - 1)
    sent = next((s for s in view.doc.sents if s.start_char <= comma < s.end_char), None)
    if sent is None:
        return None
    head = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
    if head is None or sent.root.idx > comma or not (head.ent_type_ == "PERSON" or head.text in head.doc._.name_words):
        return None
    return mention_of(head, view, index) if outside(view, passage.quoted.get(index, []), head) else None


_DASHES = ("--", "—", "–")


def _dash_lead_in(before: str, index: int, view: View, passage: Passage) -> Mentioned | None:
    """'Lee also backed the plan -- "It is the best we have."': a full quote closing a sentence after a dash, with
    no cue, is the words of the person the clause before the dash is about (the parser often hangs that clause
    on the quote, so its head is looked for before the dash rather than at the sentence's root)."""
    dash = view.to_masked(len(before) - 1)
    sent = next((s for s in view.doc.sents if s.start_char <= dash < s.end_char), None)
    if sent is None:
        return None
    tops = [t for t in sent if t.idx < dash and t.pos_ in ("VERB", "AUX") and (t.head.idx > dash or t.head.i == t.i)]
    for top in tops:
        head = next((c for c in top.children if c.dep_ == "nsubj"), None)
        if head is not None and (head.ent_type_ == "PERSON" or head.text in head.doc._.name_words) and \
                outside(view, passage.quoted.get(index, []), head):
            return mention_of(head, view, index)
    return None


def _acts(head: Token) -> bool:
    """A subject that may be the source of what follows its colon: a person, a body, a document, he or she."""
    if head.pos_ == "PRON":
        return head.lower_ in ("he", "she", "they")
    ent = entity_at(head)
    if ent is not None:
        return ent.label_ in ("PERSON", "ORG", "NORP")
    return head.lemma_.lower() in SPEAKING_THINGS and can_speak(head, None)


def by_previous_paragraph(span: QuoteSpan, passage: Passage) -> Mentioned | None:
    """Rule 5: a paragraph that is only a quote, after a paragraph with no quote about someone.

    'Ann Kerr praised the plan on Monday. ¶ "It is the best we have had."': the reporter
    introduces a person, then quotes them. The last sentence's main subject speaks, if it is a
    person (a name, or he or she).
    """
    seg = span.segments[0]
    if span.partial or seg.block == 0 or span.lead(passage.blocks).strip() or passage.quoted.get(seg.block - 1):
        return None
    view = passage.views[seg.block - 1]
    if passage.blocks[seg.block - 1].kind != "paragraph" or not view.doc.text.strip():
        return None
    last = list(view.doc.sents)[-1]
    heads = [next((c for c in last.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)]
    heads += [subject_of(t) for t in last if is_cue(t)]  # "Above all, Ash wrote in a memo, the ..."
    for head in heads:
        if head is not None and (head.ent_type_ == "PERSON" or head.lower_ in ("he", "she")
                                 or head.text in head.doc._.name_words):
            return mention_of(head, view, seg.block - 1)
    return None


_SENTENCE_END = re.compile(r"""[.!?]["”’']*\s+""")


def _label(before: str, index: int, view: View) -> Mentioned | None:
    """A speaker named by name (and affiliation) before a colon, with no verb: 'Jo Park, Eastside Union: "..."'.

    Panels of pundits and debate excerpts are laid out so, one name per quote.
    """
    start = max((m.end() for m in _SENTENCE_END.finditer(before[:-1])), default=0)
    lead = before[start:-1].strip()
    if not lead or len(lead.split()) > 14:
        return None
    lo, hi = view.to_masked(start), view.to_masked(len(before) - 1)
    tokens = [t for t in view.doc if lo <= t.idx < hi and not t.is_space]
    if not tokens or any(t.pos_ in ("VERB", "AUX") and not t.ent_type_ for t in tokens):
        return None
    ent = entity_at(tokens[0])
    named = ent is not None and ent.start == tokens[0].i and (
        ent.label_ == "PERSON" or (ent.label_ in ("ORG", "NORP", "GPE") and len(tokens) <= len(ent) + 1))
    if not named or ent is None:
        return None
    rest = [t for t in tokens if t.i >= ent.end]
    if rest and rest[0].text != ",":
        return None  # "City Hall officials:" is no name and affiliation
    first, final = view.to_orig(ent[0].idx), view.to_orig(ent[-1].idx + len(ent[-1].text))
    role = before[view.to_orig(rest[1].idx): len(before) - 1].strip() if len(rest) > 1 else None
    return Mentioned(before[first:final], "person" if ent.label_ == "PERSON" else "organization", index,
                     first, final, role=role or None, head=first)


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
        if m is None and not text[pos:].strip() and index + 1 < len(passage.blocks):
            # A pull quote or an epigraph signed on the line below: '“...” ¶ —Jo Hale, Philadelphia.'
            index, text = index + 1, passage.blocks[index + 1].text
            m = _SIGNATURE.match(text)
            if m is not None and (m.end() < len(text.rstrip()) or not text.lstrip()[:1] in "―—–-"):
                m = None
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
        hi = view.to_masked(last.start) if index == last.block else len(doc_text(view.doc))
        if any(t.idx < hi and is_cue(t) and outside(view, ranges, t) for t in view.doc):
            return True
    return False


# '"...," the editorial read.': up to three words (after an optional determiner) and one word, then the sentence ends.
_SHORT_FRAME = re.compile(r"\s*(?:(the|a|an|his|her|their|its|this|that)\s+)?((?:[\w’'-]+\s+){0,2}[\w’'-]+)\s+"
                          r"([a-z]+)(?:\s+(?:in|on|at|to|during|after|before|via|from)\s[^.!?\"“”]{1,60}?)?\s*(?:[.!?]|$)")


def by_short_frame(span: QuoteSpan, passage: Passage) -> Mentioned | None:
    """Rule 1b: a quote closed by a comma, then only "X said." or "the note read." to the sentence's end: X speaks,
    however the tagger read the words ("read" as a noun, "Will" as a modal)."""
    if span.partial or span.close_mark is None:
        return None
    index, close = span.close_mark
    text = passage.blocks[index].text
    if not text[:close].rstrip(MARKS).endswith(","):
        return None
    found = _SHORT_FRAME.match(text, close + 1)
    if found is None or not word_stems(found.group(3)) & INVERTIBLE_CUES:
        return None
    words = found.group(2).split()
    if any(w.lower() in PRONOUNS or w.lower() in TITLE_SMALL_WORDS for w in words):
        return None  # "he said" and "it read" are for the cue rules, with their antecedents
    named = all(w[:1].isupper() for w in words)
    if not named and found.group(1) is None:
        return None  # '"...," officials said': bare plurals are left to the parse
    kind = "person" if named or words[-1].lower() in PERSON_ROLES else "organization"
    head = found.start(2) + found.group(2).rfind(words[-1])
    return Mentioned(found.group(2), kind, index, found.start(2), found.end(2), head=head,
                     role_noun=not named and words[-1].lower() in PERSON_ROLES)

"""Who said each quote: ordered attribution rules on spaCy parses.

Rules run most precise first and each leaves what it cannot decide to the
next; a quote no rule decides keeps no speaker rather than a guess.

1. a speech cue in the quote's own sentence, with its subject as the speaker
   (the sentence is re-parsed with the quoted words masked, so that a long
   quotation does not swamp the parse of the reporting frame);
2. a colon lead-in ("Lavrov said:") just before the quote;
3. continuation: a quote paragraph with no cue right after an attributed quote;
then names are resolved (pronouns, surnames, role nouns, glossary entities).
A fragment quote with no speaker is a scare quote and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from explainer.annotate.cues import (HONORIFICS, PERSON_ROLES, PRONOUNS, appositive, can_speak, entity_at,
                                     governing_cues, is_cue, kind_of, phrase, subject_of, text_of)
from explainer.annotate.people import Person, people_of, resolve_person
from explainer.annotate.quotes import LABEL, QuoteSpan
from explainer.model import Block, Entity, Quote, Speaker

# A short full sentence parses as the complement of a reporting verb.
PLACEHOLDER = "Things are fine"
_MARKS = "\"“”‘’'"


@dataclass(frozen=True)
class View:
    """A block as parsed for attribution: full quotes masked, with the offset map back."""

    doc: Doc
    masks: tuple[tuple[int, int, int, int], ...] = ()  # masked start/end, original start/end

    def to_orig(self, pos: int) -> int:
        """The block-text offset of a position in the masked text."""
        shift = 0
        for m_start, m_end, o_start, o_end in self.masks:
            if pos < m_start:
                break
            if pos < m_end:
                return o_start
            shift = o_end - m_end
        return pos + shift

    def to_masked(self, pos: int) -> int:
        """The masked-text offset of a block-text position."""
        shift = 0
        for m_start, m_end, o_start, o_end in self.masks:
            if pos < o_start:
                break
            if pos < o_end:
                return m_start
            shift = m_end - o_end
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


@dataclass(frozen=True)
class Resolved:
    """A speaker after resolution: what a Speaker is built from."""

    id: str
    name: str
    kind: str
    role: str | None = None
    entity: str | None = None


def slug(name: str) -> str:
    """A lower-case, hyphenated id for a name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "speaker"


def _views(blocks: Sequence[Block], docs: Sequence[Doc], spans: Sequence[QuoteSpan],
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
    punct = text[end:right] or (text[end - 1] if text[end - 1] in ".?!" else "")
    closed = right < len(text) and text[right] in _MARKS
    while right < len(text) and text[right] in _MARKS:
        right += 1
    if not closed:
        right = end  # nothing to close: keep what follows unmasked
        punct = text[end - 1] if text[end - 1] in ".?!" else ""
    mask = ('"' if left < start else "") + PLACEHOLDER + punct + ('"' if closed else "")
    return left, right, mask


def _quoted(spans: Sequence[QuoteSpan]) -> dict[int, list[tuple[int, int]]]:
    """Per block, the character ranges inside quote marks (marks included)."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        for seg in span.segments:
            ranges.setdefault(seg.block, []).append((seg.start - 1, seg.end + 1))
    return ranges


def _mention(head: Token, view: View, block: int) -> Mentioned:
    """What a speaker's head token names: a name with its role, a role noun, or a pronoun."""
    def located(tokens: list[Token], **kw: object) -> Mentioned:
        start = view.to_orig(tokens[0].idx)
        end = view.to_orig(tokens[-1].idx + len(tokens[-1].text) - 1) + 1
        return Mentioned(name=text_of(tokens), block=block, start=start, end=end,  # type: ignore[arg-type]
                         head=view.to_orig(head.idx), **kw)

    if head.lower_ in PRONOUNS and head.pos_ == "PRON":
        return located([head], kind=kind_of(head, None), pronoun=True)
    ent = entity_at(head)
    app = appositive(head)
    app_ent = entity_at(app) if app is not None else None
    np = phrase(head)
    if ent is None and app_ent is not None and app_ent.label_ == "PERSON":
        name = [t for t in app_ent if t.lower_ not in HONORIFICS]
        return located(name, kind="person", role=text_of(np) or None)
    if ent is not None:
        name = _name_words(ent)
        role = [t for t in np if t.i < ent.start]
        role_text = text_of(role) if role else (text_of(phrase(app)) if app is not None and app_ent is None else None)
        return located(name or [head], kind=kind_of(head, ent), role=role_text)
    return located(np, kind=kind_of(head, None),
                   role_noun=head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_ROLES)


def _name_words(ent: Span) -> list[Token]:
    """A named entity's words without honorifics, possessives, or a verb the tagger swept in."""
    words: list[Token] = []
    for t in ent:
        if t.pos_ in ("VERB", "AUX", "CCONJ") or t.text == ",":
            break
        if t.lower_ not in HONORIFICS and t.lower_ != "the" and t.text not in ("'s", "’s"):
            words.append(t)
    return words


def _outside(view: View, ranges: list[tuple[int, int]], token: Token) -> bool:
    pos = view.to_orig(token.idx)
    return not any(a <= pos < b for a, b in ranges)


def _by_cue(span: QuoteSpan, views: list[View], quoted: dict[int, list[tuple[int, int]]]) -> Mentioned | None:
    """Rule 1: a cue in the quote's own sentence, outside any quote, and its subject."""
    segments = [span.segments[0]] + ([span.segments[-1]] if len(span.segments) > 1 else [])
    for seg in segments:
        view, ranges = views[seg.block], quoted.get(seg.block, [])
        m_start, m_end = view.to_masked(seg.start), view.to_masked(seg.end - 1) + 1
        inside = [t for t in view.doc if m_start <= t.idx < m_end]
        sents = [s for s in view.doc.sents if s.start_char <= m_end and s.end_char >= m_start - 1]
        if sents and sents[-1].end < len(view.doc) and sents[-1].end_char <= m_end + 2:
            nxt = view.doc[sents[-1].end]
            if nxt.is_lower or nxt.pos_ == "PRON":  # '"...." he said' split after the quote
                sents.append(nxt.sent)
        frame = [t for s in sents for t in s if t in inside or _outside(view, ranges, t)]
        for cue in governing_cues(frame, inside):
            head = subject_of(cue)
            if head is not None and _outside(view, ranges, head) and can_speak(head, entity_at(head)):
                return _mention(head, view, seg.block)
    return None


def _by_lead_in(span: QuoteSpan, blocks: Sequence[Block], views: list[View],
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
    colon = view.to_masked(len(before) - 1)
    sent = next((s for s in view.doc.sents if s.start_char <= colon < s.end_char), None)
    if sent is None:
        return None
    ranges = quoted.get(index, [])
    cues = [t for t in sent if t.idx < colon and is_cue(t) and _outside(view, ranges, t)]
    for cue in sorted(cues, key=lambda t: colon - t.idx):
        head = subject_of(cue)
        if head is not None and _outside(view, ranges, head) and can_speak(head, entity_at(head)):
            return _mention(head, view, index)
    return None


# "“...” ― Carla Sanchez." ending a paragraph (or a line before the next quote): a signature.
_SIGNATURE = re.compile(r"""\s*[―—–-]{1,2}\s*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})"""
                        r"""(?:,\s*([^.“"]{1,80}))?\.?\s*(?:$|(?=[“"]))""")


def _by_signature(span: QuoteSpan, blocks: Sequence[Block]) -> Mentioned | None:
    """Rule 2b: a dash and a name after the quote, or a speaker label opening a transcript turn."""
    if span.close_mark is not None:
        index, pos = span.close_mark
        text = blocks[index].text
        while pos < len(text) and text[pos] in _MARKS:
            pos += 1
        m = _SIGNATURE.match(text, pos)
        if m:
            name = re.sub(r"(\w\w)\.$", r"\1", m.group(1))  # a full stop, not an initial's
            return Mentioned(name, "person", index, m.start(1), m.start(1) + len(name),
                             role=m.group(2), head=m.start(1))
    first = span.segments[0]
    m = LABEL.match(blocks[first.block].text, first.start)
    if m:
        name = m.group(1).title()
        return Mentioned(name, "person", first.block, m.start(1), m.end(1), head=m.start(1))
    return None


def _cue_between(prev: QuoteSpan, span: QuoteSpan, views: list[View],
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


def _resolve(found: Mentioned, people: list[Person], earlier: list[tuple[Mentioned, Resolved]],
             entities: Sequence[Entity]) -> Resolved | None:
    """Pronouns, surnames, role nouns and glossary entities to one speaker."""
    if found.pronoun:
        return _antecedent(found, people, earlier)
    entity = _entity_at(found, entities)
    person = resolve_person(found.name, found.block, found.start, people,
                            role_noun=found.role_noun) if found.kind == "person" or found.role_noun else None
    if person is None and found.kind != "person":
        person = resolve_person(found.name, found.block, found.start, people, surname_only=True)
    if entity is None and person is not None:
        entity = next((e for e in entities if e.name == person.name or
                       any(m.text == person.name for m in e.mentions)), None)
    role = found.role if not found.role_noun else None
    if entity is not None:
        kind = {"person": "person", "group": "group"}.get(entity.kind, "organization")
        role = role or (person.role if person else None) or entity.role
        return Resolved(entity.id, entity.name, kind, role, entity.id)
    if person is not None:
        return Resolved(slug(person.name), person.name, "person", role or person.role)
    return Resolved(slug(found.name), found.name, found.kind, role)


def _entity_at(found: Mentioned, entities: Sequence[Entity]) -> Entity | None:
    for entity in entities:
        for m in entity.mentions:
            # The mention must hold the head word: "U.S. officials" are not the U.S.
            if m.block == found.block and m.start <= max(found.head, found.start) < m.end:
                return entity
    return None


def _antecedent(found: Mentioned, people: list[Person], earlier: list[tuple[Mentioned, Resolved]]
                ) -> Resolved | None:
    """The nearest earlier speaker or subject a pronoun can stand for (of its gender, when known)."""
    where = (found.block, found.start)
    pronoun = found.name.lower()
    plural = pronoun in ("they", "it", "we")
    gender = {"he": "m", "she": "f"}.get(pronoun)
    genders = {p.name: p.gender for p in people if p.gender}
    best: tuple[tuple[int, int], Resolved] | None = None
    for mention, resolved in earlier:
        at = (mention.block, mention.start)
        if at < where and (resolved.kind != "person") == plural and \
                genders.get(resolved.name, gender) == gender and (best is None or at > best[0]):
            best = (at, resolved)
    if not plural:
        for person in people:
            at = (person.block, person.start)
            if person.subject and at < where and (person.gender or gender) == gender and \
                    (best is None or at > best[0]):
                full = resolve_person(person.name, person.block, person.start, people) or person
                best = (at, Resolved(slug(full.name), full.name, "person", full.role))
    return best[1] if best else None


def attribute(blocks: Sequence[Block], docs: Sequence[Doc], spans: Sequence[QuoteSpan],
              entities: Sequence[Entity], parse: Callable[[Sequence[str]], Sequence[Doc]]
              ) -> tuple[tuple[Quote, ...], tuple[Speaker, ...]]:
    """Quotes with their speakers, in text order, and the speakers they name."""
    views = _views(blocks, docs, spans, parse)
    quoted = _quoted(spans)
    people = people_of(blocks, docs, quoted)
    earlier: list[tuple[Mentioned, Resolved]] = []
    kept: list[tuple[QuoteSpan, Resolved | None]] = []
    last: tuple[QuoteSpan, Resolved] | None = None
    for span in spans:
        if span.title:
            continue  # the name of a show or a book, not speech
        found = (_by_cue(span, views, quoted) or _by_lead_in(span, blocks, views, quoted)
                 or _by_signature(span, blocks))
        same = [r for m, r in earlier if found is not None and (m.block, m.start) == (found.block, found.start)]
        speaker = same[-1] if same else _resolve(found, people, earlier, entities) if found else None
        if found and speaker:
            earlier.append((found, speaker))
        elif found is None and not span.partial and last is not None and \
                span.block - last[0].segments[-1].block <= 1 and not _cue_between(last[0], span, views, quoted):
            speaker = last[1]  # rule 3: the same speaker goes on
        if speaker is None and span.partial:
            continue  # a scare quote
        kept.append((span, speaker))
        last = (span, speaker) if speaker else None
    return _build(blocks, kept)


def _build(blocks: Sequence[Block], kept: list[tuple[QuoteSpan, Resolved | None]]
           ) -> tuple[tuple[Quote, ...], tuple[Speaker, ...]]:
    """Number the quotes and gather each speaker's quote ids."""
    quotes: list[Quote] = []
    speakers: dict[str, Resolved] = {}
    said: dict[str, list[str]] = {}
    for n, (span, speaker) in enumerate(kept, 1):
        first, final = span.segments[0], span.segments[-1]
        start = blocks[first.block].source_span(first.start, first.end)[0]
        end = blocks[final.block].source_span(final.start, final.end)[1]
        qid = f"q{n}"
        quotes.append(Quote(qid, span.text, span.segments, start, end, span.partial,
                            speaker.id if speaker else None))
        if speaker is not None:
            known = speakers.setdefault(speaker.id, speaker)
            if known.role is None and speaker.role:
                speakers[speaker.id] = speaker
            said.setdefault(speaker.id, []).append(qid)
    return tuple(quotes), tuple(Speaker(s.id, s.name, s.kind, tuple(said[s.id]), s.role, s.entity)
                                for s in speakers.values())

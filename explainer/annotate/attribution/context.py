"""One article as attribution reads it: a frozen ``Passage`` that every rule takes whole.

``passage_of`` makes it once per article, before any rule runs: the blocks and
their parses, a View of each block with full quotes masked (re-parsed, so a
long quotation does not swamp the parse of the reporting frame), where quotes
stand, the glossary, the people named outside quotes, the groups and bodies
that act as subjects, the people named only by kinship or sex, and where "he"
and "she" stand as subjects. The rules in ``frames`` and the resolution in
``speakers`` read it; nothing changes it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Protocol, Sequence

from spacy.tokens import Doc, Span, Token

from explainer.annotate.attribution.people import Person, people_of, unnamed_people
from explainer.annotate.attribution.phrases import (
    ROLE_COMPLEMENTS,
    can_speak,
    is_headline,
    is_name_word,
    kind_of,
    names_a_person,
    phrase,
    role_phrase,
)
from explainer.annotate.attribution.quotes import QuoteSpan
from explainer.annotate.attribution.roles import owned, title_words
from explainer.annotate.glossary.names import appositive, entity_at, name_end, text_of
from explainer.annotate.lexicon import (
    DOCUMENTS,
    HONORIFICS,
    PERSON_ROLES,
    PRONOUNS,
    SPEAKING_THINGS,
    SUBJECT_FORMS,
    TITLE_ROLES,
)
from explainer.model import Block, Entity

# A short full sentence parses as the complement of a reporting verb.
PLACEHOLDER = "Things are fine"
MARKS = "\"“”‘’'"


@dataclass(frozen=True)
class Passage:
    """Everything attribution reads of one article, found once."""

    blocks: tuple[Block, ...]
    docs: tuple[Doc, ...]
    spans: tuple[QuoteSpan, ...]
    views: tuple["View", ...]  # per block: the parse with full quotes masked
    quoted: Mapping[int, list[tuple[int, int]]]  # per block: the ranges inside quote marks
    entities: tuple[Entity, ...]  # the glossary
    people: tuple[Person, ...]  # named outside quotes
    bodies: tuple["Mentioned", ...]  # groups and organisations acting as subjects: "they", "it"
    unnamed: tuple[Person, ...]  # named only by kinship or sex ("my mother"): "he", "she"
    chain: tuple[tuple[int, int, str], ...]  # (block, offset, "he"/"she") of pronoun subjects outside quotes
    name_words: frozenset[str]  # words of the article's multi-word person names


def passage_of(blocks: Sequence[Block], docs: Sequence[Doc], spans: Sequence[QuoteSpan],
               entities: Sequence[Entity], parse: "ViewParse") -> Passage:
    """The passage attribution reads: made once per article, before any rule runs."""
    docs = with_glossary_people(docs, entities)
    views = views_of(blocks, docs, spans, parse)
    names = frozenset(w for doc in docs if not is_headline(doc) for ent in doc.ents
                      if ent.label_ == "PERSON" and len(ent) > 1 for w in ent.text.split() if w[:1].isupper())
    for view in views:
        view.doc._.name_words = names
    quoted = quoted_ranges(spans)
    chain = tuple((i, t.idx, t.lower_) for i, doc in enumerate(docs) for t in _pronoun_subjects(doc)
                  if not any(a <= t.idx < b for a, b in quoted.get(i, [])))
    return Passage(tuple(blocks), tuple(docs), tuple(spans), tuple(views), quoted, tuple(entities),
                   tuple(people_of(blocks, docs, quoted)), tuple(bodies_of(docs, quoted)),
                   tuple(unnamed_people(docs, quoted, names)), chain, names)


def with_glossary_people(docs: Sequence[Doc], entities: Sequence[Entity]) -> tuple[Doc, ...]:
    """Each block's parse with the glossary's people among its entities, as PERSON: a name the model missed or
    took for a body ("Ana Ruiz", "Sunshine") that the glossary found to be a person is one to attribution too, so
    a card and the glossary read the same people. A block with nothing to add is its own parse, not a copy."""
    places: dict[int, list[tuple[int, int]]] = {}
    for entity in entities:
        if entity.kind == "person":
            for m in entity.mentions:
                places.setdefault(m.block, []).append((m.start, m.end))
    out = list(docs)
    for block, where in places.items():
        doc = docs[block]
        found = [span for span in (doc.char_span(a, b, label="PERSON") for a, b in where) if span is not None]
        people = [s for s in found if not any(e.label_ == "PERSON" and e.start <= s.start and s.end <= e.end
                                               for e in doc.ents)]
        if not people:
            continue
        copy = doc.copy()
        added = [Span(copy, s.start, s.end, label="PERSON") for s in people]
        kept = [e for e in copy.ents if not any(e.start < a.end and a.start < e.end for a in added)]
        copy.set_ents(sorted([*kept, *added], key=lambda e: e.start), default="outside")
        out[block] = copy
    return tuple(out)


def _pronoun_subjects(doc: Doc) -> list[Token]:
    """"he" and "she" as subjects, found on the parse's arrays rather than token by token."""
    from spacy.attrs import DEP, LOWER

    strings = doc.vocab.strings
    pronouns = {strings["he"], strings["she"]}
    subjects = {strings["nsubj"], strings["nsubjpass"]}
    return [doc[i] for i, (lower, dep) in enumerate(doc.to_array([LOWER, DEP]).tolist())
            if lower in pronouns and dep in subjects]


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


class ViewParse(Protocol):
    """Parses masked texts: every component but the entity recognisers, unless ``entities`` is asked for."""

    def __call__(self, texts: Sequence[str], entities: bool = False) -> Sequence[Doc]: ...


def views_of(blocks: Sequence[Block], docs: Sequence[Doc], spans: Sequence[QuoteSpan],
             parse: ViewParse) -> list[View]:
    """One View per block: blocks holding a full quote are re-parsed with the quote masked.

    The re-parse skips the entity recogniser: the entities are carried over from the block's own
    parse (``carry_entities``), which gives the same annotations for a fraction of the work.
    """
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
    for i, doc in parsed.items():
        # Carried even over a parse that found entities of its own: the block's entities include the glossary's.
        if doc is not None and not carry_entities(docs[i], doc, masked[i][1]) and not doc.has_annotation("ENT_IOB"):
            parsed[i] = parse([masked[i][0]], entities=True)[0]
    return [View(parsed[i], masked[i][1]) if i in parsed else View(docs[i]) for i in range(len(blocks))]


def carry_entities(source: Doc, doc: Doc, masks: tuple[tuple[int, int, int, int], ...]) -> bool:
    """Give a masked parse the entities of its block's own parse, outside the masks; False if one does not fit.

    The masked text is parsed without the entity recogniser (the most costly component): a name
    outside a quote is the same name with the quote masked, and its first parse saw it in its
    real context. A name whose characters no longer fall on token boundaries is left to the
    recogniser (``False``).
    """
    view = View(doc, masks)
    spans = []
    for ent in source.ents:
        if any(ent.start_char < o_end and o_start < ent.end_char for _, _, o_start, o_end in masks):
            continue  # inside a quote: masked away
        start, end = view.to_masked(ent.start_char), view.to_masked(ent.end_char - 1) + 1
        span = doc.char_span(start, end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id)
        if span is None or span.text != ent.text:
            return False
        spans.append(span)
    doc.set_ents(spans, default="outside")
    return True


def _mask(text: str, start: int, end: int) -> tuple[int, int, str]:
    """The stretch to mask for quoted words, marks included, and what replaces it.

    Marks are rewritten as plain straight marks so that any quoting style
    (curly, doubled, typewriter '') parses alike.
    """
    left = start
    while left > 0 and text[left - 1] in MARKS:
        left -= 1
    right = end
    while right < len(text) and text[right] in ",.;:?!":
        right += 1
    inner = text[start:end].rstrip(MARKS + " ")  # "... ‘super predator,’”": the comma sits inside
    punct = text[end:right] or (inner[-1] if inner and inner[-1] in ",.?!" else "")
    closed = right < len(text) and text[right] in MARKS
    while right < len(text) and text[right] in MARKS:
        right += 1
    if not closed:
        right = end  # nothing to close: keep what follows unmasked
        punct = text[end - 1] if text[end - 1] in ".?!" else ""
    mask = ('"' if left < start else "") + PLACEHOLDER + punct + ('"' if closed else "")
    if right < len(text) and text[right].isalnum():
        mask += " "  # 'fine,”Lee said': a closing mark glued to the next word
    return left, right, mask


def quoted_ranges(spans: Sequence[QuoteSpan]) -> dict[int, list[tuple[int, int]]]:
    """Per block, the character ranges inside quote marks (marks included)."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for seg in (seg for span in spans for seg in span.segments):
        ranges.setdefault(seg.block, []).append((seg.start - 1, seg.end + 1))
    return ranges


def bodies_of(docs: Sequence[Doc], quoted: dict[int, list[tuple[int, int]]]) -> list[Mentioned]:
    """Groups and organizations acting as clause subjects outside quotes: antecedents for "they" and "it"."""
    found = []
    for index, doc in enumerate(docs):
        view, ranges = View(doc), quoted.get(index, [])
        for token in doc:
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON" or not outside(view, ranges, token):
                continue
            ent = entity_at(token)
            if kind_of(token, ent) == "person" or not can_speak(token, ent):
                continue
            lemma = token.lemma_.lower()
            if lemma in DOCUMENTS and any(c.dep_ == "poss" for c in token.children):
                continue  # "Trump's statement was true": someone's words, not a body "they" could be
            if (ent is not None and ent.label_ in ("ORG", "NORP")) or lemma in PERSON_ROLES | SPEAKING_THINGS \
                    or (token.tag_ == "NNS" and lemma.endswith(("er", "or", "ist", "ian", "ant", "ent"))):
                found.append(mention_of(token, view, index))
    return found


def mention_of(head: Token, view: View, block: int) -> Mentioned:
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
    app = appositive(head) or _name_after_complement(head)
    app_ent = entity_at(app) if app is not None else None
    np = phrase(head)
    if ent is None and app_ent is not None and app_ent.label_ == "PERSON":
        titles = {t.i for t in title_words(app_ent)}
        name = [t for t in app_ent if t.lower_ not in HONORIFICS and t.i not in titles]
        return located(name, kind="person", role=owned(head) or text_of(role_phrase(head)) or None)
    if ent is not None:
        titles = {t.i for t in title_words(ent)} if ent.label_ == "PERSON" else set()
        name = [t for t in _name_words(ent) if t.i not in titles]
        role = [t for t in np if t.i < (name[0].i if name else ent.start)]  # with a title inside the entity
        if not role and name and name[0].i > 0 and head.doc[name[0].i - 1].lower_ in TITLE_ROLES:
            role = [head.doc[name[0].i - 1]]  # "Sen. Ann Cole" with the title left out of the phrase
        described = text_of(role_phrase(app)) if app is not None and app_ent is None else None
        bare_title = all(t.lower_ in TITLE_ROLES or t.lower_ in HONORIFICS for t in role)  # "Rep. Ann Cole, head of"
        role_text = described if bare_title and described else (text_of(role) if role else None)
        return located(name or [head], kind=kind_of(head, ent), role=role_text)
    while len(np) > 1 and np[0].i < head.i and np[0].tag_ in ("VBD", "VBZ", "VBP"):
        np = np[1:]  # '"...," added Palmer' read with "added" as a modifier of the name: a verb is no part of it
    while len(np) > 1 and np[-1].dep_ == "case":
        np = np[:-1]  # "Hale's claim that ...": the owner is Hale
    return located(np, kind=kind_of(head, None), role_noun=_definite_role(head))


def _name_after_complement(head: Token) -> Token | None:
    """The name in apposition to a role noun with a complement, which the parser hangs on the complement: in "A
    spokesman for the State Water Board, Ben Cho, said" Ben Cho is the spokesman, not the board."""
    if not names_a_person(head):
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ROLE_COMPLEMENTS):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            late = appositive(obj)
            ent = entity_at(late) if late is not None else None
            if ent is not None and ent.label_ == "PERSON" and entity_at(obj) is not ent:
                return late
    return None


def _definite_role(head: Token) -> bool:
    """"The mayor", "this spokesman": a role that may stand for someone the text introduced ("a senior official",
    "officials" and "my father" name no one introduced: they stay as written)."""
    if head.pos_ != "NOUN" or head.tag_ != "NN" or head.lemma_.lower() not in PERSON_ROLES:
        return False
    kids = list(head.children)
    det = next((k.lower_ for k in kids if k.dep_ == "det"), None)
    return det in ("the", "this", "that") and not any(k.dep_ == "poss" for k in kids)


def _name_words(ent: Span) -> list[Token]:
    """A named entity's words without honorifics, possessives, or a verb the tagger swept in.

    A person's name ends where the glossary's ends (``name_end``), so a card and its entry read the same.
    """
    words: list[Token] = []
    for t in ent.doc[ent.start:name_end(ent)]:
        if t.pos_ in ("VERB", "AUX", "CCONJ") or t.text == ",":
            break
        if is_name_word(t):
            words.append(t)
    return words


def outside(view: View, ranges: list[tuple[int, int]], token: Token) -> bool:
    """Whether a token stands outside every quote of its block."""
    pos = view.to_orig(token.idx)
    return not any(a <= pos < b for a, b in ranges)

"""Who said each quote: ordered attribution rules, then resolution of the names.

The rules in ``frames`` run most precise first, each leaving what it cannot
decide to the next; then continuation gives a cue-less quote paragraph the
speaker of the quote just before it. Names are resolved last: pronouns to the
nearest earlier speaker or main-clause subject, surnames to the nearest earlier
full name, role nouns through the roles the text states, and glossary entities
when an entity mention holds the name's head word. A quote no rule decides
keeps no speaker rather than a guess; a fragment with no speaker is a scare
quote and is dropped.
"""

from __future__ import annotations

import dataclasses

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping, Sequence

from spacy.tokens import Doc

from explainer.annotate.attribution.context import Mentioned, Passage, ViewParse, passage_of
from explainer.annotate.attribution.frames import (
    by_cue,
    by_lead_in,
    by_preceding_subject,
    by_previous_paragraph,
    by_short_frame,
    by_signature,
    cue_between,
)
from explainer.annotate.attribution.continuation import continues, resumes
from explainer.annotate.attribution.people import Person, in_passing, noun_gender, resolve_person
from explainer.annotate.attribution.quotes import QuoteSpan
from explainer.annotate.glossary.roles import clean_role, complete
from explainer.errors import Problem, problem
from explainer.model import Block, Entity, KBEntity, Quote, Speaker
from explainer.slugs import slugify


@dataclass(frozen=True)
class Resolved:
    """A speaker after resolution: what a Speaker is built from."""

    id: str
    name: str
    kind: str
    role: str | None = None
    entity: str | None = None


def _resolve(found: Mentioned, passage: Passage, earlier: list[tuple[Mentioned, Resolved]]) -> Resolved | None:
    """Pronouns, surnames, role nouns and glossary entities to one speaker."""
    people, entities = list(passage.people), passage.entities
    if found.pronoun:
        resolved = _antecedent(found, passage, earlier)
        body = _body_for(found, passage.bodies)
        if body is not None and (resolved is None or
                                 (body.block, body.start) > _where(resolved, earlier, found)):
            return _resolve(body, passage, earlier)
        return _linked(resolved, entities, found.block, found.start) if resolved is not None else None
    entity = _entity_at(found, entities)
    person = resolve_person(found.name, found.block, found.start, people,
                            role_noun=found.role_noun) if found.kind == "person" or found.role_noun else None
    if person is None and found.kind != "person":
        person = resolve_person(found.name, found.block, found.start, people, surname_only=True)
    if entity is None and person is not None:
        entity = next((e for e in entities if e.name == person.name or
                       any(m.text == person.name for m in e.mentions)), None)
    if entity is not None and not entity.known and person is not None and \
            entity.name not in {p.name for p in people}:
        entity = None  # an unknown glossary entry under a name no person in the text has ("Obama Speech")
    role = clean_role(complete(found.role, found.block, found.start, entities)) if not found.role_noun else None
    person_role = clean_role(complete(person.role, person.block, person.start, entities)) if person else None
    if entity is not None:
        kind = _speaker_kind(entity.kind)
        # A knowledge-base role is the editor's word; a glossary role found in the text is cleaned like any.
        known_role = entity.role if entity.known else clean_role(entity.role)
        return Resolved(entity.id, entity.name, kind, role or person_role or known_role, entity.id)
    if person is not None:
        return Resolved(slugify(person.name, "speaker"), person.name, "person", role or person_role)
    return Resolved(slugify(found.name, "speaker"), found.name, found.kind, role)


def _linked(resolved: Resolved, entities: Sequence[Entity], block: int, start: int) -> Resolved:
    """A speaker found through "he" or "she" (at ``block``, ``start``) as the glossary entity of their full name,
    when there is one: one card, linked to the entity page, however the story names them; the role's body named
    as the story named it before."""
    if resolved.role:
        resolved = dataclasses.replace(resolved, role=clean_role(complete(resolved.role, block, start, entities)))
    if resolved.entity is not None or resolved.kind != "person":
        return resolved
    entity = next((e for e in entities if e.kind == "person" and (e.name == resolved.name or any(
        m.text == resolved.name for m in e.mentions))), None)
    if entity is None:
        return resolved
    role = resolved.role or (entity.role if entity.known else clean_role(entity.role))
    return Resolved(entity.id, entity.name, "person", role, entity.id)


def _speaker_kind(entity_kind: str) -> str:
    """A glossary or knowledge-base kind as a speaker's: person, group, or else organization."""
    return entity_kind if entity_kind in ("person", "group") else "organization"


def _entity_at(found: Mentioned, entities: Sequence[Entity]) -> Entity | None:
    for entity in entities:
        for m in entity.mentions:
            # The mention must hold the head word: "U.S. officials" are not the U.S.
            if m.block == found.block and m.start <= max(found.head, found.start) < m.end:
                return entity
    return None


def _body_for(found: Mentioned, bodies: Sequence[Mentioned]) -> Mentioned | None:
    """For "they" the nearest earlier group or organization subject; for "it" an organization."""
    kinds = {"they": ("group", "organization"), "it": ("organization",)}.get(found.name.lower(), ())
    before = [b for b in bodies if b.kind in kinds and (b.block, b.start) < (found.block, found.start)]
    return before[-1] if before else None


def _where(resolved: Resolved, earlier: list[tuple[Mentioned, Resolved]], found: Mentioned) -> tuple[int, int]:
    """Where an earlier speaker was last named before a place (the very start when unknown)."""
    at = [(m.block, m.start) for m, r in earlier if r == resolved and (m.block, m.start) < (found.block, found.start)]
    return max(at, default=(-1, -1))


def _antecedent(found: Mentioned, passage: Passage, earlier: list[tuple[Mentioned, Resolved]]) -> Resolved | None:
    """The nearest earlier speaker or subject a pronoun can stand for (of its gender, when known).

    The passage's ``chain`` holds where "he" and "she" stand as subjects outside quotes: a same pronoun
    between the antecedent and here means the text is still talking about that antecedent. Its
    ``unnamed`` are the subjects named by kinship or sex ("my mother"), candidates for a pronoun of
    their gender. A person named in passing (in an object or a subordinate clause under someone
    else's clause) is not whom the passage is about, whether named or quoted there.
    """
    people, chain, unnamed = list(passage.people), passage.chain, passage.unnamed
    where = (found.block, found.start)
    pronoun = found.name.lower()
    if pronoun in ("i", "you", "we"):
        return None  # the writer or the reader, not someone named earlier
    plural = pronoun in ("they", "it", "we")
    gender = {"he": "m", "she": "f"}.get(pronoun)
    genders = _genders(people)
    named = {p.name for p in people}
    best: tuple[tuple[int, int], Resolved] | None = None
    for mention, resolved in earlier:
        at = (mention.block, mention.start)
        described = resolved.entity is None and resolved.name not in named and not noun_gender(resolved.name)
        if described and found.block - mention.block > 1:
            continue  # "a senior official" is "he" in the passage that introduces them, not three paragraphs on
        if at < where and (resolved.kind != "person") == plural and \
                (genders.get(resolved.name) or noun_gender(resolved.name) or gender) == gender and \
                (best is None or at > best[0]) and not _passing(mention, passage):
            best = (at, resolved)
    if not plural:
        nearby = [p for p in unnamed if p.gender == gender or (p.gender is None and found.block - p.block <= 1)]
        for person in [*people, *nearby]:
            at = (person.block, person.start)
            if person.subject and not person.passing and at < where and (best is None or at > best[0]) and \
                    (person.gender or gender) == gender:
                best = (at, _full(person, people))
        # A person named only as an object in the paragraph just before (or earlier in this one)
        # is nearer than a subject from an older paragraph: "... concerns Henry Crespo." "...," he said.
        recent = [p for p in people if (p.block, p.start) < where and found.block - p.block <= 1
                  and (best is None or p.block > best[0][0]) and not p.modifier
                  and p.gender == gender]
        if recent and best is not None and any(best[0] < (b, i) < where and w == pronoun for b, i, w in chain):
            recent = []  # "..., he said" in between: the older subject is still the one speaking
        if recent:
            best = ((recent[-1].block, recent[-1].start), _full(recent[-1], people))
    return best[1] if best else None


def _genders(people: Sequence[Person]) -> dict[str, str]:
    """Genders by full name, as the people's mentions state them: a sure one (a title, a listed first name) over
    a guess."""
    stated = {p.name: p.gender for p in people if p.gender and not p.sure}
    stated.update({p.name: p.gender for p in people if p.gender and p.sure})
    return stated


def _passing(mention: Mentioned, passage: Passage) -> bool:
    """Whether a speaker was named in passing: "Trump said he would win until Obama 'admits this is a problem'"."""
    doc = passage.docs[mention.block]
    token = next((t for t in doc if t.idx <= max(mention.head, mention.start) < t.idx + len(t.text)), None)
    return token is not None and in_passing(token, passage.name_words)


def _full(person: Person, people: list[Person]) -> Resolved:
    full = resolve_person(person.name, person.block, person.start, people) or person
    return Resolved(slugify(full.name, "speaker"), full.name, "person", clean_role(full.role))


def sole_author(byline: str | None) -> str | None:
    """The one writer a byline names ("By Ann Cole" -> "Ann Cole"); None for none or several."""
    name = re.sub(r"^\s*by\s+", "", byline or "", flags=re.IGNORECASE).strip()
    if not name or re.search(r"\band\b|[&,;/]", name):
        return None
    return name


def attribute(blocks: Sequence[Block], docs: Sequence[Doc], spans: Sequence[QuoteSpan],
              entities: Sequence[Entity], parse: ViewParse,
              author: str | None = None, pinned: Mapping[int, Resolved | None] = MappingProxyType({})
              ) -> tuple[tuple[Quote, ...], tuple[Speaker, ...]]:
    """Quotes with their speakers, in text order, and the speakers they name.

    ``author`` is the story's one writer, if the byline names one: the "I" who says something in it.
    ``pinned`` are the speakers an editor gave quotes (see ``speaker_pins``), by place in ``spans``.
    """
    passage = passage_of(blocks, docs, spans, entities, parse)
    earlier: list[tuple[Mentioned, Resolved]] = []
    kept: list[tuple[QuoteSpan, Resolved | None]] = []
    last: tuple[QuoteSpan, Resolved] | None = None
    for n, span in enumerate(spans):
        if n in pinned:
            if pinned[n] is not None or not span.partial:  # "none" on a fragment: a scare quote
                kept.append((span, pinned[n]))
            last = None
            continue
        if span.title:
            continue  # the name of a show or a book, not speech
        if last is not None and resumes(last[0], span, blocks):
            kept.append((span, last[1]))  # '"Let's go," she said, "to the end."': both halves are hers
            continue
        found = (by_cue(span, passage) or by_short_frame(span, passage) or by_lead_in(span, passage)
                 or by_signature(span, passage) or by_preceding_subject(span, passage)
                 or by_previous_paragraph(span, passage))
        same = [r for m, r in earlier if found is not None and (m.block, m.start) == (found.block, found.start)]
        speaker = same[-1] if same else _resolve(found, passage, earlier) if found else None
        writer = found is not None and found.pronoun and found.name.lower() == "i"
        if writer and author:
            speaker = Resolved(slugify(author, "speaker"), author, "person", "the writer")  # first person: the byline's writer
        if found and speaker and not writer:  # the writer is "I", never a later "he" or "she"
            earlier.append((found, speaker))
        elif found is None and last is not None and continues(last[0], span, passage) \
                and not cue_between(last[0], span, passage):
            speaker = last[1]  # continuation: the same speaker goes on
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


def speaker_pins(blocks: Sequence[Block], spans: Sequence[QuoteSpan], kb: Sequence[KBEntity], path: str
                 ) -> tuple[dict[int, Resolved | None], tuple[Problem, ...]]:
    """The quotes an editor pinned ``["..."]{speaker=id}``, by their place in ``spans``, with that
    knowledge-base entity as speaker (None for ``speaker=none``): the editor's word over the rules."""
    kb_by_id = {e.id: e for e in kb}
    pinned: dict[int, Resolved | None] = {}
    problems: list[Problem] = []
    for index, pin in ((block.index, pin) for block in blocks for pin in block.overrides if pin.speaker):
        entity = kb_by_id.get(pin.entity)
        if entity is None and pin.entity != "none":
            problems.append(problem(path, pin.line, f"unknown speaker id '{pin.entity}' in {{speaker={pin.entity}}}; "
                                                    "known ids are in content/entities/ (speaker=none: no one)"))
            continue
        held = [n for n, span in enumerate(spans)
                if span.segments[0].block == index and pin.start <= span.segments[0].start < pin.end]
        if not held:
            problems.append(problem(path, pin.line, f"{{speaker={pin.entity}}} holds no quote; put its brackets "
                                                    "around the quote marks: [\"...\"]{speaker=id}", "warning"))
        for n in held:
            pinned[n] = Resolved(entity.id, entity.name, _speaker_kind(entity.kind), entity.role, entity.id) \
                if entity else None
    return pinned, tuple(problems)

"""The entity glossary: which real things an article names, and every place it names them.

The stages: tagged spans become mentions (``mentions``), mentions are grouped
into entities (``resolve``), each entity gets a kind (``kinds``), a name and,
from the knowledge base, a description.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from explainer.annotate.glossary import places, roles, unseen, untagged
from explainer.annotate.glossary.kinds import KIND_OF_LABEL, kind_of, names_a_person, with_gazetteer
from explainer.annotate.glossary.mentions import LABEL_OF_KIND, WEAK_LABELS, Found, apply_overrides, found_in
from explainer.annotate.glossary.resolve import is_part, resolve
from explainer.annotate.lexicon import GENERIC_BODIES
from explainer.errors import Problem, problem
from explainer.model import Block, Entity, KBEntity, Mention, Speaker
from explainer.slugs import slugify

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class EntityResult:
    """The entities of an article in order of first mention, and what is worth telling the editor."""

    entities: tuple[Entity, ...]
    problems: tuple[Problem, ...]


def ruler_patterns(kb: Sequence[KBEntity]) -> list[dict]:
    """EntityRuler patterns: each KB entity's name and aliases, labelled by kind, with the entity id."""
    patterns: list[dict] = []
    for entity in kb:
        label = LABEL_OF_KIND.get(entity.kind, "MISC")
        for text in dict.fromkeys((entity.name, *entity.aliases)):
            if text.strip():
                patterns.append({"label": label, "pattern": text.strip(), "id": entity.id})
    return patterns


def find_entities(
    blocks: Sequence[Block], docs: Sequence["Doc"], kb: Sequence[KBEntity], source: str, path: str
) -> EntityResult:
    """Find and resolve the entities named in ``blocks``; ``docs[i]`` is the parsed ``blocks[i].text``."""
    kb_by_id = {e.id: e for e in kb}
    problems: list[Problem] = []
    found: list[Found] = []
    for i, (block, doc) in enumerate(zip(blocks, docs)):
        tagged = [f for ent in unseen.with_campuses(doc) for part in unseen.parts(ent) if (f := found_in(i, part)) is not None]
        spans = unseen.with_unseen(i, doc, tagged)
        pinned, pin_problems = apply_overrides(i, block, spans, kb_by_id, path)
        found.extend(pinned)
        problems.extend(pin_problems)
    placed, stretch = untagged.dateline(blocks)
    found = untagged.outside(found, stretch) + untagged.outside(placed, _pinned_stretch(found))
    found.sort(key=lambda f: f.position)
    found = untagged.outside_titles(blocks, untagged.first_names(blocks, untagged.rejoined(blocks, found)))
    found = untagged.in_lists(blocks, untagged.surnames_as_modifiers(found))
    found = unseen.with_acronyms(found, docs)
    keys = resolve(found, kb)
    entities = build_entities(found, keys, kb_by_id, blocks, story_places(found, blocks))
    for entity in entities:
        if not entity.known:
            first = entity.mentions[0]
            line = blocks[first.block].line_at(first.start, source)
            message = (
                f"entity '{entity.name}' ({entity.kind}) is not in the knowledge base; "
                "run 'explainer entities stub' to add it"
            )
            problems.append(problem(path, line, message, "warning"))
    return EntityResult(entities, tuple(problems))


def _pinned_stretch(found: Sequence[Found]) -> tuple[int, int, int] | None:
    """Where an editor pinned a mention in the first block (a pin beats the dateline reading)."""
    pins = [f for f in found if f.pinned and f.block == 0]
    return (0, min(f.start for f in pins), max(f.end for f in pins)) if pins else None


def story_places(found: Sequence[Found], blocks: Sequence[Block]) -> places.PlaceContext:
    """What the gazetteer reads of the story: the places it names, its people's full names, and its text."""
    return places.PlaceContext.of(
        (f.name or f.text for f in found if KIND_OF_LABEL.get(f.label) == "place"),
        (f.text for f in found if f.label == "PERSON" and len(f.words) >= 2),
        "\n\n".join(b.text for b in blocks),
    )


@dataclass(frozen=True)
class _Entry:
    """A cluster of mentions on its way to an Entity: what it is and, for a place, which."""

    members: list[Found]
    kind: str
    place: places.Place | None = None
    entity: KBEntity | None = None


def build_entities(
    found: Sequence[Found], keys: Sequence[str], kb_by_id: dict[str, KBEntity], blocks: Sequence[Block],
    context: places.PlaceContext = places.PlaceContext(),
) -> tuple[Entity, ...]:
    """One Entity per cluster, in order of first mention; one per GeoNames place ("U.S." and "United States")."""
    clusters: dict[str, list[Found]] = {}
    for f, key in zip(found, keys):
        clusters.setdefault(key, []).append(f)
    entries: dict[str, _Entry] = {}
    by_place: dict[object, str] = {}
    for key, members in clusters.items():
        entity = kb_by_id.get(key[3:]) if key.startswith("kb:") else None
        if entity is not None:
            entries[key] = _Entry(members, entity.kind, entity=entity)
            continue
        kind, place = with_gazetteer(kind_of(members), members, _name(members, kind_of(members)), context)
        same = by_place.get(place.geonames_id or place) if place else None
        if same is not None:
            entries[same].members.extend(members)
            entries[same].members.sort(key=lambda f: f.position)
            continue
        if place:
            by_place[place.geonames_id or place] = key
        entries[key] = _Entry(members, kind, place)
    used = {key[3:] for key in clusters if key.startswith("kb:")}
    entities: list[Entity] = []
    role_at: dict[str, tuple[int, int]] = {}  # where an unknown person's role is written
    for entry in entries.values():
        members, kind = entry.members, entry.kind
        mentions = tuple(_mention(f, blocks) for f in members)
        role = next((r for r in (roles.clean_role(f.role) for f in members) if r), None) if kind == "person" else None
        if entry.entity is not None:
            entities.append(_known(entry.entity, mentions, role or entry.entity.role))
            continue
        if kind != "person" and all(f.modifier or f.label in WEAK_LABELS for f in members):
            continue
        if all(len(f.words) == 1 and f.words[0] in GENERIC_BODIES for f in members) \
                and not any(members[0].words[0] in f.words for f in found if len(f.words) > 1):
            continue  # "the Government", with no longer name in the story it could be short for
        name = _name(members, kind, entry.place)
        slug = _unique(slugify(name, "entity"), used)
        used.add(slug)
        about = next((f.about for f in members if f.about), None) if kind != "person" else None
        description = entry.place.description if entry.place else role or about
        geonames = entry.place.geonames_id if entry.place else None
        entities.append(Entity(slug, name, kind, mentions, description=description, role=role, geonames=geonames))
        if role:
            role_at[slug] = next(f.position for f in members if roles.clean_role(f.role))
    return _completed(entities, role_at)


def _completed(entities: Sequence[Entity], role_at: dict[str, tuple[int, int]]) -> tuple[Entity, ...]:
    """People's roles with the body named as the story named it before: "coach of the Falcons" -> "coach of the
    Harbor City Falcons" (the speaker card reads the same role)."""
    out = []
    for e in entities:
        at = role_at.get(e.id) if not e.known and e.kind == "person" else None
        role = roles.clean_role(roles.complete(e.role, *at, entities)) if at else e.role
        out.append(dataclasses.replace(e, role=role, description=role if e.description == e.role else e.description)
                   if role != e.role else e)
    return tuple(out)


def _known(entity: KBEntity, mentions: tuple[Mention, ...], role: str | None) -> Entity:
    """An Entity described by its knowledge-base entry."""
    return Entity(entity.id, entity.name, entity.kind, mentions, entity.description, role, True, entity.wikidata,
                  entity.url, entity.geonames)


def _mention(f: Found, blocks: Sequence[Block]) -> Mention:
    """A Mention with its file offsets."""
    source_start, source_end = blocks[f.block].source_span(f.start, f.end)
    return Mention(f.block, f.start, f.end, f.text, source_start, source_end)


def _name(members: Sequence[Found], kind: str, place: places.Place | None = None) -> str:
    """The name a mention was given (a dateline's), else for a place the gazetteer's spelling if the story uses
    it; else the form most mentions are a short form of (or equal to); then the one used most."""
    given = next((f.name for f in members if f.name), None)
    if given:
        return given
    counts = Counter(f.text for f in members)
    if place and any(places.fold(text) == places.fold(place.name) for text in counts):
        return next(text for text in counts if places.fold(text) == places.fold(place.name))
    defined = next((f.stands_for for f in members if f.stands_for in counts), None)
    if defined:
        return defined  # "Office of Coastal Affairs", not its acronym "OCA"
    if kind != "person":
        return max(counts, key=counts.__getitem__)
    forms = {f.text: f.words for f in members}

    def covered(text: str) -> int:
        return sum(f.words == forms[text] or is_part(f.words, forms[text]) for f in members)

    name = max(counts, key=lambda t: (covered(t), counts[t]))
    spoken = name.isupper() and len(name) > 3 and any(c in "AEIOUY" for c in name)  # not "MSNBC"
    return name.title() if spoken else name  # a transcript's "WALLACE:" is Wallace


def _unique(slug: str, used: Iterable[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... if taken."""
    taken = set(used)
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def with_speaker_roles(entities: Sequence[Entity], speakers: Sequence[Speaker]
                       ) -> tuple[tuple[Entity, ...], tuple[Speaker, ...]]:
    """One role for a person the knowledge base lacks, on the card and in the glossary: the role the speaker
    card shows, else the one the glossary found; both then carry it. A body the story quotes in a person's role
    ("Hale, the senator from the coast," tagged a body) is that person, on the card and in the glossary."""
    quoted = {s.entity: s for s in speakers if s.entity}
    roles: dict[str, str] = {}
    people: set[str] = set()
    out = []
    for entity in entities:
        speaker = quoted.get(entity.id)
        role = (speaker.role if speaker else None) or entity.description
        if not entity.known and entity.kind == "organization" and speaker and speaker.role \
                and names_a_person(speaker.role.split(" of ")[0].split(" for ")[0].split()[-1].lower()):
            entity = dataclasses.replace(entity, kind="person")  # quoted as "senator": the model's body is a person
            people.add(entity.id)
        if entity.known or entity.kind != "person" or not role:
            out.append(entity)
            continue
        roles[entity.id] = role
        out.append(dataclasses.replace(entity, description=role, role=role))
    return tuple(out), tuple(dataclasses.replace(s, role=roles.get(s.entity or "", s.role),
                                                 kind="person" if s.entity in people else s.kind) for s in speakers)

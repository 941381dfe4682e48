"""The entity glossary: which real things an article names, and every place it names them.

spaCy's NER (with the knowledge base as an EntityRuler ahead of it) tags spans
block by block; this module trims each span to a name, then resolves names to
entities: editor pins first, then the knowledge base, then short forms
("Lavrov", "Wang") to the full name the article gives them, by evidence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from explainer.annotate.glossary import names
from explainer.errors import Problem, problem
from explainer.model import Block, Entity, KBEntity, Mention
from explainer.slugs import slugify

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LABEL_OF_KIND = {
    "person": "PERSON",
    "place": "GPE",
    "organization": "ORG",
    "group": "NORP",
    "event": "EVENT",
    "other": "MISC",
}

# Laws, works and products are real things a reader may look up, so they stay
# as "other"; languages ("English") are never what an explainer explains.
KIND_OF_LABEL = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organization",
    "NORP": "group",
    "EVENT": "event",
    "LAW": "other",
    "WORK_OF_ART": "other",
    "PRODUCT": "other",
    "MISC": "other",
}

# The small model's works and products are mostly quoted phrases and headlines:
# kept only when they turn out to name a person or a known entity.
WEAK_LABELS = frozenset(("WORK_OF_ART", "PRODUCT"))

# The labels under which the small model puts a bare surname.
SHORT_FORM_LABELS = frozenset(("PERSON", "ORG"))


@dataclass(frozen=True)
class EntityResult:
    """The entities of an article in order of first mention, and what is worth telling the editor."""

    entities: tuple[Entity, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Found:
    """One tagged span trimmed to its name: ``blocks[block].text[start:end] == text``."""

    block: int
    start: int
    end: int
    text: str
    label: str
    kb_id: str | None = None  # from the EntityRuler or an editor's pin
    pinned: bool = False
    role: str | None = None
    modifier: bool = False  # only modifies a following noun ("Uyghur separatists")

    @property
    def position(self) -> tuple[int, int]:
        """Where the name starts, for ordering."""
        return (self.block, self.start)

    @property
    def words(self) -> tuple[str, ...]:
        """The name's words for short-form matching."""
        return names.name_words(self.text)


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
        spans = [f for ent in doc.ents if (f := found_in(i, ent)) is not None]
        pinned, pin_problems = apply_overrides(i, block, spans, kb_by_id, path)
        found.extend(pinned)
        problems.extend(pin_problems)
    found.sort(key=lambda f: f.position)
    keys = resolve(found, kb)
    entities = build_entities(found, keys, kb_by_id, blocks)
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


def found_in(block: int, ent: "Span") -> Found | None:
    """The name in one tagged span, or None if the span is no glossary entity."""
    label = ent.label_
    kb_id = ent.ent_id_ or None
    if label not in KIND_OF_LABEL and not kb_id:
        return None
    if label == "NORP" and not kb_id and not names.is_group_noun(ent):
        return None
    if not kb_id and names.is_title_part(ent):
        return None
    doc = ent.doc
    # A ruler match is exactly a knowledge-base name: nothing in it is a title.
    first, last = names.name_bounds(ent, person=label == "PERSON" and not kb_id)
    if first >= last:
        return None
    if label == "PERSON" and not kb_id:
        label = names.person_label(ent, first, last)
        if label is None:
            return None
    whole = names.doc_text(doc)
    start, end = names.char_bounds(whole, doc[first].idx, doc[last - 1].idx + len(doc[last - 1]))
    text = whole[start:end]
    if not names.is_plausible_name(text):
        return None
    role = None
    if label in SHORT_FORM_LABELS:
        role = names.role_before(doc, first, ent.start) or names.role_after(doc, last)
    modifier = label == "ORG" and names.is_modifier(ent)
    return Found(block, start, end, text, label, kb_id, False, role, modifier)


def apply_overrides(
    index: int, block: Block, spans: list[Found], kb_by_id: dict[str, KBEntity], path: str
) -> tuple[list[Found], list[Problem]]:
    """Pin the mentions an editor marked ``[text]{entity=id}``; report pins to unknown ids."""
    problems: list[Problem] = []
    for pin in (o for o in block.overrides if not o.speaker):
        text = block.text[pin.start : pin.end]
        entity = kb_by_id.get(pin.entity)
        if entity is None:
            message = (
                f"unknown entity id '{pin.entity}' in [{text}]{{entity={pin.entity}}}; "
                "known ids are in content/entities/"
            )
            problems.append(problem(path, pin.line, message))
            continue
        overlapping = [f for f in spans if f.start < pin.end and pin.start < f.end]
        role = next((f.role for f in overlapping if f.role), None)
        spans = [f for f in spans if f not in overlapping]
        label = LABEL_OF_KIND.get(entity.kind, "MISC")
        spans.append(Found(index, pin.start, pin.end, text, label, entity.id, True, role))
    return spans, problems


def resolve(found: Sequence[Found], kb: Sequence[KBEntity]) -> list[str]:
    """A cluster key per mention: ``kb:<id>`` for known entities, ``new:<name key>`` otherwise."""
    kb_by_id = {e.id: e for e in kb}
    kb_by_key: dict[str, list[str]] = {}
    for e in kb:
        for text in (e.name, *e.aliases):
            ids = kb_by_key.setdefault(names.name_key(text), [])
            if e.id not in ids:
                ids.append(e.id)
    matches = [f.kb_id if f.pinned else _kb_match(f, kb_by_key) for f in found]
    full_names = {
        names.name_words(kb_by_id[m].name) if m and kb_by_id[m].kind == "person" else f.words
        for f, m in zip(found, matches)
        if (m and kb_by_id[m].kind == "person") or (not m and f.label == "PERSON" and len(f.words) >= 2)
    }
    keys: list[str | None] = [None] * len(found)
    # Whole names first, so that a short form can join a full name given later.
    for i, (f, kb_id) in enumerate(zip(found, matches)):
        is_person = kb_id is not None and kb_by_id[kb_id].kind == "person"
        if f.pinned or (kb_id and not is_person):
            keys[i] = f"kb:{kb_id}"
        elif any(_is_part(f.words, words) for words in full_names):
            continue  # a short form, whatever the model tagged it: resolved below
        elif kb_id:
            keys[i] = f"kb:{kb_id}"
        else:
            keys[i] = _kb_surname(f, kb) or f"new:{names.name_key(f.text)}"
    for i, f in enumerate(found):
        if keys[i] is None:
            keys[i] = _short_form(f, found, keys, kb_by_id, matches[i])
    return [k or "" for k in keys]


def _kb_match(f: Found, kb_by_key: dict[str, list[str]]) -> str | None:
    """The KB id the ruler gave, else the one KB entity whose name or alias this is."""
    if f.kb_id:
        return f.kb_id
    ids = kb_by_key.get(names.name_key(f.text), [])
    return ids[0] if len(ids) == 1 else None


def _person_keys(
    found: Sequence[Found], keys: Sequence[str | None], kb_by_id: dict[str, KBEntity]
) -> dict[str, set[tuple[str, ...]]]:
    """The person clusters so far, each with every full form of its name seen."""
    people: dict[str, set[tuple[str, ...]]] = {}
    for f, key in zip(found, keys):
        if key is None:
            continue
        if key.startswith("kb:"):
            entity = kb_by_id.get(key[3:])
            if entity is not None and entity.kind == "person":
                people.setdefault(key, set()).update((names.name_words(entity.name), f.words))
        elif f.label == "PERSON":
            people.setdefault(key, set()).add(f.words)
    return people


def _is_part(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True if ``short`` is a shorter form of ``full``: its words in order, sharing the first or last."""
    if not short or len(short) >= len(full) or (short[0] != full[0] and short[-1] != full[-1]):
        return False
    rest = iter(full)
    return all(word in rest for word in short)


def _kb_surname(f: Found, kb: Sequence[KBEntity]) -> str | None:
    """The one KB person whose first or last name a one-word name tagged as a person or body is."""
    if len(f.words) != 1 or f.label not in SHORT_FORM_LABELS:
        return None
    ids = [e.id for e in kb if e.kind == "person" and _is_part(f.words, names.name_words(e.name))]
    return f"kb:{ids[0]}" if len(ids) == 1 else None


def _short_form(
    f: Found,
    found: Sequence[Found],
    keys: Sequence[str | None],
    kb_by_id: dict[str, KBEntity],
    kb_id: str | None,
) -> str:
    """Resolve a short form to a person in the article by evidence, else the KB, else itself."""
    people = _person_keys(found, keys, kb_by_id)
    candidates = [key for key, forms in people.items() if any(_is_part(f.words, w) for w in forms)]
    if candidates:
        return _by_evidence(f, candidates, found, keys)
    return f"kb:{kb_id}" if kb_id else f"new:{names.name_key(f.text)}"


def _by_evidence(f: Found, candidates: list[str], found: Sequence[Found], keys: Sequence[str | None]) -> str:
    """Choose among people a short form could be: recent and local, same role, else most mentioned."""
    before = {c: [g for g, k in zip(found, keys) if k == c and g.position < f.position] for c in candidates}
    seen = [c for c in candidates if before[c]]
    if not seen:
        # A short form ahead of any full name (a headline): the nearest one after it.
        return min(candidates, key=lambda c: min(g.position for g, k in zip(found, keys) if k == c))
    if f.role:
        same_role = [c for c in seen if any(_same_role(f.role, g.role) for g in before[c])]
        seen = same_role or seen
    latest = max(seen, key=lambda c: before[c][-1].position)
    if f.block - before[latest][-1].block <= 1:
        return latest
    # Far from any of them, the one the article has been about wins over a passing mention.
    return max(seen, key=lambda c: (len(before[c]), before[c][-1].position))


def _same_role(a: str | None, b: str | None) -> bool:
    """True if two roles share a title word ("spokesman")."""
    if not a or not b:
        return False
    words_a = {w.lower().rstrip(".") for w in a.split()} & names.ROLE_WORDS
    return bool(words_a & {w.lower().rstrip(".") for w in b.split()})


def build_entities(
    found: Sequence[Found], keys: Sequence[str], kb_by_id: dict[str, KBEntity], blocks: Sequence[Block]
) -> tuple[Entity, ...]:
    """One Entity per cluster, in order of first mention."""
    clusters: dict[str, list[Found]] = {}
    for f, key in zip(found, keys):
        clusters.setdefault(key, []).append(f)
    used = {key[3:] for key in clusters if key.startswith("kb:")}
    entities: list[Entity] = []
    for key, members in clusters.items():
        mentions = tuple(_mention(f, blocks) for f in members)
        entity = kb_by_id.get(key[3:]) if key.startswith("kb:") else None
        kind = entity.kind if entity else _kind(members)
        role = next((r for r in (names.clean_role(f.role) for f in members) if r), None) if kind == "person" else None
        if entity is not None:
            entities.append(_known(entity, mentions, role or entity.role))
            continue
        if kind != "person" and all(f.modifier or f.label in WEAK_LABELS for f in members):
            continue
        name = _name(members, kind)
        slug = _unique(slugify(name, "entity"), used)
        used.add(slug)
        entities.append(Entity(slug, name, kind, mentions, description=role, role=role))
    return tuple(entities)


def _known(entity: KBEntity, mentions: tuple[Mention, ...], role: str | None) -> Entity:
    """An Entity described by its knowledge-base entry."""
    return Entity(
        entity.id, entity.name, entity.kind, mentions, entity.description, role, True, entity.wikidata, entity.url
    )


def _mention(f: Found, blocks: Sequence[Block]) -> Mention:
    """A Mention with its file offsets."""
    source_start, source_end = blocks[f.block].source_span(f.start, f.end)
    return Mention(f.block, f.start, f.end, f.text, source_start, source_end)


# A one-word name tagged a place this many times as often as a person is a place
# (the small model calls "Burma" or "Kyiv" a person now and then).
PLACE_OVER_PERSON = 3


def _kind(members: Sequence[Found]) -> str:
    """An organisation by its head word; a person if the model ever saw one (unless a one-word name is mostly
    a place); else the commonest kind."""
    if any(names.names_a_body(f.words) for f in members):
        return "organization"
    kinds = Counter(KIND_OF_LABEL.get(f.label, "other") for f in members)
    one_word = all(len(f.words) == 1 for f in members)
    if kinds["person"] and not (one_word and kinds["place"] >= PLACE_OVER_PERSON * kinds["person"]):
        return "person"
    del kinds["person"]
    return max(kinds, key=kinds.__getitem__)  # the first seen wins a tie


def _name(members: Sequence[Found], kind: str) -> str:
    """The form most mentions are a short form of (or equal to); then the one used most."""
    counts = Counter(f.text for f in members)
    if kind != "person":
        return max(counts, key=counts.__getitem__)
    forms = {f.text: f.words for f in members}

    def covered(text: str) -> int:
        return sum(f.words == forms[text] or _is_part(f.words, forms[text]) for f in members)

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

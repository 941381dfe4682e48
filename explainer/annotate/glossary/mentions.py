"""Mentions: a tagged span trimmed to the name in it, or an editor's pin, as a ``Found``.

spaCy's NER (with the knowledge base as an EntityRuler ahead of it) tags spans
block by block; ``found_in`` keeps those that name a glossary entity and trims
each to its name (``names``), and ``apply_overrides`` puts the editor's pins in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explainer.annotate.glossary import names, roles
from explainer.annotate.glossary.kinds import (
    KIND_OF_LABEL,
    head_kind,
    is_adherent,
    mention_hint,
    is_personal_name,
    names_a_person,
    member_of,
    word_kind,
)
from explainer.annotate.lexicon import NAME_SUFFIXES
from explainer.errors import Problem, problem
from explainer.model import Block, KBEntity

if TYPE_CHECKING:
    from spacy.tokens import Span

LABEL_OF_KIND = {
    "person": "PERSON",
    "place": "GPE",
    "organization": "ORG",
    "group": "NORP",
    "event": "EVENT",
    "other": "MISC",
}

# The small model's works and products are mostly quoted phrases and headlines:
# kept only when they turn out to name a person or a known entity.
WEAK_LABELS = frozenset(("WORK_OF_ART", "PRODUCT"))

# The labels under which the small model puts a bare surname.
SHORT_FORM_LABELS = frozenset(("PERSON", "ORG"))


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
    hint: str | None = None  # the kind the words around it say ("the shuttle Atlantis": other)
    name: str | None = None  # how the glossary lists it, when not as written ("COLUMBUS" -> "Columbus, Ohio")
    about: str | None = None  # what the story says a body is ("a nonprofit group")
    stands_for: str | None = None  # the name an acronym abbreviates where the story defines it

    @property
    def position(self) -> tuple[int, int]:
        """Where the name starts, for ordering."""
        return (self.block, self.start)

    @property
    def words(self) -> tuple[str, ...]:
        """The name's words for short-form matching."""
        return names.name_words(self.text)


def found_in(block: int, ent: "Span") -> Found | None:
    """The name in one tagged span, or None if the span is no glossary entity."""
    label = ent.label_
    kb_id = ent.ent_id_ or None
    if label not in KIND_OF_LABEL and not kb_id:
        return None
    if not kb_id and label in ("ORG", "PERSON", "GPE") and word_kind(ent.text) == "group":
        label = "NORP"  # "the Rohingya" tagged a body
    if label == "NORP" and not kb_id and not names.is_group_noun(ent):
        return None
    if not kb_id and is_adherent(ent.text):
        return None  # "a former Scientologist": a word for a person, no name
    if not kb_id and names.is_prefixed(ent):
        return None  # "anti-Pyongyang propaganda", "@POTUS": a modifier or a handle, no mention
    if not kb_id and names.is_title_part(ent):
        return None
    if not kb_id and label != "PERSON" and names.is_titled_person(ent):
        label = "PERSON"
    doc = ent.doc
    # A ruler match is exactly a knowledge-base name: nothing in it is a title.
    first, last = names.name_bounds(ent, person=label == "PERSON" and not kb_id)
    if first >= last:
        return None
    if label == "PERSON" and last - first >= 2 and last + 1 < len(doc) and doc[last].text == "-" \
            and not doc[last - 1].whitespace_ and not doc[last].whitespace_ and doc[last + 1].is_alpha \
            and doc[last + 1].text.islower() and len(doc[last + 1]) <= 5 and doc[last + 1].lower_ not in NAME_SUFFIXES:
        last += 2  # "Wong Kwok-hing" tagged as "Wong Kwok": a hyphenated given name is one word
    if label == "PERSON" and not kb_id:
        label = names.person_label(ent, first, last)
        if label is None:
            return None
    whole = names.doc_text(doc)
    start, end = names.char_bounds(whole, doc[first].idx, doc[last - 1].idx + len(doc[last - 1]))
    text = whole[start:end]
    if not names.is_plausible_name(text):
        return None
    modifier = label == "ORG" and names.is_modifier(ent)
    hint = None if kb_id else mention_hint(doc, first, last)
    if not kb_id and label != "PERSON" and head_kind(text) is None and (
            hint == "person" or is_personal_name(text)):
        label = "PERSON"  # "Thibaut Courtois" or "fashion designer Halston", whatever the model said
    elif not kb_id and label == "PERSON" and names.is_acronym(text):
        label = "ORG"  # "DAB": a person is no acronym (a person's initials join the person)
    if not kb_id and hint is None and member_of(doc, first):
        hint = "organization"
    role = None
    if label in SHORT_FORM_LABELS:
        role = (roles.role_before(doc, first, ent.start) or roles.role_after(doc, last)
                or roles.role_before_comma(doc, first) or roles.relative_role(doc, last))
    if label == "ORG" and not kb_id and hint is None and _a_persons(roles.role_after(doc, last)):
        hint = "person"  # "Hale, a senator from the coast," tagged a body: a senator is a person
    about = roles.body_description(doc, last) if label != "PERSON" and not kb_id else None
    return Found(block, start, end, text, label, kb_id, False, role, modifier, hint, about=about)


def _a_persons(role: str | None) -> bool:
    """True if the appositive after a name says what one person is, with "a": its noun before any "of", "for",
    "at" or "from" names what a person is ("a senator from the coast", "a professor at Cornell"). An appositive
    before the name, or one with "the" or a possessive, may be read off a longer phrase ("a senior executive at
    Carrier's parent company, United Technologies"; "the president of soccer's governing body, FIFA")."""
    words = (role or "").split()
    head = next((i for i, w in enumerate(words) if w.lower() in ("of", "for", "at", "from", "with", "in")), len(words))
    return words[:1] in (["a"], ["an"]) and head > 1 and names_a_person(words[head - 1].lower().strip(",'’"))


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

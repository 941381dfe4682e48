"""A speaker's role as the text states it, for every way news introduces someone.

- a title before the name: "Alderman Jo Park" (the title may sit inside the model's name);
- an appositive, with its complement: "Lavrov, the minister", "a spokesman for the agency, Ben Cho";
- a relative clause: "Ana Ruiz, who leads the Eastside Tenants Union" -> "leader of the Eastside Tenants Union";
- a possessive owner: "the Falcons' coach, Lee Grant" -> "coach of the Falcons".

``glossary.roles.complete`` then writes a body the role names by a common noun or a short form ("the agency",
"Falcons") as the full name the story gave it before ("State Water Board", "Harbor City Falcons").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from explainer.annotate.attribution.phrases import phrase, role_phrase
from explainer.annotate.glossary.names import appositive, entity_at, text_of
from explainer.annotate.lexicon import HONORIFICS, PERSON_ROLES, ROLE_VERBS


def role_at(ent: Span) -> str | None:
    """The role written beside a name: "Foreign Minister Wang Yi", "Lavrov, the minister", "Ruiz, who leads X"."""
    root = ent.root
    before = [t for t in phrase(root) if t.i < ent.start and t.lower_ not in HONORIFICS]
    if before and any(t.lemma_.lower() in PERSON_ROLES or t.pos_ in ("NOUN", "PROPN") for t in before):
        return text_of(before)
    titles = title_words(ent)
    if titles:
        return text_of(titles)
    app = appositive(root)
    if app is not None and entity_at(app) is None:
        return text_of(role_phrase(app))
    if root.dep_ == "appos" and root.head.lemma_.lower() in PERSON_ROLES and entity_at(root.head) is None:
        return owned(root.head) or text_of(role_phrase(root.head))
    return _relative_role(root)


def title_words(ent: Span) -> list[Token]:
    """Leading words of a person's name that are an office ("Alderman" in "Alderman Jo Park"), not the name."""
    words = [t for t in ent if t.lower_ not in HONORIFICS]
    titles: list[Token] = []
    for t in words[:-2]:  # a title leaves at least a first name and a surname
        if t.lower_ not in PERSON_ROLES:
            break
        titles.append(t)
    return titles


def owned(head: Token) -> str | None:
    """"The Falcons' coach" as "coach of the Falcons": a role held in a body named as its owner (not a person's
    or a country's: "Trump's adviser", "Russia's foreign minister" stay as written)."""
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None or head.lemma_.lower() not in PERSON_ROLES:
        return None
    ent = entity_at(owner)
    team = owner.tag_ == "NNPS" and (ent is None or ent.label_ not in ("GPE", "NORP", "PERSON"))
    if not team and (ent is None or ent.label_ != "ORG"):
        return None
    name = text_of([t for t in (ent if ent is not None else [owner]) if t.text not in _POSSESSIVE])
    rest = [t for t in phrase(head) if t.i > owner.i and t.text not in _POSSESSIVE]
    return f"{text_of(rest)} of {'the ' if team else ''}{name}" if rest else None


_POSSESSIVE = ("'s", "’s", "'", "’")


def _relative_role(root: Token) -> str | None:
    """"Ana Ruiz, who leads the Eastside Tenants Union": the office a relative clause gives her."""
    for clause in (c for c in root.children if c.dep_ == "relcl"):
        noun = ROLE_VERBS.get(clause.lemma_.lower())
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
        if noun and subject is not None and subject.lower_ == "who" and obj is not None:
            body = [t for t in obj.subtree if not (t.is_punct and t.text not in ("'s", "’s", "-", "."))]
            return f"{noun} of {text_of(body)}"
    return None

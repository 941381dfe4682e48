"""What the text says a person or a body is: the role written around a person's name, cleaned for cards, and
the description a story gives an entry the knowledge base lacks.

"Chinese Foreign Minister Wang Yi" (a title before the name), "Jane Doe, a lawyer for Acme," (an appositive),
"a spokeswoman for the department, Karen Liu," (an appositive before it), "Marcus Bell, who leads the Scioto
Riverfront Coalition," (a relative clause), "the Scioto Riverfront Coalition, a nonprofit group," (a body's).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from explainer.annotate.glossary.kinds import names_a_person
from explainer.annotate.glossary.names import QUOTES_AND_PUNCT, is_role_word, word_of
from explainer.annotate.lexicon import (
    ADDRESS_FORMS,
    BODY_NOUNS,
    AGENT_SUFFIXES,
    COURTESY_TITLES,
    DANGLING_WORDS,
    NOT_ROLE_WORDS,
    PERSON_ROLES,
    POSSESSIVES,
    RELATIVE_ROLE_VERBS,
    ROLE_WORDS,
    TITLE_ROLES,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from explainer.model import Entity


def _title_head(doc: "Doc", name_start: int) -> int | None:
    """The role word governing the title right before a name, past an "of" complement."""
    i = name_start - 1
    if i >= 0 and is_role_word(doc[i]):
        return i
    j = i
    while j >= 0 and name_start - j <= 3 and doc[j].text[:1].isupper() and not is_role_word(doc[j]):
        j -= 1
    if j < i and j >= 1 and doc[j].lower_ == "of" and is_role_word(doc[j - 1]):
        return j - 1
    return None


def is_person_noun(token: "Token") -> bool:
    """True for a noun that names what a person is: a role word or an agent noun ("developer")."""
    word = word_of(token)
    agent = len(word) > 4 and word.isalpha() and word.endswith(AGENT_SUFFIXES)
    if token.doc.has_annotation("POS") and token.pos_ not in ("NOUN", "PROPN"):
        return False
    return word in ROLE_WORDS or agent


def _may_extend_role(token: "Token", parsed: bool) -> bool:
    """True if a token left of a title can belong to the role ("foreign ministry", "Chinese")."""
    if token.is_punct or token.is_space or token.like_num or token.ent_type_ in ("DATE", "TIME"):
        return False
    if token.text in POSSESSIVES:
        return True
    if token.is_stop:
        return False
    if not (token.is_alpha or "-" in token.text or token.text.endswith(".")):
        return False
    if parsed:
        return token.pos_ in ("ADJ", "NOUN", "PROPN", "PART")
    return True


def role_before(doc: "Doc", name_start: int, span_start: int) -> str | None:
    """The title written just before a person's name: "Chinese Foreign Minister"."""
    i = _title_head(doc, name_start)
    if i is None:
        return None
    parsed = doc.has_annotation("DEP")
    first = i
    while first > 0 and name_start - first < 7:
        prev = doc[first - 1]
        inside = first - 1 >= span_start
        if not (inside or is_role_word(prev) or _may_extend_role(prev, parsed)):
            break
        # Lower-case words modify lower-case titles ("foreign ministry spokesman"), never "Sen.".
        if prev.text[:1].islower() and doc[first].text[:1].isupper():
            break
        first -= 1
    # A role never starts on a connector or a possessive marker.
    while first < i and (doc[first].lower_ == "of" or doc[first].text in POSSESSIVES):
        first += 1
    return _role_text(doc[first:name_start].text)


def role_after(doc: "Doc", name_end: int) -> str | None:
    """The appositive after a person's name: "Jane Doe, a lawyer for X," -> "a lawyer for X"."""
    if name_end >= len(doc) - 1 or doc[name_end].text != ",":
        return None
    first = name_end + 1
    stop = first
    while stop < len(doc) and stop - first < 12 and doc[stop].text not in (",", ";", ".", ")", "—", "–", ":"):
        stop += 1
    if stop == first or stop >= len(doc) or doc[stop].text not in (",", ";", ".", "—", "–"):
        return None
    words = doc[first:stop]
    # "X, a lawyer for Y," or "X, Clinton's spokesman,"; not a list of names, an age or a clause.
    if any(t.ent_type_ == "PERSON" for t in words):
        return None
    if doc.has_annotation("DEP"):
        heads = [t for t in words if t.dep_ == "appos" and name_end - 4 <= t.head.i < name_end]
    else:
        heads = list(words)
    ok = any(is_person_noun(t) for t in heads)
    return _role_text(words.text) if ok else None


def role_before_comma(doc: "Doc", name_start: int) -> str | None:
    """An appositive before a person's name: "The Riverhawks' president, Tom Brandt," -> "The Riverhawks'
    president"; "..., a spokeswoman for the department, Karen Liu, said" -> "a spokeswoman for the department"."""
    if name_start < 3 or doc[name_start - 1].text != ",":
        return None
    end = name_start - 1
    first = end
    while first > 0 and end - first < 10 and doc[first - 1].text not in (",", ";", ":", "—", "–", "(") \
            and not doc[first - 1].is_sent_end:
        first -= 1
    words = doc[first:end]
    if not words or end - first >= 10:
        return None
    opener = words[0]
    starts_well = opener.lower_ in ("a", "an", "the", "his", "her", "their", "its") or (
        len(words) > 1 and words[1].text in POSSESSIVES)
    head = next((i for i, t in enumerate(words) if t.lower_ in ("of", "for", "at", "with", "in", "to")), len(words))
    return _role_text(words.text) if starts_well and any(names_a_person(t.lower_) for t in words[:head]) else None


def relative_role(doc: "Doc", name_end: int) -> str | None:
    """What a relative clause says a person does: "Marcus Bell, who leads the Scioto Riverfront Coalition," ->
    "leads the Scioto Riverfront Coalition"."""
    if name_end + 3 >= len(doc) or doc[name_end].text != "," or doc[name_end + 1].lower_ != "who":
        return None
    if doc[name_end + 2].lower_ not in RELATIVE_ROLE_VERBS:
        return None
    first, stop = name_end + 2, name_end + 3
    while stop < len(doc) and stop - first < 12 and doc[stop].text not in (",", ";", ".", ")", "—", "–", ":"):
        stop += 1
    return _role_text(doc[first:stop].text) if stop - first < 12 else None


def body_description(doc: "Doc", name_end: int) -> str | None:
    """The appositive after a body's name: "the Scioto Riverfront Coalition, a nonprofit group," -> "a
    nonprofit group"."""
    if name_end + 2 >= len(doc) or doc[name_end].text != "," or doc[name_end + 1].lower_ not in ("a", "an"):
        return None
    first = stop = name_end + 1
    while stop < len(doc) and stop - first < 14 and doc[stop].text not in (",", ";", ".", ")", "—", "–", ":"):
        stop += 1
    words = doc[first:stop]
    if stop - first >= 14 or len(words) < 2 or not words[1].text[:1].islower():
        return None
    if doc.has_annotation("POS") and not any(t.pos_ == "NOUN" for t in words):
        return None
    return _role_text(words.text)


def _role_text(text: str) -> str | None:
    """A role with outer punctuation removed; honorifics alone are no role."""
    role = text.strip(QUOTES_AND_PUNCT)
    if not role or role.lower().rstrip(".") in ADDRESS_FORMS:
        return None
    return role


def clean_role(role: str | None) -> str | None:
    """A role fit for a speaker card, or None: titles written out or dropped, and nothing that names no role.

    "Vermont Sen." -> "Vermont senator"; "nominee Gov." -> "nominee"; "D-Md.", "N.C.", "Massachusetts",
    "NBC's", "herself" and a stray dash name no role.
    """
    words = (role or "").split()
    titles = [TITLE_ROLES[w.lower()] for w in words if w.lower() in TITLE_ROLES]
    kept = [w for w in words if w.lower() not in TITLE_ROLES.keys() | COURTESY_TITLES
            and w.lower().rstrip(".") not in ADDRESS_FORMS]
    if titles and not _names_role(kept, parties=False):
        kept.append(titles[-1])
    text = " ".join(kept).strip(" ,;:-–—―“”\"'‘’")
    while text.rsplit(" ", 1)[-1].lower() in DANGLING_WORDS and " " in text:
        text = text.rsplit(" ", 1)[0].rstrip(" ,;:")
    return text if text and _names_role(text.split()) else None


def _names_role(words: Sequence[str], parties: bool = True) -> bool:
    """Whether words hold an office or trade ("Chancellor", "RT host"), a common noun ("two-decade veteran"),
    or (with ``parties``) a party ("Democrat"): "Republican Indiana Gov." still wants its governor."""
    for word in words:
        bare = re.sub(r"[’']s$", "", word).strip(".,;:()").lower()
        if bare in PERSON_ROLES or bare in ROLE_WORDS or (parties and bare in ("democrat", "republican")):
            return True
        if word[:1].islower() and len(bare) > 2 and bare.replace("-", "").isalpha() and bare not in NOT_ROLE_WORDS:
            return True
    return False


_BODY_AFTER = re.compile(r"\b(for|of|at|with) the ([a-z]+)$")
_OWNER_FIRST = re.compile(r"^(?:[Tt]he )?([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)(?:'s|’s|'|’) ([a-z][a-z -]*)$")


def complete(role: str | None, block: int, start: int, entities: Sequence["Entity"]) -> str | None:
    """A role's body as the story named it before: "spokesman for the agency" -> "spokesman for the State
    Water Board", "coach of the Falcons" -> "coach of the Harbor City Falcons"."""
    if not role:
        return role
    earlier = [(m.block, m.start, e.name) for e in entities if e.kind in ("organization", "group")
               for m in e.mentions if (m.block, m.start) < (block, start)]
    earlier.sort()
    generic = _BODY_AFTER.search(role)
    if generic and generic.group(2) in BODY_NOUNS:
        noun = generic.group(2)
        named = [n for _, _, n in earlier if n.split()[-1].lower() in (noun, noun + "s")] or \
            [n for _, _, n in earlier if len(n.split()) > 1]
        if named:
            return role[: generic.start(2)] + re.sub(r"^[Tt]he ", "", named[-1])
    owner = _OWNER_FIRST.match(role)
    if owner:  # "The Falcons' coach" -> "coach of the Harbor City Falcons", when the story named them so
        fuller = [n for _, _, n in earlier if n.endswith(" " + owner.group(1))]
        if fuller:
            return f"{owner.group(2)} of the {re.sub(r'^[Tt]he ', '', fuller[-1])}"
    short = re.search(r"\bof the ([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)$", role)
    if short:
        fuller = [n for _, _, n in earlier if n.endswith(" " + short.group(1))]
        if fuller:
            return role[: short.start(1)] + fuller[-1]
    return role

"""What counts as a name in a tagged span, and what the text says about who it is.

These functions look at one spaCy span and its neighbours: trimming the span
to the name itself (no title, leading "the", possessive or quotes), reading the
role written around a person's name (cleaned for cards by ``clean_role``), and
rejecting spans that cannot be names.
They work on a blank pipeline's Docs (lexical rules only) and use the parse
only where a model has supplied one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from explainer.annotate.lexicon import (
    ABBREVIATIONS,
    ADDRESS_FORMS,
    AGENT_SUFFIXES,
    BODIES,
    CALENDAR,
    COURTESY_TITLES,
    GENERATIONS,
    INSTITUTIONS,
    NOT_ROLE_WORDS,
    OFFICES,
    PARTICLES,
    PERSON_ROLES,
    POSSESSIVES,
    PRESS,
    ROLE_WORDS,
    STATES,
    TITLE_ROLES,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


QUOTES_AND_PUNCT = "\"'“”‘’«»()[]{}<>,;:!?*_—–-/\\|#@ "


def names_a_body(words: Sequence[str]) -> bool:
    """Whether a multi-word name's head makes it an organisation, whatever its tag: "John Birch Society",
    "Chicago Tribune", or the head before "of"/"for" ("Center for Strategic and International Studies")."""
    if len(words) < 2:
        return False
    if words[-1] in BODIES or words[-1] in PRESS:
        return True
    return any(w in BODIES | {"center", "centre", "bank"} and nxt in ("of", "for", "on", "to")
               for w, nxt in zip(words, words[1:]))


def _word(token: "Token") -> str:
    """A token's text, lower-cased and without a trailing period (``Sen.`` -> ``sen``)."""
    return token.text.lower().rstrip(".")


def is_role_word(token: "Token") -> bool:
    """True if the token names an office or occupation."""
    return _word(token) in ROLE_WORDS


def name_bounds(span: "Span", person: bool) -> tuple[int, int]:
    """Token bounds ``(start, end)`` of the name inside ``span``.

    Leading lower-case words, punctuation and (for people) titles are cut; so
    are a trailing possessive, year, percentage or punctuation.
    """
    doc = span.doc
    start, end = span.start, span.end
    # Leading lower-case words ("the", "this", "federal") are never the start of a name.
    while start < end - 1 and (doc[start].is_punct or _lower_word(doc[start])):
        start += 1
    if end - start >= 3 and doc[start].text in ("The", "A", "An"):
        start += 1  # "The United Nations" opening a sentence; "The Hague" keeps its article
    while end > start and (_trailing_junk(doc, end - 1, start)):
        end -= 1
    if person:
        # The name begins after the last title word that still leaves a name behind.
        for i in range(end - 2, start - 1, -1):
            if is_role_word(doc[i]):
                start = i + 1
                break
        while start < end - 1 and _lower_word(doc[start]):
            start += 1
    return start, end


def _lower_word(token: "Token") -> bool:
    """True for a lower-case word that is not a name particle ("de")."""
    return token.text[:1].islower() and token.lower_ not in PARTICLES


def _trailing_junk(doc: "Doc", i: int, start: int) -> bool:
    """True if token ``i`` ends a span but is no part of a name: "'s", a year, "13 percent", "for"."""
    token = doc[i]
    if token.text in POSSESSIVES or token.is_punct or (token.is_stop and token.text.islower()):
        return True
    if token.lower_ in ("percent", "%") and i > start and doc[i - 1].like_num:
        return True
    if token.like_num and i > start:
        is_year = token.text.isdigit() and len(token.text) == 4
        return is_year or "." in token.text or (i + 1 < len(doc) and doc[i + 1].lower_ in ("percent", "%"))
    return False


def char_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``text[start:end]`` past surrounding quotes, punctuation and a possessive."""
    while start < end and (text[start] in QUOTES_AND_PUNCT or text[start].isspace()):
        start += 1
    changed = True
    while changed and end > start:
        changed = False
        for tail in ("'s", "’s"):
            if text[start:end].endswith(tail):
                end -= len(tail)
                changed = True
        while end > start and (text[end - 1] in QUOTES_AND_PUNCT or text[end - 1].isspace()):
            end -= 1
            changed = True
        if end > start and text[end - 1] == "." and not _keeps_period(text[start:end]):
            end -= 1
            changed = True
    if text[start:end].lower() in STATES and text[end:end + 1] == ".":
        end += 1  # "Montpelier, Vt." at a sentence end: the tokenizer gave the period to the sentence
    return start, end


def _keeps_period(name: str) -> bool:
    """True if a final period is part of the name: "U.S.", "Jr.", "Inc.", "Fla."."""
    body = name[:-1]
    last = body.split()[-1].lower() if body.split() else ""
    return "." in body or last in ABBREVIATIONS or last in STATES


def is_plausible_name(name: str) -> bool:
    """False for text that cannot be a glossary name: lower-case, one character, numeric, a date word."""
    letters = sum(ch.isalpha() for ch in name)
    digits = sum(ch.isdigit() for ch in name)
    if letters <= 1 or digits >= letters:
        return False
    first_word = name.split()[0] if name.split() else ""
    if first_word[:1].islower() and first_word not in PARTICLES:
        return False
    if name == name.lower() or any(ch in name for ch in "<>=_{}|@#") or "http" in name:
        return False
    return not all(w.lower().strip(".") in CALENDAR for w in name.split())


def is_group_noun(span: "Span") -> bool:
    """True if a NORP span is a plural noun for people ("Uyghurs"), not a demonym adjective."""
    last = span[-1]
    if not last.text[:1].isupper() or not last.text.endswith("s") or last.text.endswith("ss"):
        return False
    if span.doc.has_annotation("DEP"):
        return span.root.dep_ not in ("amod", "compound") and span.root.pos_ != "ADJ"
    return True


def person_label(span: "Span", first: int, last: int) -> str | None:
    """The label a PERSON span really has: ORG for "Charlotte Panthers", None for "Charlotte Mayor"."""
    final = span.doc[last - 1]
    if _word(final) in INSTITUTIONS or final.tag_ == "NNPS":
        return "ORG"
    if _word(final) in OFFICES:
        return None
    return "PERSON"


def is_title_part(span: "Span") -> bool:
    """True if a span is the tail of a title before a name: "State" in "Secretary of State John Kerry"."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and is_role_word(doc[span.start - 2])
        and span.end < len(doc)
        and doc[span.end].ent_type_ == "PERSON"
    )


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


def is_modifier(span: "Span") -> bool:
    """True if a parsed span only modifies a following common noun ("Muslim Uyghur separatists")."""
    doc = span.doc
    if not doc.has_annotation("DEP") or span.end >= len(doc):
        return False
    head = span.root.head
    return (
        span.root.dep_ in ("compound", "amod")
        and head.i >= span.end
        and head.tag_ == "NNS"
        and head.text[:1].islower()
    )


def is_person_noun(token: "Token") -> bool:
    """True for a noun that names what a person is: a role word or an agent noun ("developer")."""
    word = _word(token)
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


def _role_text(text: str) -> str | None:
    """A role with outer punctuation removed; honorifics alone are no role."""
    role = text.strip(QUOTES_AND_PUNCT)
    if not role or role.lower().rstrip(".") in ADDRESS_FORMS:
        return None
    return role


@lru_cache(maxsize=1 << 16)  # asked again and again while mentions are resolved
def name_key(name: str) -> str:
    """A form of a name for matching: case-folded, no periods or apostrophes, no leading "the"."""
    key = re.sub(r"[.'’]", "", name.casefold())
    key = re.sub(r"[\s\-]+", " ", key).strip()
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1 << 16)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name for matching short forms, case-folded, without "Jr." or "III".

    Particles stay: "Bin Laden" and "de Blasio" are short forms of "Osama bin
    Laden" and "Bill de Blasio" word for word, and "Al Sharpton" is not "Sharpton".
    """
    words = name_key(name).replace(",", " ").split()
    while len(words) > 1 and words[-1] in GENERATIONS:
        words.pop()  # "John G. Roberts Jr." is "Roberts" for short
    return tuple(words)


def appositive(head: "Token") -> "Token | None":
    """An appositive attached to a head noun ("Lavrov, Russia's foreign minister").

    Of two, the common noun: "Rep. Jim Clyburn (D-S.C.), the assistant leader ..." is the leader.
    """
    found = [c for c in head.children if c.dep_ == "appos"]
    return next((c for c in found if c.pos_ == "NOUN"), found[0] if found else None)


def entity_at(token: "Token") -> "Span | None":
    """The named entity a token lies in, if any."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def doc_text(doc: "Doc") -> str:
    """A parse's text, joined once: spaCy's ``Doc.text`` joins every token again on each call."""
    text = doc.user_data.get("explainer.text")
    if text is None:
        text = doc.user_data["explainer.text"] = doc.text
    return text  # type: ignore[no-any-return]


def text_of(tokens: Iterable["Token"]) -> str:
    """The text a run of tokens covers in its document."""
    tokens = list(tokens)
    if not tokens:
        return ""
    return doc_text(tokens[0].doc)[tokens[0].idx: tokens[-1].idx + len(tokens[-1].text)]


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

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
    BODIES,
    CALENDAR,
    CHINESE_SURNAMES,
    COURTESY_TITLES,
    FEMALE_NAMES,
    GENERATIONS,
    HONORIFICS,
    INSTITUTIONS,
    MALE_NAMES,
    OCCUPATIONS,
    OFFICES,
    PARTICLES,
    PARTISANS,
    PEOPLES,
    POSSESSIVES,
    ROLE_WORDS,
    STATES,
    TIME_ZONES,
    TITLE_PARTS,
)

from explainer.annotate.glossary.places import candidates

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# Titles before a name, as words: "Mr", "Sen", "Rev" (with or without a period).
TITLE_WORDS = frozenset(w.rstrip(".") for w in HONORIFICS | COURTESY_TITLES | ADDRESS_FORMS)
# Words that end a caption before its credit ("Image: Jane Roe") and prefixes of a label before a name.
CAPTION_WORDS = frozenset("image photo picture video credit".split())
LABEL_PREFIXES = frozenset("pro anti pan ex non".split())
QUOTES_AND_PUNCT = "\"'“”‘’«»()[]{}<>,;:!?*_—–-/\\|#@ "


# Countries whose first names Faker lists in the Latin alphabet (its generic "en" list mixes in surnames and
# words: "Hall", "North", "Captain").
GIVEN_NAME_LOCALES = """cs_CZ da_DK de_AT de_CH de_DE en_GB en_IE en_IN en_KE en_NZ en_PK en_US es_AR es_CL es_CO
es_ES es_MX fi_FI fr_BE fr_CA fr_FR ga_IE hr_HR hu_HU it_IT lt_LT lv_LV nl_BE nl_NL no_NO pl_PL pt_BR pt_PT ro_RO
sk_SK sl_SI sv_SE tr_TR""".split()


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """First names of many countries, lower-case, from Faker's person lists (loaded once)."""
    import importlib

    found = set(MALE_NAMES | FEMALE_NAMES)
    for locale in GIVEN_NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names_male", "first_names_female", "first_names"):
            value = getattr(provider, attr, None)
            if isinstance(value, (dict, list, tuple)):
                found.update(n.lower() for n in value if isinstance(n, str) and n.isalpha())
    return frozenset(found)


def is_given_name(word: str) -> bool:
    """True for a first name ("denise", "thibaut"): a two-word name starting so is a person's, whatever its end."""
    return word.lower() in _given_names()


def word_of(token: "Token") -> str:
    """A token's text, lower-cased and without a trailing period (``Sen.`` -> ``sen``)."""
    return token.text.lower().rstrip(".")


def is_title_word(word: str) -> bool:
    """True for a capitalised word that says what a person is, not who: "Senator", "Senators", "Actress",
    "Mr", "Democrat", "Republican"."""
    low = word.lower().rstrip(".")
    stem = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    if low in TITLE_WORDS or f"{stem}s" in PARTISANS or stem in ROLE_WORDS or stem in OCCUPATIONS:
        return True
    return not is_given_name(low) and low.endswith(("an", "ic", "ish", "ese", "ist", "ess"))  # "Texan", "Actress"


def is_role_word(token: "Token") -> bool:
    """True if the token names an office or occupation."""
    return word_of(token) in ROLE_WORDS


def name_bounds(span: "Span", person: bool) -> tuple[int, int]:
    """Token bounds ``(start, end)`` of the name inside ``span``.

    Leading lower-case words, punctuation and (for people) titles are cut; so
    are a trailing possessive, year, percentage or punctuation.
    """
    doc = span.doc
    start, end = span.start, span.end
    # A prefixed label before a name ("Pan-democrat Lam Cheuk-ting", "Pro-Beijing DAB") is no part of it.
    while end - start > 3 and doc[start].lower_ in LABEL_PREFIXES and doc[start + 1].text in ("-", "–"):
        start += 3
    # Leading lower-case words ("the", "this", "federal") are never the start of a name.
    while start < end - 1 and (doc[start].is_punct or _lower_word(doc[start])):
        start += 1
    if end - start >= 3 and doc[start].text in ("The", "A", "An"):
        start += 1  # "The United Nations" opening a sentence; "The Hague" keeps its article
    end = _before_open_quote(doc, start, end)
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
        first = word_of(doc[start])
        if end - start >= 3 and is_given_name(word_of(doc[start + 1])) and not is_given_name(first) and \
                (first in TITLE_WORDS or first in ROLE_WORDS or (len(first) > 5 and is_title_word(first))
                 or doc[start].tag_ == "RB"):
            # "Comedian Sarah Silverman": what she is, before her first name ("San Pedro": no); "Certainly
            # Donald Trump" opening a sentence: an adverb
            start += 1
        while end - start > 1 and (doc[end - 1].like_num or doc[end - 1].is_punct):
            end -= 1  # "Marco Rubio 151" in a table of delegates, "Cruz 42-40": a person's name has no number
    return start, end


def name_end(ent: "Span") -> int:
    """Where the words of a tagged entity end for a speaker's name: a person's where the glossary's name ends
    (``name_bounds``: 'Juan "Chico" Manriquez of' is Juan "Chico" Manriquez), any other entity's at its end."""
    return max(name_bounds(ent, person=True)[1], ent.start + 1) if ent.label_ == "PERSON" else ent.end


_OPENERS, _CLOSERS = ("“", "‘"), ("”", "’", '"', "'")


def _before_open_quote(doc: "Doc", start: int, end: int) -> int:
    """Where a span ends if a quote or a bracket opens inside it and does not close there: "Trump's ‘Incredibly"
    (a headline's quoted words swallowed by the tagger) is a mention of Trump, "Young Americans for Freedom (YAF"
    of the body; Marcia “Cia” Price keeps her nickname."""
    for i in range(start + 1, end):
        text = doc[i].text
        if text == "(" and not any(doc[j].text == ")" for j in range(i + 1, end)):
            return i
        opens = text in _OPENERS or (text in ('"', "'") and bool(doc[i - 1].whitespace_))
        if opens and not any(doc[j].text in _CLOSERS for j in range(i + 1, end)):
            return i
    return end


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
    if i > start and token.lower_ in CAPTION_WORDS and i + 1 < len(doc) and doc[i + 1].text == ":":
        return True  # "Washington D.C. Image: ...", a caption's credit line
    if token.like_num and i > start and i + 1 < len(doc) and doc[i + 1].text in ("–", "-", "—"):
        return True  # a score: "Sweden 1 – 0"
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
    if re.fullmatch(r"(?i:pro|anti|pan|ex|non)-\w+", name):
        return False  # "Pan-democrat", "Pro-Beijing": a label, no name
    if name.lower() in TIME_ZONES:
        return False
    return not all(w.lower().strip(".") in CALENDAR for w in name.split())


def is_group_noun(span: "Span") -> bool:
    """True if a NORP span is a plural noun for people ("Uyghurs", "the Rohingya"), not a demonym adjective."""
    last = span[-1]
    plural = last.text.endswith("s") and not last.text.endswith("ss")
    if not last.text[:1].isupper() or not (plural or last.lower_ in PEOPLES):
        return False
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if not plural and after is not None and after.text[:1].islower() and after.is_alpha:
        return False  # "Rohingya refugees": the word modifies
    if span.doc.has_annotation("DEP"):
        return span.root.dep_ not in ("amod", "compound") and span.root.pos_ != "ADJ"
    return True


def is_prefixed(span: "Span") -> bool:
    """True for a name glued to what makes it no mention: "anti-Pyongyang", "pro-Beijing", "@POTUS"."""
    doc = span.doc
    if span[0].text.startswith("@") or (span.start > 0 and doc[span.start - 1].text == "@"):
        return True
    if len(span) == 3 and span[0].lower_ in LABEL_PREFIXES and span[1].text == "-" \
            and not span[0].whitespace_ and not span[1].whitespace_:
        return True  # the model's "pro-Beijing" as one span
    return span.start > 1 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ in LABEL_PREFIXES \
        and not doc[span.start - 1].whitespace_ and not doc[span.start - 2].whitespace_


def is_titled_person(span: "Span") -> bool:
    """True for a span that is a title and a person's name, whatever its tag: "Councilwoman Grace Okafor"."""
    titles = 0
    while titles < len(span) - 1 and span[titles].text[:1].isupper() and is_role_word(span[titles]):
        titles += 1
    return titles > 0 and is_given_name(word_of(span[titles])) and span[-1].text[:1].isupper()


def person_label(span: "Span", first: int, last: int) -> str | None:
    """The label a PERSON span really has: ORG for "Charlotte Panthers", None for "Charlotte Mayor"."""
    final = span.doc[last - 1]
    if last - first >= 2 and is_given_name(word_of(span.doc[first])):
        return "PERSON"  # "Frank Church", "Denise Hall"
    if word_of(final) in INSTITUTIONS or final.tag_ == "NNPS":
        return "ORG"
    if word_of(final) in OFFICES:
        return None
    return "PERSON"


def is_title_part(span: "Span") -> bool:
    """True if a span is part of a title, not a name: "State" in "Secretary of State" (no place of that name),
    "Council" in "Council President Denise Okafor", "Home" in "Home Secretary", or a title itself ("State
    Department Spokesperson")."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ in ("of", "for") and is_role_word(doc[span.start - 2]):
        return not candidates(span.text)
    words = [word_of(t) for t in span if not t.is_punct]
    if words and words[-1] in OFFICES:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    return bool(words and after is not None and after.text[:1].isupper() and is_role_word(after)
                and all(w in TITLE_PARTS or w in BODIES for w in words))


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


def is_acronym(text: str) -> bool:
    """True for "KCNA", "U.N.", "M5S": two to six capitals (digits and periods allowed), no lower case."""
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isalnum() and bare.upper() == bare and sum(c.isalpha() for c in bare) >= 2


def initials(words: Sequence[str]) -> str:
    """The first letters of a name's words, small words left out: "Korean Central News Agency" -> "kcna",
    "Union of Rationalist Atheists and Agnostics" -> "uraa"."""
    return "".join(w[0] for w in words if w not in ("of", "the", "and", "for", "&", "de", "s") and w)


@lru_cache(maxsize=1 << 16)  # asked again and again while mentions are resolved
def name_key(name: str) -> str:
    """A form of a name for matching: case-folded, no periods or apostrophes, no leading "the"."""
    key = re.sub(r"(?<=\w)['’]s\b", "", name.casefold())  # "New People's Party" is "New People Party"
    key = re.sub(r"[.'’]", "", key)
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


def sort_key(name: str) -> tuple[str, str]:
    """How a person is filed: by surname, its particles with it ("Okafor, Denise"; "de Blasio, Bill"; "Roberts,
    John G. Jr."; a name written family name first under that: "Wang Yi"), then the whole name."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in GENERATIONS:
        words.pop()
    family_first = len(words) > 1 and (re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]) or (
        words[0].lower() in CHINESE_SURNAMES and not is_given_name(words[1])))
    if family_first:
        return (words[0].casefold(), name.casefold())  # "Wang Yi", "Lam Cheuk-ting", "Kim Jong-un"
    first = len(words) - 1
    while first > 0 and words[first - 1].lower() in PARTICLES:
        first -= 1
    return (" ".join(words[first:]).casefold(), name.casefold())


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

"""People named in an article outside quotes, with the roles the text gives them.

Speaker resolution needs them to expand a surname to the full name used
earlier ("Lavrov" -> "Sergei Lavrov"; "Wang" -> the nearest earlier Wang), to
find who "the spokesman" is, and to give a speaker the role the text states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from explainer.annotate.attribution.phrases import (
    ORGISH,
    is_headline,
    is_name_word,
    phrase,
)
from explainer.annotate.attribution.roles import role_at, title_words
from explainer.annotate.glossary.names import entity_at, name_end, text_of
from explainer.annotate.lexicon import (
    BODIES,
    CALENDAR,
    DETERMINERS,
    FEMALE_NAMES,
    FEMALE_PRONOUNS,
    HONORIFICS,
    INDEFINITES,
    MALE_NAMES,
    MALE_PRONOUNS,
    NEVER_SPEAK,
    NOUN_GENDER,
    PERSON_ROLES,
    TITLE_GENDER,
)
from explainer.model import Block


@dataclass(frozen=True)
class Person:
    """One mention of a person by name, outside quotes."""

    name: str
    block: int
    start: int
    end: int
    role: str | None = None
    subject: bool = False  # the subject of its clause: a likely antecedent for "he"/"she"
    gender: str | None = None  # "m" or "f" when an honorific says so (Mr., Ms.)
    # The role was written beside the name (title, compound, appositive), not guessed from a
    # nearby unnamed role: only a stated role lets "the mayor" stand for this person.
    stated: bool = False
    sure: bool = False  # the gender comes from a title, a first name or "X said she", not a nearby "her"
    # The one gender of the pronouns in the mention's sentence: too loose to give a gender, but enough to
    # tell which of two namesakes a bare surname is ("In her book, Clinton noted" -- Hillary, not Bill).
    hint: str | None = None
    modifier: bool = False  # "the Clinton campaign": the name qualifies a thing, it stands for no one here
    # Named in passing, in an object or a subordinate clause under another person's clause ("she said after
    # meeting Ann Lee"): not whom the passage is about.
    passing: bool = False


def _unnamed_role(token: Token) -> str | None:
    """A role standing alone as a subject, like "Russia's foreign minister made a visit"."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() not in PERSON_ROLES:
        return None
    if token.dep_ not in ("nsubj", "nsubjpass") or entity_at(token) is not None:
        return None
    kids = list(token.children)
    if any(entity_at(k) is not None and entity_at(k).label_ == "PERSON" for k in kids  # type: ignore[union-attr]
           if k.dep_ in ("compound", "appos")):
        return None
    if not any(k.dep_ in ("poss", "amod", "compound") for k in kids):
        return None
    return text_of(phrase(token))


def _inside(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


_ROLE_WORD = re.compile(r"[a-z0-9]+")
# The small model often tags a bare surname as an organization or a place.
_SURNAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC"})
# Where a known surname stands as a noun phrase, whatever tag it got.
_NOMINAL = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "attr"})


def _person_by_role(ent: Span) -> bool:
    """A name the model took for a body whose apposition is a person's role: "Eswar Prasad, a professor at
    Cornell," (tagged ORG) is a person."""
    return ent.label_ in ORGISH and ent.root.pos_ == "PROPN" and len(ent) <= 3 and \
        any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_ROLES for c in ent.root.children)


def _name_spans(doc: Doc, known: set[str]) -> list[Span]:
    """PERSON entities, and other spans or proper nouns made only of known person-name words."""
    spans = []
    covered: set[int] = set()
    for ent in doc.ents:
        # "Trump" is often tagged a common noun: any capitalised word counts.
        words = [t.text for t in ent if t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.text.istitle())]
        if ent.label_ == "PERSON" and len(ent) == 1 and _common_word(ent[0], known):
            continue  # "Scholars have long debated ...": a capitalised common noun opening a sentence
        if ent[-1].lower_ in NEVER_SPEAK:
            continue  # "Ignacio Zaragoza Street" tagged a person is a place
        if ent.label_ == "PERSON" or (ent.label_ in _SURNAME_LABELS and words and len(ent) <= 2
                                      and all(w in known for w in words)) or _person_by_role(ent):
            spans.append(ent)
            covered.update(range(ent.start, ent.end))
    for token in doc:
        if token.i in covered or token.ent_type_ or token.lower_ in NEVER_SPEAK or token.lower_ in CALENDAR:
            continue  # "Zaragoza Street", "Time, she said, was short": a place's head word or a time is nobody
        if token.text in known and (token.pos_ == "PROPN" or token.dep_ in _NOMINAL):
            # A known surname the tagger read as a verb or plural noun ("Matthews said ...").
            spans.append(doc[token.i: token.i + 1])
        elif token.pos_ != "PROPN":
            continue
        elif token.dep_ in ("nsubj", "nsubjpass", "poss") and token.text.istitle() and token.lower_ not in BODIES:
            # An untagged name acting as a subject or owner ("Ham made it clear", "Zub’s advice earned him ...");
            # a body's head word is no one's name ("the U.S. Chamber of Commerce thinks").
            first = token.i
            while first > 0 and token.i - first < 2 and doc[first - 1].dep_ == "compound" and \
                    doc[first - 1].pos_ == "PROPN" and not doc[first - 1].ent_type_:
                first -= 1
            if all(t.text[:1].isupper() for t in doc[first: token.i + 1]):
                spans.append(doc[first: token.i + 1])
    return sorted(spans, key=lambda s: s.start)


def _common_word(token: Token, known: set[str]) -> bool:
    """A word opening its sentence that the tagger reads as a common noun and no full name contains."""
    return token.is_sent_start and token.pos_ != "PROPN" and token.text not in known


def _main_subject(token: Token) -> bool:
    """The subject of a main clause, or the source of "according to X": the likeliest antecedent
    of a later "he" or "she" (the paragraph reports what that person says)."""
    if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
        return True
    if token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass"):
        token = token.head  # "The league's new commissioner, Arne Dahl, brushes aside ...": the name of the subject
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ in ("ROOT", "conj")


# Relations that put a word in an object or a subordinate clause rather than in the clause it hangs on.
_PASSING_DEPS = frozenset({"dobj", "pobj", "dative", "attr", "oprd", "agent", "advcl", "relcl", "acl", "ccomp",
                           "xcomp", "pcomp", "npadvmod"})


def in_passing(token: Token, names: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether a word stands in an object or a subordinate clause of a clause whose subject, earlier in the
    sentence, is another person: "She spoke after meeting Ann Lee", "Fowler said he expects Clinton to win".
    ``names`` are the words of the article's full names: "Trump" is a person even where the tagger missed it."""
    for subject in token.sent:
        if subject.i >= token.i:
            return False
        if subject.dep_ not in ("nsubj", "nsubjpass") or not _personal(subject, names) or token in subject.subtree:
            continue
        deps = []
        node = token
        while node.i != subject.head.i and node.head.i != node.i:
            deps.append(node.dep_)
            node = node.head
        if node.i == subject.head.i and _PASSING_DEPS.intersection(deps):
            return True
    return False


def _personal(token: Token, names: frozenset[str] | set[str]) -> bool:
    """A person as a subject: a name, "he" or "she", or a noun of kinship or role ("her mother", "the mayor")."""
    if token.ent_type_ == "PERSON" or token.lower_ in ("he", "she") or (token.pos_ == "PROPN" and token.text in names):
        return True
    return token.tag_ == "NN" and (
        word_gender(token.lower_) is not None or token.lemma_.lower() in PERSON_ROLES)  # not "coal miners"


def word_gender(word: str) -> str | None:
    """The gender a noun of kinship, sex or office says ("mother", "spokeswoman"); None for others."""
    word = word.lower()
    if word in NOUN_GENDER:
        return NOUN_GENDER[word]
    # "Spokeswoman" says she; news also writes "spokesman" and "chairman" of women ("Trump spokesman Hope Hicks").
    return "f" if word.endswith("woman") else None


def _role_gender(role: str | None) -> str | None:
    """The gender a stated role's head noun of office says: "a spokeswoman for the city", "Congresswoman".

    Kinship is left out: "Sanders' son" is a role the text gives the son, not Sanders.
    """
    head = re.split(r",| of | for | at | in | who | with ", role or "")[0].split()
    word = head[-1].lower() if head else ""
    return word_gender(word) if word not in NOUN_GENDER else None


def _pronoun_gender(ent: Span, names: Sequence[Span]) -> str | None:
    """The gender of "his"/"her" after the only person named in a sentence, if they agree."""
    sent = ent.sent
    if any(n.sent == sent and n.text != ent.text for n in names):
        return None
    said = {"m" if t.lower_ in MALE_PRONOUNS else "f"
            for t in sent if t.i >= ent.end and t.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS}
    return said.pop() if len(said) == 1 else None


def _sentence_gender(ent: Span, ranges: Sequence[tuple[int, int]]) -> str | None:
    """The gender every his/him/her outside quotes in a name's sentence agrees on, if any.

    A subject "he" or "she" is left out: it is more often someone else ("He warned that Clinton ...").
    """
    said = {"m" if t.lower_ in MALE_PRONOUNS else "f" for t in ent.sent
            if t.lower_ in (MALE_PRONOUNS | FEMALE_PRONOUNS) - {"he", "she"} and not _inside(ranges, t.idx, t.idx + 1)}
    return said.pop() if len(said) == 1 else None


def _first_name_gender(words: Sequence[Token], surnames: set[str]) -> str | None:
    """The gender a first name says plainly ("Betty Shelby", or "Melanie" when no one's surname)."""
    if len(words) < 2 and words[0].text in surnames:
        return None
    first = words[0].lower_
    return "m" if first in MALE_NAMES else "f" if first in FEMALE_NAMES else None


def _reported_gender(ent: Span) -> str | None:
    """The gender of "he"/"she" heading what a name reports: "Shelby said she suspected ..."."""
    root = ent.root
    if root.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ in ("dobj", "dative") for c in root.head.children):
        return None  # "Tanden asked Holder whether he had thoughts": the "he" is whom she asked
    for clause in (c for c in root.head.children if c.dep_ == "ccomp"):
        for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            if subj.lower_ in ("he", "she"):
                return "m" if subj.lower_ == "he" else "f"
    return None


def people_of(blocks: Sequence[Block], docs: Sequence[Doc],
              quoted: dict[int, list[tuple[int, int]]]) -> list[Person]:
    """Every person mention outside quotes, in text order, each with its person's role."""
    found: list[Person] = []
    pending: tuple[str, int] | None = None  # an unnamed role waiting for the next new name
    seen: set[str] = set()
    known = {w for doc in docs if not is_headline(doc) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
             for w in ent.text.split() if w[:1].isupper() and w.lower() not in HONORIFICS}
    surnames = {ent[-1].text for doc in docs if not is_headline(doc) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    for index, doc in enumerate(docs):
        if is_headline(doc):
            continue  # "Black Lawmakers Rip Donald Trump" names no "Rip Donald Trump"
        ranges = quoted.get(index, [])
        roles = [(token.idx, r) for token in doc for r in [_unnamed_role(token)]
                 if r and not _inside(ranges, token.idx, token.idx + 1)]
        names = _name_spans(doc, known)
        for ent in names:
            before_name = [r for at, r in roles if at < ent.start_char]
            if before_name:
                pending = (before_name[-1], index)  # a role waits for a name after it, not before
            roles = [(at, r) for at, r in roles if at >= ent.start_char]
            if _inside(ranges, ent.start_char, ent.end_char):
                continue
            titles = {t.i for t in title_words(ent)}
            words = [t for t in ent.doc[ent.start:name_end(ent)] if is_name_word(t) and t.i not in titles]
            if not words:
                continue
            name = text_of(words)
            role = role_at(ent)
            stated = role is not None
            if name not in seen and pending and pending[1] >= index - 1 and pending[1] <= index:
                role = role or pending[0]
                pending = None
            seen.add(name)
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            strong = (TITLE_GENDER.get(ent[0].lower_) or TITLE_GENDER.get(before) or _first_name_gender(words, surnames)
                      or _reported_gender(ent))
            # A role's noun ("spokeswoman", "her husband") is a guess: a namesake may share the surname.
            gender = strong or _role_gender(role if stated else None) or _pronoun_gender(ent, names)
            found.append(Person(name, index, words[0].idx, words[-1].idx + len(words[-1].text), role,
                                _main_subject(ent.root), gender, stated, bool(strong),
                                _sentence_gender(ent, ranges) if len(words) == 1 else None,
                                ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN",
                                in_passing(ent.root, known)))
        if roles:
            pending = (roles[-1][1], index)
    return _share_roles(found)


def noun_gender(name: str) -> str | None:
    """The gender a description by kinship or sex says ("my mother", "the woman"); None for a name."""
    words = name.split()
    if len(words) < 2 or words[0].lower() not in DETERMINERS:
        return None
    return word_gender(words[-1])


def unnamed_people(docs: Sequence[Doc], quoted: dict[int, list[tuple[int, int]]],
                   names: frozenset[str] = frozenset()) -> list[Person]:
    """Persons the text names only by kinship or sex ("My mother has softened") or by an indefinite description
    ("A hospital spokesman said ..."), as subjects outside quotes: a later "he" or "she" may be them."""
    found = []
    for index, doc in enumerate(docs):
        ranges = quoted.get(index, [])
        for token in doc:
            gender = NOUN_GENDER.get(token.lower_)
            described = gender is None and token.tag_ == "NN" and token.lemma_.lower() in PERSON_ROLES
            if (gender is None and not described) or is_headline(doc) or token.pos_ != "NOUN" or token.ent_type_ \
                    or token.dep_ not in ("nsubj", "nsubjpass") or _inside(ranges, token.idx, token.idx + 1):
                continue
            if in_passing(token, names) or (gender is None and token.head.dep_ not in ("ROOT", "conj")):
                continue  # "insisting that her son was ...", "when one voter brought up ...": not the passage's topic
            det = next((c for c in token.children if c.dep_ in ("det", "poss", "nummod")
                        and c.lower_ in (DETERMINERS if gender else INDEFINITES)), None)
            if det is None or det.i > token.i or any(c.dep_ == "appos" for c in token.children):
                continue  # "a spokesman, Ben Cho, said": the name speaks
            if described:
                found.append(Person(text_of(phrase(token)), index, det.idx, token.idx + len(token.text),
                                    subject=True))
                continue
            name = f"{det.lower_} {text_of(doc[det.i + 1: token.i + 1])}"  # "a 29-year-old Berlin woman", as written
            found.append(Person(name, index, det.idx, token.idx + len(token.text), subject=True, gender=gender,
                                sure=True))
    return found


def _share_roles(found: list[Person]) -> list[Person]:
    """Give every mention of a person the first role (and gender) stated for any mention of them."""
    full: dict[str, str] = {}
    stated: dict[str, str] = {}
    genders: dict[str, str] = {}  # per person: the first sure gender, else the first guessed one
    sure_genders: set[str] = set()
    keys = [_full_name(p.name, p.block, p.start, found) for p in found]
    for person, key in zip(found, keys):
        if person.role and key not in full:
            full[key] = person.role
        if person.role and person.stated and key not in stated:
            stated[key] = person.role
        if person.gender and key not in sure_genders and (person.sure or key not in genders):
            genders[key] = person.gender
            if person.sure:
                sure_genders.add(key)
    return [replace(p, role=(p.role if p.stated else None) or stated.get(key) or p.role or full.get(key),
                    stated=p.stated or key in stated, gender=genders.get(key, p.gender))
            for p, key in zip(found, keys)]


def _full_name(name: str, block: int, start: int, people: Sequence[Person]) -> str:
    """The longest name, nearest before (else after) a place, that contains all of a name's words."""
    words = set(name.split())
    matches = [p for p in people if words <= set(p.name.split())]
    if not matches:
        return name
    where = (block, start)
    before = [p for p in matches if (p.block, p.start) <= where]
    pool = before or matches
    longest = max(len(p.name.split()) for p in pool)
    best = [p for p in pool if len(p.name.split()) == longest]
    hint = next((p.hint for p in people if (p.block, p.start) == where and p.name == name), None)
    if hint and len({p.name for p in best}) > 1:
        # Namesakes ("Bill Clinton", "Hillary Clinton"): the one of the gender the sentence speaks of.
        best = [p for p in best if p.gender == hint and p.sure] or best
    if before:
        # Of two earlier Cruzes, the one who acted as a subject, not "a photo of Heidi Cruz".
        return ([p for p in best if p.subject] or best)[-1].name
    return best[0].name


def resolve_person(name: str, block: int, start: int, people: Sequence[Person],
                   role_noun: bool = False, surname_only: bool = False) -> Person | None:
    """The person a name (or a role noun like "the spokesman") refers to at a place, if known."""
    where = (block, start)
    if role_noun:
        # Every word of "the Republican nominee" must be in a role the text stated for the person.
        words = set(_ROLE_WORD.findall(name.lower())) - {"the", "this", "that"}
        holders = [p for p in people if p.role and p.stated and (p.block, p.start) < where
                   and words <= set(_ROLE_WORD.findall(p.role.lower()))]
        return replace(holders[-1], name=_full_name(holders[-1].name, block, start, people)) if holders else None
    words = [w for w in name.split() if w.lower() not in HONORIFICS]
    if not words or (surname_only and len(words) > 2):
        return None
    matches = [p for p in people if set(words) <= set(p.name.split())]
    if not matches:
        return None
    full = _full_name(" ".join(words), block, start, people)
    same = [p for p in matches if p.name == full and p.role] or [p for p in people if p.name == full] or matches
    return replace(same[0], name=full)

"""Who a noun phrase names: the phrase around a head word, whether it can speak, and what kind of speaker it is.

Cues, the passage and the people finder all read noun phrases the same way; this
is that one way. It also declares the one datum attribution passes on the Doc.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from explainer.annotate.lexicon import (
    CALENDAR,
    CLAIM_NOUNS,
    COLLECTIVE_NOUNS,
    NEVER_SPEAK,
    HEADLINE_VERBS,
    HONORIFICS,
    PERSON_ROLES,
    PERSON_SUFFIXES,
    SPEAKER_NOUNS,
    SPEAKING_THINGS,
    SPEECH_NOUNS,
)

# Data passed on the Doc, as spaCy components pass it: ``doc._.name_words`` holds the words of the
# article's multi-word person names. ``context.passage_of`` sets it on every parse of an article
# before any rule runs; a Doc outside an article has none.
if not Doc.has_extension("name_words"):
    Doc.set_extension("name_words", default=frozenset())

# The prepositions that join a role to what it is a role in: "spokesman for the agency", "head of the union".
ROLE_COMPLEMENTS = frozenset({"of", "for", "at", "with"})
NP_LEFT = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "quantmod"})
PERSONISH = frozenset({"PERSON"})
GROUPISH = frozenset({"NORP"})
ORGISH = frozenset({"ORG", "GPE", "FAC", "WORK_OF_ART", "PRODUCT", "LAW"})
# Plural nouns that can be a speaker: people, groups and texts (WordNet), speaking things, words of saying.
PLURAL_SPEAKERS = SPEAKER_NOUNS | SPEAKING_THINGS | SPEECH_NOUNS | CLAIM_NOUNS
# Entity labels that never speak: "Tuesday said", "52 said" are parse errors.
NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "LOC"})


def is_headline(doc: Doc) -> bool:
    """A short block in title case ("Clinton Hid Past Health Scare"): its names swallow its verbs."""
    if len(doc) > 30:
        return False
    words = [t for t in doc if t.is_alpha and len(t) >= 4]
    return len(words) >= 4 and all(t.text[0].isupper() for t in words)


def is_name_word(token: Token) -> bool:
    """Whether a token can be part of a speaker's name (no honorific, possessive or verb)."""
    return (token.lower_ not in HONORIFICS and token.lower_ not in HEADLINE_VERBS
            and token.lower_ != "the" and token.text not in ("'s", "’s"))


def names_a_person(noun: Token) -> bool:
    """A common noun for a person by role or trade: "his doctor", "the lawyer"."""
    lemma = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and (lemma in PERSON_ROLES or lemma.endswith(PERSON_SUFFIXES))


def role_phrase(head: Token) -> list[Token]:
    """A role's noun phrase with its complement: "head of the Congressional Black Caucus", "spokesman for the
    agency", "a lawyer at Cho and Partners"."""
    tokens = phrase(head)
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in ROLE_COMPLEMENTS), None)
    if of is not None and of.i == tokens[-1].i + 1:
        for t in of.subtree:  # up to a comma, dash or clause: "president of the union, which represents ..."
            if (t.is_punct and t.text not in ("'s", "’s", "-")) or t.dep_ in ("relcl", "acl"):
                break
            tokens.append(t)
    return tokens


def phrase(head: Token) -> list[Token]:
    """The noun phrase around a head noun: its left modifiers and itself, no clauses."""
    tokens = [head]
    for left in head.lefts:
        if left.dep_ in NP_LEFT:
            tokens += [t for t in left.subtree if t.dep_ != "punct" or t.text in ("'s", "’s", "-")]
    for right in head.rights:
        if right.dep_ in ("compound", "flat", "case"):
            tokens += list(right.subtree)
        elif right.lower_ == "of" and head.lemma_.lower() in COLLECTIVE_NOUNS:
            # "a group of black parents": the group is nobody without its members
            for member in (c for c in right.children if c.dep_ == "pobj"):
                tokens += [right] + phrase(member)
    tokens = sorted(set(tokens), key=lambda t: t.i)
    # Keep only the contiguous run that holds the head.
    run = [head]
    for t in reversed([t for t in tokens if t.i < head.i]):
        if t.i != run[0].i - 1:
            break
        run.insert(0, t)
    for t in (t for t in tokens if t.i > head.i):
        if t.i != run[-1].i + 1:
            break
        run.append(t)
    while run and run[0].lower_ in {"the", "a", "an"} | HONORIFICS and run[0] is not head:
        run.pop(0)
    return run


def can_speak(head: Token, ent: Span | None) -> bool:
    """Whether a cue's subject can be a speaker: people, bodies, documents; not "the language", a weekday,
    a street or "days"."""
    if _aged(head) or head.text in head.doc._.name_words:
        return True  # "Trump" tagged a verb or a common noun, or "May" a month, but named as a person elsewhere
    if ent is not None and ent.label_ in NOT_SPEAKERS:
        return False
    named = ent is not None and ent.label_ in PERSONISH | GROUPISH | ORGISH  # "Theresa May", "Time Warner"
    if not named and (head.lower_ in NEVER_SPEAK or head.lower_ in CALENDAR or head.lower_ in HONORIFICS):
        return False
    if head.pos_ in ("PRON", "PROPN") or head.tag_ == "NNPS" or \
            (head.tag_ == "NNS" and head.lemma_.lower() in PLURAL_SPEAKERS):
        return True  # a plural speaks if it names people, a text or words: "officials", "bylaws", "remarks"; not "items"
    if _share_of_people(head, ent):
        return True
    if ent is not None:
        return ent.label_ in PERSONISH | GROUPISH | ORGISH
    if head.text[:1].isupper() and not head.is_sent_start and head.is_alpha:
        return True  # a capitalised word inside a sentence is a name, whatever its tag ("Brandvold added")
    if head.text[:1].isupper() and head.is_alpha and head.tag_ == "NN" and not any(
            c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in head.children):
        return True  # a bare singular noun opening a sentence is a name or a body ("Hannity added", "Congress said")
    lemma = head.lemma_.lower()
    if lemma in PERSON_ROLES or lemma in SPEAKING_THINGS:
        return True
    # Agent nouns ("announcer", "historian", "attendee") speak; "-ment" nouns ("comment") do not.
    return (lemma.endswith(("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee"))
            and not lemma.endswith("ment"))


def _aged(head: Token) -> bool:
    """"The 81-year-old": a person named by age."""
    doc = head.doc
    return head.lower_ == "old" and head.i >= 2 and doc[head.i - 1].text == "-" and \
        doc[head.i - 2].lower_ in ("year", "month")


def _share_of_people(head: Token, ent: Span | None) -> bool:
    """"52 percent (of voters) said": a share of those polled speaks as a group."""
    return head.lower_ in ("percent", "%") or (ent is not None and ent.label_ == "PERCENT")


def kind_of(head: Token, ent: Span | None) -> str:
    """Person, group or organization, from the entity label or the head noun."""
    if _share_of_people(head, ent):
        return "group"
    if ent is not None and ent.label_ in PERSONISH:
        return "person"
    if ent is not None and ent.label_ in GROUPISH:
        return "group"
    if ent is not None and ent.label_ in ORGISH:
        return "group" if head.tag_ in ("NNS", "NNPS") else "organization"
    lemma = head.lemma_.lower()
    if head.tag_ in ("NNS", "NNPS") or lemma in ("they", "we") or lemma in COLLECTIVE_NOUNS:
        return "group"
    if lemma in PERSON_ROLES or head.pos_ in ("PROPN", "PRON") or lemma.endswith(PERSON_SUFFIXES) or _aged(head):
        return "person"
    return "organization"

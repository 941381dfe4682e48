"""The dependency rules that find speech cues and who each cue's speaker is.

Everything here reads one parsed sentence: which token cues speech, which cue
governs a quote, and which noun phrase is that cue's speaker. Matching is on
spaCy lemmas against the word lists in ``lexicon``.
"""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Span, Token

from explainer.annotate.attribution.phrases import (
    GROUPISH,
    ORGISH,
    PERSONISH,
    can_speak,
    names_a_person,
)
from explainer.annotate.glossary.names import entity_at
from explainer.annotate.lexicon import (
    CLAIM_NOUNS,
    CUE_LEMMAS,
    DOCUMENTS,
    FINDING_VERBS,
    INTRANSITIVE_CUES,
    INVERTIBLE_CUES,
    IRREGULAR_CUES,
    ISSUING_VERBS,
    VIEW_NOUNS,
    RELATIVE_PRONOUNS,
    SAYING_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    STUDY_NOUNS,
    SUBJECT_SPEAKS_IN_PASSIVE,
    SUBORDINATORS,
    TALKING_VERBS,
)

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB = frozenset({"advcl", "conj", "xcomp", "pcomp", "ccomp"})


def is_cue(token: Token, wide: bool = False) -> bool:
    """Whether a token is a speech cue: a reporting verb, the "according" of "according to", or "per".

    WordNet's verbs whose commonest sense is saying (``SAYING_VERBS``) count like the core. ``wide`` counts its
    other verbs and nouns of saying too (``SPEECH_VERBS``, ``SPEECH_NOUNS``) and the verbs that invert
    (``INVERTIBLE_CUES``): they cue only a full quote they govern or stand beside (``frames``).
    """
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    if token.lower_ == "per":
        return _per_source(token) is not None
    if token.lemma_.lower() in FINDING_VERBS and token.pos_ == "VERB":
        # "a report found that ...": what a study finds is what it says
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in STUDY_NOUNS for c in token.children)
    if token.lemma_.lower() == "put" and token.pos_ == "VERB":
        # "as the memo put it": a source named for its wording
        return any(c.lower_ == "it" and c.dep_ == "dobj" for c in token.children)
    if token.pos_ == "VERB" and _talks_about(token):
        return True
    if owner_of_claim(token, wide) is not None:
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if not _stems(token) & (CUE_LEMMAS | INTRANSITIVE_CUES):
        # not AUX: the modal "will" is WordNet's "will" (to bequeath)
        lemmas = SAYING_VERBS | ((SPEECH_VERBS | INVERTIBLE_CUES) if wide else frozenset())
        return token.pos_ == "VERB" and bool(_stems(token) & lemmas)
    if _stems(token) & INTRANSITIVE_CUES:
        return inverted_subject(token) is not None or \
            not any(c.dep_ in ("dobj", "xcomp", "prep") and not _quoted(c) for c in token.children)
    return True


def _quoted(child: Token) -> bool:
    """A complement that is itself quoted: '"a," she continued, "to see it."' has no object of its own."""
    first = child.left_edge.i
    return first > 0 and child.doc[first - 1].text in ('"', "“", "''", "``")


def inverted_subject(verb: Token) -> Token | None:
    """The speaker after a reporting verb that follows its quote: '"...," mused the host', '"..." read the note'.

    Only a verb with no subject of its own, right after a closing quote mark (and a comma), inverts.
    """
    if not _stems(verb) & INVERTIBLE_CUES or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    i = verb.i - 1
    while i >= 0 and verb.doc[i].text in (",", "-", "—", "–"):
        i -= 1
    if i < 0 or verb.doc[i].text not in ('"', "“", "”", "''"):
        return None
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "oprd", "nsubj")]
    if after and (after[0].pos_ == "PROPN" or can_speak(after[0], entity_at(after[0]))):
        return after[0]
    return _name_after(verb)


def _name_after(verb: Token) -> Token | None:
    """The name right after an inverted reporting verb, whatever the parser hung it on: in '"...," said Dale
    Brockton, who heads Keep the Harbor' the name is the speaker even when it was read as the subject of "Keep"."""
    doc, i = verb.doc, verb.i + 1
    if i >= len(doc) or doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper():
        return None
    while i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i + 1].text[:1].isupper():
        i += 1
    return doc[i]


def _per_source(token: Token) -> Token | None:
    """The source of "per the report" or "per Reuters": a named or determined noun, not "per cent" or "per year"."""
    if token.pos_ != "ADP":
        return None
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None or not (obj.pos_ == "PROPN" or any(c.dep_ in ("det", "poss") for c in obj.children)):
        return None
    return obj


def _talks_about(verb: Token) -> bool:
    """"Spoke of", "talked about", "railed against", "went on about": talking, with what was said in the phrase."""
    lemma = verb.lemma_.lower()
    if lemma == "go" and not any(c.dep_ == "prt" and c.lower_ == "on" for c in verb.children):
        return False
    return lemma in TALKING_VERBS and any(c.dep_ == "prep" and c.lower_ in ("about", "of", "against")
                                     for c in verb.children)


def owner_of_claim(noun: Token, wide: bool = False) -> Token | None:
    """Who owns words named by a noun of saying: "Hale's claim that ...", "her comment that ...", "in Hale's
    words, ..." -- Hale or her; None for any other token. ``wide``: WordNet's nouns too ("his retort that")."""
    if noun.pos_ != "NOUN":
        return None
    lemma = noun.lemma_.lower()
    in_words = lemma in VIEW_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by")
    saying = lemma in CLAIM_NOUNS or (wide and lemma in SPEECH_NOUNS)
    if not in_words and (not saying or
                         not any(c.dep_ in ("acl", "ccomp") and c.i > noun.i for c in noun.children)):
        return None
    return next((c for c in noun.children if c.dep_ == "poss" and (c.pos_ == "PROPN" or (
        c.pos_ == "PRON" and c.lower_ in ("his", "her", "their")))), None)


def _stems(token: Token) -> set[str]:
    """The lemma, and the stems a regular inflection leaves, as the lemmatiser can miss ("rated" -> "rat")."""
    return {token.lemma_.lower()} | word_stems(token.lower_)


def word_stems(word: str) -> set[str]:
    """A lower-case word and the stems a regular inflection leaves ("stated" -> "stat", "state")."""
    stems = {word, IRREGULAR_CUES.get(word, word)}
    for suffix, back in (("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", ""), ("ing", "e"), ("ied", "y"),
                         ("ies", "y")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stems.add(word[: -len(suffix)] + back)
    return stems


def characterising_verb(quote: Sequence[Token]) -> Token | None:
    """The active verb that casts someone as the quoted words: Reid "has gone after Trump as a 'con artist'"."""
    inside = {t.i for t in quote}
    for anchor in (t for t in quote if t.head.i not in inside):
        while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
            anchor = anchor.head  # 'as a "leech" and a "brat"'
        prep = anchor.head
        if prep.lower_ == "as" and prep.dep_ == "prep" and prep.head.pos_ == "VERB" and not _passive(prep.head):
            return prep.head
    return _casting_before(quote)


def _casting_before(quote: Sequence[Token]) -> Token | None:
    """'pounding Trump as a "con artist"' parsed wrong: the verb before "as" whose object stands between them."""
    if not quote:
        return None
    i = quote[0].i - 1
    doc = quote[0].doc
    while i >= 0 and (doc[i].is_punct or doc[i].lower_ in ("a", "an", "the")):
        i -= 1
    if i < 1 or doc[i].lower_ != "as":
        return None
    for verb in reversed(doc[doc[i].sent.start: i]):
        if verb.pos_ == "VERB":
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < i]
            return verb if objects and not _passive(verb) and verb.lemma_.lower() != "be" else None
    return None


def beside(cue: Token, quote: Sequence[Token]) -> bool:
    """Whether only punctuation, "that" and the cue's own subject stand between a cue and a quote: '"...," he
    fumed', '"...," scoffed the host', 'Lee quipped: "..."', "Lee's retort that "..."'."""
    if not quote:
        return False
    lo, hi = (quote[-1].i + 1, cue.i) if cue.i > quote[-1].i else (cue.i + 1, quote[0].i)
    subject = subject_of(cue)
    words = {t.i for t in subject.subtree} if subject is not None else set()
    return all(t.is_punct or t.i in words or t.lower_ == "that" for t in cue.doc[lo:hi])


def frames(token: Token, quote: Sequence[Token], full: bool) -> bool:
    """Whether a token cues this quote: a cue wherever it stands; one only ``wide`` counts if the quote is full and
    the cue governs it or stands beside it."""
    if is_cue(token):
        return True
    if not full or not is_cue(token, wide=True):
        return False
    return any(token.is_ancestor(t) for t in quote) or beside(token, quote)


def governing_cues(sent: Span, quote: Sequence[Token], full: bool = False) -> list[Token]:
    """Cues of a sentence outside the quote, the likeliest governor first.

    A cue above the quote in the tree comes first (closest first), then a cue
    hanging below the quote's root (``"...," he said`` parsed the other way
    round), then any other cue by distance.
    """
    inside = {t.i for t in quote}
    cues = [t for t in sent if t.i not in inside and frames(t, quote, full)]
    trailing = trailing_cue(sent, quote, full)
    if trailing is not None:
        return [trailing] + [c for c in cues if c is not trailing]
    casting = characterising_verb(quote)
    if casting is not None and casting not in cues and any(t.i == casting.i for t in sent):
        cues.insert(0, casting)
    if not cues or not quote:
        return []
    anchors = [t for t in quote if t.head.i not in inside or t.head.i == t.i]
    ranked: list[Token] = [casting] if casting in cues else []
    for anchor in anchors:
        ranked += [a for a in anchor.ancestors if a.i not in inside and frames(a, quote, full) and a not in ranked]
    below = [c for c in cues if any(a in c.ancestors for a in anchors) and c not in ranked]
    first, last = quote[0].i, quote[-1].i
    distance = lambda c: min(abs(c.i - first), abs(c.i - last))  # noqa: E731
    ranked += sorted(below, key=distance)
    ranked += sorted((c for c in cues if c not in ranked), key=distance)
    return ranked


def trailing_cue(sent: Span | Sequence[Token], quote: Sequence[Token], wide: bool = False) -> Token | None:
    """The cue of a frame right after the quote, '"...," the union wrote' or '"...," said Lee': it governs it."""
    if not quote:
        return None
    after = [t for t in sent if t.i > quote[-1].i]
    lead = 0
    while lead < len(after) and after[lead].is_punct:
        lead += 1
    for n, token in enumerate(after[lead: lead + 8], lead):
        if not is_cue(token, wide):
            continue
        head = subject_of(token)
        if head is None or head.i <= quote[-1].i:
            return None
        words = {t.i for t in head.subtree}
        return token if all(t.is_punct or t.i in words for t in after[lead:n]) else None
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def subject_of(cue: Token, depth: int = 0, origin: Token | None = None) -> Token | None:
    """The head token of the speaker of a cue, following passives, inversions and clause chains."""
    origin = origin or cue
    if cue.lower_ == "according":
        for to in (c for c in cue.children if c.lower_ == "to"):
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return _source_of_document(obj)
        return None
    if cue.lower_ == "per":
        source = _per_source(cue)
        return _source_of_document(source) if source is not None else None
    owner = owner_of_claim(cue, wide=True) or _quoted_as(cue)
    if owner is not None:
        return owner
    kids = list(cue.children)
    if _passive(cue) and depth > 0:
        # Climbed from "After saying ...": the main clause's subject is the sayer, whatever its voice.
        return next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if _passive(cue):
        for agent in (c for c in kids if c.dep_ == "agent"):
            for obj in agent.children:
                if obj.dep_ == "pobj":
                    return obj
        if cue.lemma_.lower() in SUBJECT_SPEAKS_IN_PASSIVE:
            return next((c for c in kids if c.dep_ == "nsubjpass"), None)
        return None
    # The nearest subject with a letter in it (a dash the tagger made a noun is no subject).
    subjects = [c for c in kids if c.dep_ in _SUBJECTS and any(ch.isalpha() for ch in c.text)
                and not _object_read_as_subject(cue, c)]
    # Climbed up from a cue, the subject nearest that cue: of two subjects a broken parse gave a verb,
    # the far one belongs to the clause the cue hangs on ("X, despite admitting ..., the victims 'do ...'").
    subject = min(subjects, key=lambda c: abs(c.i - origin.i), default=None)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
        return _source_of_document(cue.head) if cue.dep_ == "relcl" else None
    if subject is not None:
        return _source_of_document(subject)
    if _stems(cue) & INVERTIBLE_CUES:
        # Inverted order the parser missed: "..., said Lavrov", "..., reported Reuters", '"...," mused the host'.
        after = [c for c in kids if c.i > cue.i and c.dep_ in ("dobj", "attr", "npadvmod", "oprd")
                 and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME")]  # "tweeted Sunday": no one
        if after:
            return after[0]
        inverted = inverted_subject(cue)
        if inverted is not None:
            return inverted
    named = entity_at(cue.doc[cue.i - 1]) if cue.i > 0 and cue.tag_ == "VBG" and cue.doc[cue.i - 1].pos_ == "PROPN" \
        else None
    if named is not None and named.label_ == "PERSON" and named.end == cue.i:
        return named.root  # "footage of Hillary Clinton asking, ...": the participle is hers
    head = cue.head
    if cue.dep_ == "pcomp" and head.lower_ == "as" and _quoted_as(head.head) is not None:
        return _quoted_as(head.head)
    while cue.dep_ == "pcomp" and (head.dep_ == "prep" or (head.dep_ == "conj" and head.pos_ == "ADP")) \
            and head.head.i != head.i:
        # "despite admitting that ...", "... and for saying that ...": the clause the preposition hangs on
        head = head.head
    if cue.dep_ == "advcl" and _in_dashes(head, cue) and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX"):
        head = head.head  # "looping the streets - where the team played - while chanting": past the aside
    if cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.i > 0 and cue.doc[cue.i - 1].text in (",", '"', "”", "''"):
        # 'X told Newsmax that Romney "...," adding, "..."': the reporter adds, not the reported clause's subject
        top = head  # up through what was reported and through clauses of time or cause ("after Lee won")
        while top.head.i != top.i and (top.dep_ == "ccomp" and is_cue(top.head) or top.dep_ == "advcl" and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in SUBORDINATORS for c in top.children)):
            top = top.head
        head = top if is_cue(top) else head
    if depth < 3 and cue.dep_ in _CLIMB and head.i != cue.i and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1, origin)
    if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):
        return _source_of_document(cue.head)  # "officials saying ...", "a statement calling ..."
    return None


def _quoted_as(verb: Token) -> Token | None:
    """Who "Reuters quoted a manager as saying" gives the words to: the object, not Reuters."""
    if verb.lemma_.lower() not in SUBJECT_SPEAKS_IN_PASSIVE or _passive(verb):
        return None
    kids = list(verb.children)
    if not any(c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children) for c in kids):
        return None
    return next((c for c in kids if c.dep_ == "dobj"), None)


def _object_read_as_subject(verb: Token, subject: Token) -> bool:
    """A common noun after a verb opening its sentence: "Calls men names" lost its subject; men are the object.

    "Said the spokesman: ..." is a true inversion, so the verbs that invert are left alone.
    """
    return verb.is_sent_start and subject.i > verb.i and subject.pos_ == "NOUN" and not _stems(verb) & INVERTIBLE_CUES


def _in_dashes(head: Token, after: Token) -> bool:
    """Whether ``head`` stands in an aside between dashes that closes before ``after``."""
    sent = head.sent
    dash = lambda t: t.text in ("-", "–", "—", "--")  # noqa: E731
    return (any(dash(t) for t in sent if t.i < head.i) and any(dash(t) for t in sent if head.i < t.i < after.i))


def _source_of_document(noun: Token) -> Token:
    """For "a statement from the ministry", "the IMF report" or "the council issued a statement", the
    ministry, the IMF or the council; else the noun itself."""
    if noun.lemma_.lower() not in DOCUMENTS:
        return noun
    for prep in (c for c in noun.children if c.lower_ in ("from", "by", "of")):
        for obj in prep.children:
            if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" or obj.ent_type_ or names_a_person(obj)):
                return obj
    for owner in (c for c in noun.children if c.dep_ in ("poss", "compound")):
        ent = entity_at(owner)
        if (ent is not None and ent.label_ in PERSONISH | GROUPISH | ORGISH) or \
                (owner.dep_ == "poss" and owner.text in owner.doc._.name_words):
            return owner
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ISSUING_VERBS:
        issuer = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if issuer is not None and issuer.lower_ not in RELATIVE_PRONOUNS and can_speak(issuer, entity_at(issuer)):
            return issuer
    return noun


def name_before(verb: Token) -> Token | None:
    """The name right before a finite main verb the parser left with no subject.

    "In the second front of the war, Obama and Clinton call them ..." is often read
    with the names joined to "war": the names still do the calling.
    """
    doc = verb.doc
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBP", "VBZ", "VBD") or verb.i == 0 or \
            any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    name = doc[verb.i - 1]
    known = name.ent_type_ in ("PERSON", "ORG", "NORP") or name.text in doc._.name_words
    proper = name.pos_ == "PROPN" or (name.pos_ == "NOUN" and name.text.istitle())
    return name if proper and known and name.dep_ in ("conj", "appos", "compound") else None

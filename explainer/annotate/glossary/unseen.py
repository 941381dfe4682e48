"""Names the model did not tag, found from the words alone.

Three kinds of name are plain in English news whatever the model says:
- a run of capitalised words ending in a head word ("the Ruritanian Transport Ministry", "Elmwood Park Station",
  "the Harbour Light Hotel"), or a head word before "of" ("the Plains of Veltra");
- an acronym the story defines in parentheses ("the Office of Coastal Affairs (OCA)", or "OCA (Office of Coastal
  Affairs)"), and every later use of it; an acronym after a person's "of" ("Mei Tran of VNPA") is a body;
- a recurring event known by a one-word name ("the Hajj").

Each proposal is a spaCy span with the label its head word gives; ``mentions.found_in`` then judges it like any
tagged span, so titles ("Council President") and junk stay out.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Iterator, Sequence

from explainer.annotate.glossary.kinds import head_kind, starts_with_given_name
from explainer.annotate.glossary.mentions import Found, found_in
from explainer.annotate.glossary.names import initials, is_acronym, is_given_name, name_words
from explainer.annotate.lexicon import (
    BODIES,
    BODY_BEFORE_OF,
    BODY_ROLES,
    CALENDAR,
    CAMPUS_BODIES,
    EVENT_HEADS,
    EVENT_NAMES,
    PLACE_HEADS,
    PLACE_NOUNS,
    PRESS,
    ROLE_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

HEADS = BODIES | PRESS | PLACE_HEADS | EVENT_HEADS
LABEL_OF_HEAD = {"organization": "ORG", "place": "FAC", "event": "EVENT"}
# Small words inside a name: "Ministry of Defence", "Center for Disease Control".
JOINERS = frozenset(("of", "for", "on"))
# The model's tags for numbers and dates: never inside a name found here.
NUMERIC = frozenset("DATE TIME CARDINAL PERCENT MONEY QUANTITY".split())
# Endings of adjectives made from names ("Republican", "Texan", "Democratic", "British", "Chinese").
ADJECTIVE_ENDINGS = ("an", "ic", "ish", "ese", "ist")
SENTENCE_ENDS = frozenset('.!?:;"“”')


def head_word_spans(doc: "Doc", runs: "Sequence[tuple[int, int]] | None" = None) -> list["Span"]:
    """Capitalised names ending in a head word (or with a head word before "of"), labelled by that head."""
    spans = []
    for start, end in _capital_runs(doc) if runs is None else runs:
        words = [t.text for t in doc[start:end]]
        kind = head_kind(" ".join(words))
        last = doc[end - 1].lower_
        heads_of = any(doc[k].lower_ in HEADS and doc[k + 1].lower_ in JOINERS for k in range(start, end - 1))
        if end < len(doc) and doc[end].lower_ in PLACE_NOUNS and not starts_with_given_name(" ".join(words)):
            kind, heads_of = "place", True  # "the Harbour North electoral district"
        elif end + 1 < len(doc) and doc[end + 1].lower_ in PLACE_NOUNS and doc[end].text.islower() \
                and doc[end].is_alpha and not starts_with_given_name(" ".join(words)):
            kind, heads_of = "place", True
        if kind not in LABEL_OF_HEAD or not (last in HEADS or heads_of):
            continue
        if end < len(doc) and doc[end].lower_ in ROLE_WORDS:
            continue  # "Council President Ada Moreno": a title
        spans.append(doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), label=LABEL_OF_HEAD[kind]))
    return [s for s in spans if s is not None]


def _capital_runs(doc: "Doc") -> Iterator[tuple[int, int]]:
    """Token bounds of maximal runs of capitalised words (with "of"/"for"/"on" and hyphens inside), at least two
    words long, leading "The" and a sentence's common first word left out; none in headline-like sentences."""
    headline = _title_case_flags(doc)
    i = 0
    while i < len(doc):
        if not _capital(doc[i]) or headline[i]:
            i += 1
            continue
        end = i + 1
        while end < len(doc):
            tok = doc[end]
            if _capital(tok):
                end += 1
            elif (_joins(doc, end) or (tok.text == "-" and not doc[end - 1].whitespace_ and not tok.whitespace_)) \
                    and end + 1 < len(doc) and _capital(doc[end + 1]):
                end += 2
            elif _joins(doc, end) and end + 2 < len(doc) and doc[end + 1].lower_ == "the" \
                    and _capital(doc[end + 2]):
                end += 3  # "Foundation for the Visual Arts"
            else:
                break
        if end < len(doc) and doc[end].lower_ in CALENDAR and doc[end].text[:1].isupper():
            end -= 1  # "Super Tuesday", "Easter Sunday": a day's name, no part of the name before it
            while end > i and doc[end - 1].lower_ in JOINERS | {"the"}:
                end -= 1
        start = i
        while start < end and (doc[start].lower_ in ("the", "a", "an") or _common_first(doc, start) or (
                doc[start].lower_ in ROLE_WORDS and start + 1 < end and doc[start + 1].lower_ == "of") or (
                doc[start].lower_ in JOINERS and start > i and doc[start - 1].lower_ in ("the", "a", "an"))):
            start += 1  # "CEO of the Harbour Association" names the association ("General Services ..." stays)
        if sum(doc[k].is_alpha and doc[k].text[:1].isupper() for k in range(start, end)) >= 2:
            yield start, end
        i = max(end, i + 1)


def _joins(doc: "Doc", i: int) -> bool:
    """True if token ``i`` joins the words around it into one name: "of" always ("Plains of Veltra"), "for"
    and "on" after a body's head word ("Foundation for the Arts", "Council on Trade"; not "Base for Harrow")."""
    word = doc[i].lower_
    return word == "of" or (word in JOINERS and i > 0 and doc[i - 1].lower_ in BODIES | BODY_BEFORE_OF)


def _capital(tok: "Token") -> bool:
    """A word that can be part of a name: capitalised letters, no date or number, not "I"."""
    return tok.text[:1].isupper() and any(c.isalpha() for c in tok.text) and tok.text != "I" \
        and tok.lower_ not in CALENDAR and tok.ent_type_ not in NUMERIC


def _sentence_start(doc: "Doc", i: int) -> bool:
    """True if token ``i`` opens a sentence (by the punctuation before it; no parser needed)."""
    return i == 0 or doc[i - 1].text in SENTENCE_ENDS or doc[i - 1].is_space


def _common_first(doc: "Doc", i: int) -> bool:
    """True for a sentence's first word that is capitalised only because it comes first ("After", "Police" is
    kept: a noun can start a name)."""
    if not _sentence_start(doc, i):
        return False
    tok = doc[i]
    if tok.is_stop:
        return True
    return doc.has_annotation("TAG") and tok.pos_ not in ("PROPN", "NOUN", "ADJ", "X", "")


def _title_case_sentence(doc: "Doc", i: int) -> bool:
    """True if the sentence around token ``i`` is set in title case (a headline, a title): two or more
    small words capitalised inside it ("Council Will Vote On Plan"), or no lower-case word at all."""
    start = i
    while start > 0 and not _sentence_start(doc, start):
        start -= 1
    end = i + 1
    while end < len(doc) and not _sentence_start(doc, end):
        end += 1
    return _title_case(doc, start, end)


def _title_case(doc: "Doc", start: int, end: int) -> bool:
    """True if tokens ``start:end`` (one sentence) are set in title case."""
    words = [t for t in doc[start:end] if t.is_alpha]
    if len(words) < 3:
        return False
    small = sum(t.is_stop and t.text[:1].isupper() and t.lower_ not in ("the", "a", "an") for t in words[1:])
    return small >= 2 or not any(t.text.islower() for t in words)


def _title_case_flags(doc: "Doc") -> list[bool]:
    """``_title_case_sentence`` of every token, each sentence judged once."""
    starts = [i for i in range(len(doc)) if _sentence_start(doc, i)]
    flags: list[bool] = []
    for start, end in zip(starts, starts[1:] + [len(doc)]):
        flags += [_title_case(doc, start, end)] * (end - start)
    return flags


def given_name_spans(doc: "Doc") -> list["Span"]:
    """Two capitalised words the model left untagged, the first a first name ("the Harbour Party's Nadia
    Orme"): a person, when no capitalised word runs on before or after and the sentence is no headline."""
    spans = []
    for i in range(len(doc) - 1):
        first, second = doc[i], doc[i + 1]
        if first.ent_type_ or second.ent_type_ or not (_capital(first) and _capital(second)) \
                or not (first.is_alpha and second.is_alpha and second.text[1:].islower()) \
                or not is_given_name(first.lower_) or second.lower_ in HEADS | ROLE_WORDS \
                or first.is_stop or second.is_stop:
            continue
        if (i > 0 and _capital(doc[i - 1])) or (i + 2 < len(doc) and (_capital(doc[i + 2]) or doc[i + 2].text == "-")):
            continue
        if not _title_case_sentence(doc, i):
            spans.append(doc.char_span(first.idx, second.idx + len(second), label="PERSON"))
    return [s for s in spans if s is not None]


def employer_spans(doc: "Doc") -> list["Span"]:
    """An untagged capitalised word before a body's role and a person's name: "Lumen founder Ada Lind",
    "Lumen co-founder Ada Lind" (a body; not an adjective such as "Republican" or "Texan")."""
    spans = []
    for i in range(len(doc) - 2):
        tok, role = doc[i], i + 1
        if role + 2 < len(doc) and doc[role].lower_ == "co" and doc[role + 1].text == "-":
            role += 2
        if tok.ent_type_ or not _capital(tok) or not tok.is_alpha or (i > 0 and _capital(doc[i - 1])) \
                or _common_first(doc, i) \
                or tok.lower_.endswith(ADJECTIVE_ENDINGS) or doc[role].lower_ not in BODY_ROLES \
                or role + 1 >= len(doc) or doc[role + 1].ent_type_ != "PERSON" or doc[role + 1].ent_iob_ != "B":
            continue
        spans.append(doc.char_span(tok.idx, tok.idx + len(tok), label="ORG"))
    return [s for s in spans if s is not None]


def ellipsis_spans(doc: "Doc", runs: "Sequence[tuple[int, int]] | None" = None) -> list["Span"]:
    """The second of two bodies sharing one plural head word: "Coastal Defence" in "the Harbour and Coastal
    Defence Departments" (named without the head; a single word such as "Harbour" is no name alone)."""
    spans = []
    for start, end in _capital_runs(doc) if runs is None else runs:
        head = doc[end - 1].lower_
        single = head[:-3] + "y" if head.endswith("ies") else head[:-1]
        if end - start < 3 or not head.endswith("s") or single not in HEADS or start < 1 \
                or doc[start - 1].lower_ != "and":
            continue
        kind = LABEL_OF_HEAD.get(head_kind(f"X {single}") or "")
        if kind:
            spans.append(doc.char_span(doc[start].idx, doc[end - 2].idx + len(doc[end - 2]), label=kind))
    return [s for s in spans if s is not None]


def the_spans(doc: "Doc", runs: "Sequence[tuple[int, int]] | None" = None) -> list["Span"]:
    """Names that open with a capitalised "The" inside a sentence ("bands such as The Velvet Lanterns"): in
    running text that "The" starts a proper name; labelled by its head word, else a body."""
    spans = []
    for start, end in _capital_runs(doc) if runs is None else runs:
        if start < 2 or doc[start - 1].text != "The" or _sentence_start(doc, start - 1) \
                or any(t.ent_type_ for t in doc[start:end]) or _title_case_sentence(doc, start) \
                or is_given_name(doc[start].lower_):
            continue  # "The Ada Lind Hour" is a show named after a person, no person
        kind = head_kind(" ".join(t.text for t in doc[start:end]))
        label = LABEL_OF_HEAD.get(kind or "organization")
        if label:
            spans.append(doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), label=label))
    return [s for s in spans if s is not None]


def event_name_spans(doc: "Doc") -> list["Span"]:
    """One-word names of recurring events ("the Hajj") the model left untagged."""
    spans = [doc.char_span(tok.idx, tok.idx + len(tok), label="EVENT") for tok in doc
             if tok.lower_ in EVENT_NAMES and tok.text[:1].isupper() and not tok.ent_type_]
    return [s for s in spans if s is not None]


ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,5}")


def defined_acronyms(doc: "Doc", spans: Sequence["Span"]) -> list[tuple["Span", str]]:
    """Acronyms defined beside a name in parentheses, each with the name it stands for: "the Office of Coastal
    Affairs (OCA)" or "OCA (Office of Coastal Affairs)"; the acronym's span, labelled as the name."""
    out = []
    for span in spans:
        after = span.end
        if after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")" \
                and _stands_for(doc[after + 1].text, span.text):
            out.append((doc[after + 1:after + 2], span.text))
        before = span.start
        if before >= 2 and doc[before - 1].text == "(" and span.end < len(doc) and doc[span.end].text == ")" \
                and _stands_for(doc[before - 2].text, span.text):
            out.append((doc[before - 2:before - 1], span.text))
    return out


def _stands_for(acronym: str, name: str) -> bool:
    """True if ``acronym`` may abbreviate ``name``: an acronym starting with the first letter of the name's
    first word (other letters may come from another language's word order, as in "UAAR")."""
    words = name_words(name)
    return bool(ACRONYM.fullmatch(acronym)) and is_acronym(acronym) and bool(words) \
        and (initials(words)[:1] == acronym[0].lower() or initials(words) == acronym.lower())


def member_acronyms(doc: "Doc") -> list["Span"]:
    """Untagged acronyms after a person's "of" or "from": "Mei Tran of VNPA" (a body the person belongs to)."""
    out = []
    for i, tok in enumerate(doc):
        if i >= 2 and not tok.ent_type_ and ACRONYM.fullmatch(tok.text) and is_acronym(tok.text) \
                and doc[i - 1].lower_ in ("of", "from") and doc[i - 2].ent_type_ == "PERSON":
            out.append(doc.char_span(tok.idx, tok.idx + len(tok), label="ORG"))
    return [s for s in out if s is not None]


def with_campuses(doc: "Doc") -> list["Span"]:
    """The tagged spans, a university and the campus the model tagged apart after its "at" joined into one name:
    "University of Avalon" + "at" + "Riverton" is "University of Avalon at Riverton", another body than the
    "University of Avalon at Marlow" the same story may name."""
    ents, out, i = doc.ents, [], 0
    while i < len(ents):
        ent, campus = ents[i], ents[i + 1] if i + 1 < len(ents) else None
        if campus is not None and ent.label_ == "ORG" and not ent.ent_id_ and not campus.ent_id_ \
                and campus.start == ent.end + 1 and doc[ent.end].lower_ == "at" \
                and campus.label_ in ("GPE", "LOC", "FAC", "PERSON") \
                and any(t.lower_ in CAMPUS_BODIES and t.text[:1].isupper() for t in ent) \
                and all(t.text[:1].isupper() for t in campus if t.is_alpha) \
                and not (campus.end < len(doc) and doc[campus.end].lower_ in ("'s", "’s")):
            joined = doc.char_span(ent.start_char, campus.end_char, label="ORG")
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(ent)
        i += 1
    return out


def parts(ent: "Span") -> list["Span"]:
    """A tagged span, or the two names the model ran together: a body at a body ("the Lind Gallery at Marlow
    University"; not a campus, "University of Avalon at Riverton"), and a body and a person ("the Council on
    Harbour Relations Ada Lind said": two capitalised words with no head word after a body's name, that start
    with a first name or come before a verb)."""
    doc = ent.doc
    if ent.label_ not in ("ORG", "FAC", "GPE") or len(ent) < 4 or ent.ent_id_:
        return [ent]
    at = next((k for k in range(ent.start + 2, ent.end - 1) if doc[k].lower_ == "at"), None)
    if at is not None and head_kind(doc[ent.start:at].text) and head_kind(doc[at + 1:ent.end].text) \
            and doc[ent.end - 1].lower_ in HEADS:
        left = doc.char_span(ent.start_char, doc[at - 1].idx + len(doc[at - 1]), label=ent.label_)
        right = doc.char_span(doc[at + 1].idx, ent.end_char, label=ent.label_)
        return [left, right] if left is not None and right is not None else [ent]
    first, second = ent[-2], ent[-1]
    after = doc[ent.end] if ent.end < len(doc) else None
    verb = after is not None and after.pos_ in ("VERB", "AUX") and after.text.islower()
    given = is_given_name(first.lower_)
    if not (first.is_alpha and second.is_alpha and first.text.istitle() and second.text.istitle()) \
            or {first.lower_, second.lower_} & (HEADS | ROLE_WORDS | JOINERS) or not ent[-3].text.istitle() \
            or not (given or (verb and not second.lower_.endswith(("er", "or")))) or head_kind(ent[:-2].text) is None:
        return [ent]  # not "the Institute for Science and International Security said", "Post Fact Checker"
    body = doc.char_span(ent.start_char, ent[-3].idx + len(ent[-3]), label=ent.label_)
    person = doc.char_span(first.idx, second.idx + len(second), label="PERSON")
    return [body, person] if body is not None and person is not None else [ent]


def with_unseen(block: int, doc: "Doc", spans: Sequence[Found]) -> list[Found]:
    """``spans`` (one block's tagged mentions) and the names the model left untagged in it; a head-word name
    replaces a tagged span only where that span follows its "of" ("the Plains of Veltra", not "Veltra")."""
    out = list(spans)
    runs = list(_capital_runs(doc))  # read by three of the finders
    proposals = head_word_spans(doc, runs) + event_name_spans(doc) + member_acronyms(doc) + given_name_spans(doc) \
        + employer_spans(doc) + ellipsis_spans(doc, runs) + the_spans(doc, runs)
    for span in proposals:
        new = found_in(block, span)
        if new is None:
            continue
        overlap = [f for f in out if f.start < new.end and new.start < f.end]
        if overlap and not all(_after_joiner(new, f) or _cut_after_head(new, f) for f in overlap):
            continue
        out = [f for f in out if f not in overlap] + [new]
    return sorted(out, key=lambda f: f.position)


def _after_joiner(name: Found, inner: Found) -> bool:
    """True if ``inner`` lies inside ``name`` after its "of"/"for"/"on"."""
    if inner.start <= name.start or inner.end > name.end:
        return False
    before = [w for w in name.text[:inner.start - name.start].split() if w != "the"]
    return bool(before) and before[-1] in JOINERS


def _cut_after_head(name: Found, inner: Found) -> bool:
    """True if ``inner`` is ``name`` cut short after its head word: "the Ada Lind Foundation" of "the Ada Lind
    Foundation for the Deaf"."""
    words = inner.text.split()
    rest = name.text[inner.end - name.start:].split()
    return name.start <= inner.start and inner.end < name.end and bool(words) and words[-1].lower() in HEADS \
        and bool(rest) and rest[0] in ("of", "for")


def with_acronyms(found: Sequence[Found], docs: Sequence["Doc"]) -> list[Found]:
    """``found`` with each acronym the story defines in parentheses marked with the name it stands for and
    labelled as that name, at every use, tagged or not."""
    defined: dict[str, tuple[str, str]] = {}
    for i, doc in enumerate(docs):
        spans = [s for f in found if f.block == i
                 if (s := doc.char_span(f.start, f.end, label=f.label)) is not None]
        for acronym, name in defined_acronyms(doc, spans):
            label = next(f.label for f in found if f.block == i and f.text == name)
            defined.setdefault(acronym.text, (label, name))
    if not defined:
        return list(found)
    out = [dataclasses.replace(f, label=defined[f.text][0], stands_for=defined[f.text][1])
           if f.text in defined else f for f in found]
    for i, doc in enumerate(docs):
        taken = [(f.start, f.end) for f in out if f.block == i]
        for tok in doc:
            if tok.text in defined and not any(s < tok.idx + len(tok) and tok.idx < e for s, e in taken):
                label, name = defined[tok.text]
                out.append(Found(i, tok.idx, tok.idx + len(tok), tok.text, label, stands_for=name))
    return sorted(out, key=lambda f: f.position)

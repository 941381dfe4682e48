"""Names the text shows plainly that the model tags wrong or not at all.

A dateline ("COLUMBUS, Ohio —", "WASHINGTON (Reuters) -") is read by the gazetteer, not the model: its place is
one mention named in normal case and its agency an organisation, and the model's spans over it are dropped.
A list of names ("Zeus, Hera, Poseidon, Aphrodite, and Athena") names things of one kind: a member the model
left untagged is found, and one it tagged against the others takes their label.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from explainer.annotate.glossary import datelines, names, places
from explainer.annotate.glossary.kinds import head_kind, is_personal_name, word_kind
from explainer.annotate.glossary.mentions import Found
from explainer.annotate.lexicon import DATELINE_CITIES, INSTITUTIONS, TITLE_PARTS, TITLE_SMALL_WORDS
from explainer.model import Block


def dateline(blocks: Sequence[Block]) -> tuple[list[Found], tuple[int, int, int] | None]:
    """The mentions a story's dateline makes (its place, its agency) and the stretch ``(block, start, end)`` it
    covers, where the model's own spans are to be dropped; nothing when the story has none."""
    # The story's first paragraph, or its second when a headline line opens the file.
    read = ((b, datelines.parse_dateline(b.text)) for b in blocks[:2] if b.kind == "paragraph")
    first, line = next(((b, line) for b, line in read if line), (None, None))
    if first is None or line is None:
        return [], None
    found = [Found(first.index, line.start, line.city_end, first.text[line.start:line.city_end], "GPE",
                   hint="dateline", name=dateline_name(line))]
    if line.agency:
        at = first.text.find(line.agency, line.end, line.body_start)
        if at >= 0:
            found.append(Found(first.index, at, at + len(line.agency), line.agency, "ORG", hint="organization"))
    return found, (first.index, line.start, line.body_start)


def dateline_name(line: datelines.Dateline) -> str:
    """How the glossary lists a dateline's place: as written with its region ("Columbus, Ohio"), or, for a city
    that stands alone in datelines, as the gazetteer labels it ("Washington, D.C.")."""
    if "," in line.place:
        return line.place
    state = DATELINE_CITIES.get(line.place)
    place = places.lookup(f"{line.place}, {state}") if state else places.lookup(line.place)
    return place.label if place else line.place


def outside(found: Sequence[Found], stretch: tuple[int, int, int] | None) -> list[Found]:
    """The mentions that do not overlap a stretch of one block."""
    if stretch is None:
        return list(found)
    block, start, end = stretch
    return [f for f in found if f.block != block or f.end <= start or f.start >= end]


SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|&)\s*")
# A name in a list: capitalised words, a particle or "of" inside ("Ansel Adams", "Bank of Ruritania").
LIST_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|van|von|da|al|bin)\s+)?[A-Z][\w'’.-]*){0,3}")
# Lists this long are lists; two names joined by "and" may be one name ("Procter and Gamble").
LIST_MIN = 3


def in_lists(blocks: Sequence[Block], found: Sequence[Found]) -> list[Found]:
    """``found`` (in text order) with the members of each list of names given the list's label: a member the
    model left untagged gets it, and one tagged against at least two thirds of the others takes it, unless its
    own words say what it is (a head word, initials, a first name)."""
    out = list(found)
    i = 0
    while i < len(out):
        run, j = [out[i]], i
        while j + 1 < len(out) and out[j + 1].block == out[j].block:
            gap = blocks[out[j].block].text[out[j].end:out[j + 1].start]
            extra = _untagged_between(gap)
            if extra is None:
                break
            run.extend(_found_between(out[j], extra))
            run.append(out[j + 1])
            j += 1
        if len(run) >= LIST_MIN and j > i:
            out[i:j + 1] = _agree(run)
            i += len(run)
        else:
            i += 1
    return out


def _untagged_between(gap: str) -> list[tuple[int, str]] | None:
    """The names between two list members (offsets into the gap), or None if the gap is no list separator."""
    if SEPARATOR.fullmatch(gap):
        return []
    pieces, at = [], 0
    while at < len(gap):
        sep = SEPARATOR.match(gap, at)
        if not sep or sep.end() == at:
            return None
        at = sep.end()
        if at == len(gap):
            return pieces if pieces else None
        name = LIST_NAME.match(gap, at)
        if not name:
            return None
        pieces.append((at, name.group()))
        at = name.end()
    return None


def _found_between(before: Found, extra: list[tuple[int, str]]) -> list[Found]:
    """Mentions for the untagged names after ``before`` (their label is set by the list)."""
    return [Found(before.block, before.end + at, before.end + at + len(text), text, "")
            for at, text in extra if names.is_plausible_name(text)]


def _agree(run: list[Found]) -> list[Found]:
    """The members of one list, each with the label most of the others have."""
    out = []
    for k, member in enumerate(run):
        others = Counter(f.label for n, f in enumerate(run) if n != k and f.label)
        label, count = others.most_common(1)[0] if others else ("", 0)
        own = member.kb_id or member.pinned or member.hint or head_kind(member.text) or word_kind(member.text) \
            or is_personal_name(member.text)
        if member.label == "" and count >= 2:
            out.append(dataclasses.replace(member, label=label))
        elif member.label and not own and count >= 2 and count * 3 >= 2 * (len(run) - 1) and label != member.label:
            out.append(dataclasses.replace(member, label=label))
        elif member.label:
            out.append(member)
    return out


def rejoined(blocks: Sequence[Block], found: Sequence[Found]) -> list[Found]:
    """``found`` (in text order) with a person's name the model tagged as two one-word names ("Maren Tolle" as
    two places) put back together, when either is tagged a person or the story calls either word a person
    elsewhere ("Tolle said she")."""
    people = {w for f in found if f.label == "PERSON" for w in f.words}
    story = places.PlaceContext.of(text="\n\n".join(b.text for b in blocks))
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        gap = blocks[f.block].text[prev.end:f.start] if prev and prev.block == f.block else None
        if prev is not None and gap == " " and len(prev.words) == len(f.words) == 1 and not prev.kb_id \
                and not f.kb_id and prev.text.isalpha() and f.text.isalpha() and prev.text.istitle() \
                and f.text.istitle() and "NORP" not in (prev.label, f.label) and not word_kind(f.text) \
                and (places.looks_like_person(f.text, story) or not any(
                    p.kind in places.TOP_KINDS for p in places.candidates(f.text))) \
                and (prev.label == "PERSON" or f.label == "PERSON" or prev.words[0] in people
                     or f.words[0] in people or places.looks_like_person(f.text, story)):
            out[-1] = _joined(blocks, prev, f, "PERSON")
        else:
            out.append(f)
    return out


def _joined(blocks: Sequence[Block], first: Found, second: Found, label: str) -> Found:
    """One mention from two in one block, the text between them included."""
    text = blocks[first.block].text[first.start:second.end]
    return dataclasses.replace(first, end=second.end, text=text, label=label, hint=None, modifier=False)


def surnames_as_modifiers(found: Sequence[Found]) -> list[Found]:
    """``found`` with a person's surname before a thing's name cut from it: in "the Lind Polaroids", with
    "Ada Lind" in the story, "Lind" is the person and "Polaroids" no part of the name ("Lind Foundation", with
    a head word, stays a body)."""
    full = [f.words for f in found if f.label == "PERSON" and len(f.words) >= 2]
    lasts = {words[-1] for words in full}
    full = [words for words in full if not (len(words) == 2 and words[0] in lasts)]  # "Lind Polaroids" itself
    surnames = {words[-1] for words in full} - {words[0] for words in full}
    known = {w for words in full for w in words}
    out = []
    for f in found:
        words = f.text.split()
        if not f.kb_id and len(f.words) == 2 == len(words) and f.words[0] in surnames and f.words[1] not in known \
                and words[1][:1].isupper() and words[1].isalpha() and head_kind(f.text) is None \
                and not names.is_given_name(f.words[0]):  # "Paul Ryan" beside "Rand Paul"
            f = dataclasses.replace(f, end=f.start + len(words[0]), text=words[0], label="PERSON", hint=None)
        out.append(f)
    return out


QUOTED = re.compile(r"[\"“]([^\"“”\n]{3,120})[\"”]")
# A quoted title has this many capitalised words or more ("Light and Salt: Prints from the Harbour Years").
TITLE_MIN_CAPITALS = 3


def outside_titles(blocks: Sequence[Block], found: Sequence[Found]) -> list[Found]:
    """``found`` without the names inside a quoted title ("“Ada Lind: Prints from the Harbour Years”"): an
    exhibition's, a book's or a show's title is one work, its words no mentions of their own."""
    titles = {(b.index, m.start(1), m.end(1)) for b in blocks for m in QUOTED.finditer(b.text)
              if _is_title(m.group(1))}
    if not titles:
        return list(found)
    return [f for f in found if not any(f.block == i and start <= f.start and f.end <= end
                                        for i, start, end in titles)]


def _is_title(text: str) -> bool:
    """True for words set as a title: every word but the small ones capitalised, no sentence inside."""
    words = re.findall(r"[\w'’-]+", text)
    if re.search(r"[.!?;]\s", text) or text.rstrip()[-1:] in ".!?," or len(words) > 12:
        return False
    big = [w for w in words if w.lower() not in TITLE_SMALL_WORDS and not w.isdigit()]
    return len(big) >= TITLE_MIN_CAPITALS and all(w[:1].isupper() for w in big)


# A capitalised word right before a name: "with Junius Hale"; marks before it that open a sentence.
SENTENCE_MARKS = tuple('.!?:;"“”')
WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")


def first_names(blocks: Sequence[Block], found: Sequence[Found]) -> list[Found]:
    """``found`` with a surname the model tagged without the first name right before it given that name back
    ("with Junius Hale defeating"), when the story names another person of that surname ("Tova Hale"): two
    people, not one. A title, a party word or an occupation before it ("Senator Hale", "State Hale" of
    "Secretary of State Hale"), or a word the story also writes in lower case ("Says Hale"), is no first name."""
    surnames = Counter(f.words[-1] for f in found if f.label == "PERSON" and len(f.words) >= 2)
    story = places.PlaceContext.of(text="\n\n".join(b.text for b in blocks))
    out = []
    for f in found:
        text = blocks[f.block].text
        before = WORD_BEFORE.search(text[:f.start])
        opens = before is not None and text[:before.start(1)].rstrip()[-1:] in ("", *SENTENCE_MARKS)
        word = before.group(1) if before else ""
        headline = not any(w.islower() and len(w) > 3 for w in re.findall(r"[A-Za-z]+", text))
        if f.label == "PERSON" and not f.kb_id and len(f.words) == 1 and surnames[f.words[0]] and before \
                and not opens and not headline and not names.is_title_word(word) \
                and word.lower() not in TITLE_PARTS \
                and not re.search(rf"\b{word.lower()}\b", story.text) and not word.endswith("ed") \
                and before.group(1).lower() not in STOP_WORDS | INSTITUTIONS and not any(
                    g.block == f.block and g.start <= before.start(1) < g.end for g in found):
            f = dataclasses.replace(f, start=before.start(1), text=blocks[f.block].text[before.start(1):f.end])
        out.append(f)
    return out

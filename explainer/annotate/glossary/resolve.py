"""Which mentions name the same thing: editor pins first, then the knowledge base, then short forms
("Lavrov", "Wang") to the full name the article gives them, by evidence."""

from __future__ import annotations

from typing import Sequence

from explainer.annotate.glossary import names, places
from explainer.annotate.glossary.kinds import kind_of
from explainer.annotate.glossary.mentions import SHORT_FORM_LABELS, Found
from explainer.annotate.lexicon import PRESS
from explainer.model import KBEntity


def resolve(found: Sequence[Found], kb: Sequence[KBEntity]) -> list[str]:
    """A cluster key per mention: ``kb:<id>`` for known entities, ``new:<name key>`` otherwise."""
    kb_by_id = {e.id: e for e in kb}
    kb_by_key: dict[str, list[str]] = {}
    for e in kb:
        for text in (e.name, *e.aliases):
            ids = kb_by_key.setdefault(names.name_key(text), [])
            if e.id not in ids:
                ids.append(e.id)
    matches = [f.kb_id if f.pinned else _kb_match(f, kb_by_key) for f in found]
    full_names = {
        names.name_words(kb_by_id[m].name) if m and kb_by_id[m].kind == "person" else f.words
        for f, m in zip(found, matches)
        if (m and kb_by_id[m].kind == "person") or (not m and f.label == "PERSON" and len(f.words) >= 2)
    }
    keys: list[str | None] = [None] * len(found)
    # Whole names first, so that a short form can join a full name given later.
    for i, (f, kb_id) in enumerate(zip(found, matches)):
        is_person = kb_id is not None and kb_by_id[kb_id].kind == "person"
        if f.pinned or (kb_id and not is_person):
            keys[i] = f"kb:{kb_id}"
        elif any(is_part(f.words, words) for words in full_names):
            continue  # a short form, whatever the model tagged it: resolved below
        elif kb_id:
            keys[i] = f"kb:{kb_id}"
        else:
            keys[i] = _kb_surname(f, kb) or f"new:{names.name_key(f.text)}"
    for i, f in enumerate(found):
        if keys[i] is None:
            keys[i] = _short_form(f, found, keys, kb_by_id, matches[i])
    return _short_bodies(found, [k or "" for k in keys])


def _short_bodies(found: Sequence[Found], keys: list[str]) -> list[str]:
    """Short forms of the longer names of bodies, places and events in the story, joined to them when only one
    fits: "Riverhawks" (and "The Riverhawks' president") to "Columbus Riverhawks", "Church" and "Scientology" to
    "Church of Scientology", "KCNA" to "Korean Central News Agency". A name the gazetteer knows ("Columbus")
    is no short form of a body."""
    clusters: dict[str, list[Found]] = {}
    for f, key in zip(found, keys):
        if key.startswith("new:"):
            clusters.setdefault(key, []).append(f)
    people = {key for key, members in clusters.items()
              if any(f.label == "PERSON" and len(f.words) >= 2 for f in members)}
    longs = {key: max((f.words for f in members), key=len) for key, members in clusters.items()
             if key not in people and max(len(f.words) for f in members) >= 2}
    joined: dict[str, str] = {}
    for key, members in clusters.items():
        defined = next((f.stands_for for f in members if f.stands_for), None)
        if defined and f"new:{names.name_key(defined)}" in clusters:
            joined[key] = f"new:{names.name_key(defined)}"  # "Office of Coastal Affairs (OCA)"
            continue
        if key in people or any(f.label == "NORP" for f in members):
            continue
        short = min((f.words for f in members), key=len)
        written = min((f.text for f in members), key=len)
        acronym = names.is_acronym(written)
        known = places.candidates(written)
        if not short or (known and not acronym) or any(p.kind != "city" for p in known):
            continue  # a place ("Columbus", "US"), not a short form
        targets = {**longs, **{p: max((f.words for f in clusters[p]), key=len) for p in people}} if acronym else longs
        fits = [other for other, words in targets.items() if other != key and len(words) > len(short)
                and _fits(short, members, words, clusters[other])]
        if len(fits) == 1:
            joined[key] = fits[0]
    return [joined.get(key, key) for key in keys]


def _fits(short: tuple[str, ...], members: Sequence[Found], words: tuple[str, ...], long: Sequence[Found]) -> bool:
    """Whether ``short`` (the words of ``members``) is a short form of the longer name ``words`` (of ``long``):
    its last words ("Riverhawks", "Home Office"), its head before "of" ("Church", "Supreme Court"), its
    initials ("KCNA"), or a campus's ("UNC Greensboro" of "University of North Carolina at Greensboro").
    What the model called a body is no short form of a place ("House" of "White House")."""
    if names.is_acronym(members[0].text):
        return names.initials(words) == members[0].text.replace(".", "").lower()
    at = words.index("at") if "at" in words else 0
    if at and names.is_acronym(members[0].text.split()[0]) and short[1:] == words[at + 1:]:
        return short[0].replace(".", "") == names.initials(words[:at])
    if kind_of(long) == "place" and any(f.label == "ORG" for f in members):
        return False
    # "Church" of "Church of X"; "Freedom" of "Freedom Magazine" (a title without its press word)
    head = words[:len(short)] == short and (words[len(short)] in ("of", "for") or (
        len(words) == len(short) + 1 and words[-1] in PRESS))
    return head or words[-len(short):] == short


def _kb_match(f: Found, kb_by_key: dict[str, list[str]]) -> str | None:
    """The KB id the ruler gave, else the one KB entity whose name or alias this is."""
    if f.kb_id:
        return f.kb_id
    ids = kb_by_key.get(names.name_key(f.text), [])
    return ids[0] if len(ids) == 1 else None


def _person_keys(
    found: Sequence[Found], keys: Sequence[str | None], kb_by_id: dict[str, KBEntity]
) -> dict[str, set[tuple[str, ...]]]:
    """The person clusters so far, each with every full form of its name seen."""
    people: dict[str, set[tuple[str, ...]]] = {}
    for f, key in zip(found, keys):
        if key is None:
            continue
        if key.startswith("kb:"):
            entity = kb_by_id.get(key[3:])
            if entity is not None and entity.kind == "person":
                people.setdefault(key, set()).update((names.name_words(entity.name), f.words))
        elif f.label == "PERSON":
            people.setdefault(key, set()).add(f.words)
    return people


def is_part(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True if ``short`` is a shorter form of ``full``: its words in order, sharing the first or last.

    A name with an initial of its own is a full name: "George W. Bush" is no short form of "George H. W. Bush".
    """
    if not short or len(short) >= len(full) or (short[0] != full[0] and short[-1] != full[-1]):
        return False
    if any(len(w) == 1 for w in short) and {w for w in full if len(w) == 1} - set(short):
        return False
    rest = iter(full)
    return all(word in rest for word in short)


def _kb_surname(f: Found, kb: Sequence[KBEntity]) -> str | None:
    """The one KB person whose first or last name a one-word name tagged as a person or body is."""
    if len(f.words) != 1 or f.label not in SHORT_FORM_LABELS:
        return None
    ids = [e.id for e in kb if e.kind == "person" and is_part(f.words, names.name_words(e.name))]
    return f"kb:{ids[0]}" if len(ids) == 1 else None


def _short_form(
    f: Found,
    found: Sequence[Found],
    keys: Sequence[str | None],
    kb_by_id: dict[str, KBEntity],
    kb_id: str | None,
) -> str:
    """Resolve a short form to a person in the article by evidence, else the KB, else itself."""
    people = _person_keys(found, keys, kb_by_id)
    candidates = [key for key, forms in people.items() if any(is_part(f.words, w) for w in forms)]
    if candidates:
        return _by_evidence(f, candidates, found, keys)
    return f"kb:{kb_id}" if kb_id else f"new:{names.name_key(f.text)}"


def _by_evidence(f: Found, candidates: list[str], found: Sequence[Found], keys: Sequence[str | None]) -> str:
    """Choose among people a short form could be: recent and local, same role, else most mentioned."""
    before = {c: [g for g, k in zip(found, keys) if k == c and g.position < f.position] for c in candidates}
    seen = [c for c in candidates if before[c]]
    if not seen:
        # A short form ahead of any full name (a headline): the nearest one after it.
        return min(candidates, key=lambda c: min(g.position for g, k in zip(found, keys) if k == c))
    if f.role:
        same_role = [c for c in seen if any(_same_role(f.role, g.role) for g in before[c])]
        seen = same_role or seen
    latest = max(seen, key=lambda c: before[c][-1].position)
    if f.block == before[latest][-1].block:
        return latest
    # Past the paragraph of the last full name, the one the article has been about wins over a passing mention
    # (a son's name, not his father's, who shares it).
    return max(seen, key=lambda c: (len(before[c]), before[c][-1].position))


def _same_role(a: str | None, b: str | None) -> bool:
    """True if two roles share a title word ("spokesman")."""
    if not a or not b:
        return False
    words_a = {w.lower().rstrip(".") for w in a.split()} & names.ROLE_WORDS
    return bool(words_a & {w.lower().rstrip(".") for w in b.split()})

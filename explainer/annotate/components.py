"""Our own pipeline components: faster stand-ins for two of spaCy's rule components, with the same output token
for token, and one repair of the entity recogniser's spans.

In en_core_web_sm the attribute ruler and the lemmatizer take about a quarter
of the pipeline's time on news (more than the parser), yet both are pure
functions of a few attributes of each token:

- the attribute ruler's one-token patterns read only a token's lower form, tag,
  dependency label and whether it is a space; its ``Matcher`` tries all 179
  patterns on every token. Here the one-token patterns are evaluated once per
  distinct (word, tag, label) and remembered; the few patterns of two tokens
  still go through a ``Matcher``, and the matches are applied by the ruler's
  own ``set_annotations`` in the ruler's order;
- the rule lemmatizer's result depends on the word, its part of speech and its
  morphology (spaCy caches it under that key too), but reading and writing each
  token through Python objects costs more than the rules. Here the lemma is
  looked up per distinct key in the doc's arrays and written back in one call.

``install`` swaps them into a loaded pipeline under the same names, and leaves
it alone when it is not the shape they were written for (another model). The
tests compare both with spaCy's own components on invented and generated text.
It also adds ``split_at_verbs`` after the entity recogniser, so that the glossary
and attribution read the same names: an entity the model ran across a finite
verb ("Todd asked Pence") is the names on either side of it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The token attributes a one-token pattern may test for the stand-in to evaluate it.
_ONE_TOKEN_KEYS = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})


def _condition(key: str, value: Any) -> Callable[[dict[str, Any]], bool] | None:
    """A test of one pattern key against a token's values, as spaCy's Matcher reads it; None if not supported."""
    if key == "IS_SPACE":
        return (lambda tok: tok["IS_SPACE"] == value) if isinstance(value, bool) else None
    if isinstance(value, str):
        return lambda tok: tok[key] == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list):
            allowed = frozenset(arg)
            return lambda tok: tok[key] in allowed
        if op == "NOT_IN" and isinstance(arg, list):
            barred = frozenset(arg)
            return lambda tok: tok[key] not in barred
        if op == "REGEX" and isinstance(arg, str):
            found = re.compile(arg).search
            return lambda tok: bool(found(tok[key]))
    return None


class FastAttributeRuler:
    """The attribute ruler's matches, one-token patterns remembered per (word, tag, label)."""

    def __init__(self, ruler: Any):
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.vocab = ruler.vocab
        self._multi = Matcher(ruler.vocab, validate=False)
        # One-token patterns, filed under the tag or word they require when they require one: a token is
        # tested only against the patterns that can match it.
        self._by_tag: dict[str, list[Any]] = {}
        self._by_lower: dict[str, list[Any]] = {}
        self._other: list[Any] = []
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            match_id = self.vocab.strings.add(key)
            longer = []
            for pattern in ruler.matcher.get(key)[1]:
                if len(pattern) != 1 or not set(pattern[0]) <= _ONE_TOKEN_KEYS:
                    longer.append(pattern)
                    continue
                tests = [_condition(k, v) for k, v in pattern[0].items()]
                if any(t is None for t in tests):
                    raise ValueError(f"unsupported attribute ruler pattern {pattern!r}")
                entry = (attr_id, match_id, tests)
                if isinstance(pattern[0].get("TAG"), str):
                    self._by_tag.setdefault(pattern[0]["TAG"], []).append(entry)
                elif isinstance(pattern[0].get("LOWER"), str):
                    self._by_lower.setdefault(pattern[0]["LOWER"], []).append(entry)
                else:
                    self._other.append(entry)
            if longer:
                self._multi.add(key, longer)
        self._memo: dict[tuple[int, int, int], tuple[tuple[int, int], ...]] = {}

    def _matching(self, orth: int, tag: int, dep: int) -> tuple[tuple[int, int], ...]:
        strings = self.vocab.strings
        token = {"LOWER": strings[orth].lower(), "TAG": strings[tag], "DEP": strings[dep],
                 "IS_SPACE": self.vocab[orth].is_space}
        candidates = (*self._by_tag.get(token["TAG"], ()), *self._by_lower.get(token["LOWER"], ()), *self._other)
        return tuple(sorted({(attr_id, match_id) for attr_id, match_id, tests in candidates
                             if all(test(token) for test in tests)}))

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.attrs import DEP, ORTH, TAG

        matches = [(int(self.vocab.strings[m_id]), m_id, s, e)
                   for m_id, s, e in self._multi(doc, allow_missing=True, as_spans=False)]
        memo = self._memo
        for i, key in enumerate(map(tuple, doc.to_array([ORTH, TAG, DEP]).tolist())):
            found = memo.get(key)
            if found is None:
                found = memo[key] = self._matching(*key)
            matches.extend((attr_id, match_id, i, i + 1) for attr_id, match_id in found)
        matches.sort()
        self.ruler.set_annotations(doc, matches)
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        """Each doc in turn (spaCy calls this when it streams)."""
        for doc in docs:
            yield self(doc)


class FastLemmatizer:
    """The rule lemmatizer's lemmas, looked up once per (word, part of speech, morphology)."""

    def __init__(self, lemmatizer: Any):
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self._memo: dict[tuple[int, int, int], int] = {}
        # The rules test ``form in index`` against a list of tens of thousands of words per part of speech:
        # the same words as a frozenset answer alike, at once.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for key, words in list(index.items()):
            if isinstance(words, list):
                dict.__setitem__(index, key, frozenset(words))

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        overwrite = self.lemmatizer.overwrite
        memo = self._memo
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue  # set by the attribute ruler: kept, as spaCy keeps it
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            rows[i, 3] = found
            changed = True
        if changed:
            doc.from_array([LEMMA], rows[:, 3:4])
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        """Each doc in turn (spaCy calls this when it streams)."""
        for doc in docs:
            yield self(doc)


# Finite verbs: never a word inside a name ("Kerr accused Hale" tagged as one body is Kerr and Hale).
_FINITE = frozenset(("VBD", "VBZ", "VBP"))


def split_at_verbs(doc: "Doc") -> "Doc":
    """The model's entities, each one it ran across a lower-case finite verb cut into the names on either side:
    "Kerr accused Hale" is "Kerr" and "Hale", "Todd asked Pence" is "Todd" and "Pence"."""
    from spacy.tokens import Span

    ents: list[Span] = []
    outside: list[Span] = []
    for ent in doc.ents:
        verbs = [t.i for t in ent[1:-1] if t.tag_ in _FINITE and t.text.islower()]
        if not verbs:
            ents.append(ent)
            continue
        for start, end in zip([ent.start, *(v + 1 for v in verbs)], [*verbs, ent.end]):
            part = Span(doc, start, end, label=ent.label, kb_id=ent.kb_id)
            (ents if any(t.text[:1].isupper() for t in part) else outside).append(part)
        outside.extend(doc[v:v + 1] for v in verbs)
    if outside:
        doc.set_ents(ents, outside=outside, default="unmodified")
    return doc


def install(nlp: "Language") -> "Language":
    """Put the stand-ins in place of the attribute ruler and the rule lemmatizer, when the pipeline has them, and
    the verb split after the entity recogniser."""
    from spacy.language import Language

    if "split_at_verbs" not in nlp.pipe_names and "ner" in nlp.pipe_names:
        if not Language.has_factory("explainer_split_at_verbs"):
            Language.component("explainer_split_at_verbs", func=split_at_verbs)
        nlp.add_pipe("explainer_split_at_verbs", name="split_at_verbs", after="ner")
    for name, make in (("attribute_ruler", FastAttributeRuler), ("lemmatizer", FastLemmatizer)):
        if name not in nlp.pipe_names:
            continue
        component = nlp.get_pipe(name)
        if isinstance(component, (FastAttributeRuler, FastLemmatizer)):
            continue
        if name == "lemmatizer" and getattr(component, "mode", None) != "rule":
            continue
        try:
            stand_in = make(component)
        except (ValueError, AttributeError, KeyError):
            continue  # a ruler with patterns the stand-in does not read: keep spaCy's
        index = nlp.component_names.index(name)  # disabled ones (senter) included
        nlp._components[index] = (name, stand_in)  # same place, same name: disable/enable still work
    return nlp

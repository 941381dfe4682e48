"""An entity the model runs across a finite verb ("Kerr accused Hale") is the two names on either side of it:
a reader would otherwise see a glossary entry and a speaker card named "Kerr accused Hale"."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from explainer.annotate.components import split_at_verbs
from tests.annotate.attribution.test_speakers import run_with_glossary, said

BLANK = spacy.blank("en")


def _doc(words: list[str], tags: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(BLANK.vocab, words=words)
    for token, tag in zip(doc, tags):
        token.tag_ = tag
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_a_name_run_across_a_verb_is_two_names_and_a_name_with_of_stays_one() -> None:
    words = "At the hall , Kerr accused Hale of lying , and Bank of America paid .".split()
    tags = ["IN", "DT", "NN", ",", "NNP", "VBD", "NNP", "IN", "VBG", ",", "CC", "NNP", "IN", "NNP", "VBD", "."]
    doc = split_at_verbs(_doc(words, tags, [(4, 7, "ORG"), (11, 14, "ORG")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("Kerr", "ORG"), ("Hale", "ORG"), ("Bank of America", "ORG")]


WORDS = ["Kerr", "Hale", "Lund", "of", "the", "said", "asked", "Bank", "Union", "and"]
TAGS = {"said": "VBD", "asked": "VBD", "of": "IN", "the": "DT", "and": "CC"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12), st.data())
def test_no_entity_holds_a_verb_and_every_capitalised_word_stays_named(words: list[str], data) -> None:  # type: ignore[no-untyped-def]
    start = data.draw(st.integers(0, len(words) - 2))
    end = data.draw(st.integers(start + 1, len(words)))
    doc = split_at_verbs(_doc(words, [TAGS.get(w, "NNP") for w in words], [(start, end, "PERSON")]))
    named = {t.i for e in doc.ents for t in e}
    assert not any(t.tag_ == "VBD" for e in doc.ents for t in e[1:-1])
    assert {i for i in range(start, end) if words[i][:1].isupper()} <= named
    assert named <= set(range(start, end))


def test_the_speaker_card_names_the_speaker_not_the_run(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Kicking off the day at a town hall in Salem, Kerr accused Hale, the senator from the coast, of being '
          '"politically correct" on taxes.')
    assert [s for _, s in said(run_with_glossary(nlp, md))] == ["Kerr"]

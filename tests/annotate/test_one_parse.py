"""The faster parse gives the annotations the reference parse gives.

The reference is spaCy's own pipeline as shipped (its attribute ruler and lemmatizer) with
every quote-masked block parsed again by the whole pipeline, entity recogniser included: what
explainer did before the speed work. The faster path is what explainer does now: stand-ins for
the two rule components and masked re-parses without the entity recogniser (entities carried
over from the block's own parse). Stories are invented.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings, strategies as st

from explainer.annotate import components
from explainer.annotate.nlp import FALLBACK_MODEL, load_model
from explainer.annotate.service import Annotator, prepare_article
from explainer.annotate.stages import Work, run_stages
from explainer.content.load import read_loose_article
from tests.conftest import write


def _stock() -> spacy.language.Language:
    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        return importlib.import_module(FALLBACK_MODEL).load()


@pytest.fixture(scope="module")
def stock():
    return _stock()


STORIES = [
    """Mayor Ruth Okafor said on Monday that the bridge would close for a month. "We have no other choice,"
Okafor told reporters in Dunmore. "The repairs cannot wait."

Her deputy, Paul Feeney, called the plan "a reckless gamble" and said the council of Dunmore would vote on it.

"I think people are tired of waiting," said Feeney, who has led the Dunmore Harbour Trust since 2011.
He added: "They want a date. They want a plan."
""",
    """Talks between Calder Mining and the Ferrow Workers Union broke down on Friday.

"We asked for the documents twice and we still have not received them," Ana Lindqvist, a lawyer for the union,
said in a statement. Calder Mining did not respond.

The company's chief executive, Jonas Weir, said last month that the mine was "safe and well run." "Nobody is
gonna shut us down," he told the Ferrow Gazette. Lindqvist said that wasn't true.

'Let's be clear,' wrote Weir in an email to staff. 'Y'all will be paid.'
""",
    """HALDEN - The governor of Marren, Iris Caldwell, signed the budget on Tuesday.

"It is a good first step, and we will hold them to it," said Tom Baird of the Marren Teachers Association.
Caldwell's office called the criticism "not serious". "The budget balances," her spokeswoman said.
""",
]


def _reference(stock, text: str, tmp_path: Path):
    """Annotate with the stock pipeline and full re-parses of the masked blocks (the old path)."""
    article = read_loose_article(write(tmp_path / "story.md", text), False)
    prepared = prepare_article(article)
    work = run_stages(Work(article, prepared.blocks, tuple(stock.pipe(prepared.texts())), (),
                           lambda texts, entities=False: list(stock.pipe(texts)), problems=prepared.problems))
    return work.annotation(), work.problems


@pytest.mark.parametrize("n", range(len(STORIES)))
def test_one_parse_path_gives_the_reference_annotations(stock, tmp_path, n):
    text = "---\ntitle: A story\ndate: 2022-03-01\n---\n" + STORIES[n]
    expected = _reference(stock, text, tmp_path)
    article = read_loose_article(write(tmp_path / "story.md", text), False)
    got = Annotator("en_core_web_sm", ()).annotate(article)
    assert got == expected
    assert got[0].quotes and any(q.speaker for q in got[0].quotes)  # the stories do quote people


def _attrs(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


WORDS = ["the", "The", "mayor", "said", "says", "is", "are", "'s", "ai", "n't", "gon", "na", "let", "us", "it",
         "I", "you", "do", "did", "have", "had", "not", "that", "if", "but", "running", "ran", "better", "best",
         "children", "geese", "was", "were", "there", "Ruth", "Okafor", "council", "votes", "voted", "y'",
         "all", "c'mon", "nothin'", "whether", "although", "which", "this", "those", ",", ".", "?", "\"", "-",
         "  ", "\n", "Dunmore", "wrote", "be", "been", "being", "'ve", "'re", "'m", "am", "cannot", "won't"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_stand_in_components_tag_and_lemmatize_as_spacy_does(stock, words):
    text = " ".join(words)
    fast = load_model("en_core_web_sm")
    assert isinstance(fast.get_pipe("attribute_ruler"), components.FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), components.FastLemmatizer)
    assert _attrs(fast(text)) == _attrs(stock(text))


def test_stand_ins_agree_on_the_invented_stories(stock):
    fast = load_model("en_core_web_sm")
    for story in STORIES:
        for paragraph in story.split("\n\n"):
            assert _attrs(fast(paragraph)) == _attrs(stock(paragraph))

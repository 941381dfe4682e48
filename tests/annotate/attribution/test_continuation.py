"""Whose words a quoted fragment is when no cue governs it: the paragraph's earlier speaker, or no one.

Every text here is invented; each test states one fact about English news paragraphs.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.annotate.attribution.test_speakers import run, said

_SAID = '"We ran out of money in March," said Dana Whitfield, who runs the shelter. '


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(["living week to week on donations from neighbours.",
                        "one bad winter away from closing its doors.",
                        "barely able to keep the heating on at night."]),
       st.sampled_from(["Since then, the shelter has been", "For months the shelter has been"]))
def test_a_fragment_later_in_the_speakers_paragraph_is_the_speakers(  # type: ignore[no-untyped-def]
        nlp, words: str, lead: str) -> None:
    # A reporter who goes on quoting a few of the source's words in the same paragraph is still quoting the
    # source: a fragment of three or more words is not a scare quote.
    result = said(run(nlp, _SAID + f'{lead} "{words}"'))
    assert result == [("We ran out of money in March", "Dana Whitfield"), (words, "Dana Whitfield")]


def test_a_short_fragment_stays_a_scare_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    # One or two words in quote marks ("rainy day") are the reporter's distance from a term, not speech.
    result = said(run(nlp, _SAID + 'The "rainy day" fund is gone.'))
    assert result == [("We ran out of money in March", "Dana Whitfield")]


def test_a_capitalised_name_is_not_the_speakers_words(nlp) -> None:  # type: ignore[no-untyped-def]
    # A Title Case stretch is the name of a programme, a slogan or a show, whoever spoke before it.
    result = said(run(nlp, _SAID + 'The shelter is part of the "Safe Nights For All" network.'))
    assert result == [("We ran out of money in March", "Dana Whitfield")]


def test_a_fragment_reported_of_someone_else_is_not_the_earlier_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Reyes worried the shelter was '...'": the words are put in Reyes's mouth, not Whitfield's.
    result = said(run(nlp, _SAID + 'Mayor Tom Reyes worried the shelter was "a bottomless pit for county money."'))
    assert ("a bottomless pit for county money.", "Dana Whitfield") not in result


def test_a_fragment_in_the_next_paragraph_is_not_carried_over(nlp) -> None:  # type: ignore[no-untyped-def]
    # A new paragraph with no quote of its own opening it starts the reporter's own text again.
    md = _SAID + '\n\nThe shelter has been "living week to week on donations from neighbours."'
    assert said(run(nlp, md)) == [("We ran out of money in March", "Dana Whitfield")]

"""Whose clause a participle of saying belongs to when it trails a sentence of reported speech.

Every text here is invented; each test states one fact about English news sentences.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.annotate.attribution.test_speakers import run, said

_INTRO = "The council votes on the budget on Friday.\n\n"


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["calling it", "describing it as", "labeling it"]),
       st.sampled_from(["rejected the plan", "dropped the plan", "shelved the plan"]))
def test_a_trailing_participle_is_the_reporters_not_the_reported_subjects(  # type: ignore[no-untyped-def]
        nlp, calling: str, rejected: str) -> None:
    # "Kerr said the council rejected the plan, calling it ...": Kerr calls it, not the council.
    md = _INTRO + f'Ann Kerr said the council {rejected}, {calling} "a waste of money."'
    assert said(run(nlp, md)) == [("a waste of money.", "Ann Kerr")]


def test_a_participle_of_the_reported_clause_itself_stays_there(nlp) -> None:  # type: ignore[no-untyped-def]
    # Marchers chanting are the marchers: only a participle of saying after a comma climbs, and "chant" is
    # the marchers' own verb here because the reporter's verb does not govern the chant.
    md = _INTRO + 'Ann Kerr watched as the marchers crossed the square, chanting "No cuts."'
    assert said(run(nlp, md))[0][1] != "Ann Kerr"

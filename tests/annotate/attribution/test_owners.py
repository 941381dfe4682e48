"""Who owns words named by a noun of saying ("Hale's claim that ...").

Every text here is invented; each test states one fact about English news sentences.
"""

from __future__ import annotations

from tests.annotate.attribution.test_speakers import run, said


def test_a_fragment_describing_someones_statement_is_the_describers(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Hale\'s statement was "a disgrace," Mayor Ruiz said.'
    assert [s for _, s in said(run(nlp, md))] == ["Ruiz"]


def test_an_owner_named_with_a_possessive_is_named_without_it(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'Hale\'s claim that "the budget is off by a million" was wrong.'
    assert said(run(nlp, md)) == [("the budget is off by a million", "Hale")]

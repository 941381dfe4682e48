"""How copy is typed and laid out: typewriter marks, marks glued to words, a signature on the line below.

Every text here is invented; each test states one fact about news copy as it reaches a newsroom's tools
(archive exports type '' for a double quote; web copy drops the space after a comma).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.annotate.glossary.roles import clean_role
from tests.annotate.attribution.test_speakers import run, said


def test_a_typewriter_quote_paragraph_goes_on_from_the_speaker_before(nlp) -> None:  # type: ignore[no-untyped-def]
    # '' is one mark: the second paragraph opens with a quote, so it is the same speaker going on.
    md = ("''The old rules are gone,'' said Dana Weir, a historian at the state university.\n\n"
          "''Nobody knows the new ones yet.''")
    assert said(run(nlp, md)) == [("The old rules are gone", "Dana Weir"),
                                  ("Nobody knows the new ones yet.", "Dana Weir")]


def test_a_typewriter_quote_alone_after_a_sentence_about_someone(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ("Ann Kerr praised the new plan on Monday.\n\n"
          "''It is the best plan we have had in years.''")
    assert said(run(nlp, md)) == [("It is the best plan we have had in years.", "Ann Kerr")]


def test_a_quote_mark_glued_to_the_comma_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    md = "Senator Omar Reyes spoke on the radio.\n\nReyes said,“Look, the tax has no place in this budget.”"
    assert said(run(nlp, md)) == [("Look, the tax has no place in this budget.", "Omar Reyes")]


def test_a_glued_mark_is_its_own_token(nlp) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in nlp.make_doc("Reyes said,“Look.”Then he left.")] == [
        "Reyes", "said", ",", "“", "Look", ".", "”", "Then", "he", "left", "."]
    # A measurement's inch mark and a plain quote stay as they were.
    assert [t.text for t in nlp.make_doc('A 6\'2" guard said: "Fine"')] == [
        "A", "6'2", '"', "guard", "said", ":", '"', "Fine", '"']


def test_a_signature_on_the_line_below_signs_the_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ("Delegates filled the hall on Wednesday.\n\n"
          '"We came to be heard, and we will be heard."\n\n'
          "—Rosa Delgado, Phoenix.")
    assert said(run(nlp, md)) == [("We came to be heard, and we will be heard.", "Rosa Delgado")]


def test_a_line_below_that_is_more_than_a_signature_signs_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # A dash opening a paragraph of reporting is no signature.
    md = ("Delegates filled the hall on Wednesday.\n\n"
          '"We came to be heard, and we will be heard."\n\n'
          "— Rosa Delgado walked out before the vote, and the hall went quiet for a long while.")
    assert said(run(nlp, md))[0][1] != "Rosa Delgado"


def test_a_role_cut_before_a_title_keeps_its_noun() -> None:
    # "the author of ''Lost Years''": the quoted title is not part of the role the card shows.
    assert clean_role("author of") == "author"
    assert clean_role("spokesman for the") == "spokesman"
    assert clean_role("spokesman for the county") == "spokesman for the county"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["of", "for", "at", "the", "and", "to"]), max_size=3),
       st.sampled_from(["author", "editor of the Ledger", "head coach"]))
def test_no_role_ends_on_a_dangling_word(tail: list[str], role: str) -> None:
    cleaned = clean_role(" ".join([role, *tail]))
    assert cleaned == role


def test_a_bare_capitalised_noun_opening_a_sentence_before_a_verb_of_saying_speaks(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tagger reads "Garrity" as a common noun; a singular noun with no article cannot open an English
    # sentence unless it is a name (or a body: "Congress said").
    md = 'The panel took questions for an hour.\n\nGarrity added, "The budget is the easy part of this."'
    assert said(run(nlp, md)) == [("The budget is the easy part of this.", "Garrity")]


def test_a_full_quote_after_a_dash_is_the_words_of_the_clause_before(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ("Mayor Dana Weir spoke at the site on Monday.\n\n"
          'Weir also backed the new stadium plan -- "It is the best deal this city has had in years."')
    assert said(run(nlp, md)) == [("It is the best deal this city has had in years.", "Dana Weir")]


def test_a_dash_before_a_fragment_or_after_a_thing_names_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ("Mayor Dana Weir spoke at the site on Monday.\n\n"
          'The plan itself was simple -- "It is the best deal this city has had in years."')
    assert said(run(nlp, md)) == [("It is the best deal this city has had in years.", None)]


def test_a_name_after_a_roles_complement_is_the_role_not_the_body(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser hangs "Ben Cho" on "Board", the nearest noun; a body has no person in apposition, the role does.
    md = ("The board met on Monday.\n\n"
          'A spokesman for the State Water Board, Ben Cho, said the board "will look again."')
    quotes, speakers = run(nlp, md)
    assert said((quotes, speakers)) == [("will look again.", "Ben Cho")]
    assert {s.name: s.role for s in speakers.values()} == {"Ben Cho": "spokesman for the State Water Board"}


def test_a_person_named_as_the_complement_is_not_the_role(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ("The board met on Monday.\n\n"
          'A friend of Ann Kerr, who asked not to be named, said she was "very tired."')
    assert said(run(nlp, md))[0][1] != "Ann Kerr"


def test_a_day_after_the_verb_is_never_its_inverted_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    # A question mark ends the sentence, so the parser reads the frame after it on its own, with "tweeted" hung on
    # the role noun and "Sunday" as the only capitalised word after the verb: a date speaks for no one.
    md = "“Will the governor release the report?” the leading Republican candidate, Paul Marsh, tweeted Sunday."
    assert said(run(nlp, md)) == [("Will the governor release the report?", "Paul Marsh")]

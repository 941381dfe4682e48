"""Who "he" and "she" are: the person the passage is about, of the gender the text has shown.

Every text here is invented; each test states one rule of English news writing.
"""

from __future__ import annotations

from tests.annotate.attribution.test_speakers import run, run_with_glossary, said


def test_a_gendered_role_noun_tells_he_from_she(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ("Robin Ames chairs the water board.\n\n"
          "Kerry Dunn, a spokeswoman for the council, left early.\n\n"
          '"The vote is off," he said.')
    assert said(run(nlp, md)) == [("The vote is off", "Robin Ames")]


def test_a_speaker_quoted_in_passing_is_not_whom_the_passage_is_about(nlp) -> None:  # type: ignore[no-untyped-def]
    # Ann Lee speaks inside a clause about whom Maria Ortiz met: the next "she" is still Ortiz.
    md = ('Maria Ortiz spoke after she met Ann Lee, who called the plan "a waste of money."\n\n'
          '"We will fix it before winter," she said.')
    assert said(run(nlp, md)) == [("a waste of money.", "Ann Lee"), ("We will fix it before winter", "Maria Ortiz")]


def test_someone_described_in_a_subordinate_clause_is_not_the_topic(nlp) -> None:  # type: ignore[no-untyped-def]
    # "a voter" is the subject of a when-clause only: the passage is about Tom Reyes.
    md = ("Tom Reyes took questions at a diner in Dayton.\n\n"
          "The mood changed when a voter asked about taxes.\n\n"
          '"We will cut them," he said.')
    assert said(run(nlp, md)) == [("We will cut them", "Tom Reyes")]


def test_the_he_of_a_question_to_someone_is_whom_they_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    # "asked Kim Osei whether he would run": the "he" is Osei, it says nothing of Dana Kerr.
    md = ("Dana Kerr asked Kim Osei whether he would run for the seat.\n\n"
          '"I hope so," she said.')
    assert said(run(nlp, md)) == [("I hope so", "Dana Kerr")]


def test_a_described_speaker_keeps_the_words_as_written(nlp) -> None:  # type: ignore[no-untyped-def]
    md = 'A 29-year-old Berlin woman said the trains were late. "We were scared," she said.'
    quotes, speakers = run(nlp, md)
    assert [s.name for s in speakers.values()] == ["a 29-year-old Berlin woman"]


def test_a_name_taken_for_a_body_with_a_persons_role_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small model tags "Eswar Prasad" ORG; "a professor" in apposition says it is a person, so the later
    # "he" is Prasad, not the man named a paragraph before.
    md = ("Laurence Meyer left the Federal Reserve board in 2002.\n\n"
          "Eswar Prasad, a professor of trade policy at Cornell University, said the rise was overdue.\n\n"
          '"The economy is ready for it," he said.')
    assert said(run(nlp, md)) == [("The economy is ready for it", "Eswar Prasad")]


def test_a_company_with_a_description_stays_a_company(nlp) -> None:  # type: ignore[no-untyped-def]
    md = ("Laurence Meyer left the Federal Reserve board in 2002.\n\n"
          "Goldman Sachs, the investment bank, said rates would rise twice.\n\n"
          '"It is priced in," he said.')
    assert said(run(nlp, md))[0][1] != "Goldman Sachs"


def test_a_speaker_card_ends_its_name_where_the_glossary_does(nlp) -> None:  # type: ignore[no-untyped-def]
    # The model tags 'Maria "Mimi" Alvarez of' as a person before "Fresno"; a name never ends in "of".
    md = 'Maria "Mimi" Alvarez of Fresno held a candle at the vigil. "We came for the families," she said.'
    assert said(run_with_glossary(nlp, md)) == [("We came for the families", 'Maria "Mimi" Alvarez')]


def test_a_bodys_head_word_is_no_one_he_can_stand_for(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tagger leaves "Chamber" untagged as the subject of "thinks"; it names a body, not a person.
    md = ('Mayor Tom Reyes met farmers on Monday. The U.S. Chamber of Commerce thinks that six million jobs '
          'rely on trade. "We cannot afford this," he said.')
    assert said(run(nlp, md)) == [("We cannot afford this", "Tom Reyes")]


def test_a_person_the_glossary_found_is_a_person_to_the_cards_too(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small model tags neither "Ana Ruiz" nor "Nell Sato"; the glossary finds both (a given name before a
    # capitalised word). The card names her rather than her role, and the later "she" is her, not the earlier
    # speaker the model did tag.
    from tests.annotate.attribution.test_speakers import run_with_glossary

    md = ('Mayor Joan Pike opened the meeting. "We start now," Pike said.\n\n'
          "“Will the council act?” the head of the state’s largest teachers union, Ana Ruiz, asked on Monday.")
    assert said(run_with_glossary(nlp, md))[-1] == ("Will the council act?", "Ana Ruiz")

"""Names the model left untagged, found from their own words (invented stories, tags set by hand)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from explainer.annotate.glossary import unseen
from tests.annotate.glossary.support import by_name, run, tagged, texts


def test_a_capitalised_name_ending_in_a_body_word_is_an_organisation():
    md = "According to the Ruritanian Transport Ministry, 40 ferries were late."
    found = by_name(run(md, [[]], kb=()))
    assert found["Ruritanian Transport Ministry"].kind == "organization"


def test_a_capitalised_name_ending_in_a_place_word_is_a_place_even_after_a_possessive():
    md = "Crowds met at Veltra's Old Lantern Hotel and walked to Elmwood Park Station."
    found = by_name(run(md, [[("Veltra", "GPE")]], kb=()))
    assert found["Old Lantern Hotel"].kind == "place" and found["Elmwood Park Station"].kind == "place"
    assert found["Veltra"].kind == "place"


def test_a_head_word_before_of_takes_the_name_after_it():
    md = "Pilgrims camped on the Plains of Veltra overnight."
    found = by_name(run(md, [[("Veltra", "PERSON")]], kb=()))
    assert list(found) == ["Plains of Veltra"] and found["Plains of Veltra"].kind == "place"


def test_a_newspaper_at_the_start_of_a_sentence_is_found_without_the_article():
    md = "The Marlow Courier reported that the bridge had closed."
    found = by_name(run(md, [[]], kb=()))
    assert list(found) == ["Marlow Courier"] and found["Marlow Courier"].kind == "organization"


def test_no_title_no_sentence_opener_and_no_headline_is_found():
    md = ("Council President Ada Moreno opened the session.\n\nAfter Tuesday Council members left.\n\n"
          "Mayor Says City Council Will Vote On New Harbour Bridge Plan")
    assert run(md, [[], [], []], kb=()).entities == ()


def test_an_event_known_by_one_word_is_an_event():
    md = "Millions travel to the city each year for the Hajj."
    (hajj,) = run(md, [[]], kb=()).entities
    assert (hajj.name, hajj.kind) == ("Hajj", "event")


def test_an_acronym_after_a_persons_of_is_a_body():
    md = "Mei Tran of VNPA lost her seat."
    found = by_name(run(md, [[("Mei Tran", "PERSON")]], kb=()))
    assert found["VNPA"].kind == "organization"


def test_an_acronym_defined_in_parentheses_joins_its_name_at_every_use():
    md = ("The Union of Free Thinkers and Doubters (UFTD) sued the city.\n\n"
          "A lawyer for UFTD said the case was strong.")
    found = by_name(run(md, [[("Union of Free Thinkers and Doubters", "ORG")], []], kb=()))
    assert list(found) == ["Union of Free Thinkers and Doubters"]
    assert texts(found["Union of Free Thinkers and Doubters"]) == ["Union of Free Thinkers and Doubters", "UFTD",
                                                                   "UFTD"]


def test_an_acronym_before_its_name_in_parentheses_joins_it():
    md = "The head of OCA (Office of Coastal Affairs), Ida Berg, resigned."
    found = by_name(run(md, [[("OCA", "PERSON"), ("Office of Coastal Affairs", "ORG"), ("Ida Berg", "PERSON")]],
                        kb=()))
    assert found["Office of Coastal Affairs"].kind == "organization"
    assert texts(found["Office of Coastal Affairs"]) == ["OCA", "Office of Coastal Affairs"]


def test_a_caption_with_small_lower_case_words_is_no_headline():
    md = "The Falls of Drumlee in the fog"
    found = by_name(run(md, [[("Drumlee", "PERSON")]], kb=()))
    assert list(found) == ["Falls of Drumlee"] and found["Falls of Drumlee"].kind == "place"


def test_a_body_named_for_the_thing_it_serves_is_one_name():
    md = "The grant came from the Ada Lind Foundation for the Coastal Arts last year."
    found = by_name(run(md, [[("Ada Lind Foundation", "ORG"), ("Coastal Arts", "ORG")]], kb=()))
    assert list(found) == ["Ada Lind Foundation for the Coastal Arts"]


def test_a_name_before_a_lower_case_place_noun_is_a_place():
    md = "In the Harbour North electoral district, turnout fell. Voters in the Kell Valley district stayed home."
    found = by_name(run(md, [[]], kb=()))
    assert found["Harbour North"].kind == "place" and found["Kell Valley"].kind == "place"


def test_a_day_name_after_a_name_is_no_part_of_it():
    md = "The senator told Channel Nine News on Super Tuesday that she would stay."
    found = by_name(run(md, [[("Channel Nine News", "ORG")]], kb=()))
    assert list(found) == ["Channel Nine News"]


WORDS = ["Ada", "Lind", "Foundation", "Hotel", "of", "for", "on", "the", "The", "Tuesday", "Super", "said", "in",
         "district", "-", ",", ".", "OCA", "(", ")", "Hajj", "Council", "President", "3", "–", "1"]


@given(st.lists(st.sampled_from(WORDS), max_size=30))
@example(["The", "of", "The", "Foundation"])  # found by Hypothesis: a joiner left at the start after "The"
@settings(max_examples=200, deadline=None)
def test_the_finder_ends_and_finds_only_capitalised_names_of_the_text(words):
    text = " ".join(words)
    doc = tagged(text)
    for span in unseen.head_word_spans(doc) + unseen.event_name_spans(doc):
        assert text[span.start_char:span.end_char] == span.text
        # A span may keep the "of" a title leaves ("CEO of Harbour Traders Association"): it lets the name replace
        # a tagged piece of it, and found_in's name bounds cut it; the name itself starts capitalised.
        words = span.text.split()
        while words and words[0] in ("of", "for", "on", "the"):
            words = words[1:]
        assert words and words[0][:1].isupper() and words[0] not in ("The", "Tuesday")


def test_an_untagged_first_name_and_surname_is_a_person():
    md = "Voters re-elected the Harbour Party's Nadia Orme. \"Oh My God,\" one said. Grace Church was full."
    found = by_name(run(md, [[("Harbour Party", "ORG")]], kb=()))
    assert found["Nadia Orme"].kind == "person"
    assert set(found) == {"Harbour Party", "Nadia Orme"}  # no "My God"; "Grace Church" is no person


def test_an_untagged_name_before_a_companys_role_and_a_person_is_a_body():
    md = "Lumen founder Ada Lind and Republican candidate Ivo Marr spoke. Brightwave co-founder Tam Vell left."
    found = by_name(run(md, [[("Ada Lind", "PERSON"), ("Ivo Marr", "PERSON"), ("Tam Vell", "PERSON")]], kb=()))
    assert found["Lumen"].kind == found["Brightwave"].kind == "organization"
    assert "Republican" not in found


def test_the_second_of_two_bodies_sharing_a_plural_head_is_found():
    md = "The plan passed between the Treasury and Coastal Defence Departments last week."
    found = by_name(run(md, [[]], kb=()))
    assert found["Coastal Defence"].kind == "organization"


def test_a_name_opening_with_a_capital_the_inside_a_sentence_is_found():
    md = ("The playlist leaned on bands such as The Velvet Lanterns. The Lanterns Say Goodbye Tonight\n\n"
          "She spoke on The Ada Lind Hour.")
    found = by_name(run(md, [[], []], kb=()))
    assert list(found) == ["Velvet Lanterns"] and found["Velvet Lanterns"].kind == "organization"


def test_a_body_at_a_body_is_two_names_and_a_campus_stays_one():
    md = "Prints hang in the Lind Gallery of Art at Marlow University and at the University of Avalon at Riverton."
    found = by_name(run(md, [[("the Lind Gallery of Art at Marlow University", "ORG"),
                              ("the University of Avalon at Riverton", "ORG")]], kb=()))
    assert set(found) == {"Lind Gallery of Art", "Marlow University", "University of Avalon at Riverton"}


def test_a_role_before_of_is_no_part_of_the_name_but_a_names_own_word_is():
    md = "Ada Lind, CEO of Harbour Traders Association, met officials of the General Supplies Administration."
    found = by_name(run(md, [[("Ada Lind", "PERSON")]], kb=()))
    assert {"Harbour Traders Association", "General Supplies Administration"} <= set(found)


@given(st.lists(st.sampled_from(WORDS + [".", "?", "\n", "Will", "On", "THE", "said"]), max_size=40))
@settings(max_examples=200, deadline=None)
def test_each_sentence_is_judged_a_headline_once_with_the_answer_asked_of_each_word(words):
    doc = tagged(" ".join(words))
    assert unseen._title_case_flags(doc) == [unseen._title_case_sentence(doc, i) for i in range(len(doc))]


def test_a_university_and_the_campus_tagged_apart_are_one_name_and_its_short_form_joins_it():
    md = ("Prints hang at the University of Avalon at Riverton and at University of Avalon at Marlow.\n\n"
          "The UA Riverton show drew 9,000 visitors.")
    found = by_name(run(md, [[("the University of Avalon", "ORG"), ("Riverton", "GPE"),
                              ("University of Avalon", "ORG", 1), ("Marlow", "LOC")],
                             [("UA Riverton", "ORG")]], kb=()))
    assert set(found) == {"University of Avalon at Riverton", "University of Avalon at Marlow"}
    assert [m.text for m in found["University of Avalon at Riverton"].mentions] == [
        "University of Avalon at Riverton", "UA Riverton"]


def test_a_place_after_a_universitys_at_in_passing_stays_a_place():
    md = "She studied at the University of Avalon at the time, and at Marlow College in Riverton."
    found = by_name(run(md, [[("the University of Avalon", "ORG"), ("Marlow College", "ORG"),
                              ("Riverton", "GPE")]], kb=()))
    assert {"University of Avalon", "Marlow College", "Riverton"} <= set(found)


def test_a_bracket_the_model_swallowed_and_a_count_after_a_person_are_no_part_of_the_name():
    # A defined acronym's open bracket ("(VYF") and a table's delegate count ("Ada Lind 151") end the name there,
    # so each joins the entry the story names in full.
    md = ("The Varden Youth Front (VYF) met. Members of the Varden Youth Front (VYF marched.\n\n"
          "Ada Lind 151, Tom Reyes 42-40. Ada Lind and Tom Reyes spoke.")
    found = by_name(run(md, [[("The Varden Youth Front", "ORG"), ("VYF", "ORG"),
                              ("the Varden Youth Front (VYF", "ORG", 0)],
                             [("Ada Lind 151", "PERSON"), ("Tom Reyes 42-40", "PERSON"), ("Ada Lind", "PERSON", 1),
                              ("Tom Reyes", "PERSON", 1)]], kb=()))
    assert {"Varden Youth Front", "Ada Lind", "Tom Reyes"} <= set(found) and not any(
        "(" in name or any(ch.isdigit() for ch in name) for name in found)
    assert [len(found[n].mentions) for n in ("Varden Youth Front", "Ada Lind", "Tom Reyes")] == [2, 2, 2]

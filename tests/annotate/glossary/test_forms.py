"""Which mentions are one entry and under what name: datelines, titles, possessives, short forms and initials.

Each test is one rule, on names invented for it.
"""

from __future__ import annotations

from tests.annotate.glossary.support import run



def test_a_dateline_is_one_place_in_normal_case_merged_with_later_mentions():
    md = "VARDEN FALLS, Ohio — The council met.\n\nLater, Varden Falls voted."
    result = run(md, [[("VARDEN FALLS", "ORG"), ("Ohio", "GPE")], [("Varden Falls", "GPE")]], kb=())
    (place,) = result.entities
    assert (place.name, place.kind) == ("Varden Falls, Ohio", "place")
    assert [m.text for m in place.mentions] == ["VARDEN FALLS", "Varden Falls"]


def test_a_dateline_agency_is_an_organisation_and_a_lone_capital_is_the_ap_city():
    md = "WASHINGTON (Reuters) - The Senate voted."
    result = run(md, [[("WASHINGTON", "PERSON"), ("Reuters", "PERSON"), ("Senate", "ORG")]], kb=())
    assert [(e.name, e.kind) for e in result.entities] == [
        ("Washington, D.C.", "place"), ("Reuters", "organization"), ("Senate", "organization")]
    assert result.entities[0].geonames == 4140963


def test_a_title_inside_a_longer_phrase_is_no_entity():
    md = ("Council President Dana Vell spoke. Home Secretary Ivo Marr agreed.\n\n"
          "The Secretary of State, Ana Kress, and the State Department Spokesperson left.")
    tags = [[("Council", "ORG"), ("Dana Vell", "PERSON"), ("Home", "ORG"), ("Ivo Marr", "PERSON")],
            [("State", "ORG"), ("Ana Kress", "PERSON"), ("State Department Spokesperson", "ORG")]]
    assert [e.name for e in run(md, tags, kb=()).entities] == ["Dana Vell", "Ivo Marr", "Ana Kress"]


def test_a_title_before_a_first_name_makes_a_person_whatever_the_tag():
    md = "Councilwoman Grace Vell voted no."
    (vell,) = run(md, [[("Councilwoman Grace Vell", "ORG")]], kb=()).entities
    assert (vell.name, vell.kind, vell.role) == ("Grace Vell", "person", "Councilwoman")


def test_an_occupation_before_a_first_name_is_no_part_of_the_name():
    # The model tags the occupation with the name ("Comedian Sarah Silverman"); a place made of a saint's name
    # and a given name ("San Pedro Sula") keeps its first word.
    md = "Comedian Kay Dorn backed the senator.\n\nFilmmaker Jack Amor agreed.\n\nSan Pedro Sula is hot."
    tags = [[("Comedian Kay Dorn", "PERSON")], [("Filmmaker Jack Amor", "PERSON")], [("San Pedro Sula", "PERSON")]]
    assert {e.name for e in run(md, tags, kb=()).entities} == {"Kay Dorn", "Jack Amor", "San Pedro Sula"}


def test_an_adverb_opening_the_sentence_is_no_part_of_the_name():
    # The model sweeps a sentence's opening adverb into the name after it; the tagger still calls it an adverb.
    from explainer.annotate.glossary.entities import find_entities
    from explainer.content.markdown import blocks_of
    from tests.annotate.glossary.support import tagged

    md = "Certainly Kay Dorn has not helped.\n\nDorn spoke on Monday."
    blocks = blocks_of(md)
    docs = [tagged(blocks[0].text, ("Certainly Kay Dorn", "PERSON")), tagged(blocks[1].text, ("Dorn", "PERSON"))]
    docs[0][0].tag_ = "RB"
    (dorn,) = find_entities(blocks, docs, (), md, "article.md").entities
    assert (dorn.name, len(dorn.mentions)) == ("Kay Dorn", 2)


def test_a_possessive_short_form_joins_the_body_the_story_names_in_full():
    md = "The Varden Riverhawks won.\n\nThe Riverhawks' president, Ivo Marr, smiled."
    tags = [[("Varden Riverhawks", "ORG")], [("Riverhawks'", "PERSON"), ("Ivo Marr", "PERSON")]]
    entities = run(md, tags, kb=()).entities
    assert [(e.name, e.kind, len(e.mentions)) for e in entities] == [
        ("Varden Riverhawks", "organization", 2), ("Ivo Marr", "person", 1)]


def test_short_forms_and_initials_join_the_long_name_when_only_one_fits():
    md = ("The Church of Varnism and the Kestrel Central News Agency met.\n\n"
          "The Church said Varnism grew, KCNA reported.")
    tags = [[("Church of Varnism", "ORG"), ("Kestrel Central News Agency", "ORG")],
            [("Church", "ORG"), ("Varnism", "GPE"), ("KCNA", "ORG")]]
    entities = run(md, tags, kb=()).entities
    assert [(e.name, len(e.mentions)) for e in entities] == [
        ("Church of Varnism", 3), ("Kestrel Central News Agency", 2)]


def test_a_short_form_two_long_names_share_joins_neither():
    md = "The Varden City Council and the Kestrel City Council met. The Council adjourned."
    tags = [[("Varden City Council", "ORG"), ("Kestrel City Council", "ORG"), ("Council", "ORG", 2)]]
    assert len(run(md, tags, kb=()).entities) == 3


def test_a_place_is_no_short_form_of_a_body_named_after_it():
    md = "The Columbus Riverhawks play in Columbus. The Washington Post said so from Washington."
    tags = [[("Columbus Riverhawks", "ORG"), ("Columbus", "GPE", 1), ("Washington Post", "ORG"),
             ("Washington", "GPE", 1)]]
    assert len(run(md, tags, kb=()).entities) == 4


def test_two_people_sharing_a_surname_are_never_merged():
    md = "George H. W. Bush and George W. Bush met.\n\nGeorge W. Bush spoke first."
    tags = [[("George H. W. Bush", "PERSON"), ("George W. Bush", "PERSON")], [("George W. Bush", "PERSON")]]
    entities = run(md, tags, kb=()).entities
    assert [(e.name, len(e.mentions)) for e in entities] == [("George H. W. Bush", 1), ("George W. Bush", 2)]


def test_a_caption_credit_and_a_label_prefix_are_no_part_of_a_name():
    md = "Varden Hall Image: Ana Kress.\n\nPan-democrat Ivo Marr won."
    tags = [[("Varden Hall Image", "GPE"), ("Ana Kress", "PERSON")], [("Pan-democrat Ivo Marr", "PERSON")]]
    assert [e.name for e in run(md, tags, kb=()).entities] == ["Varden Hall", "Ana Kress", "Ivo Marr"]


def test_a_body_the_knowledge_base_lacks_is_described_by_its_appositive():
    md = "The Varden Riverfront Coalition, a nonprofit group of boat owners, objected."
    (coalition,) = run(md, [[("Varden Riverfront Coalition", "ORG")]], kb=()).entities
    assert coalition.description == "a nonprofit group of boat owners"


def test_a_person_is_described_by_an_appositive_before_the_name_or_a_relative_clause():
    md = "The plan waits, a spokeswoman for the agency, Ana Kress, said. Ivo Marr, who leads the Varden Guild, agreed."
    entities = run(md, [[("Ana Kress", "PERSON"), ("Ivo Marr", "PERSON"), ("Varden Guild", "ORG")]], kb=()).entities
    assert [(e.name, e.description) for e in entities] == [
        ("Ana Kress", "a spokeswoman for the agency"), ("Ivo Marr", "leads the Varden Guild"), ("Varden Guild", None)]


def test_a_dateline_after_a_headline_line_is_read_and_wins_over_a_head_word():
    md = "Vote ends in a tie\n\nNEWPORT NEWS, Va. - The count went on.\n"
    result = run(md, [[], [("NEWPORT NEWS", "ORG"), ("Va.", "GPE")]], kb=())
    assert [(e.name, e.kind) for e in result.entities] == [("Newport News, Va.", "place")]


def test_a_label_word_and_a_score_are_no_part_of_a_name():
    md = "Pro-Varden lawmakers left. Sweden 1 – 0 Kestrelia."
    tags = [[("Pro-Varden", "NORP"), ("Sweden 1", "ORG"), ("Kestrelia", "GPE")]]
    assert [e.name for e in run(md, tags, kb=()).entities] == ["Sweden", "Kestrelia"]


def test_initials_a_possessive_and_a_title_without_its_press_word_join_the_long_name():
    md = ("The United Realms and the New Kestrel People's Party met. Freedom Magazine wrote.\n\n"
          "The U.R. and the New Kestrel People Party agreed, Freedom said.")
    tags = [[("United Realms", "ORG"), ("New Kestrel People's Party", "ORG"), ("Freedom Magazine", "ORG")],
            [("U.R.", "ORG"), ("New Kestrel People Party", "ORG"), ("Freedom", "ORG")]]
    assert [(e.name, len(e.mentions)) for e in run(md, tags, kb=()).entities] == [
        ("United Realms", 2), ("New Kestrel People's Party", 2), ("Freedom Magazine", 2)]


def test_a_country_code_is_no_short_form_of_a_body_with_those_initials():
    md = "The University of Sheffield said US farms suffer."
    tags = [[("University of Sheffield", "ORG"), ("US", "GPE")]]
    assert len(run(md, tags, kb=()).entities) == 2


def test_a_time_zone_a_handle_and_an_anti_prefixed_name_are_no_entries():
    md = "At 15:11 GMT the mayor wrote from @VardenMayor about anti-Kestrel ads."
    tags = [[("GMT", "ORG"), ("@VardenMayor", "ORG"), ("Kestrel", "GPE")]]
    assert run(md, tags, kb=()).entities == ()


def test_a_prefixed_name_tagged_with_its_prefix_is_no_entry():
    md = "Both the anti-tax and pro-Kestrel camps lost seats."
    assert run(md, [[("pro-Kestrel", "PERSON")]], kb=()).entities == ()


def test_a_list_of_names_finds_its_untagged_members_and_agrees_on_a_kind():
    md = "Photos by Ana Kress, Ivo Marr, Tam Vell, Ola Brisk and Dan Holt hung there."
    tags = [[("Ana Kress", "PERSON"), ("Ivo Marr", "PERSON"), ("Ola Brisk", "ORG"), ("Dan Holt", "PERSON")]]
    entities = run(md, tags, kb=()).entities
    assert [(e.name, e.kind) for e in entities] == [
        ("Ana Kress", "person"), ("Ivo Marr", "person"), ("Tam Vell", "person"), ("Ola Brisk", "person"),
        ("Dan Holt", "person")]


def test_two_names_joined_by_and_are_no_list():
    md = "Varden and Kestrel Ltd merged."
    assert [e.name for e in run(md, [[("Kestrel Ltd", "ORG")]], kb=()).entities] == ["Kestrel Ltd"]


def test_people_are_filed_by_surname_family_name_first_when_written_so():
    from explainer.annotate.glossary.names import sort_key

    people = ["Wang Yi", "Karen Liu", "Denise Okafor", "Bill de Blasio", "Lam Cheuk-ting", "Joe Biden"]
    assert sorted(people, key=sort_key) == [
        "Joe Biden", "Bill de Blasio", "Lam Cheuk-ting", "Karen Liu", "Denise Okafor", "Wang Yi"]


def test_a_quote_opening_inside_a_tagged_span_ends_the_name():
    # A headline's quoted words swallowed by the tagger: the entry is the person, not "Lund's ‘Incredibly".
    md = "Lund’s ‘Incredibly Reckless’ Plan Draws Fire\n\nTess Lund spoke on Monday."
    tags = [[("Lund’s ‘Incredibly", "PERSON")], [("Tess Lund", "PERSON")]]
    (lund,) = run(md, tags, kb=()).entities
    assert lund.name == "Tess Lund"
    assert [m.text for m in lund.mentions] == ["Lund", "Tess Lund"]


def test_a_nickname_in_quotes_stays_in_the_name():
    md = "Marcia “Cia” Vell won the seat."
    (vell,) = run(md, [[("Marcia “Cia” Vell", "PERSON")]], kb=()).entities
    assert vell.name == "Marcia “Cia” Vell"

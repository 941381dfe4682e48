"""Kinds from the name itself, the words around it and the gazetteer, over whatever the model tagged.

Each test is one rule, on names invented for it, tagged the wrong way on purpose.
"""

from __future__ import annotations

from tests.annotate.glossary.support import by_name, run


def kinds(markdown: str, tags: list[list[tuple]]) -> dict[str, str]:
    """Entry name -> kind, with an empty knowledge base."""
    return {e.name: e.kind for e in run(markdown, tags, kb=()).entities}


def test_place_head_words_make_a_place():
    md = ("Trucks may not cross the Varden Street Bridge. Jets left Elmwood Air Base for Harrow Airport.\n\n"
          "Fans filled Lumen Stadium, then the Harrow Museum and Kestrel Square.")
    tags = [[("Varden Street Bridge", "PERSON"), ("Elmwood Air Base", "ORG"), ("Harrow Airport", "ORG")],
            [("Lumen Stadium", "PERSON"), ("Harrow Museum", "ORG"), ("Kestrel Square", "PERSON")]]
    assert kinds(md, tags) == dict.fromkeys(
        ["Varden Street Bridge", "Elmwood Air Base", "Harrow Airport", "Lumen Stadium", "Harrow Museum",
         "Kestrel Square"], "place")


def test_organisation_head_words_make_an_organisation():
    md = ("The Elmwood Transit Authority and the Ministry of Tides met the Varden City Council.\n\n"
          "Instituto Marvela and the Harrow Department of Roads agreed.")
    tags = [[("Elmwood Transit Authority", "GPE"), ("Ministry of Tides", "PERSON"), ("Varden City Council", "GPE")],
            [("Instituto Marvela", "PERSON"), ("Harrow Department of Roads", "GPE")]]
    assert kinds(md, tags) == dict.fromkeys(
        ["Elmwood Transit Authority", "Ministry of Tides", "Varden City Council", "Instituto Marvela",
         "Harrow Department of Roads"], "organization")


def test_event_head_words_make_an_event():
    md = "The Elmwood Lantern Festival and the Varden Science Fair drew crowds, as did the Kestrel Cup."
    tags = [[("Elmwood Lantern Festival", "GPE"), ("Varden Science Fair", "PERSON"), ("Kestrel Cup", "ORG")]]
    assert kinds(md, tags) == dict.fromkeys(["Elmwood Lantern Festival", "Varden Science Fair", "Kestrel Cup"],
                                            "event")


def test_works_laws_and_vehicles_are_other_never_a_person():
    md = ("The Clean Rivers Act passed after the Treaty of Varden.\n\n"
          "The shuttle Ardent flew while the opera Lumina played and the Kestrel Space Shuttle waited.")
    tags = [[("Clean Rivers Act", "PERSON"), ("Treaty of Varden", "PERSON")],
            [("Ardent", "PERSON"), ("Lumina", "PERSON"), ("Kestrel Space Shuttle", "ORG")]]
    assert kinds(md, tags) == dict.fromkeys(
        ["Clean Rivers Act", "Treaty of Varden", "Ardent", "Lumina", "Kestrel Space Shuttle"], "other")


def test_peoples_and_partisans_are_groups():
    md = "Aid reached the Rohingya. Republicans objected, and Tories agreed."
    tags = [[("Rohingya", "ORG"), ("Republicans", "ORG"), ("Tories", "PERSON")]]
    assert kinds(md, tags) == {"Rohingya": "group", "Republicans": "group", "Tories": "group"}


def test_a_faith_is_other_and_an_adherent_is_no_entry():
    md = "Islam and Varden Buddhism were discussed by a former Scientologist."
    tags = [[("Islam", "ORG"), ("Scientologist", "ORG")]]
    assert kinds(md, tags) == {"Islam": "other"}


def test_a_surname_head_after_a_first_name_stays_a_person():
    md = "Denise Hall and Frank Church spoke at Varden Hall."
    tags = [[("Denise Hall", "PERSON"), ("Frank Church", "ORG"), ("Varden Hall", "PERSON")]]
    assert kinds(md, tags) == {"Denise Hall": "person", "Frank Church": "person", "Varden Hall": "place"}


def test_a_first_name_makes_a_person_of_a_name_the_model_called_a_body():
    md = "The save was made by Thibaut Vardenne, and Annie Kestrel watched."
    tags = [[("Thibaut Vardenne", "ORG"), ("Annie Kestrel", "GPE")]]
    assert kinds(md, tags) == {"Thibaut Vardenne": "person", "Annie Kestrel": "person"}


def test_an_occupation_before_a_name_makes_a_person():
    md = "Photos of fashion designer Varlo and athletes Kestrin Mab hung there."
    tags = [[("Varlo", "GPE"), ("Kestrin Mab", "ORG")]]
    assert kinds(md, tags) == {"Varlo": "person", "Kestrin Mab": "person"}


# --- the gazetteer ----------------------------------------------------------------


def test_a_place_the_story_places_is_a_place_with_its_geonames_description():
    md = "Sarasota officials met on Monday.\n\nFlorida's governor came."
    result = run(md, [[("Sarasota", "ORG")], [("Florida", "GPE")]], kb=())
    sarasota = by_name(result)["Sarasota"]
    assert sarasota.kind == "place"
    assert sarasota.description.startswith("City in Florida, United States; population ")
    assert sarasota.description.endswith("(GeoNames)") and sarasota.geonames == 4172131
    assert by_name(result)["Florida"].geonames == 4155751


def test_an_unplaced_or_ambiguous_name_keeps_the_models_kind_and_no_description():
    md = "Georgia officials met on Monday. Sarasota Holdings grew."
    result = run(md, [[("Georgia", "ORG"), ("Sarasota", "ORG")]], kb=())
    assert [(e.kind, e.description, e.geonames) for e in result.entities] == [("organization", None, None)] * 2


def test_the_town_of_names_a_place():
    md = "Shells fell near the town of Varnholm."
    assert kinds(md, [[("Varnholm", "ORG")]]) == {"Varnholm": "place"}


def test_a_place_name_the_story_gives_a_person_is_the_person():
    md = "Mary Dayton runs the shop.\n\nDayton said she would stay."
    result = run(md, [[("Mary Dayton", "GPE")], [("Dayton", "GPE")]], kb=())
    (dayton,) = result.entities
    assert (dayton.name, dayton.kind, dayton.geonames) == ("Mary Dayton", "person", None)


def test_one_entry_for_the_names_of_one_geonames_place():
    md = "U.S. officials spoke.\n\nThe United States will act, America's envoy said."
    result = run(md, [[("U.S.", "GPE")], [("United States", "GPE"), ("America", "GPE")]], kb=())
    (us,) = result.entities
    assert (us.name, us.kind, us.geonames) == ("United States", "place", 6252001)
    assert [m.text for m in us.mentions] == ["U.S.", "United States", "America"]



def test_initials_or_a_hyphenated_given_name_make_a_person():
    md = "K.C. Varden spoke, and so did Lam Kestrel-ting."
    assert kinds(md, [[("K.C. Varden", "ORG"), ("Lam Kestrel-ting", "ORG")]]) == {
        "K.C. Varden": "person", "Lam Kestrel-ting": "person"}


def test_an_acronym_is_no_person_and_a_persons_of_names_a_body():
    md = "Ivo Marr of Civic Varden and Ana Kress of the VDP won, as did Tom Reyes of Ohio."
    tags = [[("Ivo Marr", "PERSON"), ("Civic Varden", "PERSON"), ("Ana Kress", "PERSON"), ("VDP", "PERSON"),
             ("Tom Reyes", "PERSON"), ("Ohio", "GPE")]]
    found = kinds(md, tags)
    assert (found["Civic Varden"], found["VDP"], found["Ohio"]) == ("organization", "organization", "place")


def test_the_region_after_a_city_is_a_place_but_not_a_list_item():
    md = "Schools in Livorno, Varnia, must pay. Ubisoft, Kestrelsoft, and Microsoft came."
    tags = [[("Livorno", "GPE"), ("Varnia", "PERSON"), ("Ubisoft", "GPE"), ("Kestrelsoft", "ORG"),
             ("Microsoft", "ORG")]]
    found = kinds(md, tags)
    assert (found["Varnia"], found["Kestrelsoft"]) == ("place", "organization")


def test_products_versions_and_websites_are_other():
    md = "Users of VX9 and the Kestrel browser left for Vardenpost.com."
    tags = [[("VX9", "GPE"), ("Kestrel", "PERSON"), ("Vardenpost.com", "ORG")]]
    assert kinds(md, tags) == {"VX9": "other", "Kestrel": "other", "Vardenpost.com": "other"}


def test_a_country_in_a_match_report_is_its_national_team():
    md = ("Norway beat Chile 2 – 1 on Sunday. Fans from Peru and Ghana watched.\n\n"
          "Group C — Norway 2 – 1 Chile\n\nThe Norway coast guard rescued two fishermen near Chile.")
    found = by_name(run(md, [[("Norway", "GPE"), ("Chile", "GPE"), ("Peru", "GPE"), ("Ghana", "GPE")],
                             [("Norway", "GPE"), ("Chile", "GPE")], [("Norway", "GPE"), ("Chile", "GPE")]], kb=()))
    assert found["Norway"].kind == found["Chile"].kind == "organization"
    assert found["Peru"].kind == found["Ghana"].kind == "place"  # no match in their sentence


def test_a_country_beside_a_vote_count_stays_a_place():
    md = "Lawmakers in Norway voted 52-48 to approve the budget."
    found = by_name(run(md, [[("Norway", "GPE")]], kb=()))
    assert found["Norway"].kind == "place"


def test_a_name_after_a_body_noun_is_an_organisation():
    md = ("The security firm Lockfast.com, in a report, said the flaw was old.\n\n"
          "Ada Lind spoke in May. A week later, the group Ada Lind addressed in May wrote back.")
    found = by_name(run(md, [[("Lockfast.com", "ORG")], [("Ada Lind", "PERSON"), ("Ada Lind", "ORG", 1)]], kb=()))
    assert found["Lockfast.com"].kind == "organization"
    assert found["Ada Lind"].kind == "person"  # the subject of a relative clause, not the group's name


def test_a_name_with_a_persons_appositive_after_it_is_a_person_whatever_the_model_tagged():
    # "a professor at ..." says what one person is; an appositive before a name can be the tail of someone
    # else's ("a senior executive at Varden's parent company, Kestrel Holdings"), so only the one after counts.
    md = ("Tevar Oskin, a professor at Varden College, disagreed. Ada Lind, a senior executive at Varden's parent "
          "company, Kestrel Industries, agreed. Harbor Trust, a nonprofit group, stayed out.")
    tags = [[("Tevar Oskin", "ORG"), ("Varden College", "ORG"), ("Ada Lind", "PERSON"), ("Kestrel Industries", "ORG"),
             ("Harbor Trust", "ORG")]]
    found = kinds(md, tags)
    assert (found["Tevar Oskin"], found["Kestrel Industries"], found["Harbor Trust"]) == (
        "person", "organization", "organization")


def test_a_name_where_words_were_posted_or_aired_is_no_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small model tags "Twitter" a person every time here; "posted on", "said on" say where words appeared.
    from explainer.annotate.glossary.entities import find_entities
    from explainer.content.markdown import blocks_of

    md = ("Kay Dorn posted a photo on Twitter on Monday.\n\n"
          "She said on Twitter that the vote was close, and the judge ruled on Dorn in May.")
    blocks = blocks_of(md)
    found = find_entities(blocks, list(nlp.pipe(b.text for b in blocks)), (), md, "t.md").entities
    kinds = {e.name: e.kind for e in found}
    assert kinds["Twitter"] == "organization" and kinds["Kay Dorn"] == "person"

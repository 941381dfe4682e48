"""Entity recognition and resolution: hand-tagged Docs for the rules, the real model for a few."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from explainer.annotate.glossary.entities import EntityResult, find_entities, ruler_patterns
from explainer.content.markdown import blocks_of
from tests.annotate.glossary.support import BLANK, KB, by_name, run, texts

# --- patterns -----------------------------------------------------------------


def test_ruler_patterns_cover_names_and_aliases_with_kind_labels():
    patterns = ruler_patterns(KB)
    assert {"label": "GPE", "pattern": "U.S.", "id": "united-states"} in patterns
    assert {"label": "PERSON", "pattern": "Wang Yi", "id": "wang-yi"} in patterns
    assert {"label": "ORG", "pattern": "Taliban", "id": "taliban"} in patterns
    assert len(patterns) == 9


# --- merging and trimming ---------------------------------------------------------


def test_surname_joins_the_full_name_and_org_tag_becomes_person():
    md = "Jane Roe spoke first.\n\nLater Roe said more."
    result = run(md, [[("Jane Roe", "PERSON")], [("Roe", "ORG")]], kb=())
    (roe,) = result.entities
    assert (roe.name, roe.kind, texts(roe)) == ("Jane Roe", "person", ["Jane Roe", "Roe"])


def test_one_word_place_the_model_once_called_a_person_stays_a_place():
    md = "Rain fell on Ruritania.\n\nRuritania voted.\n\nIn Ruritania, shops shut.\n\nRuritania wins."
    tags = [[("Ruritania", "GPE")], [("Ruritania", "PERSON")], [("Ruritania", "GPE")], [("Ruritania", "GPE")]]
    (place,) = run(md, tags, kb=()).entities
    assert (place.name, place.kind) == ("Ruritania", "place")


def test_person_tagged_a_place_or_organisation_more_often_stays_a_person():
    md = "Jane Roe spoke.\n\nRoe left.\n\nRoe came back.\n\nRoe won."
    tags = [[("Jane Roe", "PERSON")], [("Roe", "GPE")], [("Roe", "GPE")], [("Roe", "ORG")]]
    (roe,) = run(md, tags, kb=()).entities
    assert (roe.name, roe.kind) == ("Jane Roe", "person")
    md = "Roe spoke.\n\nRoe left.\n\nRoe came back.\n\nRoe won."
    tags = [[("Roe", "PERSON")], [("Roe", "ORG")], [("Roe", "ORG")], [("Roe", "GPE")]]
    (roe,) = run(md, tags, kb=()).entities
    assert roe.kind == "person"


def test_one_word_body_the_model_once_called_a_person_stays_a_body():
    # As for places: a one-word name the model tags a body three times as often as a person ("Carrier", the
    # air-conditioner maker, in a story about its plant) is a body, not a person a reader looks up under People.
    md = "Brightwell hired.\n\nBrightwell workers left.\n\nBrightwell shares fell.\n\nBrightwell moved."
    tags = [[("Brightwell", "PERSON")], [("Brightwell", "ORG")], [("Brightwell", "ORG")], [("Brightwell", "ORG")]]
    (firm,) = run(md, tags, kb=()).entities
    assert (firm.name, firm.kind) == ("Brightwell", "organization")


def test_a_name_headed_by_society_or_university_is_an_organisation_whatever_its_tag():
    md = "The Ruritan Birch Society met.\n\nThe United Realms voted.\n\nJane Roe spoke."
    tags = [[("Ruritan Birch Society", "PERSON")], [("United Realms", "GPE")], [("Jane Roe", "PERSON")]]
    kinds = [(e.name, e.kind) for e in run(md, tags, kb=()).entities]
    assert kinds == [("Ruritan Birch Society", "organization"), ("United Realms", "place"), ("Jane Roe", "person")]
    md = ("Students at Ruritania State University marched.\n\nThe Ruritan Nations talked.\n\n"
          "The Center for Ruritan Studies and the Ruritan Tribune agreed, in Montpelier, Vt.")
    tags = [[("Ruritania State University", "GPE")], [("Ruritan Nations", "GPE")],
            [("Center for Ruritan Studies", "GPE"), ("Ruritan Tribune", "GPE"), ("Montpelier", "GPE"), ("Vt", "GPE")]]
    assert [(e.name, e.kind) for e in run(md, tags, kb=()).entities] == [
        ("Ruritania State University", "organization"), ("Ruritan Nations", "organization"),
        ("Center for Ruritan Studies", "organization"), ("Ruritan Tribune", "organization"),
        ("Montpelier", "place"), ("Vt.", "place")]


def test_a_person_named_in_capitals_is_listed_in_title_case():
    md = "WALLACE: Will she be there?\n\nThe NATO summit opened."
    names = [(e.name, e.kind) for e in run(md, [[("WALLACE", "PERSON")], [("NATO", "ORG")]], kb=()).entities]
    assert names == [("Wallace", "person"), ("NATO", "organization")]


def test_short_form_before_the_full_name_joins_it():
    md = "Roe wins.\n\nJane Roe won the vote."
    result = run(md, [[("Roe", "PERSON")], [("Jane Roe", "PERSON")]], kb=())
    assert [(e.name, len(e.mentions)) for e in result.entities] == [("Jane Roe", 2)]


def test_known_surname_tagged_org_is_the_known_person():
    md = "Lavrov spoke."
    (lavrov,) = run(md, [[("Lavrov", "ORG")]]).entities
    assert (lavrov.id, lavrov.kind, lavrov.known) == ("sergei-lavrov", "person", True)
    assert lavrov.role == "Russia's foreign minister"  # from the KB: the text gives none


def test_title_is_stripped_and_kept_as_role():
    md = "President Joe Biden has compared the invasion."
    (biden,) = run(md, [[("President Joe Biden", "PERSON")]]).entities
    assert (biden.id, biden.role, texts(biden)) == ("joe-biden", "President", ["Joe Biden"])
    assert biden.description == "About Joe Biden" and biden.url == "https://example.org/joe-biden"


def test_possessive_and_leading_the_are_not_part_of_names():
    md = "China's crushing of protests worried the Taliban's neighbours."
    result = run(md, [[("China's", "GPE"), ("the Taliban's", "ORG")]])
    assert [texts(e) for e in result.entities] == [["China"], ["Taliban"]]
    md = "The United Realms said so.\n\nThe Hague waited."  # a capital "The" too, unless one word is left
    result = run(md, [[("The United Realms", "ORG")], [("The Hague", "GPE")]])
    assert [e.name for e in result.entities] == ["United Realms", "The Hague"]


def test_kb_alias_us_is_the_united_states():
    md = "U.S. officials have accused China.\n\nDiplomats from the United States will attend."
    result = run(md, [[("U.S.", "GPE"), ("China", "GPE")], [("the United States", "GPE")]])
    us = by_name(result)["United States"]
    assert texts(us) == ["U.S.", "United States"] and us.kind == "place"


def test_wang_resolves_to_the_most_recent_full_name():
    md = (
        "Lavrov met Chinese Foreign Minister Wang Yi.\n\n"
        "But foreign ministry spokesman Wang Wenbin later told reporters.\n\n"
        "Wang added that there were no limits.\n\n"
        '"No limits," Wang said.'
    )
    tags = [
        [("Lavrov", "ORG"), ("Wang Yi", "PERSON")],
        [("Wang Wenbin", "PERSON")],
        [("Wang", "ORG")],
        [("Wang", "ORG")],
    ]
    people = by_name(run(md, tags))
    assert texts(people["Wang Wenbin"]) == ["Wang Wenbin", "Wang", "Wang"]
    assert texts(people["Wang Yi"]) == ["Wang Yi"]
    assert people["Wang Yi"].role == "Chinese Foreign Minister"
    assert people["Wang Wenbin"].role == "foreign ministry spokesman"


def test_far_from_both_a_surname_goes_to_the_one_mentioned_most():
    md = (
        "Hillary Clinton left. Hillary Clinton returned.\n\nHer daughter Chelsea Clinton waited.\n\n"
        "Nothing.\n\nMore nothing.\n\nClinton spoke."
    )
    tags = [
        [("Hillary Clinton", "PERSON", 0), ("Hillary Clinton", "PERSON", 1)],
        [("Chelsea Clinton", "PERSON")], [], [], [("Clinton", "PERSON")],
    ]
    people = by_name(run(md, tags, kb=()))
    assert texts(people["Hillary Clinton"])[-1] == "Clinton"


def test_override_pins_a_short_form_whatever_recency_says():
    md = (
        "Chinese Foreign Minister Wang Yi met him.\n\n"
        "Spokesman Wang Wenbin spoke. Wang added more.\n\n"
        "The meetings follow a visit by [Wang]{entity=wang-yi} last week."
    )
    tags = [[("Wang Yi", "PERSON")], [("Wang Wenbin", "PERSON"), ("Wang", "ORG", 1)], [("Wang", "ORG")]]
    people = by_name(run(md, tags))
    assert texts(people["Wang Yi"]) == ["Wang Yi", "Wang"]
    assert texts(people["Wang Wenbin"]) == ["Wang Wenbin", "Wang"]


def test_override_creates_a_mention_the_model_missed():
    md = "A visit by [Wang]{entity=wang-yi} last week."
    (wang,) = run(md, [[]]).entities
    assert (wang.id, texts(wang)) == ("wang-yi", ["Wang"])


def test_unknown_override_id_is_an_error_at_its_line():
    md = "Intro.\n\nA visit by [Wang]{entity=wang-yy} last week."
    result = run(md, [[], [("Wang", "PERSON")]])
    (error,) = [p for p in result.problems if p.level == "error"]
    assert (error.line, error.path) == (3, "article.md")
    assert error.message == (
        "unknown entity id 'wang-yy' in [Wang]{entity=wang-yy}; known ids are in content/entities/"
    )


# --- unknown entities -----------------------------------------------------------


def test_unknown_person_gets_appositive_role_slug_and_one_warning():
    md = "Intro.\n\nJane Doe, a lawyer for Acme, said no. Doe left."
    result = run(md, [[], [("Jane Doe", "PERSON"), ("Acme", "ORG"), ("Doe", "PERSON", 1)]], kb=())
    doe = by_name(result)["Jane Doe"]
    assert (doe.id, doe.known, doe.role, doe.description) == ("jane-doe", False, "a lawyer for Acme", "a lawyer for Acme")
    warnings = [p.message for p in result.problems if "Jane Doe" in p.message]
    assert warnings == [
        "entity 'Jane Doe' (person) is not in the knowledge base; run 'explainer entities stub' to add it"
    ]
    assert all(p.level == "warning" and p.line == 3 for p in result.problems)


def test_unknown_entity_without_role_has_no_description():
    (acme,) = run("Acme Corp grew.", [[("Acme Corp", "ORG")]], kb=()).entities
    assert (acme.kind, acme.description, acme.role) == ("organization", None, None)


def test_slugs_are_unique_within_the_article():
    md = "Zoë Roe Ltd met Zoe Roe Ltd today."
    result = run(md, [[("Zoë Roe Ltd", "ORG"), ("Zoe Roe Ltd", "GPE")]], kb=())
    assert [e.id for e in result.entities] == ["zoe-roe-ltd", "zoe-roe-ltd-2"]


# --- what never enters the glossary -------------------------------------------------


def test_dates_numbers_and_demonym_adjectives_are_dropped():
    md = "On Wednesday 1989 two Chinese officials and 40 percent of Uyghurs paid $5 for the first time."
    tags = [[("Wednesday", "DATE"), ("1989", "DATE"), ("two", "CARDINAL"), ("Chinese", "NORP"),
             ("40 percent", "PERCENT"), ("Uyghurs", "NORP"), ("$5", "MONEY"), ("first", "ORDINAL")]]
    result = run(md, tags, kb=())
    assert [(e.name, e.kind) for e in result.entities] == [("Uyghurs", "group")]


def test_garbage_spans_are_dropped():
    md = "the meeting x in 2022 Q3 Monday ended."
    tags = [[("the meeting", "ORG"), ("x", "PERSON"), ("2022 Q3", "ORG"), ("Monday", "PERSON")]]
    assert run(md, tags, kb=()).entities == ()


# --- properties --------------------------------------------------------------------

WORDS = st.sampled_from(
    ["Wang", "Yi", "the", "China's", "U.S.", "said", '"', "President", "7", "of", ",", "Lavrov", "a", "’s", "x"]
)
LABELS = st.sampled_from(["PERSON", "ORG", "GPE", "NORP", "DATE", "CARDINAL", "WORK_OF_ART", "EVENT"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(WORDS, min_size=1, max_size=14), min_size=1, max_size=4), st.data())
def test_any_tagging_yields_well_formed_entities(paragraphs, data):
    md = "\n\n".join(" ".join(words) for words in paragraphs)
    blocks = blocks_of(md)
    docs = []
    for block in blocks:
        doc = BLANK(block.text)
        spans, used = [], set()
        for start in data.draw(st.lists(st.integers(0, max(len(doc) - 1, 0)), max_size=4)):
            length = data.draw(st.integers(1, 3))
            end = min(start + length, len(doc))
            if len(doc) and not used & set(range(start, end)):
                used |= set(range(start, end))
                spans.append(Span(doc, start, end, label=data.draw(LABELS)))
        doc.ents = sorted(spans, key=lambda s: s.start)
        docs.append(doc)
    result = find_entities(blocks, docs, KB, md, "a.md")
    ids = [e.id for e in result.entities]
    assert len(ids) == len(set(ids))
    for entity in result.entities:
        assert entity.name.strip() and entity.name != entity.name.lower()
        assert entity.mentions
        for m in entity.mentions:
            assert blocks[m.block].text[m.start : m.end] == m.text
            assert m.text and m.text == m.text.strip()
            assert 0 <= m.start < m.end <= len(blocks[m.block].text)


# --- the real model --------------------------------------------------------------------

SEED = """Sergei Lavrov landed in the eastern city of Huangshan early Wednesday.

But on Wednesday, Lavrov painted a picture of a meeting with Chinese Foreign Minister Wang Yi.

But foreign ministry spokesman Wang Wenbin later told reporters that 2 sides agreed.

Wang added that U.S. officials and President Joe Biden had said China's stance was wrong.

## Afghanistan

A visit by [Wang]{entity=wang-yi} last week to Kabul was his first since the Taliban seized power.
"""


@pytest.fixture(scope="module")
def seed_result() -> EntityResult:
    from explainer.annotate.nlp import load_model, with_ruler

    nlp = with_ruler(load_model(), ruler_patterns(KB))
    blocks = blocks_of(SEED)
    return find_entities(blocks, [nlp(b.text) for b in blocks], KB, SEED, "seed.md")


def test_real_model_resolves_people_and_kinds(seed_result):
    found = by_name(seed_result)
    assert texts(found["Wang Wenbin"]) == ["Wang Wenbin", "Wang"]
    assert texts(found["Wang Yi"]) == ["Wang Yi", "Wang"]
    assert found["Sergei Lavrov"].kind == "person"
    assert texts(found["Sergei Lavrov"]) == ["Sergei Lavrov", "Lavrov"]
    assert found["Joe Biden"].role == "President"
    assert texts(found["United States"]) == ["U.S."]
    assert texts(found["China"]) == ["China"]


def test_real_model_keeps_dates_numbers_and_adjectives_out(seed_result):
    names = {e.name for e in seed_result.entities}
    assert not names & {"Wednesday", "2", "Chinese", "last week", "first"}
    assert not [e for e in seed_result.entities if e.kind == "organization" and e.name.startswith("Wang")]


def test_generational_suffix_and_particles_do_not_split_a_person():
    result = run(
        "Chief Justice John G. Roberts Jr. wrote the opinion. Osama bin Laden was named.\n\n"
        "Roberts said little. Bin Laden was not.\n",
        [[("John G. Roberts Jr.", "PERSON"), ("Osama bin Laden", "PERSON")],
         [("Roberts", "PERSON"), ("Bin Laden", "PERSON")]],
        kb=(),
    )
    people = {e.name: [m.text for m in e.mentions] for e in result.entities if e.kind == "person"}
    assert people == {"John G. Roberts Jr.": ["John G. Roberts Jr.", "Roberts"],
                      "Osama bin Laden": ["Osama bin Laden", "Bin Laden"]}


# --- names the model cut or glued ------------------------------------------------


def test_a_hyphenated_given_name_cut_by_the_model_is_whole_and_two_such_people_stay_apart():
    md = "Chan Wai-lun and Chan Wai-ming both ran. A Kent-based group backed Chan Wai-ming."
    result = run(md, [[("Chan Wai-lun", "PERSON"), ("Chan Wai", "PERSON", 1), ("Kent", "GPE"),
                       ("Chan Wai-ming", "PERSON", 1)]], kb=())
    found = by_name(result)
    assert set(found) == {"Chan Wai-lun", "Chan Wai-ming", "Kent"}
    assert texts(found["Chan Wai-ming"]) == ["Chan Wai-ming", "Chan Wai-ming"]


def test_a_persons_name_tagged_as_two_places_is_one_person():
    md = "Maren Tolle left the ship in 2009.\n\nTolle said she was never paid."
    found = by_name(run(md, [[("Maren", "GPE"), ("Tolle", "GPE")], [("Tolle", "GPE")]], kb=()))
    assert list(found) == ["Maren Tolle"] and found["Maren Tolle"].kind == "person"
    assert texts(found["Maren Tolle"]) == ["Maren Tolle", "Tolle"]


def test_a_surname_before_a_things_name_is_the_person_and_a_body_stays_a_body():
    md = "Ada Lind took the photos. The Lind Polaroids hang in the Lind Foundation."
    found = by_name(run(md, [[("Ada Lind", "PERSON"), ("Lind Polaroids", "PERSON"), ("Lind Foundation", "ORG")]],
                        kb=()))
    assert texts(found["Ada Lind"]) == ["Ada Lind", "Lind"]
    assert found["Lind Foundation"].kind == "organization"


def test_names_inside_a_quoted_title_are_no_mentions_but_quoted_speech_keeps_them():
    md = ('Ada Lind curated “Harbour Light: Prints from the Marlow Collection” at the gallery. '
          '"I thank the Marlow Trust," Lind said.')
    result = run(md, [[("Ada Lind", "PERSON"), ("Harbour Light", "PERSON"), ("Marlow Collection", "ORG"),
                       ("Marlow Trust", "ORG"), ("Lind", "PERSON", 1)]], kb=())
    assert set(by_name(result)) == {"Ada Lind", "Marlow Trust"}


def test_a_body_and_the_person_the_model_ran_together_are_two_entries():
    md = "At a meeting of the Council on Harbour Relations Ada Lind said the port would close."
    doc_tags = [[("the Council on Harbour Relations Ada Lind", "ORG")]]
    from explainer.content.markdown import blocks_of
    from explainer.annotate.glossary.entities import find_entities
    from tests.annotate.glossary.support import tagged
    blocks = blocks_of(md)
    doc = tagged(blocks[0].text, *doc_tags[0])
    doc[doc.ents[0].end].pos_ = "VERB"  # the model's parse: "said" is a verb
    found = by_name(find_entities(blocks, [doc], (), md, "article.md"))
    assert found["Council on Harbour Relations"].kind == "organization"
    assert found["Ada Lind"].kind == "person"


def test_a_lone_government_is_no_entry():
    md = "She sailed for years on the ship Meridian. The Government will appeal."
    found = by_name(run(md, [[("Meridian", "ORG"), ("Government", "ORG")]], kb=()))
    assert list(found) == ["Meridian"]


def test_a_shared_surname_past_the_fathers_paragraph_is_the_son_the_story_is_about():
    md = ("Omar Haddad, 15, built a radio.\n\nHaddad showed it at school.\n\n"
          "His father, Karim Haddad, said the family was proud.\n\nTeachers praised Haddad on Friday.")
    found = by_name(run(md, [[("Omar Haddad", "PERSON")], [("Haddad", "PERSON")], [("Karim Haddad", "PERSON")],
                             [("Haddad", "PERSON")]], kb=()))
    assert texts(found["Omar Haddad"]) == ["Omar Haddad", "Haddad", "Haddad"]
    assert texts(found["Karim Haddad"]) == ["Karim Haddad"]


def test_a_first_name_the_model_left_out_keeps_two_people_with_one_surname_apart():
    md = ("Veteran Tova Hale lost her seat.\n\nIn the east, with Junius Hale defeating Ivo Marr, the camp won. "
          "Senator Hale said little.")
    found = by_name(run(md, [[("Tova Hale", "PERSON")], [("Hale", "PERSON"), ("Ivo Marr", "PERSON"),
                                                          ("Hale", "PERSON", 1)]], kb=()))
    assert set(found) == {"Tova Hale", "Junius Hale", "Ivo Marr"}
    assert texts(found["Tova Hale"]) == ["Tova Hale"]


def test_no_person_is_made_of_a_name_and_a_state_a_party_word_a_title_or_a_headline_word():
    md = ("Ivo Marr of Lumen Texas and the Marr Democrats met Tova Hale.\n\n"
          "Secretary of State Hale spoke, with Junius Hale beside her. The state paid.")
    tags = [[("Ivo Marr", "PERSON"), ("Lumen", "PERSON"), ("Texas", "GPE"), ("Marr", "PERSON", 1),
             ("Democrats", "NORP"), ("Tova Hale", "PERSON")],
            [("Hale", "PERSON"), ("Hale", "PERSON", 1)]]
    found = by_name(run(md, tags, kb=()))
    assert "Lumen Texas" not in found and "Marr Democrats" not in found and "State Hale" not in found
    assert "Junius Hale" in found


def test_a_body_named_with_and_is_not_cut_into_a_body_and_a_person():
    from explainer.annotate.glossary.entities import find_entities
    from explainer.content.markdown import blocks_of
    from tests.annotate.glossary.support import tagged
    md = "Analysts at the Institute for Tides and Coastal Defence said so. The Harbour Post Fact Checker said no."
    blocks = blocks_of(md)
    doc = tagged(blocks[0].text, ("the Institute for Tides and Coastal Defence", "ORG"),
                 ("The Harbour Post Fact Checker", "ORG"))
    for ent in doc.ents:
        doc[ent.end].pos_ = "VERB"  # the model's parse: "said" is a verb
    found = by_name(find_entities(blocks, [doc], (), md, "article.md"))
    assert "Institute for Tides and Coastal Defence" in found and "Fact Checker" not in found

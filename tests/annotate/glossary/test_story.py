"""A whole city-council story through the real model and an empty knowledge base: what a reader gets.

The story is invented; it has what local news has: a dateline, a council president, a team named in full and
by a possessive, people introduced by an appositive or a relative clause, two people sharing a surname.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.build import build
from explainer.config import load_settings
from tests.conftest import small_site, write

STORY = """
---
title: Council backs riverfront stadium
date: 2024-05-08
---
COLUMBUS, Ohio — The Columbus City Council voted 5-2 late Tuesday to lend $40 million toward a riverfront stadium for the Columbus Riverhawks.

Council President Denise Okafor said the loan would be repaid from ticket taxes. "This is a bet on downtown," Okafor said.

The Riverhawks' president, Tom Brandt, told the council the team would stay in Columbus for 30 years.

Marcus Bell, who leads the Scioto Riverfront Coalition, said the vote came too fast. "Nobody has seen the traffic study," Bell said.

The Ohio Department of Transportation has not reviewed the plan, a spokeswoman for the department, Karen Liu, said Wednesday.

Councilwoman Grace Okafor voted against the loan. She said the city should first fix the Broad Street Bridge.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The story built into a site (empty knowledge base) and its annotation as JSON."""
    from explainer.annotate.service import annotate_file

    root = small_site(tmp_path_factory.mktemp("story") / "site")
    (root / "content/entities/sergei-lavrov.md").unlink()
    (root / "content/articles/test-story.md").unlink()
    path = write(root / "content/articles/riverfront.md", STORY)
    build(load_settings(root, jobs=1))
    data, _ = annotate_file(path, load_settings(root))
    return root, data


def entries(data: dict) -> dict[str, dict]:
    return {e["name"]: e for e in data["entities"]}


def test_the_dateline_is_one_place_named_in_normal_case(story):
    found = entries(story[1])
    columbus = found["Columbus, Ohio"]
    assert columbus["kind"] == "place" and columbus["geonames"] == 4509177
    assert [m["text"] for m in columbus["mentions"]] == ["COLUMBUS", "Columbus"]
    assert not [n for n in found if n.isupper() or n in ("COLUMBUS", "Columbus", "Council")]


def test_no_title_fragment_and_the_possessive_joins_the_team(story):
    found = entries(story[1])
    assert found["Columbus Riverhawks"]["kind"] == "organization"
    assert [m["text"] for m in found["Columbus Riverhawks"]["mentions"]] == ["Columbus Riverhawks", "Riverhawks"]
    assert "Riverhawks" not in found and found["Broad Street Bridge"]["kind"] == "place"


def test_people_the_knowledge_base_lacks_are_described_from_the_story(story):
    found = entries(story[1])
    assert found["Karen Liu"]["description"] == "a spokeswoman for the Ohio Department of Transportation"
    assert found["Tom Brandt"]["description"] == "president of the Columbus Riverhawks"
    assert found["Marcus Bell"]["description"] == "leader of the Scioto Riverfront Coalition"
    assert found["Grace Okafor"]["kind"] == found["Denise Okafor"]["kind"] == "person"


def test_the_speaker_card_and_the_glossary_give_one_role(story):
    data = story[1]
    speakers = {s["entity"]: s for s in data["speakers"]}
    for entity in data["entities"]:
        if entity["id"] in speakers and entity["kind"] == "person":
            assert speakers[entity["id"]]["role"] == entity["description"], entity["name"]
    assert speakers["marcus-bell"]["role"] == "leader of the Scioto Riverfront Coalition"


def test_the_glossary_files_people_by_surname_and_says_quietly_what_it_lacks(story):
    page = (story[0] / "site/riverfront/index.html").read_text(encoding="utf-8")
    glossary = page.split('id="glossary-title"', 1)[1]
    people = glossary.split("<h3>People</h3>", 1)[1].split("<h3>", 1)[0]
    names = ["Marcus Bell", "Tom Brandt", "Karen Liu", "Denise Okafor", "Grace Okafor"]  # by surname
    assert sorted(names, key=lambda n: people.find(f">{n}</a>")) == names
    assert all(f">{n}</a>" in people for n in names)
    dispatch = page.split('id="card-columbus-city-council"', 1)[1].split("</div>", 1)[0]
    assert '<p class="undescribed">No description yet.</p>' in dispatch


def test_a_place_page_gives_geonames_description_and_link(story):
    page = (story[0] / "site/entities/columbus-ohio/index.html").read_text(encoding="utf-8")
    assert "City in Ohio, United States; population" in page
    assert '<a href="https://www.geonames.org/4509177/">GeoNames 4509177</a>' in page


def test_a_body_quoted_in_a_persons_role_is_a_person_on_the_card_and_in_the_glossary():
    # The model tags "Hale" a body in "Kerr accused Hale, the senator from the coast"; attribution reads the
    # role "senator" for the quote, so the glossary and the card both say a person. A body quoted as a body stays.
    from explainer.annotate.glossary.entities import with_speaker_roles
    from explainer.model import Entity, Speaker

    entities = (Entity("hale", "Hale", "organization", ()), Entity("harbor-trust", "Harbor Trust", "organization", ()))
    speakers = (Speaker("hale", "Hale", "organization", ("q1",), "senator", "hale"),
                Speaker("harbor-trust", "Harbor Trust", "organization", ("q2",), "the trust's board", "harbor-trust"))
    listed, cards = with_speaker_roles(entities, speakers)
    assert [(e.kind, e.description) for e in listed] == [("person", "senator"), ("organization", None)]
    assert [s.kind for s in cards] == ["person", "organization"]

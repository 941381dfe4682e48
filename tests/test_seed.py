"""The seed story end to end through `explainer annotate --json`: what the glossary and speaker issues promise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explainer.cli import main

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content/articles/lavrov-china-2022.md"


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> dict:
    """The annotation JSON of the seed article, printed by the CLI."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["annotate", str(SEED), "--json", "--site", str(REPO)]) == 0
    return json.loads(out.getvalue())


EXPECTED = {
    "person": {"Sergei Lavrov", "Wang Yi", "Wang Wenbin", "Joe Biden", "Vladimir Putin", "Xi Jinping"},
    "place": {"Beijing", "Moscow", "Huangshan", "China", "Russia", "Ukraine", "Afghanistan", "Kabul", "Xinjiang",
              "Tiananmen Square", "United States"},
    "organization": {"Russian Foreign Ministry", "Taliban"},
    "event": {"Beijing Winter Olympics"},
}


def test_every_entity_once_with_its_kind(seed):
    names = [e["name"] for e in seed["entities"]]
    assert len(names) == len(set(names))
    for kind, expected in EXPECTED.items():
        assert expected <= {e["name"] for e in seed["entities"] if e["kind"] == kind}, kind
    assert not {e["name"] for e in seed["entities"] if e["kind"] == "organization"} & EXPECTED["person"]
    for entity in seed["entities"]:
        assert entity["kind"] in ("person", "place", "organization", "group", "event", "other")
        assert not any(ch.isdigit() for ch in entity["name"])


def test_short_forms_merge_into_the_right_person(seed):
    source = SEED.read_text(encoding="utf-8")
    by_name = {e["name"]: e for e in seed["entities"]}

    def lines_of(name: str) -> list[str]:
        return [source[m["start"]:m["end"]] + "@" + source[: m["start"]].rsplit("\n", 1)[-1][:25]
                for m in by_name[name]["mentions"]]

    assert [source[m["start"]:m["end"]] for m in by_name["Sergei Lavrov"]["mentions"]] == \
        ["Sergei Lavrov", "Lavrov", "Lavrov", "Lavrov"]
    wenbin = lines_of("Wang Wenbin")
    assert len(wenbin) == 3
    assert wenbin[1].startswith("Wang@") and wenbin[2].startswith("Wang@")
    assert any(m.startswith("Wang@The meetings follow") for m in lines_of("Wang Yi"))


def test_who_said_what(seed):
    speakers = {s["name"]: s for s in seed["speakers"]}
    quotes = {q["id"]: q for q in seed["quotes"]}

    def said(name: str) -> list[str]:
        return [quotes[q]["text"] for q in speakers[name]["quotes"]]

    lavrov = said("Sergei Lavrov")
    assert len(lavrov) == 2
    assert lavrov[0].startswith("living through a very serious stage")
    assert lavrov[1].startswith("We, together with you")
    wang = said("Wang Wenbin")
    assert [w[:30] for w in wang] == ["advancing global multipolarity", "China-Russia cooperation has n",
                                      "Our striving for peace has no "]
    assert said("U.S. officials") == ["willingness"]
    assert speakers["U.S. officials"]["kind"] == "group"
    assert not {"Joe Biden", "Vladimir Putin", "Xi Jinping", "Wang Yi"} & set(speakers)
    assert speakers["Wang Wenbin"]["role"] == "foreign ministry spokesman"
    assert "foreign minister" in speakers["Sergei Lavrov"]["role"]


def test_offsets_point_at_the_words(seed):
    source = SEED.read_text(encoding="utf-8")
    for entity in seed["entities"]:
        for mention in entity["mentions"]:
            assert source[mention["start"]:mention["end"]] == mention["text"]
    for quote in seed["quotes"]:
        assert source[quote["start"]:quote["end"]].startswith(quote["text"][:10])


def test_afghanistan_sidebar_attached(seed):
    assert seed["backgrounds"] == ["afghanistan"]

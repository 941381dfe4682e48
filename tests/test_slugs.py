"""One slugify: an article's file name, a glossary entry and a speaker with the same words get the same id."""

from __future__ import annotations

from hypothesis import given, strategies as st

from explainer.slugs import slugify
from tests.conftest import write


def test_accents_are_dropped_not_the_letters():
    assert slugify("José Martí") == "jose-marti"
    assert slugify("U.S. officials") == "u-s-officials"
    assert slugify("Sergei Lavrov") == "sergei-lavrov"
    assert slugify("!!!") == "untitled"
    assert slugify("!!!", "speaker") == "speaker"


@given(st.text())
def test_a_slug_is_always_safe_in_a_url(text):
    slug = slugify(text)
    assert slug and all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-")
    assert slugify(slug) == slug


def test_glossary_entry_and_speaker_share_the_accented_name_id(tmp_path):
    from explainer.annotate.service import annotate_file
    from explainer.config import load_settings

    story = write(tmp_path / "josé-martí.md", """
        ---
        title: A test
        date: 2022-03-30
        ---
        José Martí arrived in Havana on Monday.

        "We will win," Martí said.
        """)
    data, _ = annotate_file(story, load_settings(tmp_path))
    ids = {e["id"] for e in data["entities"]} | {s["id"] for s in data["speakers"]}
    assert "jose-marti" in ids
    assert not any(i.startswith("jos-") for i in ids)

"""Loading content: fields, defaults, and a located error for every way a file can be wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from explainer.content.load import load_article, load_background, load_entity, load_site
from explainer.errors import BuildError
from explainer.content.markdown import article_blocks, blocks_of
from tests.conftest import write


def _error(path: Path, loader=load_article) -> str:
    with pytest.raises(BuildError) as info:
        loader(path, Path(path.name))
    assert len(info.value.problems) == 1
    return str(info.value.problems[0])


def test_article_fields_and_defaults(tmp_path):
    path = write(tmp_path / "My Story.md", """
        ---
        title: Title
        date: 2022-03-30
        tags: [a, b]
        colour: blue
        ---
        Body *text*.
        """)
    article = load_article(path, Path("My Story.md"))
    assert article.title == "Title"
    assert article.date == dt.date(2022, 3, 30)
    assert article.slug == "my-story"
    assert article.tags == ("a", "b")
    assert article.extra == {"colour": "blue"}
    assert article_blocks(article)[0].text == "Body text."
    assert article_blocks(article)[0].line == 7


@pytest.mark.parametrize(
    "front, line, words",
    [
        ("title: [unclosed\ndate: 2022-01-01", 2, "not valid YAML"),
        ("- a\n- b", 2, "must be a mapping"),
        ("date: 2022-01-01", 1, "missing required field 'title'"),
        ("title: T", 1, "missing required field 'date'"),
        ("title: T\ndate: next tuesday", 3, "must be a date"),
        ("title: T\ndate: 2022-01-01\nslug: ../x", 4, "not allowed"),
        ("title: T\ndate: 2022-01-01\nslug: /etc", 4, "not allowed"),
        ("title: T\ndate: 2022-01-01\nslug: a/../../b", 4, "not allowed"),
        ("title: T\ndate: 2022-01-01\ndraft: maybe", 4, "true or false"),
    ],
)
def test_front_matter_errors_are_located(tmp_path, front, line, words):
    path = write(tmp_path / "bad.md", f"---\n{front}\n---\nBody\n")
    message = _error(path)
    assert message.startswith(f"bad.md:{line}: ")
    assert words in message
    assert "\n" not in message


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin.md"
    path.write_bytes(b"---\ntitle: T\ndate: 2022-01-01\n---\ncaf\xe9\n")
    assert _error(path).startswith("latin.md:5: file is not UTF-8")


def test_empty_file(tmp_path):
    path = write(tmp_path / "empty.md", "")
    assert "file is empty" in _error(path)


def test_duplicate_slugs_and_unsafe_urls(tmp_path):
    write(tmp_path / "content/articles/one.md", "---\ntitle: A\ndate: 2022-01-01\nslug: same\n---\nx\n")
    write(tmp_path / "content/articles/two.md", "---\ntitle: B\ndate: 2022-01-02\nslug: same\n---\ny\n")
    write(tmp_path / "content/entities/bad.md", "---\nname: Bad\nkind: person\nurl: javascript:alert(1)\n---\n")
    with pytest.raises(BuildError) as info:
        load_site(tmp_path / "content", tmp_path)
    messages = [str(p) for p in info.value.problems]
    assert any("slug 'same' is also used by" in m for m in messages)
    assert any(m.startswith("content/entities/bad.md:4:") and "javascript" in m for m in messages)


def test_alias_claimed_twice_is_a_warning_naming_both(tmp_path):
    write(tmp_path / "content/entities/wang-yi.md", "---\nname: Wang Yi\nkind: person\naliases: [Wang]\n---\n")
    write(tmp_path / "content/entities/wang-wenbin.md", "---\nname: Wang Wenbin\nkind: person\naliases: [Wang]\n---\n")
    site, warnings = load_site(tmp_path / "content", tmp_path)
    assert len(site.entities) == 2
    assert len(warnings) == 1
    assert "wang-wenbin" in str(warnings[0]) and "wang-yi" in str(warnings[0])
    assert warnings[0].level == "warning"


def test_entity_kind_checked(tmp_path):
    path = write(tmp_path / "x.md", "---\nname: X\nkind: planet\n---\n")
    assert _error(path, load_entity) == "x.md:3: kind 'planet' is not one of person, place, organization, group, event, other"


def test_entity_roles_with_dates_and_their_errors(tmp_path):
    path = write(tmp_path / "ann-cole.md", """
        ---
        name: Ann Cole
        kind: person
        role: senator
        roles:
          - role: mayor of Springfield
            from: 2012-05
            to: 2020
          - role: senator for Ruritania
            from: 2021-01-03
        ---
        """)
    ann = load_entity(path, Path("ann-cole.md"))
    assert [(r.role, r.start, r.end) for r in ann.roles] == [
        ("mayor of Springfield", dt.date(2012, 5, 1), dt.date(2020, 12, 31)),
        ("senator for Ruritania", dt.date(2021, 1, 3), None)]
    assert [ann.role_on(dt.date(*d)) for d in ((2012, 5, 1), (2020, 12, 31), (2021, 1, 2), (2024, 1, 1), (2001, 1, 1))] \
        == ["mayor of Springfield", "mayor of Springfield", "senator", "senator for Ruritania", "senator"]
    bad = write(tmp_path / "x.md", "---\nname: X\nroles:\n  - role: mayor\n    from: last spring\n---\n")
    assert _error(bad, load_entity) == ("x.md:3: entry 1 of 'roles': 'from' must be a date such as 2020, 2020-07 or "
                                        "2020-07-15, not 'last spring'")
    bad = write(tmp_path / "m.md", "---\nname: M\nroles:\n  - role: mayor\n    to: 2020-13\n---\n")
    assert _error(bad, load_entity).startswith("m.md:3: entry 1 of 'roles': 'to' must be a date such as 2020")
    bad = write(tmp_path / "y.md", "---\nname: Y\nroles:\n  - role: mayor\n    from: 2020\n    to: 2019-06\n---\n")
    assert _error(bad, load_entity) == "y.md:3: entry 1 of 'roles' ends before it starts"
    bad = write(tmp_path / "z.md", "---\nname: Z\nroles:\n  - from: 2020\n---\n")
    assert _error(bad, load_entity) == "z.md:3: entry 1 of 'roles' lacks role"


days = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))


@given(st.lists(st.tuples(st.text("abc", min_size=1, max_size=3), st.none() | days, st.none() | days), max_size=4),
       days, st.none() | st.just("undated"))
def test_the_role_on_a_day_is_one_held_that_day(spans, day, undated):
    from explainer.model import DatedRole, KBEntity
    roles = tuple(DatedRole(r, a, b) for r, a, b in spans)
    entity = KBEntity("x", "X", "person", Path("x.md"), role=undated, roles=roles)
    held = [r for r in roles if (r.start or dt.date.min) <= day <= (r.end or dt.date.max)]
    if not held:
        assert entity.role_on(day) == undated  # the undated role, or none
    else:  # a role held that day, and of those the one taken up last (the newest appointment)
        newest = max(r.start or dt.date.min for r in held)
        assert entity.role_on(day) in {r.role for r in held if (r.start or dt.date.min) == newest}


def test_background_timeline_dates(tmp_path):
    path = write(tmp_path / "topic.md", """
        ---
        title: Topic
        facts:
          - {label: Capital, value: Kabul, as_of: 2022-03-30}
        timeline:
          - {date: 2021-08-15, event: Later}
          - {date: 1996, event: Earlier}
        ---
        """)
    topic = load_background(path, Path("topic.md"))
    assert [t.label for t in topic.timeline] == ["1996", "2021-08-15"]
    assert topic.facts[0].as_of == dt.date(2022, 3, 30)


def test_blocks_map_back_to_source():
    source = "Intro with *emphasis* and [a link](http://x.org).\n\n## Heading\n\n- item \\*one\\*\n"
    for block in blocks_of(source):
        for i, ch in enumerate(block.text):
            if ch != " ":
                assert source[block.offsets[i]] == ch


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_markdown_gives_monotonic_offsets(text):
    for block in blocks_of(text):
        assert len(block.offsets) == len(block.text)
        assert list(block.offsets) == sorted(block.offsets)
        assert all(0 <= o <= len(text) for o in block.offsets)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=30),
                 st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)).map(
                     lambda d: "%04d-%02d-%02d" % d)))
def test_whatever_is_written_as_a_date_the_result_is_a_date_or_a_located_error(tmp_path_factory, value):
    folder = tmp_path_factory.mktemp("dates")
    path = folder / "story.md"
    path.write_text(f"---\ntitle: T\ndate: {value}\n---\nText.\n", encoding="utf-8")
    entity = folder / "ann.md"
    entity.write_text(f"---\nname: Ann\nroles:\n  - role: mayor\n    from: {value}\n---\n", encoding="utf-8")
    for target, loader in ((path, load_article), (entity, load_entity)):
        try:
            loaded = loader(target, Path(target.name))
        except BuildError as error:  # never any other exception: a user's typo is no traceback
            assert all(p.line >= 1 and str(p).startswith(target.name + ":") for p in error.problems)
        else:
            assert isinstance(loaded.date if loader is load_article else loaded.roles, (dt.date, tuple))

"""The search index: built with the site, inside it, left alone when nothing changed, refreshed in place."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from explainer.build import Builder, build
from explainer.cli import main
from explainer.config import load_settings


def index_files(root: Path) -> dict[str, int]:
    folder = root / "site/pagefind"
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_the_index_is_built_with_the_site_and_left_alone_when_nothing_changed(site_root):
    report = build(load_settings(site_root))
    first = index_files(site_root)
    assert "pagefind-entry.json" in first and any(name.startswith("fragment/") for name in first)
    assert report.index_seconds > 0 and "search index" in report.summary()
    again = build(load_settings(site_root))
    assert again.index_seconds == 0 and index_files(site_root) == first


def test_an_edit_under_serve_replaces_only_the_index_files_that_changed(site_root):
    # A command-line build swaps in a whole new folder, index and all; serve updates the index in place.
    builder = Builder()
    settings = load_settings(site_root)
    builder(settings)
    before = index_files(site_root)
    story = site_root / "content/articles/test-story.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nThe delegation left on Friday.\n", encoding="utf-8")
    builder(settings)
    assert builder.finish(settings)
    after = index_files(site_root)
    assert after["pagefind-entry.json"] != before["pagefind-entry.json"]
    untouched = [name for name in after if before.get(name) == after[name]]
    assert "pagefind.js" in untouched and any(name.startswith("fragment/") for name in untouched)
    assert set(before) - set(after), "the old index's files that the new one does not name are deleted"


def test_serve_leaves_the_index_for_after_the_reload(site_root):
    builder = Builder()
    settings = load_settings(site_root)
    builder(settings)
    assert builder.finish(settings) is None  # the first build made it
    before = index_files(site_root)
    story = site_root / "content/articles/test-story.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nThe delegation left on Friday.\n", encoding="utf-8")
    report = builder(settings)
    assert report.index_seconds == 0 and index_files(site_root) == before  # pages first
    assert (builder.finish(settings) or "").startswith("search index updated in")
    assert index_files(site_root) != before and builder.finish(settings) is None
    assert build(load_settings(site_root)).index_seconds == 0  # and a later build knows it is current


def test_search_can_be_turned_off(site_root):
    (site_root / "explainer.toml").write_text("search = false\n", encoding="utf-8")
    build(load_settings(site_root))
    assert not (site_root / "site/pagefind").exists() and (site_root / "site/search/index.html").is_file()


def test_a_missing_pagefind_is_one_located_line_and_the_site_stays(site_root, capsys, monkeypatch):
    build(load_settings(site_root))
    before = {p: p.read_bytes() for p in (site_root / "site").rglob("*") if p.is_file()}
    (site_root / "templates/index.html").write_text("{# changed #}" + (site_root / "templates/index.html").read_text())
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(site_root / "no-such-pagefind"))
    assert main(["build", "--site", str(site_root)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("explainer.toml:1: the search index could not be built") and "\n" not in err
    assert {p: p.read_bytes() for p in (site_root / "site").rglob("*") if p.is_file()} == before


PAGE_PATHS = st.lists(st.from_regex(r"[a-z0-9-]{1,12}(/[a-z0-9-]{1,12}){0,2}/index\.html", fullmatch=True),
                      unique=True, max_size=300)


@given(PAGE_PATHS, st.integers(min_value=1, max_value=80))
def test_every_page_is_in_one_part_and_stays_there_while_the_count_of_parts_holds(pages, size):
    from explainer.search import parts_of

    parts = parts_of(pages, size)
    assert sorted(p for part in parts for p in part) == sorted(pages)
    assert len(parts) == max(1, -(-len(pages) // size))
    fewer = parts_of(pages[:-1], size)
    if len(fewer) == len(parts):  # one page gone: the others keep their part
        assert [[p for p in part if p in pages[:-1]] for part in parts] == fewer


def test_a_large_index_is_made_in_parts_and_serve_keeps_every_part_current(site_root, monkeypatch):
    import json

    from explainer import search

    monkeypatch.setattr(search, "PART_PAGES", 5)
    builder = Builder()
    settings = load_settings(site_root)
    builder(settings)
    folder = site_root / "site/pagefind"
    parts = json.loads((folder / "parts.json").read_text(encoding="utf-8"))["parts"]
    assert parts and all((folder / part / "pagefind-entry.json").is_file() for part in parts)
    before = index_files(site_root)
    story = site_root / "content/articles/test-story.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nThe delegation left on Friday.\n", encoding="utf-8")
    builder(settings)
    assert builder.finish(settings)
    after = index_files(site_root)
    assert after != before and all((folder / part / "pagefind-entry.json").is_file() for part in parts)
    assert not list(site_root.glob("site/**/.pagefind-part-*")), "no part's page tree is left in the site"

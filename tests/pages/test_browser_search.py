"""In Chromium: search by words, by who is quoted, with filters, by keyboard alone, under /repo/, kept current by
serve; and the paginated lists and indexes of a thirty-article site."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Iterator

import pytest

from explainer.build import build
from explainer.config import load_settings
from tests.conftest import many_articles, small_site
from tests.preview_server import Server, start_under_repo, stop
from tests.quality_support import SEED_SLUG, base_url, browser, serve  # noqa: F401 (fixtures)


def results(page) -> list[str]:
    """The addresses of the results listed, once the status line says the search is done."""
    page.wait_for_function("document.querySelector('.search-status').textContent.length > 0")
    page.wait_for_function("""() => { const s = document.querySelector('.search-status').textContent;
        const n = document.querySelectorAll('.search-results li').length;
        return s.startsWith('Nothing') ? n === 0 : n > 0; }""")
    return page.eval_on_selector_all(".search-results h2 a", "links => links.map(a => a.getAttribute('href'))")


@pytest.fixture
def search(browser, base_url):  # noqa: F811 (fixtures)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "search/")
    page.wait_for_selector(".search-form:not([hidden])")
    yield page
    page.close()


def test_a_name_finds_the_article_and_the_entity_page(search):
    search.fill("#search-q", "Lavrov")
    found = results(search)
    assert f"/{SEED_SLUG}/" in found and "/entities/sergei-lavrov/" in found
    first = search.locator(".search-results li").first
    assert first.locator("h2 a").inner_text() and first.locator(".excerpt mark").count() >= 1
    article = search.locator(".search-results li", has=search.locator(f"a[href='/{SEED_SLUG}/']"))
    assert "30 March 2022" in article.locator(".meta").inner_text()
    assert "q=Lavrov" in search.url  # a search can be shared and reloaded


def test_the_speaker_filter_lists_the_explainers_that_quote_him(search):
    options = search.eval_on_selector_all("#filter-speaker option", "os => os.map(o => o.value)")
    assert "Sergei Lavrov" in options and "Wang Wenbin" in options
    search.select_option("#filter-speaker", "Sergei Lavrov")
    found = results(search)
    assert f"/{SEED_SLUG}/" in found and set(found) <= {f"/{SEED_SLUG}/", "/entities/sergei-lavrov/"}
    search.select_option("#filter-kind", "Explainer")
    assert results(search) == [f"/{SEED_SLUG}/"]
    search.select_option("#filter-year", "2022")
    assert results(search) == [f"/{SEED_SLUG}/"]
    search.select_option("#filter-kind", "Topic")
    assert results(search) == []
    assert search.locator(".search-status").inner_text().startswith("Nothing found")


def test_kind_and_tag_filters_narrow_a_search(search):
    search.fill("#search-q", "Afghanistan")
    assert "/backgrounds/afghanistan/" in results(search)
    search.select_option("#filter-kind", "Topic")
    assert results(search) == ["/backgrounds/afghanistan/"]
    search.select_option("#filter-kind", "")
    search.select_option("#filter-tag", "diplomacy")
    assert results(search) == [f"/{SEED_SLUG}/"]


def test_results_listed_after_enter_stay_put_while_the_reader_moves_through_them(search):
    # Typing schedules a search a moment after the last key; Enter runs it at once. The scheduled run must not
    # list the same results again under a reader already tabbing through them.
    search.click("#search-q")
    search.keyboard.type("Lavrov")
    search.keyboard.press("Enter")
    assert results(search)
    search.focus(".search-results h2 a")
    search.evaluate("document.querySelector('.search-results li').dataset.seen = 'yes'")
    search.wait_for_timeout(600)  # longer than the typing's delay (200 ms): the scheduled run would be done
    assert search.evaluate("document.querySelector('.search-results li').dataset.seen") == "yes"
    assert search.evaluate("!!document.activeElement.closest('.search-results')")


def test_search_by_keyboard_alone(browser, base_url):  # noqa: F811 (fixtures)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(base_url)
        search_link = None
        for _ in range(12):  # Tab from the top of the home page to the header's Search link
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == "Search":
                search_link = True
                break
        assert search_link, "the header's Search link is not reachable by Tab"
        page.keyboard.press("Enter")
        page.wait_for_selector(".search-form:not([hidden])")
        assert page.evaluate("document.activeElement.id") == "search-q"  # the box has focus on arrival
        page.keyboard.type("Lavrov")
        page.keyboard.press("Enter")
        assert results(page)
        page.keyboard.press("Tab")  # the Search button
        page.keyboard.press("Tab")  # the first filter: kind of page
        assert page.evaluate("document.activeElement.id") == "filter-kind"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "filter-speaker"
        page.keyboard.press("ArrowDown")  # a closed select changes by arrow key, and the search runs again
        page.wait_for_function("document.querySelector('#filter-speaker').value !== ''")
        chosen = page.eval_on_selector("#filter-speaker", "s => s.value")
        page.wait_for_function("s => document.querySelector('.search-status').textContent.includes(s)", arg=chosen)
        for _ in range(6):
            page.keyboard.press("Tab")
            if page.evaluate("!!document.activeElement.closest('.search-results')"):
                break
        assert page.evaluate("!!document.activeElement.closest('.search-results')"), "no result reachable by Tab"
        target = page.evaluate("document.activeElement.getAttribute('href')")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(target) + "$"))
    finally:
        page.close()


def test_without_javascript_the_search_page_links_to_the_indexes(browser, base_url):  # noqa: F811 (fixtures)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + "search/")
        assert not page.locator(".search-form").is_visible()
        assert "Search needs JavaScript" in page.inner_text("main")
        links = page.eval_on_selector_all(".browse a", "links => links.map(a => new URL(a.href).pathname)")
        assert links == ["/", "/entities/", "/backgrounds/", "/tags/"]
        for link in links:
            assert page.request.get(base_url + link.lstrip("/")).ok
    finally:
        context.close()


# --- under a base path, with explainer serve ----------------------------------------------------

@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_under_repo(small_site(tmp_path_factory.mktemp("search-serve") / "site-root"))
    yield running
    stop(running)


def search_on(browser_page, server: Server, query: str) -> list[str]:
    browser_page.goto(server.url(f"/repo/search/?q={query}"))
    browser_page.wait_for_selector(".search-form:not([hidden])")
    return results(browser_page)


def test_search_under_a_base_path_and_kept_current_by_serve(browser, served: Server) -> None:  # noqa: F811
    page = browser.new_page()
    try:
        failures: list[str] = []
        page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        assert "/repo/test-story/" in search_on(page, served, "Lavrov")
        page.click(".search-results a[href='/repo/test-story/']")
        page.wait_for_url(served.url("/repo/test-story/"))
        assert not failures, failures

        story = served.root / "content/articles/test-story.md"
        story.write_text(story.read_text(encoding="utf-8") + "\nThe Zanzibarian delegation arrived late.\n",
                         encoding="utf-8")
        from playwright.sync_api import Error as PlaywrightError

        deadline = time.monotonic() + 60
        found: list[str] = []
        while time.monotonic() < deadline and "/repo/test-story/" not in found:
            time.sleep(0.5)
            try:
                found = search_on(page, served, "Zanzibarian")
            except PlaywrightError:  # serve's live reload navigated the page mid-search: ask again
                found = []
        assert "/repo/test-story/" in found, served.output()
        assert "search index updated in" in served.output()
    finally:
        page.close()


def test_the_index_is_inside_the_site_folder(served: Server) -> None:
    site = Path(served.root) / "site"
    assert (site / "pagefind/pagefind-entry.json").is_file() and (site / "pagefind/pagefind.js").is_file()


# --- the indexes in Chromium ---------------------------------------------------------------------

def test_a_thirty_article_site_paginates_and_its_indexes_list_what_they_should(browser, tmp_path):  # noqa: F811
    root = many_articles(tmp_path / "site-root")
    (root / "explainer.toml").write_text("page_size = 12\n", encoding="utf-8")
    build(load_settings(root))
    with serve(root / "site") as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(url)
            seen = []
            while True:
                seen += page.eval_on_selector_all(".latest .article-list h3 a", "links => links.map(a => a.textContent)")
                more = page.locator("a[rel=next]")
                if not more.count():
                    break
                more.click()
                page.wait_for_load_state()
            stories = [title for title in seen if title.startswith("Story number")]  # and the small site's own story
            assert stories == [f"Story number {n}" for n in reversed(range(30))] and len(seen) == 31
            assert page.url.endswith("/page/3/")
            page.goto(url + "entities/")
            people = page.eval_on_selector_all("#person ~ .az a", "links => links.map(a => a.textContent)")
            assert people[:3] == ["Biden, Joe", "Blinken, Antony", "Lavrov, Sergei"]
            assert "30 explainers" in page.locator("a", has_text="Kabul").locator("xpath=..").inner_text()
            page.goto(url + "tags/")
            page.click("text=china")
            assert page.url.endswith("/tags/china/") and page.locator(".article-list li").count() == 12
            page.goto(url + "backgrounds/")
            assert page.locator("h1").inner_text() == "Topics"
        finally:
            page.close()


# --- a large site's index in parts ----------------------------------------------------------------

def _search_everything(browser, url: str, query: str) -> tuple[dict[str, list[str]], list[str]]:  # noqa: F811
    """The filter options the search page offers, and every result for ``query`` (all "More" pages)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(url + f"search/?q={query}")
        page.wait_for_selector(".search-form:not([hidden])")
        found = results(page)
        while page.locator(".search-more:not([hidden]) button").count():
            page.click(".search-more button")
            page.wait_for_function("n => document.querySelectorAll('.search-results li').length > n", arg=len(found))
            found = page.eval_on_selector_all(".search-results h2 a", "links => links.map(a => a.getAttribute('href'))")
        options = {name: page.eval_on_selector_all(f"#filter-{name} option", "os => os.map(o => o.textContent)")
                   for name in ("kind", "speaker", "tag", "year")}
        return options, sorted(found)
    finally:
        page.close()


def test_an_index_made_in_parts_searches_as_one(browser, tmp_path, monkeypatch):  # noqa: F811
    import json

    from explainer import search

    whole = many_articles(tmp_path / "whole")
    build(load_settings(whole))
    parted = many_articles(tmp_path / "parted")
    monkeypatch.setattr(search, "PART_PAGES", 20)  # about 60 pages: four parts
    build(load_settings(parted))
    parts = json.loads((parted / "site/pagefind/parts.json").read_text(encoding="utf-8"))["parts"]
    assert len(parts) >= 2 and all((parted / "site/pagefind" / p / "pagefind-entry.json").is_file() for p in parts)
    assert json.loads((whole / "site/pagefind/parts.json").read_text(encoding="utf-8")) == {"parts": []}
    with serve(whole / "site") as url:
        expected = _search_everything(browser, url, "Kabul")
    with serve(parted / "site") as url:
        got = _search_everything(browser, url, "Kabul")
    assert got == expected and len(expected[1]) > 30 and "2022 (31)" in expected[0]["year"]

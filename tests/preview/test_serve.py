"""``explainer serve``: what it serves, when it rebuilds, and live reload in a real browser."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from explainer.errors import Problem
from explainer.preview.app import Outcome, error_page, locate, make_app, stale
from explainer.preview.watch import Debounce, changed_paths, snapshot, step
from tests.preview_server import Server, get, launch_chromium, start, stop


# --- what a request path leads to ------------------------------------------------------------

@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A tiny output folder with an index, an article, a 404 page and a file beside it that must stay unreachable."""
    site = tmp_path / "site"
    for path, text in {"index.html": "<html><head></head>home</html>", "story/index.html": "story",
                       "404.html": "<html><head></head>missing</html>", "static/style.css": "body{}"}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text)
    (tmp_path / "secret.toml").write_text("secret")
    return site


@pytest.mark.parametrize("path", ["/../secret.toml", "/repo/../secret.toml", "/repo/../../secret.toml", "//etc/passwd",
                                  "/repo//etc/passwd", "/repo/./story/", "/repo/story\\..\\..\\secret.toml",
                                  "/repo/C:/x", "/elsewhere/", "/repo/nope", "/repo/story/nope.html"])
def test_paths_outside_the_site_or_unknown_are_404(built: Path, path: str) -> None:
    assert locate(built, "/repo/", path).status == 404


def test_pretty_urls_and_redirects(built: Path) -> None:
    assert locate(built, "/repo/", "/repo/").file == (built / "index.html").resolve()
    assert locate(built, "/repo/", "/repo/story/").file == (built / "story/index.html").resolve()
    assert locate(built, "/repo/", "/repo/static/style.css").file == (built / "static/style.css").resolve()
    assert locate(built, "/repo/", "/repo/story").location == "/repo/story/"
    assert locate(built, "/repo/", "/").location == "/repo/"
    assert locate(built, "/repo/", "/repo").location == "/repo/"
    assert locate(built, "/", "/story/").file == (built / "story/index.html").resolve()


def test_a_symlink_out_of_the_site_is_not_followed(built: Path) -> None:
    (built / "escape").symlink_to(built.parent)
    assert locate(built, "/", "/escape/secret.toml").status == 404


def _call(app, path: str) -> tuple[str, dict[str, str], bytes]:
    """Call a WSGI app the way a server would."""
    seen: dict[str, object] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": path}, start_response))
    return str(seen["status"]), seen["headers"], body  # type: ignore[return-value]


def test_a_failed_build_replaces_pages_but_not_assets(built: Path) -> None:
    problem = Problem("content/articles/x.md", 3, "'date' must be a date <b>")
    outcome = Outcome("run1", 2, "/", (problem,))
    app = make_app(built, lambda: outcome)
    status, headers, body = _call(app, "/story/")
    assert status.startswith("500") and b"content/articles/x.md:3" in body and b"&lt;b&gt;" in body
    assert "</head>" in body.decode(), "the livereload script goes before </head>"
    assert headers["Set-Cookie"].startswith("explainer-build=run1.2;")
    assert _call(app, "/nope/")[0].startswith("500")
    status, headers, body = _call(app, "/static/style.css")
    assert status.startswith("200") and body == b"body{}" and headers["Content-Type"].startswith("text/css")


def test_unknown_paths_get_the_sites_404_page(built: Path) -> None:
    status, headers, body = _call(make_app(built, lambda: Outcome("r", 1)), "/nope/")
    assert status.startswith("404") and body.startswith(b"<html><head></head>missing")
    assert headers["Cache-Control"] == "no-store"


def test_error_page_lists_every_problem() -> None:
    page = error_page([Problem("a.md", 1, "one"), Problem("b.md", 9, "two")])
    assert "a.md:1</code>: one" in page and "b.md:9</code>: two" in page


def test_a_browser_with_an_older_page_is_stale() -> None:
    now = Outcome("run1", 5)
    assert stale("run1.4", now) and stale("run0.5", now)
    assert not stale("run1.5", now) and not stale(None, now) and not stale("junk", now)


# --- when to rebuild -----------------------------------------------------------------------

def test_debounce_waits_for_quiet_then_builds_once() -> None:
    a, b, c = frozenset({("f", (1, 1, 1, 1))}), frozenset({("f", (2, 2, 1, 1))}), frozenset({("f", (3, 3, 1, 1))})
    state = Debounce.start(a, quiet=0.15)
    state, due = step(state, b, 10.00)
    assert not due
    state, due = step(state, c, 10.10)  # a burst: the second change restarts the wait
    assert not due
    state, due = step(state, c, 10.20)
    assert not due
    state, due = step(state, c, 10.25)
    assert due and state.built == c
    assert not step(state, c, 11.0)[1]


def test_a_change_during_a_build_leads_to_another_build() -> None:
    a, b, c = (frozenset({("f", (n, n, 1, 1))}) for n in (1, 2, 3))
    state, due = step(step(Debounce.start(a), b, 0.0)[0], b, 0.2)
    assert due
    # The build runs from 0.2 to 1.0; a save lands meanwhile and shows in the next poll.
    state, due = step(state, c, 1.0)
    assert not due
    state, due = step(state, c, 1.2)
    assert due and state.built == c


def test_snapshot_sees_edits_and_skips_output_cache_and_editor_files(tmp_path: Path) -> None:
    content, out = tmp_path / "content", tmp_path / "content" / "site"
    (content / "articles").mkdir(parents=True)
    out.mkdir()
    story = content / "articles" / "a.md"
    story.write_text("one")
    (out / "index.html").write_text("x")
    (content / "articles" / ".a.md.swp").write_text("x")
    (content / "articles" / "a.md~").write_text("x")
    config = tmp_path / "explainer.toml"
    config.write_text("")
    before = snapshot([content, config, tmp_path / "missing"], [out])
    assert {Path(p).name for p, _ in before} == {"a.md", "explainer.toml"}
    story.write_text("two!")
    (out / "index.html").write_text("changed")
    after = snapshot([content, config], [out])
    assert changed_paths(before, after) == [str(story)]


# --- the real server, in a real browser ------------------------------------------------------

@pytest.fixture
def server(site_root: Path) -> Iterator[Server]:
    """``explainer serve`` on a copy of the small test site; always stopped afterwards."""
    running = start(site_root)
    yield running
    stop(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, shared by the browser tests of this module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


def _replace(path: Path, old: str, new: str) -> None:
    """Edit a file in place, as an editor would save it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


WAIT_MS = 20_000


def test_edits_show_in_the_open_page_without_touching_it(server: Server, browser) -> None:
    from playwright.sync_api import expect

    story = server.root / "content/articles/test-story.md"
    page = browser.new_page()
    page.goto(server.url("/test-story/"))
    body = page.locator("article.story")
    expect(body).to_contain_text("landed in Huangshan")

    _replace(story, "landed in", "touched down in")
    expect(body).to_contain_text("touched down in Huangshan", timeout=WAIT_MS)

    # A second save one second after the first: within livereload's own ignore window.
    _replace(story, "touched down in", "flew into")
    time.sleep(1.0)  # pacing the saves, not waiting for a result
    _replace(story, "flew into", "arrived in")
    expect(body).to_contain_text("arrived in Huangshan", timeout=WAIT_MS)

    # Two saves within 100 ms: the second must show even if the first already started a build.
    _replace(story, "arrived in", "reached")
    time.sleep(0.05)
    _replace(story, "reached", "got to")
    expect(body).to_contain_text("got to Huangshan", timeout=WAIT_MS)

    _replace(server.root / "templates/article.html", '<div class="body">',
             '<p class="preview-note">Edited template</p>\n  <div class="body">')
    expect(page.locator(".preview-note")).to_have_text("Edited template", timeout=WAIT_MS)
    expect(body).to_contain_text("got to Huangshan")
    assert "1 annotated" in server.output() and "(0 annotated, 1 cached)" in server.output()
    page.close()


def test_a_broken_build_shows_in_the_browser_until_fixed(server: Server, browser) -> None:
    from playwright.sync_api import expect

    story = server.root / "content/articles/test-story.md"
    page = browser.new_page()
    page.goto(server.url("/test-story/"))
    expect(page.locator("h1")).to_have_text("A test story")

    _replace(story, "date: 2022-03-30", "date: someday")
    errors = page.locator(".build-errors")
    expect(errors).to_contain_text("content/articles/test-story.md:3", timeout=WAIT_MS)
    expect(errors).to_contain_text("date")
    page.screenshot(path="/tmp/explainer-build-error.png")

    _replace(story, "date: someday", "date: 2022-03-30")
    expect(page.locator("h1")).to_have_text("A test story", timeout=WAIT_MS)
    page.close()


def test_a_save_that_empties_the_file_first_never_shows_as_a_failed_build(server: Server) -> None:
    # Editors that save in place empty the file, then write it; on a busy machine the write can
    # come after the preview has already built the empty file.
    story = server.root / "content/articles/test-story.md"
    text = story.read_text(encoding="utf-8")
    statuses: list[int] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            statuses.append(get(server.port, "/test-story/")[0])
            time.sleep(0.005)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        story.write_text("", encoding="utf-8")
        deadline = time.monotonic() + 60
        while "file is empty" not in server.output():  # the preview has built the emptied file
            assert time.monotonic() < deadline, server.output()
            time.sleep(0.01)
        story.write_text(text.replace("landed in", "touched down in"), encoding="utf-8")
        while b"touched down in" not in get(server.port, "/test-story/")[2]:
            assert time.monotonic() < deadline, server.output()
            time.sleep(0.05)
    finally:
        done.set()
        thread.join(10)
    assert statuses and 500 not in statuses, f"{statuses.count(500)} of {len(statuses)} requests saw the error page"
    assert "a file changed during the build; building again" in server.output()


def test_traversal_over_a_raw_socket_is_404(server: Server) -> None:
    (server.root / "pyproject.toml").write_text("secret")
    for path in ("/../pyproject.toml", "/%2e%2e/pyproject.toml", "/%2E%2E/%2e%2e/explainer.toml", "//etc/passwd",
                 "/..%2f..%2fpyproject.toml", "/static/..%2f..%2fcontent/", "/static/%2e%2e/%2e%2e/pyproject.toml"):
        status, _, body = get(server.port, path)
        assert (status, b"secret" in body, b"root:" in body) == (404, False, False), path


def test_the_watch_covers_sources_and_never_the_output_or_cache(site_root: Path) -> None:
    from explainer.config import load_settings
    from explainer.preview.server import local, sources

    settings = local(load_settings(site_root, base_url="https://user.github.io/repo/"))
    assert settings.base_url == "/repo/"
    roots, skip = sources(settings)
    (site_root / "site").mkdir()
    (site_root / "site" / "index.html").write_text("x")
    (site_root / ".explainer-cache").mkdir()
    (site_root / ".explainer-cache" / "entry.json").write_text("x")
    seen = {Path(p).relative_to(site_root).parts[0] for p, _ in snapshot(roots, skip)}
    assert seen == {"content", "templates"}
    assert settings.output in skip and site_root / ".explainer-cache" in skip


def test_a_browser_connecting_with_a_page_from_an_older_build_is_told_to_reload(server: Server) -> None:
    import asyncio
    import json
    from concurrent.futures import ThreadPoolExecutor

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    _, headers, _ = get(server.port, "/test-story/")
    run, _, generation = headers["set-cookie"].split(";")[0].split("=", 1)[1].partition(".")

    async def connect_with(cookie: str) -> dict:
        request = HTTPRequest(f"ws://127.0.0.1:{server.port}/livereload", headers={"Cookie": f"explainer-build={cookie}"})
        ws = await websocket_connect(request)
        await ws.write_message(json.dumps({"command": "hello", "protocols": []}))
        assert json.loads(await ws.read_message())["command"] == "hello"
        await ws.write_message(json.dumps({"command": "info", "url": server.url("/test-story/"), "plugins": {}}))
        message = json.loads(await asyncio.wait_for(ws.read_message(), timeout=10))
        ws.close()
        return message

    def first_message(cookie: str) -> dict:
        # Its own thread: Playwright's sync API may hold this thread's event loop.
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, connect_with(cookie)).result(timeout=30)

    # A page loaded just before a build finished misses the broadcast; its cookie gives it away.
    assert first_message(f"{run}.{int(generation) - 1}")["command"] == "reload"
    assert first_message(f"{run}0.{generation}")["command"] == "reload"  # a page from another run

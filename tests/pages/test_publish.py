"""Publishing on GitHub Pages: the workflow, the machine-read files, and the site crawled under a subpath."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree as ET

import pytest
import yaml

from conftest import REPO, small_site
from explainer.build import build
from explainer.config import load_settings
from tests.preview_server import Server, get, launch_chromium, start_under_repo, stop

WORKFLOW = REPO / ".github/workflows/pages.yml"
BASE = "https://user.github.io/repo/"


# --- the workflow ----------------------------------------------------------------------------

def test_workflow_is_valid_for_github() -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    # The schema ships inside check-jsonschema, so this needs no network.
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_builds_with_the_pages_base_url_and_deploys() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text())
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    assert flow["concurrency"]["group"] == "pages"
    steps = [s for job in flow["jobs"].values() for s in job["steps"]]
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages",
                   "actions/setup-python", "actions/cache", "actions/checkout"):
        assert action in uses and uses[action]["uses"].split("@")[1].startswith("v"), action
    assert uses["actions/setup-python"]["with"]["cache"] == "pip"
    cache = uses["actions/cache"]["with"]
    assert cache["path"] == ".explainer-cache" and "content/**" in cache["key"] and "pyproject.toml" in cache["key"]
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    pages_id = uses["actions/configure-pages"]["id"]
    build_step = next(s for s in steps if "explainer build" in s.get("run", ""))
    passed = " ".join([build_step["run"], *build_step.get("env", {}).values()])
    assert "--base-url" in build_step["run"] and f"steps.{pages_id}.outputs.base_url" in passed


# --- what a published build contains ---------------------------------------------------------

class _Page(HTMLParser):
    """Links, assets, ids, meta tags and JSON-LD of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        self.refs += [a[k] for k in ("href", "src") if k in a]
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site built as the workflow builds it, under a project page's URL."""
    root = small_site(tmp_path_factory.mktemp("published") / "site-root")
    build(load_settings(root, base_url=BASE))
    return root / "site"


def test_feed_parses_with_entries_under_base_url(published: Path) -> None:
    import feedparser

    feed = feedparser.parse((published / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.link for e in feed.entries] == [BASE + "test-story/"]
    assert any(link.get("rel") == "self" and link["href"] == BASE + "feed.xml" for link in feed.feed.links)


def test_sitemap_and_robots_name_every_page_absolutely(published: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text or "" for e in ET.parse(published / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert BASE in locs and BASE + "test-story/" in locs and BASE + "entities/sergei-lavrov/" in locs
    for loc in locs:
        assert loc.startswith(BASE) and (published / loc.removeprefix(BASE) / "index.html").is_file(), loc
    assert f"Sitemap: {BASE}sitemap.xml" in (published / "robots.txt").read_text().splitlines()


def test_every_page_has_absolute_canonical_and_social_tags(published: Path) -> None:
    pages = sorted(published.rglob("*.html"))
    assert published / "404.html" in pages
    for path in pages:
        page = _parse(path)
        assert page.canonical.startswith(BASE), path
        assert page.meta["og:url"] == page.canonical, path
        for key in ("og:title", "og:description", "og:type", "og:site_name", "twitter:card", "twitter:title"):
            assert page.meta.get(key), (path, key)
        # Root-relative or absolute only: then 404.html works whatever depth GitHub serves it at.
        for ref in page.refs:
            assert ref.startswith(("/repo/", "#", "https://")), (path, ref)


def test_article_json_ld_is_a_news_article(published: Path) -> None:
    page = _parse(published / "test-story/index.html")
    assert len(page.json_ld) == 1
    data = json.loads("".join(page.json_ld))
    assert data["@type"] == "NewsArticle" and data["headline"] == "A test story"
    assert data["datePublished"] == "2022-03-30" and data["url"] == BASE + "test-story/"
    assert {"@type": "Person", "name": "Sergei Lavrov"}.items() <= data["mentions"][0].items()


# --- served under /repo/ and crawled in a browser --------------------------------------------

@pytest.fixture(scope="module")
def subpath_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``explainer serve`` given a Pages-style base URL with a path, as the preview of a project page."""
    running = start_under_repo(small_site(tmp_path_factory.mktemp("subpath") / "site-root"))
    yield running
    stop(running)


def test_every_link_and_asset_under_the_subpath_loads(subpath_server: Server) -> None:
    from playwright.sync_api import sync_playwright

    origin = subpath_server.url("")
    failures: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        queue, seen, ids = [subpath_server.url("/repo/")], set(), {}
        fragments: list[tuple[str, str, str]] = []
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            response = page.goto(url)
            assert response is not None and response.ok, f"{response and response.status} {url}"
            if "html" not in (response.headers.get("content-type") or ""):
                continue
            ids[url] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
            for ref in page.eval_on_selector_all("[href], [src]", "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))"):
                target, fragment = urldefrag(urljoin(url, ref))
                if not target.startswith(origin):
                    continue
                if fragment:
                    fragments.append((url, target, fragment))
                queue.append(target)
        # A page missing from the site still gets the 404 page, whose links must work from any depth.
        missing = page.goto(subpath_server.url("/repo/no/such/page/"))
        assert missing is not None and missing.status == 404
        for ref in page.eval_on_selector_all("a[href], link[href]", "els => els.map(e => e.getAttribute('href'))"):
            target = urldefrag(urljoin(missing.url, ref))[0]
            if target.startswith(origin) and not ref.startswith("#"):
                assert page.request.get(target).ok, ref
        browser.close()
    failures = [f for f in failures if "/repo/no/such/page/" not in f]
    assert not failures, failures
    expected = ("/repo/test-story/", "/repo/entities/sergei-lavrov/", "/repo/feed.xml", "/repo/static/style.css",
                "/repo/search/", "/repo/entities/", "/repo/backgrounds/", "/repo/tags/", "/repo/static/search.js")
    assert {subpath_server.url(p) for p in expected} <= seen and fragments
    for source, target, fragment in fragments:
        assert fragment in ids.get(target, set()), f"{source} links to missing #{fragment} on {target}"


def test_traversal_under_the_subpath_is_404(subpath_server: Server) -> None:
    (subpath_server.root / "pyproject.toml").write_text("secret")
    for path in ("/../pyproject.toml", "/%2e%2e/pyproject.toml", "//etc/passwd", "/repo/..%2f..%2fpyproject.toml",
                 "/repo/%2e%2e/pyproject.toml", "/repo//etc/passwd", "/repo/../site-root/pyproject.toml"):
        status, _, body = get(subpath_server.port, path)
        assert status == 404 and b"secret" not in body and b"root:" not in body, path
    assert get(subpath_server.port, "/repo/test-story")[1]["location"] == "/repo/test-story/"
    assert get(subpath_server.port, "/")[1]["location"] == "/repo/"

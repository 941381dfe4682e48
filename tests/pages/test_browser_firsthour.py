"""What a new user sees in Chromium: a card that stays with its mention, a favicon, styles from disk, drafts."""

from __future__ import annotations

from pathlib import Path

from explainer.build import build
from explainer.config import load_settings
from explainer.scaffold import init_site
from tests import preview_server
from tests.conftest import write
from tests.quality_support import SEED_SLUG, base_url, browser  # noqa: F401 (fixtures)

DESKTOP = {"width": 1280, "height": 800}
SHOTS = Path("/tmp/explainer-firsthour-shots")


def shot(page, name: str) -> None:
    """A screenshot to look at (not asserted on)."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_an_open_card_scrolls_with_its_mention(browser, base_url):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + SEED_SLUG + "/")
    link = page.locator(".body a.mention").first
    link.click()
    card = page.locator(f"#card-{link.get_attribute('data-entity')}")
    card.wait_for(state="visible")
    before = (link.bounding_box(), card.bounding_box())
    page.mouse.wheel(0, 250)
    page.wait_for_function("() => window.scrollY >= 200")
    after = (link.bounding_box(), card.bounding_box())
    shot(page, "card-after-scroll")
    moved = before[0]["y"] - after[0]["y"]
    assert moved >= 200, "the page did not scroll"
    # The card keeps its place below the mention: it moves as the mention does (a fixed card stays put).
    assert abs((before[1]["y"] - after[1]["y"]) - moved) <= 1, (before, after)
    assert abs((after[1]["y"] - after[0]["y"]) - (before[1]["y"] - before[0]["y"])) <= 1
    page.close()


def test_every_page_has_a_favicon_that_loads(browser, base_url):
    page = browser.new_page()
    for path in ("", SEED_SLUG + "/", "entities/sergei-lavrov/"):
        page.goto(base_url + path)
        href = page.evaluate("() => document.querySelector('link[rel=icon]').href")
        response = page.request.get(href)
        assert response.status == 200 and response.headers["content-type"].startswith("image/svg"), (path, href)
    page.close()


def test_pages_opened_from_disk_have_their_styles(browser, tmp_path):
    root = tmp_path / "site-root"
    init_site(root)
    build(load_settings(root))
    page = browser.new_page(viewport=DESKTOP)
    for path in ("index.html", "town-library-roof/index.html", "entities/maria-lopez/index.html"):
        page.goto((root / "site" / path).as_uri())
        styled = page.evaluate("""() => ({
            font: getComputedStyle(document.body).fontFamily,
            icon: document.querySelector('link[rel=icon]').href})""")
        assert "Georgia" in styled["font"], f"{path}: the theme's styles are not applied from disk"
        assert Path(styled["icon"].removeprefix("file://")).is_file(), styled["icon"]
        if path.startswith("town"):
            shot(page, "from-disk-article")
    page.close()


def test_the_preview_shows_a_draft_with_its_banner(browser, tmp_path):
    root = tmp_path / "site-root"
    init_site(root)
    write(root / "content/articles/not-yet.md", """
        ---
        title: Not yet
        date: 2024-06-01
        draft: true
        ---
        The council has not "voted" yet.
        """)
    server = preview_server.start(root)
    try:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(server.url("/not-yet/"))
        banner = page.locator(".draft-banner")
        assert banner.is_visible() and "Draft" in banner.inner_text()
        shot(page, "draft-in-preview")
        page.goto(server.url("/"))
        assert page.locator(".draft-label").is_visible()
        page.close()
    finally:
        preview_server.stop(server)
    # A build for publishing leaves it out, and says so.
    report = build(load_settings(root))
    assert not (root / "site/not-yet").exists()
    assert "left out 1 draft: content/articles/not-yet.md" in report.summary()


"""The seed article in Chromium as readers use it: keyboard only, no JavaScript, a phone, a printer."""

from __future__ import annotations

import pytest

from tests.quality_support import SEED_SLUG, base_url, browser  # noqa: F401 (fixtures)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def article(browser, base_url, request):
    """A fresh tab on the seed article; ``request.param`` may give a viewport."""
    viewport = getattr(request, "param", DESKTOP)
    page = browser.new_page(viewport=viewport)
    page.goto(base_url + SEED_SLUG + "/")
    yield page
    page.close()


def focused(page) -> dict:
    """What has keyboard focus: its id, classes, and the entity it names."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {id: el.id, cls: el.className, entity: el.dataset ? el.dataset.entity || '' : '',
                inCard: !!el.closest('.card')};
    }""")


def tab_to_mention(page, limit: int = 60) -> dict:
    """Press Tab until a mention link has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["cls"] == "mention":
            return now
    pytest.fail(f"no mention link reached after {limit} presses of Tab")


def overlaps(a: dict, b: dict) -> bool:
    """Whether two bounding boxes share any area."""
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def test_keyboard_walk_opens_a_card_and_returns_focus(article):
    mention = tab_to_mention(article)
    article.keyboard.press("Enter")
    card = article.locator(f"#card-{mention['entity']}")
    card.wait_for(state="visible")
    assert card.evaluate("el => el.matches(':popover-open')")
    assert focused(article)["inCard"], "focus should move into the card that opened"
    article.keyboard.press("Escape")
    card.wait_for(state="hidden")
    assert focused(article)["id"] == mention["id"], "focus should return to the mention after Esc"
    assert article.url.endswith(f"{SEED_SLUG}/"), "with JavaScript the link opens a card, not a jump"


@pytest.mark.parametrize("article", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_no_card_covers_its_mention(article):
    mentions = article.locator("a.mention")
    count = mentions.count()
    assert count >= 10
    for i in range(count):
        link = mentions.nth(i)
        link.focus()
        article.keyboard.press("Enter")
        card = article.locator(f"#card-{link.get_attribute('data-entity')}")
        card.wait_for(state="visible")
        link_box, card_box = link.bounding_box(), card.bounding_box()
        assert link_box and card_box
        assert not overlaps(link_box, card_box), f"the card covers {link.inner_text()!r}"
        assert card_box["x"] >= 0 and card_box["x"] + card_box["width"] <= article.viewport_size["width"]
        article.keyboard.press("Escape")
        card.wait_for(state="hidden")


def test_without_javascript_a_mention_jumps_to_the_glossary(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(base_url + SEED_SLUG + "/")
        mention = tab_to_mention(page)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**#e-{mention['entity']}")
        entry = page.locator(f"#e-{mention['entity']}")
        assert entry.is_visible()
        assert entry.evaluate("el => { const r = el.getBoundingClientRect(); "
                              "return r.top >= 0 && r.top < window.innerHeight; }"), "the entry is not in view"
        assert page.locator(".card:visible").count() == 0, "no popover card shows without JavaScript"
    finally:
        context.close()


def test_sidebar_is_announced_as_complementary(article):
    session = article.context.new_cdp_session(article)
    tree = session.send("Accessibility.getFullAXTree")["nodes"]
    landmarks = [(n["role"]["value"], n.get("name", {}).get("value")) for n in tree
                 if not n.get("ignored") and n.get("role", {}).get("value") == "complementary"]
    assert ("complementary", "Afghanistan") in landmarks


@pytest.mark.parametrize("path", ["", f"{SEED_SLUG}/", "entities/sergei-lavrov/", "backgrounds/afghanistan/"],
                         ids=["index", "article", "entity", "topic"])
def test_text_reflows_at_320_pixels(browser, base_url, path):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(base_url + path)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"the page scrolls sideways: {widths[0]} px of content in {widths[1]}"
        overflowing = page.evaluate("""() => [...document.querySelectorAll('main *')]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(el => el.tagName + '.' + el.className)""")
        assert overflowing == [], "content runs past the right edge"
    finally:
        page.close()


def test_print_hides_navigation_and_puts_cards_after_the_story(article):
    article.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".skip"):
        assert not article.locator(hidden).is_visible(), f"{hidden} should not print"
    story_bottom = article.locator("article.story").bounding_box()
    assert story_bottom
    bottom = story_bottom["y"] + story_bottom["height"]
    for shown in ("section.speakers", "section.glossary"):
        box = article.locator(shown).bounding_box()
        assert box and article.locator(shown).is_visible(), f"{shown} should print"
        assert box["y"] >= bottom, f"{shown} should print after the story"
    assert article.locator(".speaker-card").first.is_visible()
    assert article.locator(".glossary-entry").first.is_visible()
    pdf = article.pdf()
    assert pdf.startswith(b"%PDF")

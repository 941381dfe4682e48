"""axe-core in Chromium: no WCAG 2.2 A or AA violation on the pages a reader sees, light and dark.

Colour contrast is one of axe's AA rules, so running every page in both colour schemes
checks contrast in both. The article is checked with its cards closed and with one open.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.quality_support import AXE_JS, SEED_SLUG, base_url, browser  # noqa: F401 (fixtures)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGES = {
    "index": "",
    "article": f"{SEED_SLUG}/",
    "entity": "entities/sergei-lavrov/",
    "topic": "backgrounds/afghanistan/",
    "search": "search/?q=Lavrov",
    "search-filtered": "search/?speaker=Sergei+Lavrov",
    "entities": "entities/",
    "entities-page-2": "entities/page/2/",
    "topics": "backgrounds/",
    "tags": "tags/",
    "tag": "tags/russia/",
}


def run_axe(page) -> dict:
    """axe's results for the page as it is now, limited to the WCAG 2.2 A and AA rules."""
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )


def describe(violations: list[dict]) -> str:
    """One line per failing element: rule, what is wrong, where."""
    lines = []
    for rule in violations:
        for node in rule["nodes"]:
            lines.append(f"{rule['id']} ({rule['impact']}): {rule['help']} at {node['target']}: "
                         f"{node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


CASES = [(name, scheme, False) for name in PAGES for scheme in ("light", "dark")]
CASES += [("article", scheme, True) for scheme in ("light", "dark")]


@pytest.mark.parametrize("name, scheme, card_open", CASES,
                         ids=[f"{n}-{s}{'-card-open' if c else ''}" for n, s, c in CASES])
def test_no_wcag_violations(browser, base_url, name, scheme, card_open):
    page = browser.new_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page.goto(base_url + PAGES[name])
        if name.startswith("search"):  # checked with its results shown
            page.wait_for_selector(".search-results li")
        if card_open:
            page.locator("a.mention").first.click()
            page.wait_for_selector(".card:popover-open")
        results = run_axe(page)
        rules_run = len(results["passes"]) + len(results["violations"]) + len(results["incomplete"])
        rules_run += len(results["inapplicable"])
        assert rules_run >= 40, "axe ran fewer rules than the WCAG A/AA set has"
        assert results["violations"] == [], describe(results["violations"])
        if card_open:  # the card was really open while axe looked
            assert page.locator(".card:popover-open").count() == 1
    finally:
        page.close()

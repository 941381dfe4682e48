"""Render the seed article at desktop and phone widths, light and dark, into PNGs under docs/.

Also, at each width: the speaker cards section whole, a glossary card open, Sergei Lavrov's entity page, and,
light and dark, the home page, a search with the speaker filter set, and the A-Z of names.

    make screenshots          # or: .venv/bin/python scripts/screenshots.py [--out docs]

The site is built from the repository's content/ (and the built-in theme) into a temporary
folder (site/ is left alone), served on a loopback port and photographed with
Debian's Chromium (apt-get install chromium) through Playwright.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.quality_support import CHROMIUM, SEED_SLUG, build_seed, chromium, serve  # noqa: E402

# name: (viewport width, height), chosen as a common laptop and a common phone.
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
SCHEMES = ("light", "dark")


def take(out: Path) -> list[Path]:
    """Build, serve and photograph; returns the files written."""
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        site = build_seed(Path(tmp) / "seed")
        with serve(site) as base, chromium() as browser:
            for size, (width, height) in SIZES.items():
                for scheme in SCHEMES:
                    page = browser.new_page(viewport={"width": width, "height": height},
                                            color_scheme=scheme)
                    page.goto(base + SEED_SLUG + "/")
                    path = out / f"article-{size}-{scheme}.png"
                    page.screenshot(path=str(path))
                    written.append(path)
                    if scheme == "light":
                        # The speaker cards, whole.
                        path = out / f"article-{size}-speakers.png"
                        page.locator("section.speakers").screenshot(path=str(path))
                        written.append(path)
                        # The same width with the first mention's card open.
                        mention = page.locator("a.mention").nth(5)
                        mention.scroll_into_view_if_needed()
                        page.evaluate("window.scrollBy(0, -200)")
                        mention.click()
                        page.wait_for_selector(".card:popover-open")
                        path = out / f"article-{size}-card.png"
                        page.screenshot(path=str(path))
                        written.append(path)
                    page.close()
                # An entity page: what the glossary knows of Lavrov, and what he said in each story.
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + "entities/sergei-lavrov/")
                path = out / f"entity-{size}.png"
                page.screenshot(path=str(path), full_page=True)
                written.append(path)
                page.close()
                for scheme in SCHEMES:
                    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                    for name, address, ready in (
                        ("home", "", "main"),
                        ("search", "search/?q=Beijing&speaker=Sergei+Lavrov", ".search-results li"),
                        ("entities", "entities/", "main"),
                    ):
                        page.goto(base + address)
                        page.wait_for_selector(ready)
                        page.evaluate("document.activeElement && document.activeElement.blur()")
                        path = out / f"{name}-{size}-{scheme}.png"
                        page.screenshot(path=str(path), full_page=name != "entities" or size == "desktop")
                        written.append(path)
                    page.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="folder for the PNGs (default: docs/)")
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        print("screenshots: Chromium is not installed; apt-get install chromium", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for path in take(args.out):
        print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

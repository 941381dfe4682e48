"""Background sidebars: which articles get them, and that they never know the future."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import html5lib

from explainer.annotate.backgrounds import as_of, attach_backgrounds
from explainer.build import build
from explainer.config import load_settings
from explainer.content.load import load_article
from explainer.model import Background, Fact, TimelineEntry
from tests.conftest import write

TOPIC = Background(
    id="afghanistan",
    title="Afghanistan",
    path=Path("content/backgrounds/afghanistan.md"),
    triggers=("afghanistan", "kabul"),
    facts=(
        Fact("Population", "40 million", dt.date(2021, 7, 1)),
        Fact("Population", "41 million", dt.date(2022, 7, 1)),
        Fact("Capital", "Kabul", None),
    ),
    timeline=(
        TimelineEntry(dt.date(1996, 1, 1), "1996", "Year-only event"),
        TimelineEntry(dt.date(2022, 3, 1), "2022-03", "Some day in March"),
        TimelineEntry(dt.date(2022, 3, 24), "2022-03-24", "Visit"),
        TimelineEntry(dt.date(2022, 3, 30), "2022-03-30", "Meetings"),
        TimelineEntry(dt.date(2025, 7, 3), "2025-07-03", "Later"),
    ),
)


def _article(tmp_path, backgrounds: str = "") -> object:
    front = f"backgrounds: {backgrounds}\n" if backgrounds else ""
    path = write(tmp_path / "a.md", f"---\ntitle: T\ndate: 2022-03-30\n{front}---\nText.\n")
    return load_article(path, Path("a.md"))


def test_sidebar_never_knows_the_future():
    seen = as_of(TOPIC, dt.date(2022, 3, 30))
    assert [t.event for t in seen.timeline] == ["Year-only event", "Visit", "Meetings"]  # "2022-03" may be the 31st
    assert [f.value for f in seen.facts] == ["40 million", "Kabul"]
    earlier = as_of(TOPIC, dt.date(2022, 3, 15))
    assert [t.event for t in earlier.timeline] == ["Year-only event"]  # March 2022 may be after the 15th


def test_trigger_mention_attaches_and_front_matter_adds_or_removes(tmp_path):
    plain = _article(tmp_path)
    assert attach_backgrounds(plain, {"kabul"}, [TOPIC]) == (("afghanistan",), ())
    assert attach_backgrounds(plain, {"china"}, [TOPIC]) == ((), ())
    added = _article(tmp_path, "[afghanistan]")
    assert attach_backgrounds(added, set(), [TOPIC])[0] == ("afghanistan",)
    removed = _article(tmp_path, "[-afghanistan]")
    assert attach_backgrounds(removed, {"kabul"}, [TOPIC])[0] == ()


def test_unknown_background_is_a_located_error(tmp_path):
    article = _article(tmp_path, "[atlantis]")
    _, problems = attach_backgrounds(article, set(), [TOPIC])
    assert len(problems) == 1
    assert str(problems[0]).startswith("a.md:4: unknown background 'atlantis'")


def _topic_file(root: Path) -> None:
    write(root / "content/backgrounds/afghanistan.md", """
        ---
        title: Afghanistan
        summary: A landlocked country.
        triggers: [afghanistan]
        facts:
          - {label: Capital, value: Kabul, as_of: 2022-03-30}
        timeline:
          - {date: 2021-08-15, event: The Taliban returned to Kabul.}
          - {date: 2025-07-03, event: Something much later happened.}
        sources:
          - {title: A source, url: "https://example.org/source"}
        ---
        The long explainer.
        """)
    write(root / "content/entities/afghanistan.md", "---\nname: Afghanistan\nkind: place\n---\n")


def test_article_page_and_topic_page(site_root):
    _topic_file(site_root)
    write(site_root / "content/articles/kabul.md",
          "---\ntitle: Talks on Afghanistan\ndate: 2022-03-30\n---\nDiplomats met to discuss Afghanistan on Wednesday.\n")
    build(load_settings(site_root))
    page = html5lib.parse((site_root / "site/kabul/index.html").read_bytes(), namespaceHTMLElements=False)
    asides = page.findall(".//aside")
    assert len(asides) == 1
    text = "".join(asides[0].itertext())
    assert "The Taliban returned to Kabul." in text and "much later" not in text
    assert asides[0].find(".//dl") is not None and asides[0].find(".//ol") is not None
    other = (site_root / "site/test-story/index.html").read_text()
    assert "<aside" not in other  # names none of the triggers
    topic = (site_root / "site/backgrounds/afghanistan/index.html").read_text()
    assert "Something much later happened." in topic and "Talks on Afghanistan" in topic
    assert "A test story" not in topic

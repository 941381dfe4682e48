"""Finding your way around: paginated lists, tags, the A-Z of names, topics, and what an article page adds."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import html5lib
import pytest

from explainer.build import build
from explainer.cli import main
from explainer.config import load_settings
from explainer.pages.entity_index import filed_name
from tests.conftest import PEOPLE, many_articles, small_site, write

def tree(path: Path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def titles(page: Path) -> list[str]:
    """The explainers a list page shows, in order."""
    return [text(a) for a in tree(page).iter("a") if text(a).startswith("Story number")]


def more_link(page: Path) -> str | None:
    """Where the page's "More" link goes, if it has one."""
    return next((a.get("href") for a in tree(page).iter("a") if a.get("rel") == "next"), None)


@pytest.fixture(scope="module")
def thirty(tmp_path_factory) -> Path:
    root = many_articles(tmp_path_factory.mktemp("thirty") / "site-root")
    (root / "explainer.toml").write_text("page_size = 12\nindex_page_size = 4\n", encoding="utf-8")
    build(load_settings(root))
    return root / "site"


def test_home_page_is_paginated_newest_first_with_more_links(thirty):
    seen, page, pages = [], thirty / "index.html", 0
    while page is not None:
        shown = titles(page)
        assert 0 < len(shown) <= 12
        seen += shown
        pages += 1
        link = more_link(page)
        page = thirty / urljoin("/", link).lstrip("/") / "index.html" if link else None
    assert pages == 3 and seen == [f"Story number {n}" for n in reversed(range(30))]
    assert not (thirty / "page/4").exists()
    assert "Page 2 of 3" in text(tree(thirty / "page/2/index.html"))


def test_tags_list_every_tag_and_each_tag_its_explainers(thirty):
    index = text(tree(thirty / "tags/index.html"))
    assert "russia 30" in index and "china 15" in index
    first = titles(thirty / "tags/china/index.html")
    second = titles(thirty / "tags/china/page/2/index.html")
    assert first + second == [f"Story number {n}" for n in reversed(range(30)) if n % 2]
    assert len(first) == 12 and more_link(thirty / "tags/china/page/2/index.html") is None


def test_a_to_z_files_people_by_surname_with_counts_and_pages(thirty):
    pages = [thirty / "entities/index.html", *sorted((thirty / "entities/page").glob("*/index.html"))]
    lines = [text(li) for page in pages for li in tree(page).iter("li") if "explainer" in text(li)]
    people = [line for line in lines if any(p.split()[0] in line for p in PEOPLE)]
    assert people == ["Biden, Joe 10 explainers", "Blinken, Antony 10 explainers", "Lavrov, Sergei 11 explainers"]
    assert any(line.startswith("Kabul 30 explainers") for line in lines)
    first = tree(pages[0])
    kinds = [text(a) for nav in first.iter("nav") if nav.get("aria-label") == "Kinds" for a in nav.iter("a")]
    assert kinds[:2] == ["People", "Places"]
    assert all(len([li for li in tree(p).iter("li") if "explainer" in text(li)]) <= 4 for p in pages)
    # An entity's own list of explainers is paginated too: Kabul is named in all 30.
    assert (thirty / "entities/kabul/page/3/index.html").is_file() and not (thirty / "entities/kabul/page/4").exists()


def test_kinds_are_written_as_the_site_writes_them(site_root):
    """The kind on an entity page is also the search's "kind of page" filter: one spelling, the site's."""
    write(site_root / "content/articles/board.md", """
        ---
        title: Water rules
        date: 2022-04-02
        ---
        The Harbor City Water Board met on Tuesday.
        """)
    write(site_root / "content/entities/harbor-city-water-board.md", """
        ---
        name: Harbor City Water Board
        kind: organization
        description: The city's water regulator
        ---
        """)
    build(load_settings(site_root))
    shown = {text(p) for page in (site_root / "site/entities").glob("*/index.html")
             for p in tree(page).iter("p") if p.get("class") == "kind"}
    assert "Organisation" in shown and "Organization" not in shown, shown


@pytest.mark.parametrize("name, kind, shown", [
    ("Sergei Lavrov", "person", "Lavrov, Sergei"),
    ("Ursula von der Leyen", "person", "von der Leyen, Ursula"),
    ("Martin Luther King Jr.", "person", "King, Martin Luther Jr."),
    ("Madonna", "person", "Madonna"),
    ("Xi Jinping", "person", "Xi Jinping"),
    ("The Hague", "place", "The Hague"),
])
def test_people_are_filed_by_surname(name, kind, shown):
    assert filed_name(name, kind)[0] == shown
    assert filed_name("The Hague", "place")[1] == "hague"


def test_topics_list_each_topic_with_its_explainers(site_root):
    write(site_root / "content/backgrounds/afghanistan.md", """
        ---
        title: Afghanistan
        summary: A country in South Asia.
        triggers: [kabul]
        ---
        """)
    write(site_root / "content/entities/kabul.md", "---\nname: Kabul\nkind: place\n---\n")
    write(site_root / "content/articles/kabul-story.md", """
        ---
        title: Waiting in Kabul
        date: 2022-04-02
        ---
        Officials in Kabul waited for news.
        """)
    build(load_settings(site_root))
    topics = text(tree(site_root / "site/backgrounds/index.html"))
    assert "Afghanistan" in topics and "1 explainer, the latest: Waiting in Kabul" in topics
    home = text(tree(site_root / "site/index.html"))
    assert "Topics in the news Afghanistan 1 recent explainer" in home


def test_page_size_must_be_a_positive_number(site_root, capsys):
    (site_root / "explainer.toml").write_text('title = "T"\npage_size = 0\n', encoding="utf-8")
    assert main(["build", "--site", str(site_root)]) == 1
    assert capsys.readouterr().err.strip().endswith("explainer.toml:2: setting 'page_size' must be at least 1, not 0")


# --- what an article page adds ------------------------------------------------------------

def test_lead_image_figure_social_preview_and_the_file_beside_the_article(site_root):
    (site_root / "content/articles/kabul.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    write(site_root / "content/articles/with-image.md", """
        ---
        title: A story with a picture
        date: 2022-04-01
        image:
          src: kabul.jpg
          alt: A street in Kabul at dawn
          caption: Kabul on the morning of the talks.
          credit: Jane Doe / Agency
        ---
        Sergei Lavrov spoke.

        ![A map of the region](kabul.jpg "Where the talks were held")

        ## First part

        Text.

        ## Second part

        More text.
        """)
    (site_root / "explainer.toml").write_text('base_url = "https://example.org/repo/"\n', encoding="utf-8")
    build(load_settings(site_root))
    out = site_root / "site"
    assert (out / "media/kabul.jpg").read_bytes() == b"\xff\xd8\xff not really a jpeg"
    page = tree(out / "a-story-with-a-picture/index.html" if (out / "a-story-with-a-picture").exists()
                else out / "with-image/index.html")
    figures = list(page.iter("figure"))
    lead = figures[0]
    img = next(lead.iter("img"))
    assert img.get("src") == "/repo/media/kabul.jpg" and img.get("alt") == "A street in Kabul at dawn"
    assert text(next(lead.iter("figcaption"))) == "Kabul on the morning of the talks. Jane Doe / Agency"
    inline = figures[1]
    assert next(inline.iter("img")).get("alt") == "A map of the region"
    assert text(next(inline.iter("figcaption"))) == "Where the talks were held"
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.iter("meta")}
    assert meta["og:image"] == "https://example.org/repo/media/kabul.jpg"
    assert meta["twitter:card"] == "summary_large_image" and meta["og:image:alt"] == "A street in Kabul at dawn"
    contents = next(n for n in page.iter("nav") if n.get("aria-labelledby") == "contents-title")
    assert [a.get("href") for a in contents.iter("a")] == ["#h-first-part", "#h-second-part"]
    assert "1 min read" in text(page)


def test_one_heading_gets_no_table_of_contents_and_no_image_keeps_a_small_card(site_root):
    build(load_settings(site_root))
    page = tree(site_root / "site/test-story/index.html")
    assert not [n for n in page.iter("nav") if n.get("aria-labelledby") == "contents-title"]
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.iter("meta")}
    assert meta["twitter:card"] == "summary" and "og:image" not in meta


def test_related_explainers_share_the_most_entities_newest_first(site_root):
    write(site_root / "content/entities/wang-yi.md", "---\nname: Wang Yi\nkind: person\naliases: [Wang]\n---\n")
    for slug, day, body in [
        ("both-old", "2022-01-01", "Sergei Lavrov met Wang Yi in Huangshan."),
        ("both-new", "2022-02-01", "Sergei Lavrov and Wang Yi spoke in Huangshan again."),
        ("one", "2022-02-15", "Sergei Lavrov flew home."),
        ("none", "2022-03-01", "Nothing happened in Paris."),
    ]:
        write(site_root / f"content/articles/{slug}.md", f"---\ntitle: Story {slug}\ndate: {day}\n---\n{body}\n")
    build(load_settings(site_root))
    page = tree(site_root / "site/both-old/index.html")
    section = next(s for s in page.iter("section") if s.get("class") == "related")
    shown = [text(a) for a in section.iter("a")]
    assert shown == ["A test story", "Story one", "Story both-new"]  # every story sharing a name, newest first


@pytest.mark.parametrize("image, message", [
    ("image: kabul.jpg", "'image' needs alt text"),
    ("image:\n  src: kabul.jpg", "'image' lacks 'alt:'"),
    ("image:\n  src: missing.jpg\n  alt: A", "image file 'missing.jpg' is not in content/articles"),
    ("image:\n  src: kabul.jpg\n  alt: A\n  captoin: typo", "'image' has no field 'captoin'"),
    ("image:\n  alt: A", "'image' lacks 'src:'"),
    ("image:\n  src: kabul.jpg\n  alt: [a, b]", "'image: alt' must be text"),
])
def test_a_bad_lead_image_is_one_located_line(site_root, capsys, image, message):
    (site_root / "content/articles/kabul.jpg").write_bytes(b"jpeg")
    write(site_root / "content/articles/bad.md", f"---\ntitle: T\ndate: 2022-01-01\n{image}\n---\nText.\n")
    assert main(["build", "--site", str(site_root)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("content/articles/bad.md:4: ") and message in err and "\n" not in err

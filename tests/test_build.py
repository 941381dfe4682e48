"""The whole pipeline: content/ in, a complete site/ out, swapped in only when everything worked."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import html5lib
import pytest

from explainer.build import build
from explainer.cli import main
from explainer.config import load_settings
from explainer.errors import BuildError
from tests.conftest import write


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def html_pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def links_of(page: Path) -> list[str]:
    """Every href and src in a page, found by parsing it."""
    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    return [el.get(attr) for el in tree.iter() for attr in ("href", "src") if el.get(attr) is not None]


def test_build_writes_every_page(site_root):
    report = build(load_settings(site_root))
    out = site_root / "site"
    for page in ("index.html", "test-story/index.html", "404.html", "feed.xml", "robots.txt",
                 "static/style.css", "static/explainer.js", "static/favicon.svg", "entities/sergei-lavrov/index.html"):
        assert (out / page).is_file(), page
    assert not (out / "sitemap.xml").exists()  # base_url has no host: a sitemap needs absolute URLs
    story = (out / "test-story/index.html").read_text()
    assert "A test story" in story and "What happened, briefly." in story and "30 March 2022" in story
    assert "landed in" in story
    assert report.articles == 1
    assert "built 1 explainer in" in report.summary()


def test_entity_page_lists_what_the_entity_said_and_follows_edits(site_root):
    build(load_settings(site_root, jobs=1))
    page = (site_root / "site/entities/sergei-lavrov/index.html").read_text(encoding="utf-8")
    said = page.split("What Sergei Lavrov said", 1)[1].split("Explainers that mention", 1)[0]
    assert "<q>We will move towards a multipolar world order,</q>" in said or \
        "<q>We will move towards a multipolar world order</q>" in said
    quote_id = said.split('href="../../test-story/#', 1)[1].split('"', 1)[0]
    story = (site_root / "site/test-story/index.html").read_text(encoding="utf-8")
    assert f'id="{quote_id}"' in story  # the link lands on the quote in the story
    article = site_root / "content/articles/test-story.md"
    article.write_text(article.read_text(encoding="utf-8").replace("multipolar world order", "fairer world"),
                       encoding="utf-8")
    build(load_settings(site_root, jobs=1))
    page = (site_root / "site/entities/sergei-lavrov/index.html").read_text(encoding="utf-8")
    assert "fairer world" in page and "multipolar" not in page


def test_a_pinned_speaker_the_story_never_names_links_to_the_entity_page(site_root):
    write(site_root / "content/entities/ann-cole.md", "---\nname: Ann Cole\nkind: person\nrole: mayor\n---\n")
    article = site_root / "content/articles/test-story.md"
    article.write_text(article.read_text(encoding="utf-8") + '\n["The bridge opens in June,"]{speaker=ann-cole} '
                       'a statement said.\n', encoding="utf-8")
    build(load_settings(site_root, jobs=1))
    story = (site_root / "site/test-story/index.html").read_text(encoding="utf-8")
    card = story.split('id="s-ann-cole"', 1)[1].split("</li>", 1)[0]
    assert '<a href="../entities/ann-cole/">Ann Cole</a>' in card and "mayor" in card
    assert ' speaker="' not in story  # the pin itself never reaches the reader's HTML (data-speaker does)
    page = (site_root / "site/entities/ann-cole/index.html").read_text(encoding="utf-8")
    assert "What Ann Cole said" in page and "The bridge opens in June" in page


def test_a_card_for_an_unnamed_speaker_starts_with_a_capital(site_root):
    article = site_root / "content/articles/test-story.md"
    article.write_text(article.read_text(encoding="utf-8") + '\nThe report said the plan was "deeply flawed."\n',
                       encoding="utf-8")
    build(load_settings(site_root, jobs=1))
    story = (site_root / "site/test-story/index.html").read_text(encoding="utf-8")
    assert '<li class="speaker-card" id="s-report">\n      <h3>Report</h3>' in story


def test_index_lists_newest_first(site_root):
    write(site_root / "content/articles/older.md", "---\ntitle: The older one\ndate: 2020-01-01\n---\nText.\n")
    build(load_settings(site_root))
    index = (site_root / "site/index.html").read_text()
    assert index.index("A test story") < index.index("The older one")


def test_failed_build_leaves_previous_site_whole(site_root, capsys):
    build(load_settings(site_root))
    before = snapshot(site_root / "site")
    story = site_root / "content/articles/test-story.md"
    story.write_text(story.read_text().replace("title: A test story", "title: [broken"))
    assert main(["build", "--site", str(site_root)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("content/articles/test-story.md:2: ")
    assert "\n" not in err and "Traceback" not in err
    assert snapshot(site_root / "site") == before
    assert not [p for p in site_root.iterdir() if p.name.startswith(".site-")]


def test_deleted_article_does_not_linger(site_root):
    extra = write(site_root / "content/articles/gone.md", "---\ntitle: Gone soon\ndate: 2021-01-01\n---\nText.\n")
    build(load_settings(site_root))
    assert (site_root / "site/gone/index.html").exists()
    extra.unlink()
    build(load_settings(site_root))
    assert not (site_root / "site/gone").exists()


def test_drafts_only_with_flag(site_root):
    write(site_root / "content/articles/wip.md", "---\ntitle: Not yet\ndate: 2021-01-01\ndraft: true\n---\nText.\n")
    build(load_settings(site_root))
    assert not (site_root / "site/wip").exists()
    assert "Not yet" not in (site_root / "site/index.html").read_text()
    build(load_settings(site_root, drafts=True))
    assert (site_root / "site/wip/index.html").exists()


@pytest.mark.parametrize("base", ["https://example.org/sub/", "/sub/"])
def test_every_link_honours_base_url(site_root, base):
    build(load_settings(site_root, base_url=base))
    internal_prefixes = ("/sub/", "https://example.org/sub/")
    checked = 0
    for page in html_pages(site_root / "site"):
        # Where the page is served: a relative link (base_url without a host) must resolve under /sub/ too.
        served = "https://example.org/sub/" + page.relative_to(site_root / "site").as_posix()
        for link in links_of(page):
            parts = urlsplit(link)
            if link.startswith("#") or (parts.scheme in ("http", "https") and parts.netloc != "example.org"):
                continue
            if base.startswith("/") and page.name != "404.html":
                assert not link.startswith("/"), f"{page.name}: {link} is not relative"
                link = urljoin(served, link)
            assert link.startswith(internal_prefixes), f"{page.name}: {link}"
            checked += 1
    assert checked > 10
    for name in ("feed.xml", "sitemap.xml") if base.startswith("https:") else ("feed.xml",):
        text = (site_root / "site" / name).read_text()
        assert "/sub/test-story/" in text


def test_raw_html_is_escaped_unless_allowed(site_root):
    write(site_root / "content/articles/html.md", "---\ntitle: H\ndate: 2021-01-01\n---\nA <b>bold</b> claim.\n")
    build(load_settings(site_root))
    page = (site_root / "site/html/index.html").read_text()
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    build(load_settings(site_root, allow_html=True))
    assert "<b>bold</b>" in (site_root / "site/html/index.html").read_text()


def test_template_error_is_located(site_root, capsys):
    build(load_settings(site_root))
    before = snapshot(site_root / "site")
    (site_root / "templates/index.html").write_text("{% extends 'base.html' %}\n{% block main %}\n{% if %}\n")
    assert main(["build", "--site", str(site_root)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("index.html:3: template error: Expected an expression, got 'end of statement block'")
    assert snapshot(site_root / "site") == before


def test_new_scaffolds_a_dated_draft(site_root):
    assert main(["new", "Why it matters", "--site", str(site_root)]) == 0
    path = site_root / "content/articles/why-it-matters.md"
    text = path.read_text()
    assert "title: Why it matters" in text and "draft: true" in text
    assert main(["new", "Why it matters", "--site", str(site_root)]) == 1


def test_not_found_page_is_not_indexed(site_root):
    build(load_settings(site_root))
    tree = html5lib.parse((site_root / "site/404.html").read_bytes(), namespaceHTMLElements=False)
    robots = [m.get("content") for m in tree.iter("meta") if m.get("name") == "robots"]
    assert robots == ["noindex"]
    story = html5lib.parse((site_root / "site/test-story/index.html").read_bytes(), namespaceHTMLElements=False)
    assert not [m for m in story.iter("meta") if m.get("name") == "robots"]


@pytest.mark.parametrize("path", ["../escape.html", "a/../../escape.html", "/etc/escape.html", "a//b.html", "c:x.html"])
def test_no_page_path_can_write_outside_the_output_folder(tmp_path, path):
    from explainer.pages.environment import Page
    from explainer.write import update_site, write_site

    output = tmp_path / "site"
    output.mkdir()
    for write_pages in (lambda: write_site([Page(path, "x")], [], {}, output),
                        lambda: update_site([Page(path, "x")], [], output)):
        with pytest.raises(BuildError):
            write_pages()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["site"]


def test_a_speaker_found_through_she_a_surname_or_a_role_links_to_the_entity(site_root):
    write(site_root / "content/entities/ann-cole.md", "---\nname: Ann Cole\nkind: person\nrole: mayor\n---\n")
    article = site_root / "content/articles/test-story.md"
    article.write_text(article.read_text(encoding="utf-8") + '\nMayor Ann Cole toured the harbor on Monday.\n\n'
                       '"The bridge opens in June," she said.\n\n"The ferry stays," Cole added.\n\n'
                       '"We have the money," the mayor said.\n', encoding="utf-8")
    build(load_settings(site_root, jobs=1))
    story = (site_root / "site/test-story/index.html").read_text(encoding="utf-8")
    assert story.count('id="s-ann-cole"') == 1  # one card for Ann Cole, however the story names her
    card = story.split('id="s-ann-cole"', 1)[1].split("</li>", 1)[0]
    assert '<a href="#e-ann-cole">Ann Cole</a>' in card  # to her glossary entry, which links her page
    page = (site_root / "site/entities/ann-cole/index.html").read_text(encoding="utf-8")
    said = page.split("What Ann Cole said", 1)[1]
    assert "The bridge opens in June" in said and "The ferry stays" in said and "We have the money" in said

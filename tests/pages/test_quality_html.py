"""Every page of the built seed site is valid HTML by the Nu Html Checker (vnu-jar, run with Java)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from explainer.build import build
from explainer.config import load_settings
from explainer.scaffold import init_site
from tests.conftest import small_site, write
from tests.quality_support import VNU_JAR, need_java_and_vnu, seed_output


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    return seed_output(tmp_path_factory)


def test_every_page_passes_the_nu_html_checker(seed_site):
    pages = sorted(seed_site.rglob("*.html"))
    # The index, the article, 404, the topic page and one page per entity; search, the A-Z and its page 2, tags.
    assert len(pages) >= 5 + 15
    for path in ("search/index.html", "entities/index.html", "entities/page/2/index.html", "tags/index.html",
                 "tags/russia/index.html", "backgrounds/index.html"):
        assert seed_site / path in pages
    check(pages)


def test_lists_figures_and_contents_pass_the_nu_html_checker(tmp_path):
    """A site of a few invented explainers, one a page: home page 2, a tag's page 2, figures, a contents list."""
    root = small_site(tmp_path / "site-root")
    (root / "content/articles/picture.jpg").write_bytes(b"jpeg")
    for n in range(3):
        write(root / f"content/articles/story-{n}.md", f"""
            ---
            title: Story {n}
            date: 2022-04-0{n + 1}
            tags: [russia]
            image:
              src: picture.jpg
              alt: A picture
              caption: A caption.
              credit: A credit
            ---
            Sergei Lavrov spoke on day {n}.

            ## A first part

            ![A map](picture.jpg "The map's caption")

            ## A second part

            Text.
            """)
    build(load_settings(root, page_size=1))
    site = root / "site"
    pages = sorted(site.rglob("*.html"))
    assert site / "page/2/index.html" in pages and site / "tags/russia/page/3/index.html" in pages
    check(pages)


def check(pages: list[Path]) -> None:
    """Run the Nu Html Checker over ``pages``; no error allowed."""
    java = need_java_and_vnu()
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, pages)],
        capture_output=True, text=True, check=False,
    )
    report = json.loads(result.stdout)
    errors = [
        f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("base_url", [None, "https://example.org/news/"])
def test_a_new_site_from_init_passes_the_nu_html_checker(tmp_path, base_url):
    """`explainer init` + `explainer build`, as published and as built locally (relative links, no canonical)."""
    java = need_java_and_vnu()
    root = tmp_path / "my-site"
    init_site(root)
    write(root / "content/articles/a-draft.md", "---\ntitle: A draft\ndate: 2024-06-01\ndraft: true\n---\n"
                                                 'It is "not" done.\n')
    build(load_settings(root, base_url=base_url, drafts=True))  # the draft banner is checked too
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) >= 6
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, pages)],
                            capture_output=True, text=True, check=False)
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
              for m in json.loads(result.stdout)["messages"] if m["type"] in ("error", "non-document-error")]
    assert errors == [], "\n".join(errors)

"""Likely mistakes are never silent: typo'd keys, tabs, empty stories, unsafe links, raw HTML, no host."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import html5lib
import pytest
from hypothesis import given, settings as hsettings, strategies as st
from rapidfuzz.distance import OSA

from explainer.build import build
from explainer.cli import main
from explainer.config import load_settings, nearest
from explainer.content.load import ARTICLE_FIELDS, ENTITY_FIELDS, load_article, load_site
from explainer.content.markdown import markup_problems
from explainer.content.rawhtml import sanitize
from explainer.errors import BuildError
from explainer.model import Article
from tests.conftest import write


def story(root: Path, front: str, body: str = "A story.\n", name: str = "one.md") -> Path:
    return write(root / "content/articles" / name, f"---\ntitle: One\ndate: 2024-01-02\n{front}---\n{body}")


def problems_of(root: Path) -> list[str]:
    try:
        return [str(p) for p in load_site(root / "content", root)[1]]
    except BuildError as exc:
        return [str(p) for p in exc.problems]


def test_a_typod_draft_is_an_error_not_a_published_draft(tmp_path):
    story(tmp_path, "darft: true\n")
    assert problems_of(tmp_path) == ["content/articles/one.md:4: unknown field 'darft'; did you mean 'draft'?"]


def test_other_unknown_fields_go_to_templates(tmp_path):
    path = story(tmp_path, "colour: red\nsection: world\n")
    assert load_article(path, path).extra == {"colour": "red", "section": "world"}


def test_a_typod_entity_field_is_an_error(tmp_path):
    write(tmp_path / "content/entities/ann-cole.md", "---\nname: Ann Cole\nalaises: [Cole]\n---\n")
    assert problems_of(tmp_path) == ["content/entities/ann-cole.md:3: unknown field 'alaises'; did you mean 'aliases'?"]


@hsettings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted({*ARTICLE_FIELDS, *ENTITY_FIELDS})), st.data())
def test_one_letter_off_a_field_names_it(field, data):
    """Any field with two neighbouring letters swapped (or one doubled) is taken for that field."""
    i = data.draw(st.integers(1, len(field) - 2))
    typo = data.draw(st.sampled_from([field[:i] + field[i + 1] + field[i] + field[i + 2:],
                                      field[:i] + field[i] + field[i:]]))
    known = ARTICLE_FIELDS if field in ARTICLE_FIELDS else ENTITY_FIELDS
    if typo != field:
        # 'rolse' is one edit from both 'roles' and 'role': either is a fair guess.
        assert nearest(typo, known) in {k for k in known if OSA.distance(typo, k) <= 1}
        assert field in {k for k in known if OSA.distance(typo, k) <= 1}


def test_an_unknown_setting_names_the_nearest(tmp_path, capsys):
    (tmp_path / "explainer.toml").write_text('title = "T"\nbase_ulr = "/x/"\n')
    assert main(["build", "--site", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip().endswith("explainer.toml:2: unknown setting 'base_ulr'; "
                                                     "did you mean 'base_url'?")


def test_a_tab_in_a_yaml_list_is_named(tmp_path):
    story(tmp_path, "tags:\n  - a\n\t- b\n")
    [message] = problems_of(tmp_path)
    assert message.startswith("content/articles/one.md:6: ") and "tab" in message


def test_an_empty_story_warns(tmp_path):
    story(tmp_path, "", body="\n  \n")
    assert problems_of(tmp_path) == ["content/articles/one.md:4: warning: the story is empty: nothing follows the "
                                     "front matter"]


def article_of(body: str) -> Article:
    source = f"---\ntitle: T\ndate: 2024-01-02\n---\n{body}"
    return Article(Path("a.md"), source, "a", "T", dt.date(2024, 1, 2), body, source.index(body), 5)


def test_an_unsafe_link_warns_at_its_line():
    found = [str(p) for p in markup_problems(article_of("Fine.\n\nSee [this](javascript:alert(1)) now.\n"))]
    assert found == ["a.md:7: warning: link to 'javascript:alert(1)' removed (its text is kept): URL scheme "
                     "'javascript:' is not allowed; use an http(s) link"]


def test_raw_html_shown_as_text_warns():
    found = [str(p) for p in markup_problems(article_of("A <b>bold</b> claim.\n"))]
    assert found == ["a.md:5: warning: raw HTML '<b>' is shown as text; set allow_html = true in explainer.toml "
                     "to let safe HTML through"]


def test_raw_html_cut_by_the_sanitiser_warns():
    found = " ".join(str(p) for p in markup_problems(
        article_of('<p onclick="x()">Hi</p>\n\n<script>alert(1)</script>\n'), allow_html=True))
    assert "a.md:5: warning: raw HTML: the onclick= attribute of <p> is removed" in found
    assert "a.md:7: warning: raw HTML: <script> is removed" in found


def test_allow_html_never_lets_a_script_through(tmp_path):
    (tmp_path / "explainer.toml").write_text("allow_html = true\n")
    story(tmp_path, "", body=('A <b onmouseover="alert(1)">bold</b> <a href="javascript:alert(2)">link</a>'
                              ' <em>kept</em>.\n\n<script>alert(3)</script>\n\n<div style="color:red">'
                              '<img src="x" onerror="alert(4)"> <iframe src="https://e.org"></iframe></div>\n'))
    report = build(load_settings(tmp_path))
    body = html5lib.parse((tmp_path / "site/one/index.html").read_bytes(), namespaceHTMLElements=False)
    body = next(d for d in body.iter("div") if d.get("class") == "body")
    tags = {el.tag for el in body.iter()}
    assert {"b", "em", "div", "img"} <= tags and not tags & {"script", "iframe"}
    attributes = {name for el in body.iter() for name in el.attrib}
    assert not [a for a in attributes if a.startswith("on") or a == "style"], attributes
    assert all(not (a.get("href") or "").startswith("javascript") for a in body.iter("a"))
    assert "alert(3)" not in "".join(body.itertext())
    assert sum("raw HTML:" in p.message for p in report.warnings) >= 5


def test_sanitize_keeps_what_the_readme_says():
    kept = '<p class="x" lang="fr"><a href="https://e.org" hreflang="fr">a</a> <q cite="https://e.org">q</q></p>'
    assert sanitize(kept) == kept


def test_without_a_host_a_build_warns_once_and_writes_no_relative_absolutes(tmp_path):
    story(tmp_path, "")
    report = build(load_settings(tmp_path))
    assert [p.message.split(",")[0] for p in report.warnings] == ["base_url '/' has no host"]
    page = (tmp_path / "site/one/index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and "og:url" not in page and '"url"' not in page
    assert not (tmp_path / "site/sitemap.xml").exists()
    assert "Sitemap:" not in (tmp_path / "site/robots.txt").read_text()
    with pytest.raises(BuildError):
        build(load_settings(tmp_path, strict=True))


def test_with_a_host_every_absolute_url_is_absolute(tmp_path):
    story(tmp_path, "")
    report = build(load_settings(tmp_path, base_url="https://example.org/news/"))
    assert report.warnings == ()
    page = (tmp_path / "site/one/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/news/one/">' in page
    assert '<meta property="og:url" content="https://example.org/news/one/">' in page
    assert "<loc>https://example.org/news/one/</loc>" in (tmp_path / "site/sitemap.xml").read_text()
    assert "Sitemap: https://example.org/news/sitemap.xml" in (tmp_path / "site/robots.txt").read_text()


def test_the_preview_never_warns_about_the_host(tmp_path):
    story(tmp_path, "")
    report = build(load_settings(tmp_path, preview=True))
    assert report.warnings == ()


def test_quotes_are_curly_in_the_story_as_in_the_cards_but_not_in_code(tmp_path):
    story(tmp_path, "dek: It's \"done\"\n", body='"We won," she said. It\'s `"code"` here.\n')
    page = (tmp_path / "site/one/index.html") if build(load_settings(tmp_path)) else None
    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    body = next(d for d in tree.iter("div") if d.get("class") == "body")
    text = "".join(body.itertext())
    assert "“We won,” she said. It’s" in text and '"code"' in text
    assert "It’s “done”" in "".join(next(p for p in tree.iter("p") if p.get("class") == "dek").itertext())

"""Whatever editors do between builds, the incremental site equals a site built from scratch."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.build import build, finish_index
from explainer.config import load_settings
from explainer.memo import Session
from tests.conftest import add_stories, site_files, small_site, write

SENTENCES = [
    "Wang Yi met Sergei Lavrov in Beijing on Tuesday.",
    '"The talks went well," Lavrov said.',
    '"We will meet again in May," Lavrov said.',
    "Officials in Kabul waited for news.",
    "Nothing else happened.",
]

edits = st.one_of(
    st.tuples(st.just("text"), st.integers(0, 9), st.sampled_from(SENTENCES)),
    st.tuples(st.just("title"), st.integers(0, 9), st.sampled_from(["Talks", "A new headline", "Kabul waits"])),
    st.tuples(st.just("date"), st.integers(0, 9), st.integers(1, 28)),
    st.tuples(st.just("add"), st.integers(0, 9), st.sampled_from(SENTENCES)),
    st.tuples(st.just("delete"), st.integers(0, 9), st.none()),
    st.tuples(st.just("cut"), st.integers(0, 9), st.none()),
    st.tuples(st.just("draft"), st.integers(0, 9), st.none()),
    st.tuples(st.just("template"), st.integers(0, 9), st.none()),
    st.tuples(st.just("knowledge"), st.integers(0, 9), st.none()),
    st.tuples(st.just("tags"), st.integers(0, 9), st.sampled_from([[], ["russia"], ["china", "russia"], ["Kabul"]])),
    st.tuples(st.just("image"), st.integers(0, 9), st.sampled_from([b"first picture", b"second, longer picture"])),
)


def apply(root: Path, edit: tuple) -> None:
    """Make one editor's change to the site at ``root``."""
    kind, n, value = edit
    articles = sorted((root / "content/articles").glob("*.md"))
    if kind == "add" or not articles:
        write(root / f"content/articles/added-{len(articles)}-{n}.md",
              f"---\ntitle: Added {n}\ndate: 2022-04-{n + 1:02d}\n---\n{value or SENTENCES[0]}\n")
        return
    path = articles[n % len(articles)]
    text = path.read_text(encoding="utf-8")
    if kind == "text":
        path.write_text(text + f"\n{value}\n", encoding="utf-8")
    elif kind == "title":
        path.write_text(re.sub(r"(?m)^title: .*$", f"title: {value}", text, count=1), encoding="utf-8")
    elif kind == "date":
        path.write_text(re.sub(r"(?m)^date: .*$", f"date: 2022-03-{value:02d}", text, count=1), encoding="utf-8")
    elif kind == "delete":
        path.unlink()
    elif kind == "cut":  # the last paragraph goes, and with it whoever only it named
        head, body = text.rsplit("---\n", 1)
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        path.write_text(head + "---\n" + "\n\n".join(paragraphs[:-1] or ["Nothing else happened."]) + "\n",
                        encoding="utf-8")
    elif kind == "draft":
        path.write_text(text.replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    elif kind == "template":
        index = root / "templates/index.html"
        index.write_text(index.read_text(encoding="utf-8") + f"{{# edit {n} #}}\n", encoding="utf-8")
    elif kind == "tags":
        text = re.sub(r"(?m)^tags: .*\n", "", text)
        path.write_text(text.replace("---\n", f"---\ntags: [{', '.join(value)}]\n", 1), encoding="utf-8")
    elif kind == "image":  # a picture beside the articles: its bytes change, and an article takes it as lead
        (root / "content/articles/picture.jpg").write_bytes(value)
        if "image:" not in text:
            path.write_text(text.replace("---\n", "---\nimage:\n  src: picture.jpg\n  alt: A picture\n", 1),
                            encoding="utf-8")
    elif kind == "knowledge":
        entry = root / "content/entities/sergei-lavrov.md"
        entry.write_text(entry.read_text(encoding="utf-8").replace("A note.", f"A note, revised {n} times."),
                         encoding="utf-8")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=4))
def test_any_edits_then_build_give_the_site_a_clean_build_gives(steps):
    with tempfile.TemporaryDirectory() as tmp:
        root = small_site(Path(tmp) / "site-root")
        build(load_settings(root, jobs=1))
        for step in steps:
            apply(root, step)
            build(load_settings(root, jobs=1))
        incremental = site_files(root)
        build(load_settings(root, jobs=1, cache=False))
        assert site_files(root) == incremental


def live_session_then_clean(root: Path, steps: list[tuple]) -> None:
    """Build ``root`` as ``explainer serve`` does after each edit, then assert a clean build gives the same site."""
    write(root / "explainer.toml", "page_size = 2\nindex_page_size = 3\n")  # lists of several pages
    session = Session.of(load_settings(root, jobs=1), live=True)
    build(load_settings(root, jobs=1), session=session)
    for step in steps:
        apply(root, step)
        build(load_settings(root, jobs=1), session=session, index_later=True)
        finish_index(load_settings(root, jobs=1), session)
    incremental = site_files(root)
    build(load_settings(root, jobs=1, cache=False))
    assert site_files(root) == incremental


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=5))
def test_edits_built_by_one_live_session_give_the_site_a_clean_build_gives(steps):
    # As ``explainer serve`` builds: one session for every build, keeping the listings and pages it planned.
    with tempfile.TemporaryDirectory() as tmp:
        live_session_then_clean(small_site(Path(tmp) / "site-root"), steps)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=4))
def test_a_live_session_on_a_larger_site_keeps_only_what_an_edit_leaves_alone(steps):
    # With a dozen stories one edit changes few of them, so the plan keeps the entity pages and A-Z entries of
    # everyone the edited story does not name (pages.entity.named_entities) instead of making them all again.
    with tempfile.TemporaryDirectory() as tmp:
        root = small_site(Path(tmp) / "site-root")
        add_stories(root, 12)
        live_session_then_clean(root, steps)

"""What the speed work must not change: warm builds skip spaCy, workers agree, edits stay local."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from explainer import cli
from explainer.annotate import runner
from explainer.annotate.keys import annotation_keys, kb_fingerprint
from explainer.annotate.service import prepare_article
from explainer.build import build
from explainer.annotate.cache import AnnotationCache
from explainer.config import load_settings
from explainer.content.load import load_site
from tests.conftest import REPO, add_stories, site_files, write


WARM_BUILD = """
import sys
from explainer.cli import main
status = main(["build", "--site", sys.argv[1]])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc", "torch"))
print("HEAVY", heavy)
sys.exit(status)
"""


def run_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WARM_BUILD, str(root)], capture_output=True, text=True,
                          cwd=REPO, timeout=600)


def test_second_build_annotates_nothing_and_never_imports_spacy(site_root):
    first = run_build(site_root)
    assert first.returncode == 0, first.stderr
    assert "(1 annotated, 0 cached)" in first.stdout
    second = run_build(site_root)
    assert second.returncode == 0, second.stderr
    assert "(0 annotated, 1 cached)" in second.stdout
    assert "HEAVY []" in second.stdout


def test_one_changed_article_re_annotates_one(site_root):
    add_stories(site_root, 3)
    assert build(load_settings(site_root)).annotated == 4
    story = site_root / "content/articles/story-1.md"
    story.write_text(story.read_text().replace("Wednesday", "Thursday"))
    report = build(load_settings(site_root))
    assert (report.annotated, report.cached) == (1, 3)
    assert "Thursday" in (site_root / "site/story-1/index.html").read_text()


def annotations(root: Path, jobs: int) -> list:
    site, _ = load_site(root / "content", root)
    keys = annotation_keys(site.articles, site.entities, "en_core_web_sm")
    results, stats = runner.annotate_missing(site.articles, keys, site.entities, "en_core_web_sm",
                                             AnnotationCache(None), jobs)
    assert stats.annotated == len(site.articles)
    return [results[k] for k in keys]


def test_two_workers_give_the_same_annotations_as_one(site_root):
    add_stories(site_root, 5)
    assert annotations(site_root, 2) == annotations(site_root, 1)


def test_batched_parsing_gives_what_annotate_article_gives(site_root):
    """The runner parses a chunk of articles in one nlp.pipe call; the result must not depend on it."""
    add_stories(site_root, 3)
    site, _ = load_site(site_root / "content", site_root)
    runner._init_worker("en_core_web_sm", site.entities, kb_fingerprint(site.entities), False)
    one_by_one = [runner._worker["annotator"].annotate(a) for a in site.articles]
    assert runner.annotate_chunk(site.articles) == one_by_one
    # The masked re-parses are foreseen (else they are parsed one article at a time: right, but slower).
    assert all(runner._masked_texts(a, prepare_article(a)) for a in site.articles if a.path.name.startswith("story-"))
    assert any(a.quotes and a.speakers for a, _ in one_by_one)


def test_build_output_is_the_same_with_jobs_1_and_2(site_root):
    add_stories(site_root, 4)
    pages = {}
    for jobs in (1, 2):
        build(load_settings(site_root, jobs=jobs, cache=False))
        pages[jobs] = {p.relative_to(site_root / "site"): p.read_bytes()
                       for p in (site_root / "site").rglob("*.html")}
    assert pages[1] == pages[2]


def test_pages_rendered_on_every_core_are_the_pages_one_process_renders(site_root, monkeypatch):
    from explainer import render

    add_stories(site_root, 4)
    build(load_settings(site_root, jobs=1))
    # Pagefind's bundle is left out: its file names vary from run to run for the same pages.
    serial = {p.relative_to(site_root / "site"): p.read_bytes() for p in (site_root / "site").rglob("*")
              if p.is_file() and "pagefind" not in p.relative_to(site_root / "site").parts}
    monkeypatch.setattr(render, "PARALLEL_PAGES", 1)  # the small site renders in forked workers too
    monkeypatch.setattr(render, "SLICE", 3)
    monkeypatch.setattr(render.threading, "active_count", lambda: 1)  # threads other tests of the run left idle
    assert render._workers(2, 100) == 2
    used = []
    real = render._workers
    monkeypatch.setattr(render, "_workers", lambda jobs, pages: used.append(real(jobs, pages)) or used[-1])
    base = site_root / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # every page again
    build(load_settings(site_root, jobs=2))
    base.write_text(base.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    build(load_settings(site_root, jobs=2))
    parallel = {p.relative_to(site_root / "site"): p.read_bytes() for p in (site_root / "site").rglob("*")
                if p.is_file() and "pagefind" not in p.relative_to(site_root / "site").parts}
    assert max(used) == 2  # the pages were rendered by two workers
    assert parallel == serial


QUIET_WORKERS = """
from dataclasses import dataclass
from explainer import render, signals
signals.install()  # as ``explainer build`` does: SIGTERM raises Stopped in the build

@dataclass(frozen=True)
class Plan:
    path: str
    def render(self, annotations):
        return self.path

for _ in range(8):
    pages = list(render.render_pages([Plan(f"p{i}.html") for i in range(render.PARALLEL_PAGES * 2)], {}, jobs=2))
    assert [p.text for p in pages] == [f"p{i}.html" for i in range(render.PARALLEL_PAGES * 2)]
print("rendered")
"""


def test_render_workers_end_without_a_traceback_when_the_pool_closes():
    # The pool ends its workers with SIGTERM; a fork that kept the build's handler printed a
    # Stopped traceback on the build's stderr for a build that went well.
    done = subprocess.run([sys.executable, "-c", QUIET_WORKERS], capture_output=True, text=True, cwd=REPO,
                          timeout=300)
    assert done.returncode == 0 and "rendered" in done.stdout, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "Stopped" not in done.stderr, done.stderr[-2000:]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_only_after_a_second(monkeypatch):
    assert cli._progress(io.StringIO()) is None
    clock = iter([100.0, 100.2, 101.0, 102.0, 103.0])
    monkeypatch.setattr(cli.time, "perf_counter", lambda: next(clock))
    out = Terminal()
    show = cli._progress(out)
    show(10, 50)  # 0.2 s in: nothing yet
    assert out.getvalue() == ""
    show(20, 50)  # 1 s in: 10 annotated in 1 s
    assert "20/50" in out.getvalue() and "10.0/s" in out.getvalue() and "3 s left" in out.getvalue()
    show(50, 50)
    assert out.getvalue().endswith("\n") and "50/50" in out.getvalue()


def test_summary_line_when_not_a_terminal(site_root, capsys):
    assert cli.main(["build", "--site", str(site_root)]) == 0
    out = capsys.readouterr()
    assert out.out.strip().startswith("built 1 explainer in ") and "(1 annotated, 0 cached)" in out.out
    assert "annotating" not in out.err


def test_only_changed_pages_are_rendered_and_the_site_matches_a_clean_build(site_root):

    add_stories(site_root, 3)
    assert build(load_settings(site_root)).rendered == 4
    assert build(load_settings(site_root)).rendered == 0
    story = site_root / "content/articles/story-2.md"
    story.write_text(story.read_text().replace("Huangshan", "Beijing"))
    report = build(load_settings(site_root))
    assert (report.annotated, report.rendered) == (1, 1)
    incremental = site_files(site_root)
    clean = build(load_settings(site_root, cache=False))
    assert (clean.annotated, clean.rendered) == (4, 4)
    assert site_files(site_root) == incremental


def test_template_change_renders_every_page_again(site_root):
    add_stories(site_root, 2)
    build(load_settings(site_root))
    template = site_root / "templates/article.html"
    template.write_text(template.read_text().replace("<article ", "<article data-test=\"yes\" "))
    report = build(load_settings(site_root))
    assert (report.annotated, report.rendered) == (0, 3)
    assert 'data-test="yes"' in (site_root / "site/story-0/index.html").read_text()


def test_page_edited_in_site_is_written_again(site_root):
    build(load_settings(site_root))
    page = site_root / "site/test-story/index.html"
    good = page.read_text()
    page.write_text("tampered")
    build(load_settings(site_root))
    assert page.read_text() == good


def test_title_change_and_removal_reach_every_page_that_lists_the_story(site_root):
    (site_root / "explainer.toml").write_text('base_url = "https://example.org/"\n')  # a host: a sitemap is made
    add_stories(site_root, 3)
    build(load_settings(site_root))
    story = site_root / "content/articles/story-1.md"
    story.write_text(story.read_text().replace("title: Story 1", "title: A new headline"))
    (site_root / "content/articles/story-2.md").unlink()
    report = build(load_settings(site_root))
    # Stories that list it (or listed the deleted one) among their related explainers are rendered again too.
    assert report.annotated == 1 and report.rendered <= 4
    for page in ("index.html", "entities/sergei-lavrov/index.html", "feed.xml", "story-0/index.html"):
        text = (site_root / "site" / page).read_text()
        assert "A new headline" in text and "Story 2" not in text, page
    assert not (site_root / "site/story-2").exists()
    assert "story-2" not in (site_root / "site/sitemap.xml").read_text()
    incremental = site_files(site_root)
    build(load_settings(site_root, cache=False))
    assert site_files(site_root) == incremental


def test_text_edit_leaves_listing_pages_untouched(site_root):
    add_stories(site_root, 2)
    build(load_settings(site_root))
    listing = site_root / "site/entities/sergei-lavrov/index.html"
    before = listing.stat().st_mtime_ns
    story = site_root / "content/articles/story-0.md"
    story.write_text(story.read_text().replace("Wednesday", "Thursday"))
    assert build(load_settings(site_root)).rendered == 1
    assert listing.stat().st_mtime_ns == before
    assert "Thursday" in (site_root / "site/story-0/index.html").read_text()


def test_deleted_static_file_brings_back_the_whole_site(site_root):
    build(load_settings(site_root))
    style = site_root / "site/static/style.css"
    style.unlink()
    build(load_settings(site_root))
    assert style.is_file()


@given(st.lists(st.integers(min_value=0, max_value=50_000), max_size=200), st.integers(min_value=1, max_value=8))
def test_chunks_hand_out_every_article_once_longest_first(lengths, workers):
    # A worker that takes the last chunk should not keep the others waiting: the long stories go first.
    chunks = runner.chunked(len(lengths), workers, lengths)
    flat = [i for chunk in chunks for i in chunk]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths, reverse=True)
    assert all(0 < len(chunk) <= runner.CHUNK_ARTICLES for chunk in chunks)

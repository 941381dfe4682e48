"""``build(settings)``: load, annotate, render, write. Read it top to bottom.

A build remembers what it did in a ``Memo`` (see ``memo.py``: kept in memory
by ``explainer serve``, and in ``.explainer-cache/build-memo.pickle`` between
runs), so the next build does only what changed:

- an annotation is computed only on a cache miss, and read from the cache only
  when a page that shows it must be rendered: the memo keeps what other pages
  need of it (the entities it names, its warnings);
- a page is rendered only when the digest of its inputs changed, or its file
  in ``site/`` is not the one the last build wrote;
- a build that changes a few pages replaces those files; one that changes the
  templates, the settings or explainer itself writes a whole new ``site/``.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from explainer.annotate.cache import AnnotationCache, CachedAnnotations, sweep_temporary
from explainer.annotate.keys import annotation_keys
from explainer.annotate.runner import annotate_missing, prestart, release, stop_model_server
from explainer.annotate.service import Result, with_backgrounds
from explainer.checkpoints import checkpoint
from explainer.config import Settings, publishing_problems
from explainer.content.load import load_site
from explainer.errors import BuildError, Problem, errors_in, unique
from explainer.memo import Memo, Session, Summary, site_fingerprint, summarize
from explainer.model import Annotation, Article, Listing, Site
from explainer.pages.registry import plan_site
from explainer.lock import site_lock
from explainer.render import render_pages
from explainer.search import index_key, make_index
from explainer.write import INDEX_FOLDER, file_stats, index_paths, recover, reindex, update_site, write_site


# Drafts a build names when it leaves them out; --verbose names every one.
DRAFTS_NAMED = 3


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    articles: int
    annotated: int
    cached: int
    files: int  # files written (or linked) into site/
    seconds: float
    warnings: tuple[Problem, ...]
    rendered: int = 0  # article pages rendered (the rest were unchanged)
    drafts: tuple[str, ...] = ()  # the drafts left out, by file
    index_seconds: float = 0.0  # making the search index (0 when no page changed)

    def summary(self, verbose: bool = False) -> str:
        """The summary printed after a build: counts, and the drafts left out (a few by name, or all if ``verbose``)."""
        noun = "explainer" if self.articles == 1 else "explainers"
        index = f", search index {self.index_seconds:.2f} s" if self.index_seconds else ""
        line = (f"built {self.articles} {noun} in {self.seconds:.1f} s "
                f"({self.annotated} annotated, {self.cached} cached){index}")
        if not self.drafts:
            return line
        shown = self.drafts if verbose else self.drafts[:DRAFTS_NAMED]
        more = len(self.drafts) - len(shown)
        names = ", ".join(shown) + (f" and {more} more (--verbose names them all)" if more else "")
        count = f"{len(self.drafts)} draft{'s' if len(self.drafts) > 1 else ''}"
        return f"{line}\nleft out {count}: {names}; explainer serve (or build --drafts) shows them"


def build(settings: Settings, progress: Callable[[int, int], None] | None = None,
          session: Session | None = None, wait: bool = True, index_later: bool = False) -> BuildReport:
    """Build the site; raises BuildError (and leaves ``site/`` as it was) when anything is wrong.

    Builds that share a ``session`` (``explainer serve``) share what they
    learned, so a one-article edit re-annotates and re-renders that one
    article; without one, the build knows what the memo file keeps. One build
    of a site runs at a time, across processes: another waits for the site's
    lock, saying so on stderr, or raises ``lock.Busy`` when not ``wait``.
    ``index_later``: a build that replaces a few pages leaves the search index to
    ``finish_index`` (``explainer serve`` calls it after the browsers reloaded).
    """
    session = session or Session.of(settings)
    with session.lock, site_lock(settings.root / settings.cache_dir, wait, _say) as held:
        for done in recover(settings.output):  # what a killed build left behind
            _say(f"explainer: {done}")
        if held.orphaned:
            sweep_temporary(settings.root / settings.cache_dir)
        return _build(settings, session, progress, index_later)


def finish_index(settings: Settings, session: Session, wait: bool = True) -> float:
    """Make the search index a build left for later, in place; returns the seconds it took (0: nothing due).

    It holds the site's lock as a build does, and installs the index as a committed update (``write.reindex``).
    """
    with session.lock, site_lock(settings.root / settings.cache_dir, wait, _say):
        memo = session.memo
        due = session.index_due
        if memo is None or due is None or not settings.search:
            return 0.0
        for done in recover(settings.output):
            _say(f"explainer: {done}")
        started = time.perf_counter()
        reindex(settings.output, make_index)
        files = index_paths(settings.output)
        pages = {path: key for path, key in memo.pages.items() if not path.startswith(f"{INDEX_FOLDER}/")}
        stats = {path: stat for path, stat in memo.files.items() if not path.startswith(f"{INDEX_FOLDER}/")}
        session.remember(settings, Memo(memo.code, memo.summaries, {**pages, **dict.fromkeys(files, due)},
                                        {**stats, **file_stats(settings.output, files)}), changed=True)
        session.index_due = None
        return time.perf_counter() - started


def _say(line: str) -> None:
    """One line on stderr, at once (the preview's log and a waiting build's terminal)."""
    print(line, file=sys.stderr, flush=True)


class Builder:
    """Builds in one long-lived process (``explainer serve``): one session per site, kept between builds."""

    def __init__(self, wait: bool = True) -> None:
        self.sessions: dict[object, Session] = {}
        self.wait = wait

    def __call__(self, settings: Settings, progress: Callable[[int, int], None] | None = None) -> BuildReport:
        """Build the site, reusing what this process's earlier builds of it learned."""
        fresh = Session.of(settings, live=True)
        return build(settings, progress, self.sessions.setdefault(fresh.memo_path, fresh), self.wait,
                     index_later=True)

    def finish(self, settings: Settings) -> str | None:
        """Bring the search index up to date after a build left it for later; what was done, if anything."""
        session = self.sessions.get(Session.of(settings).memo_path)
        seconds = finish_index(settings, session, self.wait) if session else 0.0
        return f"search index updated in {seconds:.2f} s" if seconds else None


def _build(settings: Settings, session: Session, progress: Callable[[int, int], None] | None,
           index_later: bool = False) -> BuildReport:
    started = time.perf_counter()
    memo = session.recall(settings, site_fingerprint(settings))
    if not memo.summaries and not session.annotations and not _has_cached(settings):
        prestart(settings.spacy_model, settings.jobs)  # a cold build: workers load the model while content is read
    try:
        return _build_with(settings, session, memo, started, progress, index_later)
    finally:
        release()


def _build_with(settings: Settings, session: Session, memo: Memo, started: float,
                progress: Callable[[int, int], None] | None, index_later: bool = False) -> BuildReport:

    # 1. Load every content file (front matter and text; Markdown is parsed only to annotate or render).
    checkpoint("load")
    site, problems = load_site(settings.content, settings.root, session.files)
    articles = [a for a in site.articles if settings.drafts or not a.draft]

    # 2. Annotate what neither the memo nor the cache has.
    # A one-off build with a cache keeps a summary of each annotation, not the annotation: its article pages
    # read theirs back from the cache as they render, so memory does not grow by every article's annotation.
    lean = settings.cache and not session.live
    cache = AnnotationCache(settings.root / settings.cache_dir if settings.cache else None,
                            memory=None if lean else session.annotations)
    keys = annotation_keys(articles, site.entities, settings.spacy_model, f"allow_html={settings.allow_html}")
    by_key = dict(zip(keys, articles))
    unknown = [key for key in keys if not (key in memo.summaries and cache.has(key))]
    checkpoint("annotate")
    fresh, stats = _annotations(unknown, by_key, site, settings, cache, _offset(progress, len(keys) - len(unknown)),
                                summarize if lean else None)
    release()  # workers started for a cold build that found its annotations cached after all
    if not session.live:
        stop_model_server()  # a one-off build: the model's memory is not needed for rendering and indexing
    summaries = {key: memo.summaries.get(key) or (fresh[key] if lean else summarize(fresh[key])) for key in keys}

    # 3. Attach background sidebars; stop here on any error.
    listings, more = _listings(site, articles, keys, summaries, session.listings)
    found = list(unique([*problems, *publishing_problems(settings), *more,
                         *(p for key in keys for p in summaries[key].problems)]))
    if errors_in(found) or (settings.strict and found):
        raise BuildError(errors_in(found) or _as_errors(found))

    # 4. Plan every page; keep those whose inputs and file are unchanged.
    plans = plan_site(site, listings, settings, session.environment(settings), reuse=session.reuse(settings))
    # The search index's files are looked at only when the index may be kept (below): thousands of them.
    on_disk = file_stats(settings.output, [path for path in memo.files if not path.startswith(f"{INDEX_FOLDER}/")])
    kept = {p.path for p in plans if memo.pages.get(p.path) == p.inputs and
            p.path in on_disk and on_disk[p.path] == memo.files[p.path]}
    changed = [p for p in plans if p.path not in kept]

    # 5. Load the annotations the changed pages show, then render them.
    annotations: Mapping[str, Annotation]
    if lean:
        annotations = CachedAnnotations(cache, keys,
                                        lambda key: _annotations([key], by_key, site, settings, cache)[0][key])
    else:
        wanted = [key for key in dict.fromkeys(p.needs for p in changed if p.needs) if key not in fresh]
        fresh.update(_annotations(wanted, by_key, site, settings, cache)[0])
        annotations = {key: annotation for key, (annotation, _) in fresh.items()}
    checkpoint("render")
    pages = render_pages(changed, annotations, settings.jobs)  # rendered as the writer takes them: none held

    # 6. Write: nothing, the few changed files in place (serve), or a whole new site swapped in; the search
    #    index (Pagefind) of the new site is made inside the new folder before the swap, or (serve) as a
    #    committed update after the pages, or left for ``finish_index``.
    static = settings.static_files()
    planned = {p.path for p in plans}
    search_key = index_key(plans) if settings.search else ""
    old_index = {path: key for path, key in memo.pages.items() if path.startswith(f"{INDEX_FOLDER}/")}
    index_kept = bool(old_index) and all(key == search_key for key in old_index.values())
    if index_kept:
        index_on_disk = file_stats(settings.output, old_index)
        index_kept = all(index_on_disk.get(path) == memo.files.get(path) for path in old_index)
    stale = settings.search and not index_kept
    timer: list[float] = []

    def indexer(folder: Path, into: Path) -> None:
        begun = time.perf_counter()
        make_index(folder, into)
        timer.append(time.perf_counter() - begun)

    gone = {path for path in memo.pages if path not in planned and path not in old_index}
    whole = bool(memo.files) and all(
        on_disk.get(path) == stat for path, stat in memo.files.items() if path.startswith("static/"))
    later = False
    # In place only under serve and when few pages change: replacing files one by one leaves a
    # mix of old and new pages for as long as the moving takes, which must stay a blink. A
    # command-line build swaps a whole folder, so site/ is never a mix even if it is killed.
    in_place = indexed = True
    if whole and not changed and not gone and not stale and (settings.search or not old_index):
        files, indexed = 0, False
    elif whole and session.live and len(changed) * 10 <= len(plans):
        later = stale and index_later  # the reader's page first, the index after
        indexed = stale and not later
        files = update_site(pages, gone, settings.output, indexer if indexed else None)
    else:
        later = in_place = False
        files = write_site(pages, sorted(kept | (set(old_index) if index_kept else set())), static, settings.output,
                           indexer if stale else None)
    session.index_due = search_key if later else None

    # 7. Remember what was built, for the next build.
    written = {p.path for p in changed}
    outputs = [*(p.path for p in plans), *(f"static/{name}" for name in static)]
    if in_place:  # only the files just written changed: the others are as they were found at the start
        found_stats = {path: on_disk[path] for path in outputs if path not in written and path in on_disk}
        found_stats.update(file_stats(settings.output, written))
    else:
        found_stats = file_stats(settings.output, outputs)
    if not settings.search:
        index_files = []
    elif in_place and not indexed and old_index:  # the index was not touched: the files the memo lists
        index_files = sorted(path for path in old_index if path in memo.files)
        found_stats.update((path, memo.files[path]) for path in index_files)
    else:
        index_files = index_paths(settings.output)
        found_stats.update(file_stats(settings.output, index_files))
    # An index left for later is remembered as made for no inputs: whoever builds next makes it again.
    index_made_for = "" if later else search_key
    now = Memo(memo.code, summaries, {**{p.path: p.inputs for p in plans}, **dict.fromkeys(index_files, index_made_for)},
               found_stats)
    # An index left for later: ``finish_index`` stores the memo once the index is made (until then a stale
    # memo on disk only makes a build in another process render and index more than it must).
    session.remember(settings, now, changed=now != memo and not later)

    return BuildReport(
        articles=len(articles),
        annotated=stats,
        cached=len(articles) - stats,
        files=files,
        seconds=time.perf_counter() - started,
        warnings=tuple(found),
        rendered=sum(1 for listing in listings if f"{listing.article.slug}/index.html" in written),
        drafts=tuple(str(a.path) for a in site.articles if a.draft and not settings.drafts),
        index_seconds=sum(timer),
    )


def _annotations(keys: list[str], by_key: dict[str, Article], site: Site, settings: Settings,
                 cache: AnnotationCache, progress: Callable[[int, int], None] | None = None,
                 shape: Callable[[Result], Any] | None = None) -> tuple[dict[str, Any], int]:
    """The annotations under ``keys`` (or ``shape`` of each), from the cache or computed; how many were computed."""
    if not keys:
        return {}, 0
    backend = None
    if settings.scheduler:
        from explainer.annotate.cluster import Cluster  # only with a scheduler: Dask is an optional extra

        backend = Cluster(settings.scheduler)
    results, stats = annotate_missing([by_key[k] for k in keys], keys, site.entities, settings.spacy_model, cache,
                                      settings.jobs, progress, settings.allow_html, backend, shape)
    return results, stats.annotated


def _has_cached(settings: Settings) -> bool:
    """Whether the annotation cache holds anything (if not, every article will be annotated)."""
    if not settings.cache:
        return False
    try:
        return any((settings.root / settings.cache_dir / "annotations").iterdir())
    except OSError:
        return False


def _offset(progress: Callable[[int, int], None] | None, known: int) -> Callable[[int, int], None] | None:
    """Progress over every article, when only the ``known`` others need no annotating."""
    if progress is None:
        return None
    if known == 0:
        return progress
    return lambda done, total: progress(done + known, total + known)


def _listings(
    site: Site, articles: list[Article], keys: list[str], summaries: dict[str, Summary],
    kept: dict[str, tuple[Article, Listing]] | None = None,
) -> tuple[list[Listing], list[Problem]]:
    """Each article as listing pages see it, with its background sidebars attached.

    ``kept`` (a live session's, by cache key): the listings of the last build, given back when made from the
    same article and entities, so that pages planned from them can be kept too (``pages.reuse``).
    """
    listings, problems = [], []
    now: dict[str, tuple[Article, Listing]] = {}
    for article, key in zip(articles, keys):
        entities = summaries[key].entities
        attached, found = with_backgrounds(article, entities, site.backgrounds)
        old = kept.get(key) if kept is not None else None
        if old is not None and old[0] is article and old[1].entities is entities and old[1].backgrounds == attached:
            listing = old[1]
        else:
            listing = Listing(article.front_matter(), key, entities, attached)
        now[key] = (article, listing)
        listings.append(listing)
        problems.extend(found)
    if kept is not None:
        kept.clear()
        kept.update(now)
    return listings, problems


def _as_errors(problems: list[Problem]) -> list[Problem]:
    """Warnings promoted to errors by ``--strict``."""
    return [Problem(p.path, p.line, p.message + " (an error under --strict)", "error") for p in problems]

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
from typing import Callable

from explainer.annotate.cache import AnnotationCache, sweep_temporary
from explainer.annotate.keys import annotation_keys
from explainer.annotate.runner import annotate_missing, prestart, release
from explainer.annotate.service import Result, with_backgrounds
from explainer.checkpoints import checkpoint
from explainer.config import Settings, publishing_problems
from explainer.content.load import load_site
from explainer.errors import BuildError, Problem, errors_in, unique
from explainer.memo import Memo, Session, Summary, site_fingerprint, summarize
from explainer.model import Article, Listing, Site
from explainer.pages.registry import plan_site
from explainer.lock import site_lock
from explainer.render import render_pages
from explainer.write import file_stats, recover, update_site, write_site


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

    def summary(self, verbose: bool = False) -> str:
        """The summary printed after a build: counts, and the drafts left out (a few by name, or all if ``verbose``)."""
        noun = "explainer" if self.articles == 1 else "explainers"
        line = (f"built {self.articles} {noun} in {self.seconds:.1f} s "
                f"({self.annotated} annotated, {self.cached} cached)")
        if not self.drafts:
            return line
        shown = self.drafts if verbose else self.drafts[:DRAFTS_NAMED]
        more = len(self.drafts) - len(shown)
        names = ", ".join(shown) + (f" and {more} more (--verbose names them all)" if more else "")
        count = f"{len(self.drafts)} draft{'s' if len(self.drafts) > 1 else ''}"
        return f"{line}\nleft out {count}: {names}; explainer serve (or build --drafts) shows them"


def build(settings: Settings, progress: Callable[[int, int], None] | None = None,
          session: Session | None = None, wait: bool = True) -> BuildReport:
    """Build the site; raises BuildError (and leaves ``site/`` as it was) when anything is wrong.

    Builds that share a ``session`` (``explainer serve``) share what they
    learned, so a one-article edit re-annotates and re-renders that one
    article; without one, the build knows what the memo file keeps. One build
    of a site runs at a time, across processes: another waits for the site's
    lock, saying so on stderr, or raises ``lock.Busy`` when not ``wait``.
    """
    session = session or Session.of(settings)
    with session.lock, site_lock(settings.root / settings.cache_dir, wait, _say) as held:
        for done in recover(settings.output):  # what a killed build left behind
            _say(f"explainer: {done}")
        if held.orphaned:
            sweep_temporary(settings.root / settings.cache_dir)
        return _build(settings, session, progress)


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
        return build(settings, progress, self.sessions.setdefault(fresh.memo_path, fresh), self.wait)


def _build(settings: Settings, session: Session, progress: Callable[[int, int], None] | None) -> BuildReport:
    started = time.perf_counter()
    memo = session.recall(settings, site_fingerprint(settings))
    if not memo.summaries and not session.annotations and not _has_cached(settings):
        prestart(settings.spacy_model, settings.jobs)  # a cold build: workers load the model while content is read
    try:
        return _build_with(settings, session, memo, started, progress)
    finally:
        release()


def _build_with(settings: Settings, session: Session, memo: Memo, started: float,
                progress: Callable[[int, int], None] | None) -> BuildReport:

    # 1. Load every content file (front matter and text; Markdown is parsed only to annotate or render).
    checkpoint("load")
    site, problems = load_site(settings.content, settings.root, session.files)
    articles = [a for a in site.articles if settings.drafts or not a.draft]

    # 2. Annotate what neither the memo nor the cache has.
    cache = AnnotationCache(settings.root / settings.cache_dir if settings.cache else None, memory=session.annotations)
    keys = annotation_keys(articles, site.entities, settings.spacy_model, f"allow_html={settings.allow_html}")
    by_key = dict(zip(keys, articles))
    unknown = [key for key in keys if not (key in memo.summaries and cache.has(key))]
    checkpoint("annotate")
    fresh, stats = _annotations(unknown, by_key, site, settings, cache, _offset(progress, len(keys) - len(unknown)))
    release()  # workers started for a cold build that found its annotations cached after all
    summaries = {key: memo.summaries.get(key) or summarize(fresh[key]) for key in keys}

    # 3. Attach background sidebars; stop here on any error.
    listings, more = _listings(site, articles, keys, summaries)
    found = list(unique([*problems, *publishing_problems(settings), *more,
                         *(p for key in keys for p in summaries[key].problems)]))
    if errors_in(found) or (settings.strict and found):
        raise BuildError(errors_in(found) or _as_errors(found))

    # 4. Plan every page; keep those whose inputs and file are unchanged.
    plans = plan_site(site, listings, settings, session.environment(settings))
    on_disk = file_stats(settings.output, memo.files) if memo.files else {}
    kept = {p.path for p in plans if memo.pages.get(p.path) == p.inputs and
            p.path in on_disk and on_disk[p.path] == memo.files[p.path]}
    changed = [p for p in plans if p.path not in kept]

    # 5. Load the annotations the changed pages show, then render them.
    wanted = [key for key in dict.fromkeys(p.needs for p in changed if p.needs) if key not in fresh]
    fresh.update(_annotations(wanted, by_key, site, settings, cache)[0])
    annotations = {key: annotation for key, (annotation, _) in fresh.items()}
    checkpoint("render")
    pages = render_pages(changed, annotations, settings.jobs)

    # 6. Write: nothing, the few changed files in place (serve), or a whole new site swapped in.
    static = settings.static_files()
    planned = {p.path for p in plans}
    gone = {path for path in memo.pages if path not in planned}
    whole = bool(memo.files) and all(
        on_disk.get(path) == stat for path, stat in memo.files.items() if path.startswith("static/"))
    # In place only under serve and when few pages change: replacing files one by one leaves a
    # mix of old and new pages for as long as the moving takes, which must stay a blink. A
    # command-line build swaps a whole folder, so site/ is never a mix even if it is killed.
    if whole and not pages and not gone:
        files = 0
    elif whole and session.live and len(pages) * 10 <= len(plans):
        files = update_site(pages, gone, settings.output)
    else:
        files = write_site(pages, sorted(kept), static, settings.output)

    # 7. Remember what was built, for the next build.
    written = {p.path for p in pages}
    now = Memo(memo.code, summaries, {p.path: p.inputs for p in plans},
               file_stats(settings.output, [*(p.path for p in plans), *(f"static/{name}" for name in static)]))
    session.remember(settings, now, changed=now != memo)

    return BuildReport(
        articles=len(articles),
        annotated=stats,
        cached=len(articles) - stats,
        files=files,
        seconds=time.perf_counter() - started,
        warnings=tuple(found),
        rendered=sum(1 for listing in listings if f"{listing.article.slug}/index.html" in written),
        drafts=tuple(str(a.path) for a in site.articles if a.draft and not settings.drafts),
    )


def _annotations(keys: list[str], by_key: dict[str, Article], site: Site, settings: Settings,
                 cache: AnnotationCache, progress: Callable[[int, int], None] | None = None
                 ) -> tuple[dict[str, Result], int]:
    """The annotations under ``keys``, from the cache or computed; and how many were computed."""
    if not keys:
        return {}, 0
    backend = None
    if settings.scheduler:
        from explainer.annotate.cluster import Cluster  # only with a scheduler: Dask is an optional extra

        backend = Cluster(settings.scheduler)
    results, stats = annotate_missing([by_key[k] for k in keys], keys, site.entities, settings.spacy_model, cache,
                                      settings.jobs, progress, settings.allow_html, backend)
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
    site: Site, articles: list[Article], keys: list[str], summaries: dict[str, Summary]
) -> tuple[list[Listing], list[Problem]]:
    """Each article as listing pages see it, with its background sidebars attached."""
    listings, problems = [], []
    for article, key in zip(articles, keys):
        entities = summaries[key].entities
        attached, found = with_backgrounds(article, entities, site.backgrounds)
        listings.append(Listing(article.front_matter(), key, entities, attached))
        problems.extend(found)
    return listings, problems


def _as_errors(problems: list[Problem]) -> list[Problem]:
    """Warnings promoted to errors by ``--strict``."""
    return [Problem(p.path, p.line, p.message + " (an error under --strict)", "error") for p in problems]

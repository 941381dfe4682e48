"""``build(settings)``: load, annotate, render, write. Read it top to bottom.

A build remembers what it did in a ``Memo`` (kept in memory by ``explainer
serve``, and in ``.explainer-cache/build-memo.pickle`` between runs), so the
next build does only what changed:

- an annotation is computed only on a cache miss, and read from the cache only
  when a page that shows it must be rendered: the memo keeps what other pages
  need of it (the entities it names, its warnings);
- a page is rendered only when the digest of its inputs changed, or its file
  in ``site/`` is not the one the last build wrote;
- a build that changes a few pages replaces those files; one that changes the
  templates, the settings or explainer itself writes a whole new ``site/``.
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from explainer import content
from explainer.annotate.backgrounds import attach_backgrounds
from explainer.annotate.runner import Result, annotate_missing, annotation_keys
from explainer.cache import AnnotationCache
from explainer.config import Settings
from explainer.errors import BuildError, Problem, errors_in, unique
from explainer.model import AnnotatedArticle, Article, EntityRef, Listing, Site
from explainer.render import Page, digest, plan_site
from explainer.write import file_stats, finish_removals, update_site, write_site

STATE_FILE = "build-memo.pickle"
MEMO_FORMAT = 3

# The modules that turn content files into pages. The annotators are not here: an
# annotation is remembered by its cache key, which has the annotator version.
RENDERING_MODULES = ("build", "config", "content", "feeds", "frontmatter", "markdown", "markup", "model", "render",
                     "write", "annotate/backgrounds", "annotate/pipeline", "annotate/serialize")


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

    def summary(self) -> str:
        """The one-line summary printed after a build."""
        noun = "explainer" if self.articles == 1 else "explainers"
        return (f"built {self.articles} {noun} in {self.seconds:.1f} s "
                f"({self.annotated} annotated, {self.cached} cached)")


@dataclass(frozen=True)
class Summary:
    """What pages other than an article's own need of its annotation, kept by cache key."""

    entities: tuple[EntityRef, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Memo:
    """What the last successful build of a site left behind."""

    code: str = ""  # explainer's rendering code, the settings and the templates: a change starts afresh
    summaries: dict[str, Summary] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # page path: digest of its inputs
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # file under site/: (size, mtime_ns)


def build(settings: Settings, progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Build the site; raises BuildError (and leaves ``site/`` as it was) when anything is wrong.

    Builds of the same site in one process (``explainer serve``) share what
    they learned, so a one-article edit re-annotates and re-renders that one
    article.
    """
    session = _session(settings)
    with session.lock:
        return _build(settings, session, progress)


def _build(settings: Settings, session: _Session, progress: Callable[[int, int], None] | None) -> BuildReport:
    started = time.perf_counter()
    finish_removals()  # the folder an earlier build swapped out, if it is still being removed
    memo = session.recall(settings, _code(settings))

    # 1. Load every content file (front matter now; Markdown when first needed).
    site, problems = content.load_site(settings.content, settings.root, settings.allow_html, session.files)
    articles = [a for a in site.articles if settings.drafts or not a.draft]

    # 2. Annotate what the cache and the memo do not already have.
    cache = AnnotationCache(settings.root / settings.cache_dir if settings.cache else None, memory=session.annotations)
    keys = annotation_keys(articles, site.entities, settings.spacy_model, f"allow_html={settings.allow_html}")
    fresh, stats = annotate_missing(articles, keys, site.entities, settings.spacy_model, cache, settings.jobs,
                                    progress, known=lambda key: key in memo.summaries and cache.has(key))
    summaries = {key: memo.summaries.get(key) or _summary(fresh[key]) for key in keys}

    # 3. Attach background sidebars; stop here on any error.
    listings, more = _listings(site, articles, keys, summaries)
    found = list(unique([*problems, *more, *(p for key in keys for p in summaries[key].problems)]))
    if errors_in(found) or (settings.strict and found):
        raise BuildError(errors_in(found) or _as_errors(found))

    # 4. Render the pages whose inputs changed, or whose file was changed under site/.
    by_key = dict(zip(keys, articles))

    def annotated(listing: Listing) -> AnnotatedArticle:
        annotation, _ = fresh.get(listing.key) or _read_again(listing.key, by_key[listing.key], site, settings, cache)
        return AnnotatedArticle(by_key[listing.key], replace(annotation, backgrounds=listing.backgrounds))

    plans = plan_site(site, listings, settings, annotated)
    on_disk = file_stats(settings.output, memo.files) if memo.files else {}
    unchanged = [p for p in plans if memo.pages.get(p.path) == p.inputs and
                 p.path in on_disk and on_disk[p.path] == memo.files[p.path]]
    kept = {p.path for p in unchanged}
    pages = [Page(p.path, p.render()) for p in plans if p.path not in kept]

    # 5. Write: the few changed files in place, or a whole new site swapped in.
    static = settings.templates / "static"
    # In place only when few pages change: replacing files one by one leaves a mix of old
    # and new pages for as long as the writing takes, which must stay a blink.
    in_place = bool(memo.files) and len(pages) * 10 <= len(plans) and all(
        on_disk.get(path) == stat for path, stat in memo.files.items() if path.startswith("static/"))
    if in_place:
        planned = {p.path for p in plans}
        gone = {path for path in memo.pages if path not in planned}
        files = update_site(pages, gone, settings.output)
    else:
        files = write_site(pages, unchanged, static, settings.output)

    # 6. Remember what was built, for the next build.
    written = {p.path for p in pages}
    static_files = [f"static/{p.relative_to(static).as_posix()}" for p in sorted(static.rglob("*")) if p.is_file()]
    now = Memo(memo.code, summaries, {p.path: p.inputs for p in plans},
               file_stats(settings.output, [*(p.path for p in plans), *static_files]))
    session.remember(settings, now, changed=now != memo)

    return BuildReport(
        articles=len(articles),
        annotated=stats.annotated,
        cached=stats.cached,
        files=files,
        seconds=time.perf_counter() - started,
        warnings=tuple(found),
        rendered=sum(1 for listing in listings if f"{listing.article.slug}/index.html" in written),
    )


def _summary(result: Result) -> Summary:
    """What the memo keeps of an annotation."""
    annotation, problems = result
    speaks_for = {s.id: s.entity for s in annotation.speakers if s.entity}
    said: dict[str, list[tuple[str, str]]] = {}
    for quote in annotation.quotes:
        if quote.speaker in speaks_for:
            said.setdefault(speaks_for[quote.speaker], []).append((quote.id, quote.text))
    refs = [EntityRef(e.id, e.name, e.kind, e.description, tuple(said.get(e.id, ()))) for e in annotation.entities]
    named = {e.id for e in annotation.entities}
    # A speaker an editor pinned whom the story never names is still quoted in it.
    unnamed = {s.entity: s for s in annotation.speakers if s.entity and s.entity not in named}
    refs += [EntityRef(ident, s.name, s.kind, None, tuple(said.get(ident, ()))) for ident, s in unnamed.items()]
    return Summary(tuple(refs), problems)


def _listings(
    site: Site, articles: list[Article], keys: list[str], summaries: dict[str, Summary]
) -> tuple[list[Listing], list[Problem]]:
    """Each article as listing pages see it, with its background sidebars attached."""
    listings, problems = [], []
    for article, key in zip(articles, keys):
        entities = summaries[key].entities
        attached, found = attach_backgrounds(article, {e.id for e in entities}, site.backgrounds)
        listings.append(Listing(article.front_matter(), key, entities, attached))
        problems.extend(found)
    return listings, problems


def _read_again(key: str, article: Article, site: Site, settings: Settings, cache: AnnotationCache) -> Result:
    """An annotation the memo summarised but this build did not read: from the cache, or computed again."""
    found = cache.get(key)
    if found is not None:
        return found
    results, _ = annotate_missing([article], [key], site.entities, settings.spacy_model, cache, 1)
    return results[key]


def _as_errors(problems: list[Problem]) -> list[Problem]:
    """Warnings promoted to errors by ``--strict``."""
    return [Problem(p.path, p.line, p.message + " (an error under --strict)", "error") for p in problems]


# --- what builds remember ------------------------------------------------------------

_code_fingerprint: list[str] = []


def _code(settings: Settings) -> str:
    """A digest of everything that changes every page: explainer's rendering code, the settings, the templates."""
    if not _code_fingerprint:
        code = hashlib.sha256()
        here = Path(__file__).resolve().parent
        for path in (here / f"{name}.py" for name in RENDERING_MODULES):
            code.update(path.name.encode() + (path.read_bytes() if path.is_file() else b"-"))
        _code_fingerprint.append(code.hexdigest())
    templates = hashlib.sha256()
    if settings.templates.is_dir():
        for path in sorted(settings.templates.rglob("*")):
            if path.is_file():
                templates.update(str(path.relative_to(settings.templates)).encode() + b"\0" + path.read_bytes())
    return digest(_code_fingerprint[0], replace(settings, jobs=0, cache=True), templates.hexdigest())


class _Session:
    """One site's builds in this process: the last memo, and annotations read so far (for serve)."""

    def __init__(self, memo_path: Path):
        self.lock = threading.Lock()  # serve may rebuild from a watcher thread
        self.memo_path = memo_path
        self.memo: Memo | None = None
        self.annotations: dict[str, Result] = {}
        self.files: dict[object, object] = {}  # content files as loaded, by path, size and modification time

    def recall(self, settings: Settings, code: str) -> Memo:
        """The last build's memo if it was made with the same code, settings and templates; else an empty one."""
        if not settings.cache:
            return Memo(code)
        if self.memo is None:
            try:
                with open(self.memo_path, "rb") as handle:
                    stored = pickle.load(handle)
                if stored[0] == MEMO_FORMAT and isinstance(stored[1], Memo):
                    self.memo = stored[1]
            except Exception:  # missing, damaged, or from another version: start afresh
                self.memo = None
        if self.memo is None or self.memo.code != code:
            self.memo = Memo(code)
            self.annotations.clear()
            self.files.clear()
        return self.memo

    def remember(self, settings: Settings, memo: Memo, changed: bool) -> None:
        """Keep ``memo`` for the next build, on disk too when it changed."""
        live = set(memo.summaries)
        for key in [k for k in self.annotations if k not in live]:
            del self.annotations[key]
        self.memo = memo
        if not settings.cache or not (changed or not self.memo_path.exists()):
            return
        self.memo_path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.memo_path.parent, suffix=".tmp", delete=False) as handle:
            pickle.dump((MEMO_FORMAT, memo), handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(self.memo_path)
        (self.memo_path.parent / "build-state.pickle").unlink(missing_ok=True)  # what versions before the memo kept


_sessions: dict[Path, _Session] = {}
_sessions_lock = threading.Lock()


def _session(settings: Settings) -> _Session:
    """The session of the site ``settings`` build (one per cache folder)."""
    memo_path = (settings.root / settings.cache_dir / STATE_FILE).resolve()
    with _sessions_lock:
        return _sessions.setdefault(memo_path, _Session(memo_path))

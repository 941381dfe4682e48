"""``build(settings)``: load, annotate, render, write. Read it top to bottom.

Every build does the whole job, but remembers what it did (in memory for
``explainer serve``, and in ``.explainer-cache/build-state.pickle`` between
runs) so that the next one redoes only what changed:

- an article file whose bytes are unchanged is not parsed again;
- an annotation is computed only on a cache miss (see ``annotate/runner.py``);
- an article page is rendered again only when its inputs changed: the file, its
  annotation, its sidebars, the templates, the settings or explainer's own code;
  an unchanged page is hard-linked from the current ``site/`` into the new one.

Index, entity, background and feed pages are always rendered, and the new
site is still written to a fresh folder and swapped in whole.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from explainer import content
from explainer.annotate.pipeline import with_backgrounds
from explainer.annotate.runner import annotate_all
from explainer.cache import AnnotationCache
from explainer.config import Settings
from explainer.errors import BuildError, Problem, errors_in, unique
from explainer.model import AnnotatedArticle, Article, Site
from explainer.render import render_site
from explainer.write import finish_removals, write_site

STATE_FILE = "build-state.pickle"
STATE_FORMAT = 1


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    articles: int
    annotated: int
    cached: int
    files: int
    seconds: float
    warnings: tuple[Problem, ...]
    rendered: int = 0  # article pages rendered (the rest were unchanged)

    def summary(self) -> str:
        """The one-line summary printed after a build."""
        noun = "explainer" if self.articles == 1 else "explainers"
        return (f"built {self.articles} {noun} in {self.seconds:.1f} s "
                f"({self.annotated} annotated, {self.cached} cached)")


@dataclass
class _State:
    """What the last successful build of a site left behind, to skip work in the next."""

    code: str = ""  # fingerprint of explainer's code and the settings: anything else invalidates all of it
    articles: dict[str, tuple[str, Any]] = dataclasses.field(default_factory=dict)
    # content file path: (file hash, what it loaded as: Article without its blocks, KBEntity or Background)
    annotations: dict[str, Any] = dataclasses.field(default_factory=dict)  # annotation key: (annotation, problems)
    pages: dict[str, tuple[str, str, tuple[int, int]]] = dataclasses.field(default_factory=dict)
    # page path: (inputs hash, text, (size, mtime_ns) of the file as written)


_code_fingerprint: list[str] = []


# The modules that turn content files into pages. The annotators are not here: an
# annotation is remembered by its cache key, which has the annotator version.
RENDERING_MODULES = ("build", "config", "content", "feeds", "frontmatter", "markdown", "markup", "model", "render",
                     "write", "annotate/backgrounds", "annotate/pipeline", "annotate/serialize")


def _code() -> str:
    """A hash of explainer's loading and rendering code: a new version invalidates every remembered page."""
    if not _code_fingerprint:
        digest = hashlib.sha256()
        here = Path(__file__).resolve().parent
        for path in (here / f"{name}.py" for name in RENDERING_MODULES):
            digest.update(path.name.encode() + (path.read_bytes() if path.is_file() else b"-"))
        _code_fingerprint.append(digest.hexdigest())
    return _code_fingerprint[0]


def _digest(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _folder_digest(folder: Path) -> str:
    """A hash of every file under a folder (names and bytes)."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class _Builder:
    """Builds one site again and again, keeping what the previous build learned."""

    def __init__(self, settings: Settings):
        self.lock = threading.Lock()  # serve may rebuild from a watcher thread
        self.state: _State | None = None
        self.state_path = settings.root / settings.cache_dir / STATE_FILE

    # --- remembered state ----------------------------------------------------------

    def _load_state(self, settings: Settings, code: str) -> _State:
        if self.state is None and settings.cache:
            try:
                with open(self.state_path, "rb") as handle:
                    stored = pickle.load(handle)
                if stored[0] == STATE_FORMAT and isinstance(stored[1], _State):
                    self.state = stored[1]
            except Exception:  # missing, damaged, or from another version: start afresh
                self.state = None
        if self.state is None or self.state.code != code:
            self.state = _State(code=code)
        return self.state

    def _save_state(self, settings: Settings, state: _State) -> None:
        if not settings.cache:
            return
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.state_path.parent, suffix=".tmp", delete=False) as handle:
            pickle.dump((STATE_FORMAT, state), handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(self.state_path)

    # --- loading -------------------------------------------------------------------

    def _load(self, settings: Settings, state: _State) -> tuple[Site, tuple[Problem, ...], dict[str, str]]:
        """``content.load_site``, reusing every article whose file is byte for byte the same."""
        hashes: dict[str, str] = {}
        fresh: dict[str, tuple[str, Any]] = {}

        def remembered(load: Callable[[Path, Path], Any]) -> Callable[[Path, Path], Any]:
            def load_again(path: Path, shown: Path) -> Any:
                key = str(shown)
                try:
                    hashes[key] = hashlib.sha256(path.read_bytes()).hexdigest()
                except OSError:
                    hashes[key] = ""
                known = state.articles.get(key)
                loaded = known[1] if known and known[0] == hashes[key] else load(path, shown)
                fresh[key] = (hashes[key], loaded)
                return loaded
            return load_again

        site, problems = content.load_site(settings.content, settings.root, settings.allow_html, wrap=remembered)
        state.articles = fresh
        return site, problems, hashes

    def _full(self, settings: Settings, article: Article) -> Article:
        """The article with its blocks (remembered articles are kept without them)."""
        if article.blocks or not article.body.strip():
            return article
        return content.load_article(settings.root / article.path, article.path, settings.allow_html)

    # --- the build -------------------------------------------------------------------

    def build(self, settings: Settings, progress: Callable[[int, int], None] | None) -> BuildReport:
        started = time.perf_counter()
        finish_removals()  # the folder an earlier build swapped out, if it is still being removed
        templates = _folder_digest(settings.templates)
        state = self._load_state(settings, _digest(_code(), dataclasses.replace(settings, jobs=0, cache=True), templates))
        before = dict(state.articles)
        site, load_warnings, hashes = self._load(settings, state)
        articles = [a for a in site.articles if settings.drafts or not a.draft]

        cache = AnnotationCache(settings.root / settings.cache_dir if settings.cache else None,
                                memory=state.annotations if settings.cache else None)
        results, stats, keys = annotate_all(articles, site.entities, settings.spacy_model, cache, settings.jobs, progress,
                                      context=f"allow_html={settings.allow_html}",
                                      expand=lambda a: self._full(settings, a), with_keys=True)

        annotated: list[AnnotatedArticle] = []
        problems: list[Problem] = list(load_warnings)
        for article, (annotation, found) in zip(articles, results):
            item, attach_problems = with_backgrounds(article, annotation, site.backgrounds)
            annotated.append(item)
            problems.extend((*found, *attach_problems))
        problems = list(unique(problems))
        if errors_in(problems) or (settings.strict and problems):
            raise BuildError(errors_in(problems) if errors_in(problems) else _as_errors(problems))

        # An article page is rendered only if its inputs changed since it was last written.
        backgrounds = {b.id: _digest(b) for b in site.backgrounds}
        inputs: dict[str, str] = {}
        for n, item in enumerate(annotated):
            page = f"{item.article.slug}/index.html"
            inputs[page] = _digest(hashes.get(str(item.article.path)), keys[n], item.annotation.backgrounds,
                                   [backgrounds[b] for b in item.annotation.backgrounds if b in backgrounds])
            known = state.pages.get(page)
            if not (known and known[0] == inputs[page]):
                annotated[n] = dataclasses.replace(item, article=self._full(settings, item.article))
        reused: dict[str, tuple[int, int]] = {}

        def reuse(item: AnnotatedArticle) -> str | None:
            page = f"{item.article.slug}/index.html"
            known = state.pages.get(page)
            if known and known[0] == inputs[page]:
                reused[page] = known[2]
                return known[1]
            return None

        pages = render_site(site, annotated, settings, reuse=reuse)
        files = write_site(pages, settings.templates / "static", settings.output, unchanged=reused)

        output = settings.output.resolve()
        remembered = {}
        for page in pages:
            if page.path in inputs:
                try:
                    stat = (output / page.path).stat()
                    remembered[page.path] = (inputs[page.path], page.text, (stat.st_size, stat.st_mtime_ns))
                except OSError:
                    pass
        changed = remembered != state.pages or stats.annotated or set(state.articles) != set(before) or any(
            before[k][0] != h for k, (h, _) in state.articles.items() if k in before)
        state.pages = remembered
        keep = {a.path for a in articles}
        state.articles = {k: (h, dataclasses.replace(a, blocks=()) if isinstance(a, Article) and a.blocks else a)
                          for k, (h, a) in state.articles.items()}
        if settings.cache:
            live = set(cache.keys_used)
            state.annotations = {k: v for k, v in state.annotations.items() if k in live}
        if changed or not self.state_path.exists():
            self._save_state(settings, state)

        return BuildReport(
            articles=len(articles),
            annotated=stats.annotated,
            cached=stats.cached,
            files=files,
            seconds=time.perf_counter() - started,
            warnings=tuple(problems),
            rendered=len(keep) - len(reused),
        )


_builders: dict[tuple[Path, Path], _Builder] = {}
_builders_lock = threading.Lock()


def build(settings: Settings, progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Build the site; raises BuildError (and leaves ``site/`` as it was) when anything is wrong.

    Builds of the same site in one process (``explainer serve``) share what
    they learned, so a one-article edit re-annotates and re-renders that one
    article.
    """
    where = (settings.root.resolve(), (settings.root / settings.cache_dir).resolve())
    with _builders_lock:
        builder = _builders.setdefault(where, _Builder(settings))
    with builder.lock:
        return builder.build(settings, progress)


def _as_errors(problems: list[Problem]) -> list[Problem]:
    """Warnings promoted to errors by ``--strict``."""
    return [Problem(p.path, p.line, p.message + " (an error under --strict)", "error") for p in problems]

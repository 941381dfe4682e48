"""Running the annotators over many articles: cache first, then every core for the rest.

Nothing here imports spaCy or the annotators at module level: a build whose
annotations all come from the cache never loads them. Cache misses are
annotated in chunks of a few articles; each chunk is parsed by one
``nlp.pipe`` call holding every block of every article in it, and one more
holding the quote-masked blocks that speaker attribution will ask for (these
skip the entity recogniser: see ``attribution.context.carry_entities``), so
the model sees large batches instead of one small call per article and per
re-parse.
The parses are then handed to the ``Annotator`` (``service.py``) through a
stand-in whose ``pipe`` serves them back (and parses anything unforeseen).

Where the chunks run is a ``Backend``: this machine's worker processes
(``LocalPool``, the default) or a Dask cluster (``cluster.py``). Either way the
results come back here and are stored in the cache chunk by chunk.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Protocol, Sequence

from explainer.annotate.cache import AnnotationCache
from explainer.annotate.keys import kb_fingerprint
from explainer.annotate.service import Annotator, Prepared, Result, prepare_article
from explainer.model import Article, KBEntity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Progress = Callable[[int, int], None]

# Articles per task sent to a worker: large enough for nlp.pipe to batch well,
# small enough that the last tasks of a run do not leave a core idle for long.
CHUNK_ARTICLES = 8
# Texts per nlp.pipe batch inside a chunk (a chunk holds a few hundred texts).
PIPE_BATCH = 256
# How often a worker checks that its build still runs (see _start_pool_worker).
ORPHAN_POLL_SECONDS = 0.5


@dataclass(frozen=True)
class RunStats:
    """How many annotations came from the cache and how many were computed."""

    cached: int
    annotated: int


# --- in the process that annotates -------------------------------------------------

# The annotator of this process and what it was made for: kept between builds in one
# process (``explainer serve``), and made once in each worker process.
_worker: dict[str, Any] = {}


def _init_worker(model: str, kb: Sequence[KBEntity], kb_hash: str, allow_html: bool) -> None:
    """Load the model once per process, and compile the knowledge base only when it changed."""
    if _worker.get("for") == (model, kb_hash, allow_html):
        return
    _worker.clear()
    _worker["annotator"] = Annotator(model, kb, allow_html)
    _worker["for"] = (model, kb_hash, allow_html)


def _start_pool_worker(model: str, build: int) -> None:
    """A worker process: it ends with the build that started it, and leaves Ctrl-C to the build.

    Ctrl-C reaches the terminal's whole process group; the build answers it and
    shuts the pool down. A build killed outright (SIGKILL) cannot, and its
    workers (children of the fork server, not of the build) would live on
    holding a model each: a thread here ends the worker once the build is gone.
    The model is loaded now (shared from the fork server when it preloaded it);
    the knowledge base comes with each task (``_annotate_task``).
    """
    from explainer.annotate import preload

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with, args=(build,), name="explainer-orphan-watch", daemon=True).start()
    preload.load(model)


def _annotate_task(setup: "Setup", articles: Sequence[Article]) -> list[Result]:
    """A chunk in a pre-started worker: the annotator made (or kept) for ``setup``, then the chunk annotated."""
    setup.prepare()
    return annotate_chunk(articles)


def _end_with(build: int) -> None:
    """Exit this process once process ``build`` has exited."""
    while True:
        time.sleep(ORPHAN_POLL_SECONDS)
        try:
            os.kill(build, 0)
        except ProcessLookupError:
            os._exit(1)
        except OSError:
            pass  # it exists, owned by someone else: not ours to judge


def _masked_texts(article: Article, prepared: Prepared) -> list[str]:
    """The texts speaker attribution will re-parse for this article, found without spaCy.

    Asks the attribution code itself (with a parse that only records), so the
    prediction follows its rules; if that ever fails, the texts are simply
    parsed when they are asked for.
    """
    try:
        from explainer.annotate.attribution.context import views_of
        from explainer.annotate.attribution.quotes import scan_quotes

        spans, _ = scan_quotes(prepared.blocks, str(article.path), article.source)
        asked: list[str] = []

        def record(texts: Sequence[str], entities: bool = False) -> list[None]:
            asked.extend(texts)
            return [None] * len(texts)

        views_of(prepared.blocks, [None] * len(prepared.blocks), spans, record)  # type: ignore[arg-type]
        return asked
    except Exception:  # an optimisation only: never let it fail a build
        return []


class _Parsed:
    """Stands in for the pipeline inside ``Annotator.annotate``: serves texts parsed beforehand.

    Parses are kept by text and by the components left out (the masked re-parses skip the
    entity recogniser); each is served once (two equal texts get two Doc objects, as they would
    from the pipeline); a text not parsed beforehand is parsed now.
    """

    def __init__(self, nlp: "Language", ready: dict[tuple[str, tuple[str, ...]], deque["Doc"]]):
        self._nlp = nlp
        self._ready = ready

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator["Doc"]:
        texts = list(texts)
        skipped = tuple(kwargs.get("disable", ()))
        served: list["Doc" | None] = [self._take(t, skipped) for t in texts]
        missing = [t for t, d in zip(texts, served) if d is None]
        fresh = iter(self._nlp.pipe(missing, **kwargs)) if missing else iter(())
        return iter([d if d is not None else next(fresh) for d in served])

    def _take(self, text: str, skipped: tuple[str, ...]) -> "Doc | None":
        queue = self._ready.get((text, skipped))
        return queue.popleft() if queue else None


def annotate_chunk(articles: Sequence[Article]) -> list[Result]:
    """Annotate a few articles with one ``nlp.pipe`` over all their blocks and one over their masked re-parses."""
    from explainer.annotate.nlp import without_entities

    annotator: Annotator = _worker["annotator"]
    nlp = annotator.nlp
    prepared = [prepare_article(article, annotator.allow_html) for article in articles]
    texts: list[str] = []
    masked: list[str] = []
    for article, ready_article in zip(articles, prepared):
        texts.extend(ready_article.texts())
        masked.extend(_masked_texts(article, ready_article))
    ready: dict[tuple[str, tuple[str, ...]], deque[Doc]] = {}
    skipped = without_entities(nlp)
    for batch, disable in ((texts, ()), (masked, skipped)):
        for text, doc in zip(batch, nlp.pipe(batch, batch_size=PIPE_BATCH, disable=disable)):
            ready.setdefault((text, disable), deque()).append(doc)
    served = _Parsed(nlp, ready)
    return [annotator.annotate(article, ready_article, served) for article, ready_article in zip(articles, prepared)]


# --- in the build ------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    """What a process needs before its first chunk: the model, the knowledge base, the settings."""

    model: str
    kb: tuple[KBEntity, ...]
    kb_hash: str
    allow_html: bool

    def prepare(self) -> None:
        """Make this process's annotator (loading the model on first use only)."""
        _init_worker(self.model, self.kb, self.kb_hash, self.allow_html)


# Called with the positions (in the list a backend was given) of a finished chunk's articles, and their results.
Done = Callable[[Sequence[int], list[Result]], None]


class Backend(Protocol):
    """Where cache misses are annotated: the local pool (the default) or a cluster (``cluster.py``)."""

    def __call__(self, setup: Setup, articles: Sequence[Article], done: Done) -> None:
        """Annotate every article, calling ``done`` as each chunk comes back (in any order), once per article."""


def chunked(count: int, workers: int, lengths: Sequence[int] = ()) -> list[list[int]]:
    """Positions ``0..count-1`` in chunks: a few per worker, at most CHUNK_ARTICLES articles each.

    Given each article's length, the longest come first: the chunks handed out last are then
    the short ones, so no worker is left waiting long for another's last chunk (on 60 real
    articles one worker waited 0.5 s of a 5 s annotation for a chunk of long stories).
    """
    size = max(1, min(CHUNK_ARTICLES, count // (max(1, workers) * 4) or 1))
    order = sorted(range(count), key=lambda i: -lengths[i]) if len(lengths) == count else list(range(count))
    return [order[i:i + size] for i in range(0, count, size)]


def _pool_context() -> Any:
    """Workers from a fork server where there is one (Linux), else the platform's default.

    With plain fork each worker inherited the build's heap (every article
    parsed), and the cold build's summed RSS was 1.33 GB at 1,000 articles;
    from the fork server a worker starts clean. The fork server loads the model
    once (``preload.py``) and every worker it forks shares it, where each
    worker used to import spaCy and load the model itself.
    """
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["explainer.annotate.preload"])  # the model, loaded once for all workers
        return context
    return multiprocessing.get_context()


def _new_pool(model: str, workers: int) -> ProcessPoolExecutor:
    """Worker processes that load ``model`` as soon as they start; each task brings the knowledge base."""
    from explainer.annotate import preload

    # Read by the fork server as it starts (the first pool of this process starts it); set only
    # meanwhile, so no other process this one starts inherits it.
    before = os.environ.get(preload.MODEL_VARIABLE)
    os.environ[preload.MODEL_VARIABLE] = model
    try:
        pool = ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=_start_pool_worker,
                                   initargs=(model, os.getpid()))
        for _ in range(workers):
            pool.submit(int)  # the executor starts its processes only as tasks arrive: start them all now
    finally:
        if before is None:
            os.environ.pop(preload.MODEL_VARIABLE, None)
        else:
            os.environ[preload.MODEL_VARIABLE] = before
    return pool


# Pools started ahead of a build's annotation (``prestart``), by model and size.
_started: dict[tuple[str, int], ProcessPoolExecutor] = {}


def prestart(model: str, jobs: int = 0) -> None:
    """Start the annotation workers now, loading the model while the build reads its content.

    For a build that will most likely annotate many articles (a cold build): ``annotate_missing``
    takes the pool over, and ``release`` ends it if nothing was annotated after all.
    """
    workers = max(1, jobs or os.cpu_count() or 1)
    if workers > 1 and (model, workers) not in _started:
        _started[(model, workers)] = _new_pool(model, workers)


def release() -> None:
    """End any pre-started pool that no annotation took over."""
    while _started:
        _started.popitem()[1].shutdown(wait=False, cancel_futures=True)


def stop_model_server() -> None:
    """Stop the fork server that holds the loaded model for the workers (about 200 MB), once a one-off build has
    annotated: the rest of the build (rendering, the search index) does not need it. A later pool starts it again."""
    import multiprocessing.forkserver as forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)  # CPython's own, used by its tests
    if callable(stop) and not _started:
        try:
            stop()
        except OSError:
            pass  # already gone: nothing held


@dataclass(frozen=True)
class LocalPool:
    """The default backend: ``jobs`` worker processes on this machine (0: one per core), or this process."""

    jobs: int = 0

    def __call__(self, setup: Setup, articles: Sequence[Article], done: Done) -> None:
        """Annotate on this machine's cores, chunks returned in order."""
        workers = max(1, min(self.jobs or os.cpu_count() or 1, len(articles)))
        chunks = chunked(len(articles), workers, [len(a.body) for a in articles])
        started = next((key for key in _started if key[0] == setup.model), None)
        if started is not None or workers > 1:
            # Started while the build read its content (``prestart``), or now.
            pool = _started.pop(started) if started is not None else _new_pool(setup.model, workers)
            try:
                batches = pool.map(_annotate_task, [setup] * len(chunks), [[articles[i] for i in c] for c in chunks])
                for chunk, chunk_results in zip(chunks, batches):
                    done(chunk, chunk_results)
            finally:
                pool.shutdown(cancel_futures=True)
        else:
            setup.prepare()
            for chunk in chunks:
                done(chunk, annotate_chunk([articles[i] for i in chunk]))


def annotate_missing(
    articles: Sequence[Article],
    keys: Sequence[str],
    kb: Sequence[KBEntity],
    model: str,
    cache: AnnotationCache,
    jobs: int = 0,
    progress: Progress | None = None,
    allow_html: bool = False,
    backend: Backend | None = None,
    shape: Callable[[Result], Any] | None = None,
) -> tuple[dict[str, Any], RunStats]:
    """The annotations of ``articles`` (by ``keys``): from the cache, else computed by ``backend``.

    Only cache misses load spaCy; each computed annotation is stored in the
    cache as soon as its chunk is back, so an interrupted build keeps them.
    The backend is the local pool of ``jobs`` processes unless one is given.
    ``shape``, if given, is what is returned of each annotation in its place
    (a summary): the annotations themselves are then not held.
    """
    keep: Callable[[Result], Any] = shape or (lambda result: result)
    results: dict[str, Any] = {}
    todo: list[int] = []
    for i, key in enumerate(keys):
        found = cache.get(key)
        if found is None:
            todo.append(i)
        else:
            results[key] = keep(found)
    done = len(articles) - len(todo)
    if progress:
        progress(done, len(articles))
    stats = RunStats(cached=len(articles) - len(todo), annotated=len(todo))
    if not todo:
        return results, stats

    def finished(positions: Sequence[int], chunk_results: list[Result]) -> None:
        nonlocal done
        for position, result in zip(positions, chunk_results):
            key = keys[todo[position]]
            cache.put(key, *result)
            results[key] = keep(result)
        done += len(positions)
        if progress:
            progress(done, len(articles))

    setup = Setup(model, tuple(kb), kb_fingerprint(kb), allow_html)
    (backend or LocalPool(jobs))(setup, [articles[i] for i in todo], finished)
    return results, stats

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
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

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


Setup = tuple[str, tuple[KBEntity, ...], str, bool]  # model, knowledge base, its fingerprint, allow_html


def _annotate_task(setup: Setup, articles: Sequence[Article]) -> list[Result]:
    """A chunk in a worker: the annotator made (or kept) for ``setup``, then the chunk annotated."""
    _init_worker(*setup)
    return annotate_chunk(articles)


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


def _chunks(items: Sequence[int], size: int) -> list[list[int]]:
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


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
        pool = ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=preload.load, initargs=(model,))
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


def annotate_missing(
    articles: Sequence[Article],
    keys: Sequence[str],
    kb: Sequence[KBEntity],
    model: str,
    cache: AnnotationCache,
    jobs: int = 0,
    progress: Progress | None = None,
    allow_html: bool = False,
) -> tuple[dict[str, Result], RunStats]:
    """The annotations of ``articles`` (by ``keys``): from the cache, else computed on every core.

    Only cache misses load spaCy; each computed annotation is stored in the
    cache as soon as its chunk is done.
    """
    results: dict[str, Result] = {}
    todo: list[int] = []
    for i, key in enumerate(keys):
        found = cache.get(key)
        if found is None:
            todo.append(i)
        else:
            results[key] = found
    done = len(articles) - len(todo)
    if progress:
        progress(done, len(articles))
    stats = RunStats(cached=len(articles) - len(todo), annotated=len(todo))
    if not todo:
        return results, stats

    kb_hash = kb_fingerprint(kb)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    size = max(1, min(CHUNK_ARTICLES, len(todo) // (workers * 4) or 1))
    chunks = _chunks(todo, size)

    def finished(chunk: list[int], chunk_results: list[Result]) -> None:
        nonlocal done
        for i, result in zip(chunk, chunk_results):
            results[keys[i]] = result
            cache.put(keys[i], *result)
        done += len(chunk)
        if progress:
            progress(done, len(articles))

    started = next((key for key in _started if key[0] == model), None)
    if workers > 1 or started:
        setup: Setup = (model, tuple(kb), kb_hash, allow_html)
        pool = _started.pop(started) if started else _new_pool(model, workers)
        try:
            batches = pool.map(_annotate_task, [setup] * len(chunks), [[articles[i] for i in c] for c in chunks])
            for chunk, chunk_results in zip(chunks, batches):
                finished(chunk, chunk_results)
        finally:
            pool.shutdown(cancel_futures=True)
    else:
        _init_worker(model, kb, kb_hash, allow_html)
        for chunk in chunks:
            finished(chunk, annotate_chunk([articles[i] for i in chunk]))
    return results, stats

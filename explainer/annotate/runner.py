"""Running the annotators over many articles: cache first, then every core for the rest.

Nothing here imports spaCy or the annotators at module level: a build whose
annotations all come from the cache never loads them. Cache misses are
annotated in chunks of a few articles; each chunk is parsed by one
``nlp.pipe`` call holding every block of every article in it *and* the
quote-masked sentences that speaker attribution will ask for, so the model
sees large batches instead of one small call per article and per re-parse.
The parses are then handed to the unchanged ``annotate_article`` through a
stand-in whose ``pipe`` serves them back (and parses anything unforeseen).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from explainer.annotate.pipeline import MAX_BLOCK_CHARS, annotated_blocks, cache_key, kb_fingerprint
from explainer.cache import AnnotationCache
from explainer.errors import Problem
from explainer.model import Annotation, Article, KBEntity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Result = tuple[Annotation, tuple[Problem, ...]]
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


def model_key(model: str) -> str:
    """The cache's name for a model: its name and installed version and spaCy's, without importing spaCy."""
    from importlib import metadata

    from explainer.annotate.nlp import model_candidates

    try:
        spacy_version = metadata.version("spacy")
    except metadata.PackageNotFoundError:
        spacy_version = "?"
    meta = Path(model) / "meta.json"  # spacy.load also takes a folder
    if meta.is_file():
        return f"{model}@{hashlib.sha256(meta.read_bytes()).hexdigest()[:16]}/spacy-{spacy_version}"
    for candidate in model_candidates(model):
        for dist in (candidate, candidate.replace("_", "-")):
            try:
                return f"{candidate}-{metadata.version(dist)}/spacy-{spacy_version}"
            except metadata.PackageNotFoundError:
                continue
    return f"{model}/spacy-{spacy_version}"


# --- in the process that annotates -------------------------------------------------

# The loaded pipeline with the knowledge base compiled in, and what it was prepared for.
# Kept between builds in one process (``explainer serve``), and inherited by forked workers.
_worker: dict[str, Any] = {}


def _init_worker(model: str, kb: Sequence[KBEntity], kb_hash: str) -> None:
    """Load the model once per process, and compile the knowledge base only when it changed."""
    if _worker.get("for") == (model, kb_hash):
        return
    from explainer.annotate.nlp import load_model
    from explainer.annotate.pipeline import prepare

    _worker.clear()
    _worker["nlp"] = prepare(load_model(model), kb)
    _worker["kb"] = tuple(kb)
    _worker["for"] = (model, kb_hash)


def _masked_texts(article: Article) -> list[str]:
    """The texts speaker attribution will re-parse for this article, found without spaCy.

    Asks the attribution code itself (with a parse that only records), so the
    prediction follows its rules; if that ever fails, the texts are simply
    parsed when they are asked for.
    """
    try:
        from explainer.annotate import frames
        from explainer.annotate.quotes import scan_quotes

        blocks, _ = annotated_blocks(article)
        spans, _ = scan_quotes(blocks, str(article.path), article.source)
        asked: list[str] = []

        def record(texts: Sequence[str]) -> list[None]:
            asked.extend(texts)
            return [None] * len(texts)

        frames.views_of(blocks, [None] * len(blocks), spans, record)  # type: ignore[arg-type]
        return asked
    except Exception:  # an optimisation only: never let it fail a build
        return []


class _Parsed:
    """Stands in for the pipeline inside ``annotate_article``: serves texts parsed beforehand.

    Each parse is served once (two equal texts get two Doc objects, as they
    would from the pipeline); a text not parsed beforehand is parsed now.
    """

    def __init__(self, nlp: "Language", ready: dict[str, deque["Doc"]]):
        self._nlp = nlp
        self._ready = ready

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator["Doc"]:
        texts = list(texts)
        served: list["Doc" | None] = [self._take(t) for t in texts]
        missing = [t for t, d in zip(texts, served) if d is None]
        fresh = iter(self._nlp.pipe(missing, **kwargs)) if missing else iter(())
        return iter([d if d is not None else next(fresh) for d in served])

    def _take(self, text: str) -> "Doc | None":
        queue = self._ready.get(text)
        return queue.popleft() if queue else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def annotate_chunk(articles: Sequence[Article]) -> list[Result]:
    """Annotate a few articles with one ``nlp.pipe`` over all their texts (in a prepared process)."""
    from explainer.annotate.pipeline import annotate_article

    nlp, kb = _worker["nlp"], _worker["kb"]
    texts: list[str] = []
    for article in articles:
        texts.extend(b.text[:MAX_BLOCK_CHARS] for b in annotated_blocks(article)[0])
        texts.extend(_masked_texts(article))
    ready: dict[str, deque[Doc]] = {}
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=PIPE_BATCH)):
        ready.setdefault(text, deque()).append(doc)
    results = []
    for article in articles:
        results.append(annotate_article(article, kb, _Parsed(nlp, ready)))  # type: ignore[arg-type]
    return results


# --- in the build ------------------------------------------------------------------


def _chunks(items: Sequence[int], size: int) -> list[list[int]]:
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def _pool_context() -> Any:
    """Workers from a fork server where there is one (Linux), else the platform's default.

    With plain fork each worker inherited the build's heap (every article
    parsed), and the cold build's summed RSS was 1.33 GB at 1,000 articles;
    from the fork server a worker starts clean and imports spaCy itself (a
    second or two, in parallel, against minutes of parsing).
    """
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context()


def annotation_keys(articles: Sequence[Article], kb: Sequence[KBEntity], model: str, context: str = "") -> list[str]:
    """The cache key of each article's annotation.

    ``context`` is any other setting that changes an annotation (such as
    whether raw HTML is kept); it goes into every key.
    """
    kb_hash = kb_fingerprint(kb)
    key_context = f"{model_key(model)};{context}"
    return [cache_key(a, kb_hash, key_context) for a in articles]


def annotate_missing(
    articles: Sequence[Article],
    keys: Sequence[str],
    kb: Sequence[KBEntity],
    model: str,
    cache: AnnotationCache,
    jobs: int = 0,
    progress: Progress | None = None,
    known: Callable[[str], bool] = lambda key: False,
) -> tuple[dict[str, Result], RunStats]:
    """Annotations for the articles whose key is not ``known``: from the cache, else computed on every core.

    Returns the annotations read or computed, by key; a ``known`` key (the
    caller has what it needs of it already) counts as cached and is not read.
    Only cache misses load spaCy.
    """
    results: dict[str, Result] = {}
    todo: list[int] = []
    for i, key in enumerate(keys):
        if known(key):
            continue
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

    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=_init_worker,
                                 initargs=(model, tuple(kb), kb_hash)) as pool:
            batches = pool.map(annotate_chunk, [[articles[i] for i in c] for c in chunks])
            for chunk, chunk_results in zip(chunks, batches):
                finished(chunk, chunk_results)
    else:
        _init_worker(model, kb, kb_hash)
        for chunk in chunks:
            finished(chunk, annotate_chunk([articles[i] for i in chunk]))
    return results, stats

"""Running the annotators over many articles: cache first, then every core for the rest."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable, Sequence

from explainer.annotate.pipeline import annotate_article, cache_key, kb_fingerprint, prepare
from explainer.cache import AnnotationCache
from explainer.errors import Problem
from explainer.model import Annotation, Article, KBEntity

Result = tuple[Annotation, tuple[Problem, ...]]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RunStats:
    """How many annotations came from the cache and how many were computed."""

    cached: int
    annotated: int


def _model_key(model: str) -> str:
    """The cache's name for a model: its name and installed version, without loading spaCy."""
    from importlib import metadata

    from explainer.annotate.nlp import model_candidates

    for candidate in model_candidates(model):
        for dist in (candidate, candidate.replace("_", "-")):
            try:
                return f"{candidate}-{metadata.version(dist)}"
            except metadata.PackageNotFoundError:
                continue
    return model


# Per worker process: the loaded pipeline and knowledge base.
_worker: dict[str, object] = {}


def _init_worker(model: str, kb: Sequence[KBEntity]) -> None:
    """Load the model once per worker process."""
    from explainer.annotate.nlp import load_model

    _worker["nlp"] = prepare(load_model(model), kb)
    _worker["kb"] = kb


def _annotate_in_worker(article: Article) -> Result:
    """Annotate one article in a worker."""
    return annotate_article(article, _worker["kb"], _worker["nlp"])  # type: ignore[arg-type]


def annotate_all(
    articles: Sequence[Article],
    kb: Sequence[KBEntity],
    model: str,
    cache: AnnotationCache,
    jobs: int = 0,
    progress: Progress | None = None,
) -> tuple[list[Result], RunStats]:
    """Annotations for every article, in order; only cache misses load spaCy."""
    kb_hash = kb_fingerprint(kb)
    model_key = _model_key(model)
    keys = [cache_key(a, kb_hash, model_key) for a in articles]
    results: list[Result | None] = [cache.get(k) for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    done = len(articles) - len(todo)
    if progress:
        progress(done, len(articles))
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(model, tuple(kb))) as pool:
            chunk = max(1, min(16, len(todo) // (workers * 4)))
            for i, result in zip(todo, pool.map(_annotate_in_worker, [articles[i] for i in todo], chunksize=chunk)):
                results[i] = result
                cache.put(keys[i], *result)
                done += 1
                if progress:
                    progress(done, len(articles))
    elif todo:
        _init_worker(model, tuple(kb))
        for i in todo:
            results[i] = _annotate_in_worker(articles[i])
            cache.put(keys[i], *results[i])  # type: ignore[misc]
            done += 1
            if progress:
                progress(done, len(articles))
    final = [r for r in results if r is not None]
    return final, RunStats(cached=len(articles) - len(todo), annotated=len(todo))

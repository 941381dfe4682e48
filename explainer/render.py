"""Rendering the pages a build changed: on every core when there are many, in order either way.

A template edit, a settings change or a cold build renders every page (thousands on a site of
a few hundred real articles, most of them entity pages); one process renders about a thousand
a second. Pages are rendered from closures over the planned site, which cannot be sent to a
fresh process, so the work is shared with processes forked from the build: each inherits the
plans and annotations as they are and renders a contiguous slice, sending back only the text.
The output is the same page for page as one process's (the renders are pure), and any failure
in a worker makes the build render everything itself, so an error is reported as it always is.

Forking is used only where it is safe and worth it: on a platform that forks, with no other
thread running (``explainer serve`` renders in its own process, one core), and for enough pages
to pay for the processes.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from typing import Any, Iterator, Mapping, Sequence

from explainer.model import Annotation
from explainer.pages.environment import Page, Planned

# Below this many pages one process is quicker than starting others (a process renders ~1,000 a second).
PARALLEL_PAGES = 400
# Pages per task: small enough to even out slow pages, large enough to keep the messages few.
SLICE = 100

# What the forked workers render from: set just before they fork, cleared after.
_shared: dict[str, Any] = {}


def _render_slice(bounds: tuple[int, int]) -> list[tuple[str, str | bytes]] | None:
    """Pages ``start:end`` of the shared plans, rendered in a forked worker (None if any failed)."""
    plans, annotations = _shared["plans"], _shared["annotations"]
    try:
        return [(p.path, p.render(annotations)) for p in plans[bounds[0]:bounds[1]]]
    except Exception:  # reported by the build's own render, which runs again in the parent
        return None


def _start_worker() -> None:
    """A forked render worker: Ctrl-C is the build's to answer, and the pool's own SIGTERM just ends it.

    A fork inherits the build's handler that turns SIGTERM into ``Stopped``; the pool ends its
    workers with SIGTERM, and a worker waiting for a task then printed a traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _workers(jobs: int, pages: int) -> int:
    """How many processes to render with: 1 unless forking is safe and the pages are many."""
    if pages < PARALLEL_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if threading.active_count() > 1:
        return 1  # forking a process with threads can copy a lock held by another thread
    return max(1, min(jobs or os.cpu_count() or 1, pages // SLICE))


def render_pages(plans: Sequence[Planned], annotations: Mapping[str, Annotation], jobs: int = 0) -> Iterator[Page]:
    """Every planned page rendered, in the order given, each as soon as it is ready (the writer takes them one by
    one, so a cold build never holds the whole site's text): on ``jobs`` cores (0: all) when there are many."""
    workers = _workers(jobs, len(plans))
    if workers > 1:
        yield from _forked(plans, annotations, workers)
        return
    for plan in plans:
        yield Page(plan.path, plan.render(annotations))


def _forked(plans: Sequence[Planned], annotations: Mapping[str, Annotation], workers: int) -> Iterator[Page]:
    """The pages rendered by ``workers`` forked processes, slice by slice in order; a slice a worker could not
    render is rendered here, so its error is reported as it always is."""
    bounds = [(i, min(i + SLICE, len(plans))) for i in range(0, len(plans), SLICE)]
    _shared.update(plans=plans, annotations=annotations)
    try:
        try:
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker)
        except OSError:
            yield from (Page(plan.path, plan.render(annotations)) for plan in plans)
            return
        with pool:
            for (start, end), part in zip(bounds, pool.imap(_render_slice, bounds)):
                if part is None:
                    part = [(plan.path, plan.render(annotations)) for plan in plans[start:end]]
                for path, text in part:
                    yield Page(path, text)
    finally:
        _shared.clear()

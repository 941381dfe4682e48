"""Annotating on a Dask cluster: ``explainer build --scheduler tcp://HOST:8786``.

Imported only when a scheduler is set, and Dask's ``distributed`` (the
``cluster`` extra) only when a build has cache misses, so the local pool needs
neither. The build keeps the cache: workers get chunks of articles (chunked as
for the local pool) and return finished annotations, which the build stores
as each chunk comes back; nothing after annotation knows where they came from.

Before any work is sent, every worker reports the versions of explainer's
annotators, spaCy and the model it would annotate with; a difference is an
error, not a site quietly annotated two ways. Each chunk checks the same again
on its worker, for workers that join during the build. A worker that dies
mid-chunk has that chunk run again elsewhere by the scheduler; only results
that reach the build are stored, so each article is stored once.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import CancelledError
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from explainer.annotate.keys import annotator_fingerprint, model_key
from explainer.annotate.runner import Done, Result, Setup, annotate_chunk, chunked
from explainer.model import Article

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

EXTRA = "pip install 'explainer[cluster]'"
# A scheduler that does not answer in this long is down or unreachable: say so rather than hang.
CONNECT_TIMEOUT = 10.0
# How long to wait for a first worker when the scheduler has none yet (one may be starting).
WORKER_TIMEOUT = 30.0
# Chunks in flight per worker process: enough to keep each busy between round trips, few enough
# that a 100,000-article build does not push the whole archive through the scheduler at once.
IN_FLIGHT_PER_WORKER = 3


class ClusterError(Exception):
    """The cluster cannot annotate this build (unreachable, no workers, other versions): one line, no traceback."""


class VersionMismatch(Exception):
    """Raised on a worker whose explainer, spaCy or model is not the build's."""


# --- on each worker -----------------------------------------------------------------

# A worker may run tasks in several threads; the annotator and the loaded model are one per
# process and spaCy holds the GIL, so chunks in one process take turns.
_LOCK = threading.Lock()


@lru_cache(maxsize=8)
def versions(model: str) -> dict[str, str]:
    """What decides an annotation besides its inputs, in this process: explainer's, spaCy's and the model's versions."""
    from importlib import metadata

    try:
        explainer = metadata.version("explainer")
    except metadata.PackageNotFoundError:
        explainer = "?"
    return {"explainer": f"{explainer} (annotators {annotator_fingerprint()[:12]})", "model": model_key(model)}


def _annotate_remote(setup: Setup, articles: Sequence[Article], expected: dict[str, str]
                     ) -> tuple[list[Result], str, int]:
    """Annotate one chunk on a worker: check versions, load the model once per process, annotate."""
    from distributed import get_worker

    here = versions(setup.model)
    address = get_worker().address
    if here != expected:
        raise VersionMismatch(f"worker {address} runs {_describe(here)}; this build runs {_describe(expected)}")
    with _LOCK:
        setup.prepare()
        results = annotate_chunk(articles)
    return results, address, os.getpid()


# --- in the build -------------------------------------------------------------------


def _describe(found: dict[str, str]) -> str:
    return f"explainer {found.get('explainer', '?')} with model {found.get('model', '?')}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _connect(address: str) -> "Client":
    """A client of the scheduler at ``address``, or a ClusterError saying why not."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(f"annotating on a cluster (scheduler {address}) needs Dask's distributed: {EXTRA}") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({_first_line(exc)}); "
                           f"is 'dask scheduler' running there? (the 'scheduler' setting or --scheduler)") from None


def _check_workers(client: "Client", address: str, model: str) -> dict[str, str]:
    """Wait for a worker if there is none, then check every worker's versions; the versions expected."""
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except (TimeoutError, OSError):
        raise ClusterError(f"the Dask scheduler at {address} has no workers after {WORKER_TIMEOUT:.0f} s; "
                           f"start some with 'dask worker {address}'") from None
    expected = versions(model)
    found = client.run(versions, model, on_error="return")
    for worker, theirs in sorted(found.items()):
        if isinstance(theirs, BaseException):
            raise ClusterError(f"worker {worker} cannot run explainer ({_first_line(theirs)}); install "
                               f"{_describe(expected)} on every worker")
        if theirs != expected:
            raise ClusterError(f"worker {worker} runs {_describe(theirs)}; this build runs {_describe(expected)}: "
                               "install the same on every worker")
    return expected


@contextmanager
def _quiet_dask() -> Iterator[None]:
    """Dask's own client-side logging off while the build talks to the cluster: its failures reach the user
    as one ClusterError line, not as Dask's tracebacks (the scheduler's and workers' logs keep them)."""
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
               if name == "distributed" or name.startswith("distributed.")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _worker_processes(client: "Client") -> int:
    """How many worker processes the scheduler has now (each annotates one chunk at a time)."""
    return max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))


@dataclass(frozen=True)
class Cluster:
    """The cluster backend: cache misses go, in chunks, to the workers of the Dask scheduler at ``address``."""

    address: str

    def __call__(self, setup: Setup, articles: Sequence[Article], done: Done) -> None:
        """Annotate ``articles`` on the cluster, handing each chunk to ``done`` as it comes back."""
        client = _connect(self.address)
        with _quiet_dask():
            try:
                expected = _check_workers(client, self.address, setup.model)
                self._run(client, setup, articles, done, expected)
            finally:
                client.close()  # also on Ctrl-C: the chunks still out are cancelled, those back are stored

    def _run(self, client: "Client", setup: Setup, articles: Sequence[Article], done: Done,
             expected: dict[str, str]) -> None:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        workers = _worker_processes(client)
        chunks = chunked(len(articles), workers, [len(a.body) for a in articles])
        # The knowledge base goes to every worker once, not with every chunk.
        shared = client.scatter(setup, broadcast=True, hash=False)
        waiting = iter(chunks)
        owner: dict[str, list[int]] = {}

        def send() -> Any:
            chunk = next(waiting, None)
            if chunk is None:
                return None
            future = client.submit(_annotate_remote, shared, [articles[i] for i in chunk], expected, pure=False)
            owner[future.key] = chunk
            return future

        first = [f for f in (send() for _ in range(workers * IN_FLIGHT_PER_WORKER)) if f is not None]
        running = as_completed(first, loop=client.loop)
        stored = 0
        for returned, future in enumerate(running, start=1):
            chunk = owner.pop(future.key)
            try:
                results, worker, pid = future.result()
            except VersionMismatch as exc:
                raise ClusterError(str(exc)) from None
            except KilledWorker as exc:
                names = ", ".join(str(articles[i].path) for i in chunk[:3])
                raise ClusterError(f"annotating {names} killed worker after worker ({_first_line(exc)}); "
                                   "is a worker short of memory?") from None
            except (CancelledError, OSError, TimeoutError) as exc:  # the scheduler went away (a bug is raised as is)
                why = "" if isinstance(exc, CancelledError) else f" ({_first_line(exc)})"
                raise ClusterError(f"lost the Dask scheduler at {self.address} mid-build{why}; the {stored} "
                                   "annotations already back are in the cache, so a new build finishes the rest"
                                   ) from None
            for i in chunk:
                log.debug("%s: annotated on %s (pid %d) by %s", articles[i].path, worker, pid, future.key)
            done(chunk, results)
            stored += len(chunk)
            if returned % 16 == 0:
                workers = _worker_processes(client)  # workers may join or leave during a long build
            while running.count() < workers * IN_FLIGHT_PER_WORKER:
                more = send()
                if more is None:
                    break
                running.add(more)

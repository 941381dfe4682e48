"""Stopping a command cleanly on Ctrl-C (SIGINT) or SIGTERM (a CI job cancelled, a service stopped).

``explainer build`` and ``serve`` turn both signals into ``Stopped``, a
``KeyboardInterrupt``, so the code on the way out (removing a half-written
folder, releasing the lock) runs as for Ctrl-C. Inside ``shielded()`` (the few
renames that put a new site in place) a signal waits until the block is done:
a stop never leaves ``site/`` half replaced. SIGKILL cannot be caught; what a
killed build leaves behind, the next build clears (``write.recover``).
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}


class Stopped(KeyboardInterrupt):
    """The command was asked to stop by a signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        """How a user would name the signal."""
        return NAMES.get(signal.Signals(self.signum), signal.Signals(self.signum).name)


_held: list[int] = []  # signals received inside a shielded block, raised at its end
_depth = [0]


def _stop(signum: int, frame: object) -> None:
    if _depth[0]:
        _held.append(signum)
        return
    raise Stopped(signum)


def install() -> dict[int, object]:
    """Make SIGINT and SIGTERM raise ``Stopped`` (call from the main thread); returns the handlers they had."""
    return {signum: signal.signal(signum, _stop) for signum in NAMES}


def restore(previous: dict[int, object]) -> None:
    """Put back the handlers ``install`` replaced (a command run inside another program leaves them as found)."""
    for signum, handler in previous.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]


@contextmanager
def shielded() -> Iterator[None]:
    """Hold off ``Stopped`` until the block is done (in the main thread; elsewhere signals never arrive)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1
    if not _depth[0] and _held:
        raise Stopped(_held.pop())

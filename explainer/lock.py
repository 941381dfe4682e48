"""One build of a site at a time: a lock file in the site's cache folder.

``explainer serve`` and an ``explainer build`` in another terminal, or two CI
jobs sharing a cache, would otherwise write ``site/`` and the cache at the same
time. A build takes the lock before it reads anything and holds it until its
memo is written; a second build waits, saying who holds it, or with
``--no-wait`` gives up at once.

The lock is ``fcntl.flock`` on ``.explainer-cache/build.lock``: the kernel drops
it when its holder exits, however it exits, so a lock left by a killed build
is simply free for the next one. The holder writes its pid into the file for
the waiting message and empties it when done; a pid still there when the lock
is taken means the last holder was killed, and the new holder sweeps what it
may have left (``Held.orphaned``).
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from explainer.checkpoints import checkpoint
from explainer.errors import CannotWrite

LOCK_FILE = "build.lock"


class Busy(OSError):
    """Another build of the site holds the lock and the caller would not wait."""

    def __str__(self) -> str:
        return f"{self.args[0]}; not waiting (--no-wait)"


@dataclass(frozen=True)
class Held:
    """The lock, taken; ``orphaned`` when the build before was killed while it held it."""

    path: Path
    orphaned: bool


def _holder(fd: int) -> str:
    """Who holds the lock, as the waiting message says it."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        text = ""
    return f"another build of this site is running (pid {text if text.isdigit() else 'unknown'})"


@contextmanager
def site_lock(folder: Path, wait: bool = True, waiting: Callable[[str], None] = print) -> Iterator[Held]:
    """Hold the site's build lock in ``folder`` for the block; ``waiting`` hears the one line said while waiting."""
    path = folder / LOCK_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except FileExistsError as exc:
        raise CannotWrite(folder, "it is a file, not a folder (move it away; it holds only the cache)") from exc
    except NotADirectoryError as exc:
        raise CannotWrite(path, "a file is in the place of a folder on its path") from exc
    except OSError as exc:
        raise CannotWrite(path, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = _holder(fd)
            if not wait:
                raise Busy(message) from None
            waiting(f"{message}; waiting")
            checkpoint("lock-wait")
            fcntl.flock(fd, fcntl.LOCK_EX)
        orphaned = bool(os.pread(fd, 32, 0).strip())
        _mark(fd, f"{os.getpid()}\n".encode())
        checkpoint("locked")
        try:
            yield Held(path, orphaned)
        finally:  # any way out but being killed: what the build left is its own to have cleared
            _mark(fd, b"")
            checkpoint("unlocked")
    finally:
        os.close(fd)  # releases the lock


def _mark(fd: int, text: bytes) -> None:
    """Say in the lock file who holds it; best effort (a full disk must not stop a build from reporting why)."""
    try:
        os.ftruncate(fd, 0)
        if text:
            os.pwrite(fd, text, 0)
    except OSError:
        pass

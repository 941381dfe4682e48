"""Noticing edits for ``explainer serve``: snapshots of the watched files and a debounce that never drops a save.

Nothing here sleeps or starts threads; ``serve.py`` polls ``snapshot`` and feeds
the results to ``step`` with the current time.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

# What identifies one version of a file: an editor's atomic save changes the
# inode even when the size and (coarse) mtime happen to stay the same.
Stamp = tuple[int, int, int, int]
Snapshot = frozenset[tuple[str, Stamp]]


def _ignored(name: str) -> bool:
    """Editor droppings: swap files, backups, lock files and hidden files."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


def _stamp(path: str) -> Stamp | None:
    """The stamp of one file, or None when it vanished while we looked."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def snapshot(roots: Sequence[Path], skip: Sequence[Path] = ()) -> Snapshot:
    """Stamps of every file under ``roots`` (a root may be a single file), leaving out ``skip`` and editor droppings."""
    skipped = {os.path.abspath(p) for p in skip}
    found: list[tuple[str, Stamp]] = []
    for root in roots:
        top = os.path.abspath(root)
        if top in skipped:
            continue
        if os.path.isfile(top):
            stamp = _stamp(top)
            if stamp:
                found.append((top, stamp))
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if not _ignored(d) and os.path.join(folder, d) not in skipped]
            for name in files:
                if _ignored(name):
                    continue
                path = os.path.join(folder, name)
                stamp = _stamp(path)
                if stamp:
                    found.append((path, stamp))
    return frozenset(found)


def changed_paths(before: Snapshot, after: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots, sorted."""
    return sorted({path for path, _ in before ^ after})


@dataclass(frozen=True)
class Debounce:
    """Which state of the files the last build started from, and the newest state seen since."""

    built: Snapshot
    latest: Snapshot
    changed_at: float = 0.0
    quiet: float = 0.15

    @classmethod
    def start(cls, current: Snapshot, quiet: float = 0.15) -> "Debounce":
        """A debounce whose last build saw ``current``."""
        return cls(built=current, latest=current, quiet=quiet)


def step(state: Debounce, current: Snapshot, now: float) -> tuple[Debounce, bool]:
    """Take in a fresh snapshot; True when a build should start now (the files differ and have been quiet)."""
    if current != state.latest:
        state = dataclasses.replace(state, latest=current, changed_at=now)
    if state.latest != state.built and now - state.changed_at >= state.quiet:
        # The build reads the files after this snapshot, so it sees at least
        # these versions; anything saved later differs from ``built`` and
        # leads to the next build.
        return dataclasses.replace(state, built=state.latest), True
    return state, False

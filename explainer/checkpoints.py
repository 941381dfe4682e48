"""Named points in a build, so tests can stop a real build at a known moment.

Every build passes the same checkpoints (``load``, ``annotate``, ``cache-tmp``,
``render``, ``write``, ``write-file``, ``swap``, ...). Normally a checkpoint
costs one test of a module-level flag. With ``EXPLAINER_CHECKPOINTS=FILE`` in
the environment each one appends ``PID NAME`` to FILE first; with
``EXPLAINER_CHECKPOINT_PAUSE=SECONDS`` it then sleeps that long, so a signal sent
after the line appears lands between that point and the next; with
``EXPLAINER_CHECKPOINT_HOLD=NAME`` the first checkpoint of that name waits until
``FILE.go`` exists (at most ten minutes). The fault tests (tests/test_faults*.py)
kill builds this way in every phase.
"""

from __future__ import annotations

import os
import time

_LOG = os.environ.get("EXPLAINER_CHECKPOINTS", "")
_PAUSE = float(os.environ.get("EXPLAINER_CHECKPOINT_PAUSE", "0") or 0) if _LOG else 0.0
_HOLD = [os.environ.get("EXPLAINER_CHECKPOINT_HOLD", "")] if _LOG else [""]
HOLD_LIMIT = 600.0


def checkpoint(name: str) -> None:
    """Mark that a build reached ``name`` (a no-op unless a test asked for checkpoints)."""
    if not _LOG:
        return
    fd = os.open(_LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, f"{os.getpid()} {name}\n".encode())
    finally:
        os.close(fd)
    if _HOLD[0] == name:
        _HOLD[0] = ""
        deadline = time.monotonic() + HOLD_LIMIT
        while not os.path.exists(_LOG + ".go") and time.monotonic() < deadline:
            time.sleep(0.01)
    if _PAUSE:
        time.sleep(_PAUSE)

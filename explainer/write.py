"""The only module that writes ``site/``: everything goes to a fresh folder that is swapped in whole."""

from __future__ import annotations

import atexit
import os
import shutil
import threading
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from explainer.errors import BuildError, problem
from explainer.render import Page


def _safe_target(root: Path, relative: str) -> Path:
    """``root/relative``, refusing any path that would land outside ``root``."""
    target = (root / relative).resolve()
    if relative.startswith(("/", "\\")) or root.resolve() not in target.parents:
        raise BuildError([problem(relative, 1, "refusing to write outside the output folder")])
    return target


def write_site(
    pages: Iterable[Page], static: Path, output: Path, unchanged: Mapping[str, tuple[int, int]] | None = None
) -> int:
    """Write pages and static files to a new folder, then swap it for ``output``; returns files written.

    ``unchanged`` names pages whose file in the current ``output`` already holds
    their text, with that file's (size, mtime_ns): while the file still matches,
    it is hard-linked into the new folder instead of written again.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    count = 0
    try:
        if static.is_dir():
            shutil.copytree(static, staging / "static")
            count += sum(1 for p in (staging / "static").rglob("*") if p.is_file())
        for page in pages:
            target = _safe_target(staging, page.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (unchanged and page.path in unchanged and _link(output / page.path, target, unchanged[page.path])):
                target.write_text(page.text, encoding="utf-8")
            count += 1
        staging.chmod(0o755)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _link(current: Path, target: Path, expected: tuple[int, int]) -> bool:
    """Hard-link the current output's file into the new folder if it is still the file that was written."""
    try:
        stat = current.stat()
        if (stat.st_size, stat.st_mtime_ns) != tuple(expected):
            return False
        os.link(current, target)
        return True
    except OSError:
        return False


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is; the old folder is removed only after the rename."""
    if not output.exists():
        os.rename(staging, output)
        return
    old = output.parent / f".{output.name}-old-{os.getpid()}"
    finish_removals()
    shutil.rmtree(old, ignore_errors=True)
    os.rename(output, old)
    try:
        os.rename(staging, output)
    except BaseException:
        os.rename(old, output)
        raise
    _remove_later(old)


# Removing the swapped-out folder (thousands of files) happens on a thread, so a
# build returns as soon as the new site is in place; the next build, and the
# interpreter's exit, wait for it.
_removals: list[threading.Thread] = []


def _remove_later(folder: Path) -> None:
    thread = threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True},
                              name=f"remove {folder.name}")
    thread.start()
    _removals.append(thread)


def finish_removals() -> None:
    """Wait until every swapped-out folder is gone."""
    while _removals:
        _removals.pop().join()


atexit.register(finish_removals)

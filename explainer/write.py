"""The only module that writes ``site/``.

A build that changes much writes a fresh folder and swaps it in whole; one
that changes a few pages replaces just those files, each atomically. Either
way nothing is written until every page has rendered.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from explainer.errors import BuildError, problem
from explainer.pages.environment import Page


def _safe_target(root: Path, relative: str) -> Path:
    """``root/relative``, refusing any path that could land outside ``root`` (checked on the text: fast)."""
    parts = relative.replace("\\", "/").split("/")
    if relative.startswith(("/", "\\")) or ":" in relative or any(p in ("", ".", "..") for p in parts):
        raise BuildError([problem(relative, 1, "refusing to write outside the output folder")])
    return root / relative


def write_site(pages: Iterable[Page], kept: Iterable[str], static: Mapping[str, Path], output: Path) -> int:
    """Write a whole new site to a fresh folder, then swap it for ``output``; returns files written.

    ``kept`` are paths of pages whose file in the current ``output`` is still
    what they would render to: hard-linked into the new folder, copied if that fails.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    count = 0
    try:
        folders: set[Path] = set()
        for name, source in static.items():  # the theme's static files, with the site's own in their place
            shutil.copyfile(source, _folder_for(_safe_target(staging, f"static/{name}"), folders))
            count += 1
        for page in pages:
            target = _folder_for(_safe_target(staging, page.path), folders)
            target.write_bytes(_encoded(page))
            count += 1
        for path in kept:
            target = _folder_for(_safe_target(staging, path), folders)
            try:
                os.link(output / path, target)
            except OSError:
                shutil.copyfile(output / path, target)
            count += 1
        staging.chmod(0o755)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def update_site(pages: Iterable[Page], removed: Iterable[str], output: Path) -> int:
    """Replace a few pages of ``output`` in place, each file atomically, and delete pages that are gone.

    For builds that change a handful of pages of a large site (every save in
    ``explainer serve``): everything was rendered before this is called, so a
    mistake in the content never gets here.
    """
    output = output.resolve()
    count = 0
    for page in pages:
        target = _safe_target(output, page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_encoded(page))
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        count += 1
    for relative in removed:
        target = _safe_target(output, relative)
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != output and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return count


def _encoded(page: Page) -> bytes:
    """A page's bytes: text pages in UTF-8."""
    return page.text if isinstance(page.text, bytes) else page.text.encode("utf-8")


def file_stats(output: Path, paths: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of each of ``paths`` under ``output`` that exists: how a later build knows a file is untouched."""
    stats = {}
    base = str(output)
    for relative in paths:
        try:
            stat = os.stat(os.path.join(base, relative))
        except OSError:
            continue
        stats[relative] = (stat.st_size, stat.st_mtime_ns)
    return stats


def _folder_for(target: Path, made: set[Path]) -> Path:
    """``target``, after making its folder (once per folder)."""
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    return target


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is; the old folder is removed after the rename, by another process."""
    if not output.exists():
        os.rename(staging, output)
        return
    _swaps.append(None)
    old = output.parent / f".{output.name}-old-{os.getpid()}-{len(_swaps)}"
    os.rename(output, old)
    try:
        os.rename(staging, output)
    except BaseException:
        os.rename(old, output)
        raise
    # Also any folder an earlier removal left behind (a build killed while it ran).
    stale = [p for p in output.parent.glob(f".{output.name}-old-*") if p != old and p.name not in _removing]
    _remove_later([old, *stale])


# Removing the swapped-out folder (thousands of files) is left to a child process of its own:
# a build returns, and the command exits, as soon as the new site is in place.
_swaps: list[None] = []
_removing: set[str] = set()
_removals: list[subprocess.Popen[bytes]] = []
_REMOVE = "import shutil, sys\nfor folder in sys.argv[1:]:\n    shutil.rmtree(folder, ignore_errors=True)\n"


def _remove_later(folders: list[Path]) -> None:
    _removing.update(f.name for f in folders)
    try:
        _removals.append(subprocess.Popen([sys.executable, "-c", _REMOVE, *map(str, folders)],
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, start_new_session=True))
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def finish_removals() -> None:
    """Wait until every swapped-out folder is gone (tests; a build never waits)."""
    while _removals:
        _removals.pop().wait()

"""The only module that writes ``site/``.

A build that changes much writes a fresh folder and swaps it in whole; one
that changes a few pages replaces just those files, each atomically. Either
way nothing is written until every page has rendered.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable, Iterable, Mapping

from explainer.errors import BuildError, problem
from explainer.pages.environment import Page

# Makes a search index of the site folder given first into the (empty) folder given second.
Indexer = Callable[[Path, Path], None]
INDEX_FOLDER = "pagefind"
INDEX_ENTRY = "pagefind-entry.json"  # the browser reads it first: written last, so it never names a missing file


def _safe_target(root: Path, relative: str) -> Path:
    """``root/relative``, refusing any path that could land outside ``root`` (checked on the text: fast)."""
    parts = relative.replace("\\", "/").split("/")
    if relative.startswith(("/", "\\")) or ":" in relative or any(p in ("", ".", "..") for p in parts):
        raise BuildError([problem(relative, 1, "refusing to write outside the output folder")])
    return root / relative


def write_site(pages: Iterable[Page], kept: Iterable[str], static: Mapping[str, Path], output: Path,
               index: Indexer | None = None) -> int:
    """Write a whole new site to a fresh folder, then swap it for ``output``; returns files written.

    ``kept`` are paths of pages whose file in the current ``output`` is still
    what they would render to: hard-linked into the new folder, copied if that fails.
    ``index``, if given, makes the search index of the new folder before the swap.
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
        if index is not None:
            index(staging, staging / INDEX_FOLDER)
            count += sum(1 for path in (staging / INDEX_FOLDER).rglob("*") if path.is_file())
        staging.chmod(0o755)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def update_site(pages: Iterable[Page], removed: Iterable[str], output: Path, index: Indexer | None = None) -> int:
    """Replace a few pages of ``output`` in place, each file atomically, and delete pages that are gone.

    For builds that change a handful of pages of a large site (every save in
    ``explainer serve``): everything was rendered before this is called, so a
    mistake in the content never gets here. ``index``, if given, makes the search
    index again afterwards, and only its files that changed are replaced.
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
    if index is not None:
        count += _reindex(output, index)
    return count


def _reindex(output: Path, index: Indexer) -> int:
    """Index ``output`` into a new folder, then move in the files that are new, the entry file last, and
    delete those the new index no longer names. Pagefind names its files by content: most are unchanged."""
    bundle = Path(tempfile.mkdtemp(prefix=f".{output.name}-index-", dir=output.parent))
    live = output / INDEX_FOLDER
    count = 0
    try:
        fresh = bundle / INDEX_FOLDER
        index(output, fresh)
        names = sorted((p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file()),
                       key=lambda name: (name == INDEX_ENTRY, name))
        for name in names:
            source, target = fresh / name, live / name
            if target.is_file() and target.stat().st_size == source.stat().st_size and \
                    target.read_bytes() == source.read_bytes():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(source, 0o644)
            os.replace(source, target)
            count += 1
        wanted = set(names)
        for path in sorted(live.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(live).as_posix() not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    finally:
        shutil.rmtree(bundle, ignore_errors=True)
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


def index_paths(output: Path) -> list[str]:
    """The files of the search index under ``output``, as paths relative to it."""
    folder = output / INDEX_FOLDER
    return sorted(p.relative_to(output).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _folder_for(target: Path, made: set[Path]) -> Path:
    """``target``, after making its folder (once per folder)."""
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    return target


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

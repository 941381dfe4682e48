"""The only module that writes ``site/``.

A build that changes much writes a fresh folder and swaps it in whole; one
that changes a few pages replaces just those files, each atomically. Either
way nothing is written until every page has rendered.

What a build killed at any moment leaves behind (SIGKILL, a power cut) is
made whole by the next one, before it writes anything (``recover``):

- a new site is written to ``.site-new-*`` beside ``site/`` and exchanged with
  it in one step (``renameat2(RENAME_EXCHANGE)`` on Linux), so ``site/`` is
  always the old build or the new one; a leftover ``.site-new-*`` is removed;
- a few changed pages (``explainer serve``) are first written whole to
  ``.site-update-*`` with a plan of what replaces what; once the plan is on disk
  the update is committed, and a build killed while moving the files in is
  finished by the next one (a leftover without a plan is removed);
- the search index is made inside ``.site-new-*`` before the swap; made again
  later in place (``reindex``, for serve), it goes through the same committed
  update, its entry file moved in last;
- where the exchange is not supported, ``site/`` is renamed aside to
  ``.site-old-PID`` for the blink between two renames; if a build is killed in
  that blink, the next one puts it back.

Nothing temporary is ever made inside ``site/``, so nothing half-written can
be published from it. A write that fails (a full disk, a read-only folder)
raises ``CannotWrite`` naming the file and the cause, with ``site/`` as it was.
"""

from __future__ import annotations

import atexit
import ctypes
import errno
import json
import os
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, Mapping

from explainer.checkpoints import checkpoint
from explainer.errors import BuildError, CannotWrite, problem
from explainer.pages.environment import Page
from explainer.signals import shielded

PLAN = "plan.json"

# Makes a search index of the site folder given first into the (empty) folder given second.
Indexer = Callable[[Path, Path], None]
INDEX_FOLDER = "pagefind"
INDEX_ENTRY = "pagefind-entry.json"  # the browser reads it first: written last, so it never names a missing file
INDEX_PARTS = "parts.json"  # names the index's other parts (search.py): written after their entry files


def _safe_target(root: Path, relative: str) -> Path:
    """``root/relative``, refusing any path that could land outside ``root`` (checked on the text: fast)."""
    parts = relative.replace("\\", "/").split("/")
    if relative.startswith(("/", "\\")) or ":" in relative or any(p in ("", ".", "..") for p in parts):
        raise BuildError([problem(relative, 1, "refusing to write outside the output folder")])
    return root / relative


def _output(output: Path) -> Path:
    """The real output folder (a symbolic link is followed), refused if a file stands there."""
    real = output.resolve()
    if real.exists() and not real.is_dir():
        raise CannotWrite(output, "it is a file, not a folder (move it away, or set output_dir in explainer.toml)")
    return real


def _staging(output: Path, kind: str) -> Path:
    """A fresh hidden folder beside ``output`` (same file system, so a rename moves it in)."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{output.name}-{kind}-", dir=output.parent))
    except OSError as exc:
        raise CannotWrite(output, exc) from None


def _put(target: Path, data: bytes, shown: Path, made: set[Path]) -> None:
    """Write one file of a staging folder; a failure names the file the user would have got."""
    try:
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        with open(target, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise CannotWrite(shown, exc) from None
    checkpoint("write-file")


def write_site(pages: Iterable[Page], kept: Iterable[str], static: Mapping[str, Path], output: Path,
               index: Indexer | None = None) -> int:
    """Write a whole new site to a fresh folder, then swap it for ``output``; returns files written.

    ``kept`` are paths of pages whose file in the current ``output`` is still
    what they would render to: hard-linked into the new folder, copied if that fails.
    ``index``, if given, makes the search index of the new folder before the swap.
    """
    shown, output = output, _output(output)
    checkpoint("write")
    staging = _staging(output, "new")
    count = 0
    try:
        folders: set[Path] = set()
        for name, source in static.items():  # the theme's static files, with the site's own in their place
            target = _safe_target(staging, f"static/{name}")
            _put(target, source.read_bytes(), shown / "static" / name, folders)
            count += 1
        for page in pages:
            _put(_safe_target(staging, page.path), _encoded(page), shown / page.path, folders)
            count += 1
        for path in kept:
            target = _safe_target(staging, path)
            try:
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                os.link(output / path, target)
            except OSError:
                _put(target, (output / path).read_bytes(), shown / path, folders)
            count += 1
        if index is not None:
            index(staging, staging / INDEX_FOLDER)
            count += sum(1 for path in (staging / INDEX_FOLDER).rglob("*") if path.is_file())
        staging.chmod(0o755)
        _swap(staging, output, shown)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def update_site(pages: Iterable[Page], removed: Iterable[str], output: Path, index: Indexer | None = None) -> int:
    """Replace a few pages of ``output`` and delete pages that are gone, as one committed update.

    For builds that change a handful of pages of a large site (every save in
    ``explainer serve``): the pages are written whole to a staging folder with a
    plan first (a page that fails to render leaves ``output`` as it was); only
    then are they moved in, one rename each.
    ``index``, if given, makes the search index again afterwards (``reindex``).
    """
    shown, output = output, _output(output)

    def stage(staging: Path) -> tuple[list[str], list[str], set[Path]]:
        folders: set[Path] = set()
        replaced = []
        for page in pages:
            _put(_safe_target(staging / "files", page.path), _encoded(page), shown / page.path, folders)
            replaced.append(page.path)
        return replaced, [str(_safe_target(output, path).relative_to(output)) for path in removed], folders

    count = len(_update(output, shown, stage))
    if index is not None:
        count += reindex(output, index)
    return count


def _update(output: Path, shown: Path, stage: Callable[[Path], tuple[list[str], list[str], set[Path]]]
            ) -> list[str]:
    """Stage files and a plan (replace, remove) with ``stage``, commit the plan, apply it; the files replaced.

    A mistake or a kill before the plan is on disk leaves ``output`` as it was; after, the update is finished
    (by ``recover`` if this build dies).
    """
    checkpoint("update")
    staging = _staging(output, "update")
    try:
        replaced, gone, folders = stage(staging)
        _commit(staging, replaced, gone, shown, folders)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    checkpoint("plan")
    with shielded():
        _apply(staging, output, shown)
    return replaced


def _commit(staging: Path, replaced: list[str], gone: list[str], shown: Path, folders: set[Path]) -> None:
    """Write the plan of an update: once it is on disk, the update happens (a killed build's is finished)."""
    plan = json.dumps({"replace": replaced, "remove": gone}).encode()
    _put(staging / f"{PLAN}.tmp", plan, shown, folders)
    os.replace(staging / f"{PLAN}.tmp", staging / PLAN)


def reindex(output: Path, index: Indexer) -> int:
    """Make the search index of ``output`` again and install it as one committed update; returns files moved in.

    Pagefind names its files by content, so most are unchanged: only new ones are moved in, the entry file
    last (a reader's search never sees half an index), and those the new index no longer names are deleted.
    """
    shown, output = output, _output(output)
    live = output / INDEX_FOLDER

    def stage(staging: Path) -> tuple[list[str], list[str], set[Path]]:
        fresh = staging / "files" / INDEX_FOLDER
        index(output, fresh)
        names = sorted((p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file()),
                       key=lambda name: (name == INDEX_PARTS, name == INDEX_ENTRY, name.endswith(INDEX_ENTRY), name))
        changed: list[str] = []
        for name in names:
            source, target = fresh / name, live / name
            if target.is_file() and target.stat().st_size == source.stat().st_size and \
                    target.read_bytes() == source.read_bytes():
                source.unlink()  # unchanged: the plan leaves it be
                continue
            os.chmod(source, 0o644)
            changed.append(f"{INDEX_FOLDER}/{name}")
        wanted = set(names)
        stale = sorted(f"{INDEX_FOLDER}/{p.relative_to(live).as_posix()}" for p in live.rglob("*")
                       if p.is_file() and p.relative_to(live).as_posix() not in wanted) if live.is_dir() else []
        return changed, stale, set()

    return len(_update(output, shown, stage))


def _apply(staging: Path, output: Path, shown: Path) -> None:
    """Carry out a committed update (again, if a build was killed half way: moving a file is done once)."""
    plan = json.loads((staging / PLAN).read_bytes())
    try:
        for relative in plan["replace"]:
            source = staging / "files" / relative
            if source.exists():
                target = output / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
                checkpoint("apply-file")
        for relative in plan["remove"]:
            target = output / relative
            target.unlink(missing_ok=True)
            folder = target.parent
            while folder != output and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
    except OSError as exc:
        raise CannotWrite(shown, exc) from None
    shutil.rmtree(staging, ignore_errors=True)


def recover(output: Path) -> list[str]:
    """Make ``output`` whole after a build that was killed: finish committed updates, clear the rest.

    Run with the site's lock held, so no live build's folders are touched.
    Returns what was done, one phrase each.
    """
    output = _output(output)
    done: list[str] = []
    if not output.parent.is_dir():
        return done
    finish_removals()
    leftovers = sorted(p for p in output.parent.iterdir() if p.name.startswith(f".{output.name}-"))
    for folder in leftovers:
        kind = folder.name[len(output.name) + 2:].split("-")[0]
        if kind == "update" and (folder / PLAN).is_file() and output.is_dir():
            _apply(folder, output, output)
            done.append(f"finished an update of {output.name}/ that a stopped build had begun")
        elif kind == "old" and not output.exists():
            os.rename(folder, output)
            done.append(f"put back the {output.name}/ that a stopped build had moved aside")
        elif kind in ("new", "update", "old"):
            shutil.rmtree(folder, ignore_errors=True)
            if folder.is_symlink() or folder.is_file():
                folder.unlink()
    return done


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


@cache
def _renameat2() -> object | None:
    """The C library's renameat2, where it has one (glibc 2.28 and later)."""
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None


AT_FDCWD, RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system or file system cannot."""
    call = _renameat2()
    if call is None:
        return False
    if call(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:  # type: ignore[operator]
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap(staging: Path, output: Path, shown: Path) -> None:
    """Put ``staging`` where ``output`` is; the old folder is removed only after it is out of the way."""
    checkpoint("swap")
    try:
        with shielded():
            if not output.exists():
                os.rename(staging, output)
                checkpoint("swapped")
                return
            if _exchange(staging, output):
                checkpoint("swapped")
                _remove_later(staging)  # now the old site
                return
            old = output.parent / f".{output.name}-old-{os.getpid()}"
            finish_removals()
            shutil.rmtree(old, ignore_errors=True)
            os.rename(output, old)
            checkpoint("swap-between")  # killed here, the next build's recover() puts ``old`` back
            try:
                os.rename(staging, output)
            except BaseException:
                os.rename(old, output)
                raise
    except OSError as exc:
        raise CannotWrite(shown, exc) from None
    checkpoint("swapped")
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

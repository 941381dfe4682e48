"""The only module that writes ``site/``: everything goes to a fresh folder that is swapped in whole."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from explainer.errors import BuildError, problem
from explainer.render import Page


def _safe_target(root: Path, relative: str) -> Path:
    """``root/relative``, refusing any path that would land outside ``root``."""
    target = (root / relative).resolve()
    if relative.startswith(("/", "\\")) or root.resolve() not in target.parents:
        raise BuildError([problem(relative, 1, "refusing to write outside the output folder")])
    return target


def write_site(pages: Iterable[Page], static: Path, output: Path) -> int:
    """Write pages and static files to a new folder, then swap it for ``output``; returns files written."""
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
            target.write_text(page.text, encoding="utf-8")
            count += 1
        staging.chmod(0o755)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is; the old folder is removed only after the rename."""
    if not output.exists():
        os.rename(staging, output)
        return
    old = output.parent / f".{output.name}-old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    os.rename(output, old)
    try:
        os.rename(staging, output)
    except BaseException:
        os.rename(old, output)
        raise
    shutil.rmtree(old, ignore_errors=True)

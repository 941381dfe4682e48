"""A full disk and a read-only output, on a small file system the test mounts (tmpfs; skipped where it cannot)."""

from __future__ import annotations

import errno
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from explainer import cli
from explainer.build import build
from explainer.config import load_settings
from tests.conftest import small_site, write
from tests.fault_support import leftovers, snapshot, story, trusted_entries


def _mount(point: Path, options: str) -> None:
    point.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"needs a small file system of its own: 'mount -t tmpfs' was refused ({done.stderr.strip()}); "
                    "run as root where mounting is allowed")


def _unmount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB file system, mounted for this test and gone after it."""
    point = tmp_path / "disk"
    _mount(point, "size=4m")
    try:
        yield point
    finally:
        _unmount(point)


def fill(folder: Path) -> Path:
    """Write a file until the file system is full; returns it (delete it to free the space)."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def built_site(folder: Path) -> Path:
    """A small site (three stories) on ``folder``, built once."""
    root = small_site(folder / "root")
    for n in range(3):
        story(root, n)
    build(load_settings(root))
    return root


def run(root: Path, capsys) -> tuple[int, list[str]]:
    """``explainer build`` on ``root``: its status and its stderr lines."""
    status = cli.main(["build", "--site", str(root)])
    return status, capsys.readouterr().err.strip().splitlines()


def test_a_full_disk_while_caching_an_annotation(disk, capsys):
    root = built_site(disk)
    before, entries = snapshot(root / "site"), trusted_entries(root / ".explainer-cache")
    story(root, 1, edit=", edited")
    filler = fill(disk)
    status, lines = run(root, capsys)
    assert status == 1 and len(lines) == 1, lines
    assert lines[0].startswith(f"explainer: cannot write {root / '.explainer-cache/annotations'}")
    assert lines[0].endswith(": No space left on device")
    assert snapshot(root / "site") == before
    assert trusted_entries(root / ".explainer-cache") == entries, "no new entry, and none damaged"
    assert len(list((root / ".explainer-cache/annotations").glob("*/*"))) == len(entries), "no partial entry"
    assert leftovers(root) == []
    filler.unlink()
    assert run(root, capsys)[0] == 0
    assert "edited" in (root / "site/story-1/index.html").read_text()


def test_a_full_disk_while_writing_the_site(disk, capsys):
    root = built_site(disk)
    before, memo = snapshot(root / "site"), (root / ".explainer-cache/build-memo.pickle").read_bytes()
    template = root / "templates/article.html"
    template.write_text(template.read_text().replace("<article ", '<article data-edit="1" ', 1))
    filler = fill(disk)
    status, lines = run(root, capsys)
    assert status == 1 and len(lines) == 1, lines
    assert lines[0].startswith(f"explainer: cannot write {root / 'site'}/")
    assert lines[0].endswith(": No space left on device")
    assert snapshot(root / "site") == before
    assert (root / ".explainer-cache/build-memo.pickle").read_bytes() == memo
    assert leftovers(root) == []
    filler.unlink()
    assert run(root, capsys)[0] == 0
    assert 'data-edit="1"' in (root / "site/story-0/index.html").read_text()


def test_a_read_only_output_folder(tmp_path, capsys):
    root = small_site(tmp_path / "root")
    write(root / "explainer.toml", 'output_dir = "out/site"\n')
    out = root / "out"
    _mount(out, "size=4m")
    try:
        build(load_settings(root))
        before = snapshot(out / "site")
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        template = root / "templates/article.html"
        template.write_text(template.read_text().replace("<article ", '<article data-edit="1" ', 1))
        status, lines = run(root, capsys)
        assert status == 1 and lines == [f"explainer: cannot write {out / 'site'}: Read-only file system"]
        assert snapshot(out / "site") == before
        subprocess.run(["mount", "-o", "remount,rw", str(out)], check=True)
        assert run(root, capsys)[0] == 0
        assert 'data-edit="1"' in (out / "site/test-story/index.html").read_text()
    finally:
        _unmount(out)

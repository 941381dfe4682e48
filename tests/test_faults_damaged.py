"""Damaged state between builds: the memo, a cache entry, the cache folder, the output folder.

Each gives a fresh, correct build (the pages a clean build writes) or one line and status 1; never a traceback,
never a wrong page.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from explainer import cli
from explainer.annotate.cache import AnnotationCache
from explainer.build import build
from explainer.config import load_settings
from explainer.memo import MEMO_FORMAT, STATE_FILE
from explainer.write import finish_removals
from tests.conftest import small_site
from tests.fault_support import leftovers, snapshot, start_build, story


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A small site built once, and the pages a clean build of it writes (copied from for each test)."""
    root = small_site(tmp_path_factory.mktemp("damaged") / "root")
    for n in range(2):
        story(root, n)
    build(load_settings(root))
    return root, snapshot(root / "site")


@pytest.fixture
def root(clean, tmp_path) -> Path:
    """A copy of the built site, its cache and memo included, to damage."""
    copy = tmp_path / "root"
    shutil.copytree(clean[0], copy, symlinks=True)
    return copy


def edit(root: Path) -> None:
    """Change a template, so the next build has pages to write."""
    template = root / "templates/article.html"
    template.write_text(template.read_text().replace("<article ", '<article data-edit="1" ', 1))


def expected(clean, edited: bool = False) -> dict[str, bytes]:
    """What a clean build writes, after the template edit if ``edited``."""
    if not edited:
        return clean[1]
    return {path: data.replace(b"<article ", b'<article data-edit="1" ', 1) if path.endswith("index.html") and
            b"<article " in data and "/" in path and not path.startswith("entities/") else data
            for path, data in clean[1].items()}


def run(root: Path, capsys) -> tuple[int, list[str]]:
    """``explainer build`` on ``root``: its status and its stderr lines that are not content warnings."""
    status = cli.main(["build", "--site", str(root)])
    return status, [line for line in capsys.readouterr().err.splitlines() if ": warning: " not in line]


MEMO = Path(".explainer-cache") / STATE_FILE


@pytest.mark.parametrize("damage", ["truncated", "empty", "garbage", "older format", "not a memo", "a folder"])
def test_a_damaged_memo_gives_a_correct_build(root, clean, capsys, damage):
    memo = root / MEMO
    data = memo.read_bytes()
    memo.unlink()
    if damage == "truncated":
        memo.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        memo.write_bytes(b"")
    elif damage == "garbage":
        memo.write_bytes(bytes(range(256)) * 4)
    elif damage == "older format":
        memo.write_bytes(pickle.dumps((MEMO_FORMAT - 1, pickle.loads(data)[1])))
    elif damage == "not a memo":
        memo.write_bytes(pickle.dumps((MEMO_FORMAT, {"pages": {}})))
    else:
        memo.mkdir()
    (root / "site/story-0/index.html").write_text("a page the memo must not vouch for")
    status, lines = run(root, capsys)
    if damage == "a folder":  # the memo cannot be written back: one line, and the pages are still right
        assert status == 1 and lines == [f"explainer: cannot write {memo}: Is a directory"]
    else:
        assert status == 0 and lines == [], lines
    assert snapshot(root / "site") == expected(clean)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_any_bytes_as_the_memo_give_a_correct_build(root, clean, capsys, data):
    (root / MEMO).write_bytes(data)
    edit(root)
    status, lines = run(root, capsys)
    assert status == 0 and lines == []
    assert snapshot(root / "site") == expected(clean, edited=True)
    (root / "templates/article.html").write_text((clean[0] / "templates/article.html").read_text())
    assert run(root, capsys)[0] == 0


def _entries(root: Path) -> list[Path]:
    return sorted((root / ".explainer-cache/annotations").glob("*/*.json"))


@pytest.mark.parametrize("older", ["older format", "older shape"])
def test_a_cache_entry_from_an_older_version_is_not_trusted(root, clean, capsys, older):
    for path in _entries(root):
        head, _, body = path.read_bytes().partition(b"\n")
        header = json.loads(head)
        if older == "older format":
            header["format"] = "explainer-annotation-1"
        else:  # the current format's header over a body an older version wrote: checksum right, fields wrong
            data = json.loads(body)
            data["annotation"] = {"title": data["annotation"]["title"], "glossary": []}
            body = json.dumps(data).encode()
            header["sha256"] = hashlib.sha256(body).hexdigest()
        path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    (root / MEMO).unlink()  # so the pages are rendered again, from the cache
    shutil.rmtree(root / "site")
    status, lines = run(root, capsys)
    assert status == 0 and lines == []
    assert snapshot(root / "site") == expected(clean)
    for path in _entries(root):
        assert AnnotationCache(root / ".explainer-cache").get(path.stem) is not None, "recomputed and stored again"


def test_a_cache_folder_replaced_by_a_file_is_one_line(root, clean, capsys):
    cache = root / ".explainer-cache"
    shutil.rmtree(cache)
    cache.write_text("not a folder")
    edit(root)
    status, lines = run(root, capsys)
    assert status == 1
    assert lines == [f"explainer: cannot write {cache}: it is a file, not a folder "
                     "(move it away; it holds only the cache)"]
    assert snapshot(root / "site") == expected(clean) and cache.read_text() == "not a folder"


def test_an_output_folder_that_is_a_symlink_is_written_through(root, clean, capsys, tmp_path):
    real = tmp_path / "published"
    (root / "site").rename(real)
    (root / "site").symlink_to(real)
    edit(root)
    status, lines = run(root, capsys)
    assert status == 0 and lines == []
    assert (root / "site").is_symlink() and (root / "site").resolve() == real
    assert snapshot(real) == expected(clean, edited=True)
    finish_removals()  # the old folder goes on a thread; the process's exit waits for it
    assert leftovers(root) == [] and not [p for p in tmp_path.iterdir() if p.name.startswith(".published-")]


def test_an_output_that_is_a_file_is_one_line(root, clean, capsys):
    shutil.rmtree(root / "site")
    (root / "site").write_text("someone's file")
    status, lines = run(root, capsys)
    assert status == 1
    assert lines == [f"explainer: cannot write {root / 'site'}: it is a file, not a folder "
                     "(move it away, or set output_dir in explainer.toml)"]
    assert (root / "site").read_text() == "someone's file"


def test_an_annotation_lost_from_the_cache_while_pages_render_is_made_again(root, clean, tmp_path):
    # A one-off build holds a summary of each annotation, not the annotation: article pages read theirs back
    # from the cache as they render. One deleted meanwhile is made again, not a traceback or a bare page.
    edit(root)  # every article page renders again
    log = tmp_path / "checkpoints.log"
    run = start_build(root, log, "--jobs", "1", hold="render")
    assert run.wait_for("render")
    shutil.rmtree(root / ".explainer-cache" / "annotations")
    Path(f"{log}.go").touch()
    assert run.finish() == 0, run.errors()
    assert snapshot(root / "site") == expected(clean, edited=True)

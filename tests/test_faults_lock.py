"""Two builds at once: the site lock, --no-wait, a lock left by a killed build, serve beside a build, one cache entry
written by several processes."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explainer.build import build
from explainer.config import load_settings
from tests.conftest import REPO, small_site
from tests.fault_support import leftovers, snapshot, start_build, story
from tests.preview_server import EXPLAINER, free_port, get


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small built site (three stories) whose next build has something to write (a template edit)."""
    root = small_site(tmp_path / "root")
    for n in range(3):
        story(root, n)
    build(load_settings(root))
    edit_template(root, "first")
    return root


def edit_template(root: Path, mark: str) -> None:
    """Change the article template, so every article page is written again (and nothing is annotated)."""
    template = root / "templates/article.html"
    text = template.read_text()
    if 'data-mark="' in text:
        old = text.split('data-mark="', 1)[1].split('"')[0]
        text = text.replace(f' data-mark="{old}"', "")
    template.write_text(text.replace("<article ", f'<article data-mark="{mark}" ', 1))


def wait_until(check, limit: float = 120, what: str = "") -> None:
    """Poll ``check`` until it holds (a bounded wait, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.01)


def test_a_second_build_waits_for_the_first_and_says_who_it_waits_for(root, tmp_path):
    log = tmp_path / "log"
    first = start_build(root, log, hold="write")
    assert first.wait_for("write")
    second = start_build(root, log)
    waiting = f"another build of this site is running (pid {first.process.pid}); waiting"
    wait_until(lambda: waiting in second.errors(), what="the waiting message")
    assert second.seen() == ["lock-wait"], "the second build did nothing while the first held the lock"
    Path(f"{log}.go").touch()
    assert first.finish() == 0 and second.finish() == 0, second.errors()
    order = [line.split() for line in log.read_text().splitlines()]
    first_done = order.index([str(first.process.pid), "unlocked"])
    assert order.index([str(second.process.pid), "locked"]) > first_done
    assert second.errors().splitlines()[0] == waiting and second.errors().count("waiting") == 1
    assert 'data-mark="first"' in (root / "site/story-0/index.html").read_text()
    assert leftovers(root) == []


def test_no_wait_exits_1_with_one_line(root, tmp_path):
    log = tmp_path / "log"
    first = start_build(root, log, hold="write")
    assert first.wait_for("write")
    before = snapshot(root / "site")
    second = start_build(root, log, "--no-wait")
    assert second.finish() == 1
    assert second.errors().strip().splitlines() == [
        f"explainer: another build of this site is running (pid {first.process.pid}); not waiting (--no-wait)"]
    assert snapshot(root / "site") == before
    Path(f"{log}.go").touch()
    assert first.finish() == 0


def test_a_lock_left_by_a_killed_build_is_taken_over(root, tmp_path):
    log = tmp_path / "log"
    first = start_build(root, log, hold="swap")  # the new site is written, the swap not done
    assert first.wait_for("swap")
    before = snapshot(root / "site")
    assert first.stop(signal.SIGKILL) == "swap"
    assert leftovers(root), "the killed build left its new folder (and its pid in the lock)"
    assert snapshot(root / "site") == before
    second = start_build(root, log)
    assert second.finish() == 0
    assert "waiting" not in second.errors()
    assert 'data-mark="first"' in (root / "site/story-0/index.html").read_text()
    assert leftovers(root) == []


def _holders(log: Path) -> list[tuple[str, str]]:
    """(pid, checkpoint) in the order the processes passed them."""
    return [tuple(line.split()) for line in log.read_text().splitlines()]  # type: ignore[misc]


@pytest.mark.slow
def test_serve_and_a_command_line_build_never_write_at_the_same_time(root, tmp_path):
    log = tmp_path / "log"
    port = free_port()
    env = {**os.environ, "EXPLAINER_CHECKPOINTS": str(log), "EXPLAINER_CHECKPOINT_PAUSE": "0.01",
           "PYTHONUNBUFFERED": "1"}
    with (tmp_path / "serve.out").open("w") as sink:
        server = subprocess.Popen([str(EXPLAINER), "serve", "--site", str(root), "--port", str(port)],
                                  stdout=sink, stderr=subprocess.STDOUT, env=env)
    try:
        wait_until(lambda: _answers(port), what="the preview server")
        # A build holds the lock while an edit makes serve rebuild: serve must wait for it.
        cli = start_build(root, log, hold="locked")
        assert cli.wait_for("locked")
        edit_template(root, "while-held")
        wait_until(lambda: (str(server.pid), "lock-wait") in _holders(log), what="serve to wait for the lock")
        Path(f"{log}.go").touch()
        assert cli.finish() == 0
        # Then builds and saves at random moments.
        for n in range(6):
            edit_template(root, f"round-{n}")
            time.sleep(0.05 * n)
            assert start_build(root, log).finish() == 0
        wait_until(lambda: _holders(log)[-1][1] == "unlocked" and b"round-5" in get(port, "/story-0/")[2],
                   what="serve to show the last edit")
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=180) == 0
    holder = None
    for pid, name in _holders(log):
        if name == "locked":
            assert holder is None, f"{pid} took the lock while {holder} held it"
            holder = pid
        elif name == "unlocked":
            holder = None
        elif name != "lock-wait":
            assert pid == holder, f"{pid} passed {name} while {holder} held the lock"
    assert sum(1 for _, name in _holders(log) if name == "locked") >= 9  # serve: first build and 2+; the CLI: 7
    build(load_settings(root))
    assert 'data-mark="round-5"' in (root / "site/story-0/index.html").read_text() and leftovers(root) == []
    assert "stopped" in (tmp_path / "serve.out").read_text()


def _answers(port: int) -> bool:
    try:
        return get(port, "/")[0] == 200
    except OSError:
        return False


WRITER = """
import sys
from pathlib import Path
from explainer.annotate.cache import AnnotationCache
from explainer.errors import Problem
from explainer.model import Annotation
folder, key, name, rounds = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
cache = AnnotationCache(folder)
for n in range(rounds):
    text = f"{name} round {n} " + name * (20_000 + 997 * (n % 50))
    cache.put(key, Annotation(title=text), (Problem(name, n + 1, "a warning"),))
"""

READER = """
import hashlib, json, sys, time
from pathlib import Path
path, stop = Path(sys.argv[1]), Path(sys.argv[2])
reads = 0
while not stop.exists():
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        continue
    head, _, body = raw.partition(b"\\n")
    header = json.loads(head)
    if header["sha256"] != hashlib.sha256(body).hexdigest():
        print("DAMAGED", len(raw)); sys.exit(1)
    json.loads(body)
    reads += 1
print("READS", reads)
"""


def test_processes_writing_the_same_cache_entry_never_leave_it_damaged(tmp_path):
    from explainer.annotate.cache import AnnotationCache

    key = hashlib.sha256(b"one article").hexdigest()
    folder = tmp_path / "cache"
    path = AnnotationCache(folder).path(key)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(path), str(stop)], stdout=subprocess.PIPE,
                              text=True, cwd=REPO)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(folder), key, f"w{i}", "150"], cwd=REPO)
               for i in range(3)]
    try:
        assert [w.wait(timeout=300) for w in writers] == [0, 0, 0]
    finally:
        stop.touch()
    out, _ = reader.communicate(timeout=60)
    assert reader.returncode == 0, out
    assert int(out.split()[-1]) > 0, "the reader never saw the entry"
    annotation, problems = AnnotationCache(folder).get(key)
    assert annotation.title.startswith(problems[0].path) and json.loads(path.read_bytes().partition(b"\n")[0])
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "no temporary file is left"

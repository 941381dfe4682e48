"""Helpers for the fault tests: real ``explainer build`` processes stopped at named checkpoints, and what they leave."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from explainer.annotate.cache import AnnotationCache
from explainer.annotate.serialize import annotation_to_json, problems_to_json
from explainer.write import finish_removals
from tests.conftest import write
from tests.preview_server import EXPLAINER

# The checkpoints of each phase of a build (see explainer/checkpoints.py).
PHASES = {
    "lock": ("locked",),
    "load": ("load",),
    "annotate": ("annotate", "cache-tmp", "cache-put"),
    "render": ("render",),
    "write": ("write", "write-file", "update", "plan", "apply-file"),
    "swap": ("swap", "swap-between", "swapped"),
    "memo": ("memo-tmp", "memo", "unlocked"),
}
PHASE_OF = {name: phase for phase, names in PHASES.items() for name in names}

STORY = """
---
title: Story {n}
date: 2022-03-{day:02d}
---
Sergei Lavrov met Wang Yi in Huangshan on Wednesday, story {n} says{edit}.

"We will move towards a multipolar world order," Lavrov said. "Nobody can stop it."
"""


def story(root: Path, n: int, edit: str = "", title: str = "") -> None:
    """Write story ``n`` (an invented text), with an edit in its text and its own title if given."""
    text = STORY.format(n=n, day=n + 1, edit=edit)
    if title:
        text = text.replace(f"title: Story {n}", f"title: {title}")
    write(root / f"content/articles/story-{n}.md", text)


@dataclass
class Run:
    """A build process started with checkpoints logged to ``log``."""

    process: subprocess.Popen
    log: Path
    stderr: Path

    def seen(self) -> list[str]:
        """The checkpoints this process has passed, in order."""
        pid = str(self.process.pid)
        if not self.log.exists():
            return []
        return [line.split()[1] for line in self.log.read_text().splitlines() if line.split()[0] == pid]

    def wait_for(self, name: str, nth: int = 1, limit: float = 120) -> bool:
        """Wait until the build passes checkpoint ``name`` for the ``nth`` time; False if it ended first."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.seen().count(name) >= nth:
                return True
            if self.process.poll() is not None:
                return self.seen().count(name) >= nth
            time.sleep(0.002)
        raise AssertionError(f"the build did not reach {name} within {limit} s: {self.seen()}")

    def stop(self, signum: int) -> str | None:
        """Send ``signum``; the checkpoint the build was past when it landed, or None if it had already ended."""
        if self.process.poll() is not None:
            return None
        seen = self.seen()
        self.process.send_signal(signum)
        self.process.wait(timeout=120)
        return seen[-1] if seen else "start"

    def finish(self) -> int:
        """Wait for the build to end by itself; its exit status."""
        return self.process.wait(timeout=300)

    def errors(self) -> str:
        """What the build printed on stderr."""
        return self.stderr.read_text(errors="replace")


def start_build(root: Path, log: Path, *options: str, pause: float = 0.0, hold: str = "") -> Run:
    """Start ``explainer build`` on ``root`` as its own process, logging its checkpoints to ``log``."""
    env = {**os.environ, "EXPLAINER_CHECKPOINTS": str(log), "EXPLAINER_CHECKPOINT_PAUSE": str(pause),
           "EXPLAINER_CHECKPOINT_HOLD": hold, "PYTHONUNBUFFERED": "1"}
    stderr = log.with_name(f"{log.name}.{time.monotonic_ns()}.err")
    with stderr.open("w") as sink:
        process = subprocess.Popen([str(EXPLAINER), "build", "--site", str(root), *options],
                                   stdout=subprocess.DEVNULL, stderr=sink, env=env)
    return Run(process, log, stderr)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes (empty if there is no folder).

    Pagefind's bundle differs from run to run for the same pages (its filter and meta files are named by a hash
    of contents it orders differently each time), so it is summed up as what a reader's search depends on:
    whether the entry file names a meta file that is there, and how many pages it covers.
    """
    if not folder.is_dir():
        return {}
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    if "pagefind/pagefind-entry.json" in files:
        files = {path: data for path, data in files.items() if not path.startswith("pagefind/")} | {
            "pagefind/": search_index(folder / "pagefind")}
    return files


def search_index(bundle: Path) -> bytes:
    """Each language of a Pagefind bundle: its page count, and whether the meta file its entry names is there."""
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    return json.dumps({lang: [info["page_count"], (bundle / f"pagefind.{info['hash']}.pf_meta").is_file()]
                       for lang, info in sorted(entry["languages"].items())}).encode()


def leftovers(root: Path) -> list[str]:
    """Temporary folders and files a build may leave: beside site/ and in the cache.

    A build in this process returns before its swapped-out folder is removed (a thread does it, and the
    command line waits for it at exit), so that removal is waited for first, as the command would.
    """
    finish_removals()
    found = [p.name for p in root.iterdir() if p.name.startswith(".site-")]
    cache = root / ".explainer-cache"
    if cache.is_dir():
        found += [p.relative_to(root).as_posix() for p in cache.rglob("*.tmp")]
    return sorted(found)


def trusted_entries(cache: Path) -> dict[str, tuple]:
    """Every cache entry a build would trust, as comparable JSON (read by a fresh cache, as a new build reads it)."""
    store = AnnotationCache(cache)
    found = {}
    for path in sorted((cache / "annotations").glob("*/*.json")):
        entry = store.get(path.stem)
        if entry is not None:
            found[path.stem] = (annotation_to_json(entry[0]), problems_to_json(entry[1]))
    return found


def copy_entries(source: Path, target: Path) -> None:
    """Copy every annotation cache entry of ``source`` into ``target`` (so a build finds them cached)."""
    for path in (source / "annotations").glob("*/*.json"):
        goal = target / path.relative_to(source)
        if not goal.exists():
            goal.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, goal)


SIGNALS = {"SIGKILL": signal.SIGKILL, "SIGTERM": signal.SIGTERM, "SIGINT": signal.SIGINT}

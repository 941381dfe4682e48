"""Builds stopped at any moment: SIGKILL in every phase, SIGTERM and Ctrl-C, and what the next build finds.

Each run changes the content, starts a real ``explainer build`` process that
pauses briefly at each checkpoint, waits until it reaches a point chosen in
one of the phases (loading, annotation, rendering, writing, the swap, the memo),
and kills it there, after a random delay. Then: ``site/`` is the previous
build or the new one, whole; no temporary folder is inside it; no cache entry
a build would trust differs from a fresh annotation; the next build succeeds,
clears what was left, and gives what a clean build gives.

The reference for "the new build" and "a fresh annotation" is an in-process
build of the same content into a folder and cache of its own, which nothing kills.
"""

from __future__ import annotations

import random
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from explainer.build import build
from explainer.config import load_settings
from explainer.write import finish_removals
from tests.conftest import small_site
from tests.fault_support import (PHASE_OF, copy_entries, leftovers, snapshot, start_build, story,
                                 trusted_entries)

RUNS = 60
PAUSE = 0.02  # seconds at each checkpoint of a killed build
STORIES = 3
# Where the kills are aimed, in turn: (phase, checkpoints to stop after).
TARGETS = [
    ("load", ("load",)),
    ("annotate", ("annotate", "cache-tmp", "cache-put")),
    ("render", ("render",)),
    ("write", ("write", "write-file")),
    ("swap", ("swap", "swapped")),
    ("memo", ("memo-tmp", "memo")),
]


class Site:
    """The site under test, its reference twin, and the edits made so far."""

    def __init__(self, root: Path):
        self.root = small_site(root)
        for n in range(STORIES):
            story(self.root, n)
        self.version = 0
        self.reference = load_settings(self.root, output_dir="ref-out", cache_dir="ref-cache")

    def edit(self, rng: random.Random, annotate: bool) -> str:
        """Change the content: a story's text (needs annotating), its title, or a template."""
        self.version += 1
        kind = "text" if annotate else rng.choice(["text", "title", "template"])
        n = rng.randrange(STORIES)
        if kind == "text":
            story(self.root, n, edit=f", edit {self.version}")
        elif kind == "title":
            story(self.root, n, title=f"Story {n}, headline {self.version}")
        else:
            template = self.root / "templates/article.html"
            text = template.read_text()
            marker = text.split('data-edit="', 1)[1].split('"')[0] if 'data-edit="' in text else None
            text = text.replace(f' data-edit="{marker}"', "") if marker else text
            template.write_text(text.replace("<article ", f'<article data-edit="{self.version}" ', 1))
        return kind

    def expected(self) -> dict[str, bytes]:
        """What the new build must write: the reference build of the current content."""
        build(self.reference)
        return snapshot(self.reference.output)


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one(tmp_path):
    rng = random.Random(19)
    site = Site(tmp_path / "root")
    root = site.root
    build(load_settings(root))
    site.expected()
    landed: Counter[str] = Counter()
    stopped_by: Counter[str] = Counter()
    for run in range(RUNS):
        phase, names = TARGETS[run % len(TARGETS)]
        how = {3: "SIGTERM", 5: "SIGINT"}.get(run % 12, "SIGKILL")
        before = snapshot(root / "site")
        kind = site.edit(rng, annotate=phase == "annotate")
        after = site.expected()
        if phase != "annotate":  # the annotation is cached already, so the build goes quickly to the kill
            copy_entries(root / "ref-cache", root / ".explainer-cache")
        log = tmp_path / f"run-{run}.log"
        process = start_build(root, log, pause=PAUSE)
        name = rng.choice(names)
        reached = process.wait_for(name, nth=rng.randint(1, 3) if name == "write-file" else 1)
        if reached and phase == "annotate" and name == "annotate":
            # Loading spaCy and annotating take seconds: land anywhere in them.
            time.sleep(rng.uniform(0.05, 4.0))
        else:
            time.sleep(rng.uniform(0, PAUSE * 1.5))
        where = process.stop(getattr(signal, how))
        context = f"run {run}: {how} after {where} ({kind} edit), aimed at {phase}"
        if where is None:
            landed["finished first"] += 1
        else:
            landed[PHASE_OF.get(where, where)] += 1
            stopped_by[how] += 1

        # site/ is the previous build or the new one, whole, with nothing temporary inside.
        killed = snapshot(root / "site")
        assert killed in (before, after), f"{context}: site/ is neither the old build nor the new one"
        assert (root / "site").is_dir(), f"{context}: site/ is missing"
        # A build stopped by SIGTERM or Ctrl-C says so in one line and leaves nothing behind at all.
        if how != "SIGKILL" and where is not None:
            lines = process.errors().strip().splitlines()
            assert process.process.returncode == 128 + getattr(signal, how), context
            assert lines[-1:] == [f"explainer: stopped by {'Ctrl-C' if how == 'SIGINT' else how}; "
                                  "site/ holds the last complete build"], f"{context}: {lines}"
            assert "Traceback" not in process.errors(), context
            assert leftovers(root) == [], context
        # No cache entry a build would trust differs from a fresh annotation.
        reference = trusted_entries(root / "ref-cache")
        for key, entry in trusted_entries(root / ".explainer-cache").items():
            assert reference.get(key) == entry, f"{context}: cache entry {key} differs from a fresh annotation"

        # The next build succeeds, clears what was left, and writes the new build.
        build(load_settings(root))
        finish_removals()  # the swapped-out folder is removed on a thread; the process's exit waits for it
        assert snapshot(root / "site") == after, context
        assert leftovers(root) == [], context

    clean = build(load_settings(root, cache=False))
    assert clean.annotated == STORIES + 1 and snapshot(root / "site") == snapshot(root / "ref-out")
    print(f"\nkills landed in: {dict(landed)}; stopped by: {dict(stopped_by)}")
    for phase, _ in TARGETS:
        assert landed[phase] >= 3, f"too few kills in {phase}: {dict(landed)}"

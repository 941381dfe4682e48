"""Shared fixtures: a small site in a temporary folder, built with the project's own templates."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    """Write dedented text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


ARTICLE = """
---
title: A test story
date: 2022-03-30
dek: What happened, briefly.
---
Sergei Lavrov landed in Huangshan on Wednesday.

"We will move towards a multipolar world order," Lavrov said.
"""


def small_site(root: Path) -> Path:
    """Make, at ``root``, a site with the project's templates, one article and a tiny knowledge base."""
    shutil.copytree(REPO / "explainer" / "theme", root / "templates")
    write(root / "content/articles/test-story.md", ARTICLE)
    write(root / "content/entities/sergei-lavrov.md", """
        ---
        name: Sergei Lavrov
        kind: person
        aliases: [Lavrov]
        description: Russian diplomat, foreign minister since 2004
        role: Russia's foreign minister
        ---
        A note.
        """)
    return root


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    """The small site in a temporary folder."""
    return small_site(tmp_path / "site-root")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After the run: which tools were missing, how many tests each kept from running, and what installs it."""
    from tests.quality_support import MISSING, TOOLS

    skipped: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        match = MISSING.match(reason.removeprefix("Skipped: "))
        if match and match["tool"] in TOOLS:
            skipped[match["tool"]] = skipped.get(match["tool"], 0) + 1
    if not skipped:
        return
    terminalreporter.section("tools missing")
    for tool, count in skipped.items():
        terminalreporter.write_line(f"{count} test{'s' if count > 1 else ''} skipped: {tool} is not installed "
                                    f"(install: {TOOLS[tool]})")
    apt = sorted({TOOLS[t].removeprefix("apt-get install ") for t in skipped if TOOLS[t].startswith("apt-get")})
    others = sorted({TOOLS[t] for t in skipped if not TOOLS[t].startswith("apt-get")})
    commands = ([f"apt-get install {' '.join(apt)}"] if apt else []) + others
    terminalreporter.write_line("to run them all: " + " && ".join(commands))

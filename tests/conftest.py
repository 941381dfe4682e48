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

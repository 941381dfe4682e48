"""The benchmark's render floor runs over the theme as it is: a new filter or page in the theme must not stop
``make bench`` half way (it once did, at the template-edit row, after the search pages landed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from measure import RENDER_FLOOR  # noqa: E402
from news import make_news_site  # noqa: E402


def test_the_render_floor_renders_every_page_with_the_built_in_theme(tmp_path: Path) -> None:
    root = tmp_path / "news"
    make_news_site(root, 3)
    out = tmp_path / "floor"
    done = subprocess.run([sys.executable, "-c", RENDER_FLOOR, str(root), str(out), "7"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    pages = sorted(out.glob("*/index.html"))
    assert len(pages) == 7
    first = pages[0].read_text(encoding="utf-8")
    assert "<h1" in first and "</html>" in first.lower()

"""The benchmark's render floor runs over the theme as it is: a new filter or page in the theme must not stop
``make bench`` half way (it once did, at the template-edit row, after the search pages landed); and a run adds
its table to the results file without erasing the runs before it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from bench import with_history  # noqa: E402
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


def test_a_benchmark_run_goes_on_top_of_the_results_and_keeps_the_earlier_ones(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    out.write_text("# make bench results\n\n## An earlier run\n\nWhat it bought: 1.26 -> 1.05.\n", encoding="utf-8")
    out.write_text(with_history(out, "## `bench.py --real 60`", "| measure | ratio |\n"), encoding="utf-8")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# make bench results\n\n## `bench.py --real 60`\n")
    assert text.index("--real 60") < text.index("## An earlier run") and "1.26 -> 1.05" in text
    assert text.count("# make bench results") == 1

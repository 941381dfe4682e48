"""``make bench``: build real and news-like sites and compare each build with a floor measured in the same run.

    python benchmarks/bench.py [--n 1000] [--small 250] [--large 0] [--real 60,300,all] [--jobs N]
                               [--skip-news] [--skip-real] [--cluster | --cluster-only] [--out benchmarks/results.md]

Real news: the PolNeAR training texts, read from ``../shared/eval/polnear-train/text`` when they are
there (never copied into the repository; the rows are left out otherwise), at a few sizes:
1. cold build / the full pipeline's ``nlp.pipe`` over the same block texts on as many processes;
2. after a template edit (every page rendered again) / a bare Markdown + Jinja + write loop over as
   many pages.
News-like corpus (``news.py``), N articles:
3. the same two ratios, the warm build, and a one-article rebuild in a long-lived process (as
   ``explainer serve`` runs it) against annotating that article alone;
4. peak memory (PSS of the build and its workers, summed) of cold builds at two or three sizes,
   and its growth per article beside the output's;
5. with ``--cluster``: a cold build of the news-like site through ``--scheduler`` on a Dask LocalCluster
   (``cluster_row.py``; ``--cluster-only`` runs that row alone).
Wall times on a shared machine depend on the neighbours, so every ratio is given in CPU seconds too
(the build's and its workers', read from /proc). This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402
from measure import (  # noqa: E402
    CPU, EXPLAINER, INCREMENTAL, PYTHON, RENDER_FLOOR, REPO, cold_build, folder_size, index_alone, kinds_text,
    pages_by_kind, snapshot_code, spacy_floor, timed,
)
from news import make_news_site, make_real_site  # noqa: E402

REAL = REPO.parent / "shared" / "eval" / "polnear-train" / "text"
Row = tuple[str, str, str, str, "bool | None"]


def ratio_rows(label: str, build: tuple[float, float], floor: tuple[float, float], target: float | None,
               floor_name: str) -> list[Row]:
    """A wall-time row and a CPU-time row for ``build / floor``; the target is judged on both."""
    (wall, cpu), (floor_wall, floor_cpu) = build, floor
    limit = f"≤ {target}" if target else "(reported)"
    return [(f"{label} / {floor_name}", f"{wall:.1f} s / {floor_wall:.1f} s", f"{wall / floor_wall:.2f}", limit,
             None if target is None else wall / floor_wall <= target),
            ("  the same in CPU seconds", f"{cpu:.1f} / {floor_cpu:.1f}", f"{cpu / floor_cpu:.2f}", limit,
             None if target is None else cpu / floor_cpu <= target)]


def theme() -> Path:
    """The built-in theme of the code being measured (a snapshot of the last commit), for the sites' templates/."""
    return measure.CODE[0] / "explainer" / "theme"


def index_seconds(summary: str) -> str:
    """The search index's own seconds from a build's summary line ("..., search index 4.12 s")."""
    found = re.search(r"search index ([0-9.]+) s", summary)
    return f"{found.group(1)} s" if found else "not built"


def rerender(root: Path, work: Path, label: str) -> list[Row]:
    """Every page rendered again after a template edit, against a bare loop over as many pages.

    The build then indexes the whole site for search, which the floor does not; Pagefind alone over the same
    pages is measured first, reported as its own row and taken out of the build's figures.
    """
    pages = sum(pages_by_kind(root / "site").values())
    index_wall, index_cpu = index_alone(root / "site", work / f"index-{root.name}")
    timed([*EXPLAINER, "build", "--site", str(root)])  # warm: nothing to do
    base = root / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "{# touched by the benchmark #}\n", encoding="utf-8")
    wall, _, _ = timed([*EXPLAINER, "build", "--site", str(root)])
    cpu = CPU["last"]
    floor, _, _ = timed([PYTHON, "-c", RENDER_FLOOR, str(root), str(work / f"floor-{root.name}"), str(pages)])
    print(f"{label}: template touched {wall:.2f} s ({cpu:.1f} CPU s), of which the search index alone "
          f"{index_wall:.2f} s ({index_cpu:.1f} CPU s); render floor over {pages} pages {floor:.2f} s "
          f"({CPU['last']:.1f} CPU s)", flush=True)
    rows: list[Row] = [(f"{label}: search index alone (Pagefind over {pages:,} pages)",
                        f"{index_wall:.1f} s ({index_cpu:.1f} CPU s)", "—", "(reported)", None)]
    return rows + ratio_rows(f"{label}: template edit (every page again), search index taken out",
                             (wall - index_wall, cpu - index_cpu), (floor, CPU["last"]), 1.5, "render floor")


def real_news(work: Path, sizes: list[str], jobs: int) -> tuple[list[Row], list[str]]:
    """Cold builds and a template edit on real news texts, at each size."""
    texts = sorted(REAL.glob("*.txt"))
    rows: list[Row] = []
    notes: list[str] = []
    targets = {60: 1.15, 300: 0.9}
    for size in sizes:
        n = len(texts) if size == "all" else min(int(size), len(texts))
        root = work / f"real-{n}"
        make_real_site(root, texts[:n], theme())
        floor_wall, floor_cpu, words = spacy_floor(root, work, jobs)
        wall, cpu, peak, summary = cold_build(root, jobs)
        kinds = pages_by_kind(root / "site")
        print(f"real news, {n} articles ({words:,} words): floor {floor_wall:.1f} s ({floor_cpu:.1f} CPU s), "
              f"cold build {wall:.1f} s ({cpu:.1f} CPU s), peak {peak / 2**20:.0f} MB; {kinds_text(kinds)}",
              flush=True)
        notes.append(f"real news, {n} articles ({words:,} words): {kinds_text(kinds)}")
        rows += ratio_rows(f"real news, {n} articles: cold build", (wall, cpu), (floor_wall, floor_cpu),
                           targets.get(n, 0.85), "nlp.pipe floor")
        if n == 300 or (size == sizes[-1] and not any(r[0].startswith("real news, 300") for r in rows)):
            rows += rerender(root, work, f"real news, {n} articles")
    return rows, notes


def news(work: Path, n: int, small: int, large: int, jobs: int, cluster: bool = False, only_cluster: bool = False
         ) -> tuple[list[Row], list[str]]:
    """The news-like corpus: cold build, warm build, template edit, one-article rebuild, memory at two or three sizes."""
    root = work / f"news-{n}"
    make_news_site(root, n, theme=theme())
    floor_wall, floor_cpu, words = spacy_floor(root, work, jobs)
    wall, cpu, peak, summary = cold_build(root, jobs)
    kinds = pages_by_kind(root / "site")
    out_size = folder_size(root / "site")
    print(f"news corpus, {n} articles ({words:,} words): floor {floor_wall:.1f} s ({floor_cpu:.1f} CPU s), cold "
          f"build {wall:.1f} s ({cpu:.1f} CPU s), peak {peak / 2**20:.0f} MB; {kinds_text(kinds)}", flush=True)
    rows = ratio_rows(f"news corpus, {n}: cold build", (wall, cpu), (floor_wall, floor_cpu), 0.85, "nlp.pipe floor")
    rows.append((f"news corpus, {n}: of which the search index (Pagefind, whole site)", index_seconds(summary), "—",
                 "(reported)", None))
    if cluster or only_cluster:
        from cluster_row import cluster_rows

        found, extrapolation = cluster_rows(root, n, words, jobs, wall, cpu)
        rows += found
        if only_cluster:
            return rows, [extrapolation.strip()]
    warm, _, _ = timed([*EXPLAINER, "build", "--site", str(root)])
    rows.append((f"news corpus, {n}: warm build (nothing changed)", f"{warm:.2f} s ({CPU['last']:.2f} CPU s)", "—",
                 "(reported)", None))
    rows += rerender(root, work, f"news corpus, {n}")
    _, out, _ = timed([PYTHON, "-c", INCREMENTAL, str(root)])
    inc = json.loads(out.strip().splitlines()[-1])
    print(f"incremental: {inc['incremental']:.3f} s, then the search index {inc['index']:.2f} s; one article alone "
          f"{inc['alone']:.3f} s", flush=True)
    rows.append((f"news corpus, {n}: one-article rebuild under serve / annotating it alone",
                 f"{inc['incremental']:.3f} s / {inc['alone']:.3f} s", f"{inc['incremental'] / inc['alone']:.2f}",
                 "≤ 1.3", inc["incremental"] / inc["alone"] <= 1.3))
    rows.append((f"news corpus, {n}: search index after that rebuild (serve: after the reload; Pagefind has no "
                 "incremental mode, so the whole site)", f"{inc['index']:.2f} s", "—", "(reported)", None))
    memory = {n: (peak, out_size)}
    for size, seed in ((small, 2), (large, 3)):
        if size:
            other = work / f"news-{size}"
            make_news_site(other, size, seed=seed, theme=theme())
            _, _, other_peak, _ = cold_build(other, jobs)
            memory[size] = (other_peak, folder_size(other / "site"))
            print(f"news corpus, {size} articles: peak {other_peak / 2**20:.0f} MB", flush=True)
            if size != n:
                import shutil
                shutil.rmtree(other, ignore_errors=True)
    mb = 2**20
    for size, (size_peak, _) in sorted(memory.items()):
        rows.append((f"news corpus, {size}: peak memory of the cold build (PSS, build + workers)",
                     f"{size_peak / mb:.0f} MB", "—", "≤ 1024 MB" if size == 1000 else "(reported)",
                     size_peak <= 1024 * mb if size == 1000 else None))
    sizes = sorted(memory)
    for lo, hi in zip(sizes, sizes[1:]):
        grow = (memory[hi][0] - memory[lo][0]) / (hi - lo)
        out_grow = (memory[hi][1] - memory[lo][1]) / (hi - lo)
        rows.append((f"news corpus: memory growth per article, {lo} → {hi} / output's",
                     f"{grow / 1024:.0f} KB / {out_grow / 1024:.0f} KB", f"{grow / out_grow:.2f}", "≤ 1",
                     grow <= out_grow))
    return rows, [f"news corpus, {n} articles ({words:,} words): {kinds_text(kinds)}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the news-like site (default 1000)")
    parser.add_argument("--small", type=int, default=250, help="a smaller news-like site, for memory growth")
    parser.add_argument("--large", type=int, default=0, help="a larger one too (e.g. 2000; long)")
    parser.add_argument("--real", default="60,300,all", help="sizes of the real-news sites (when the texts are there)")
    parser.add_argument("--skip-news", action="store_true")
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--cluster", action="store_true", help="add the Dask LocalCluster row (needs explainer[cluster])")
    parser.add_argument("--cluster-only", action="store_true", help="only the news site's cold build and cluster row")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    args = parser.parse_args()
    began = time.perf_counter()
    load_before = os.getloadavg()[0]
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
        work = Path(tmp)
        measure.CODE[0] = snapshot_code(work / "code")
        if not args.skip_real and not args.cluster_only:
            if REAL.is_dir():
                found, said = real_news(work, [s.strip() for s in args.real.split(",") if s.strip()], args.jobs)
                rows, notes = rows + found, notes + said
            else:
                notes.append(f"real news: {REAL} not found, rows left out")
        if not args.skip_news:
            found, said = news(work, args.n, args.small, args.large, args.jobs, args.cluster, args.cluster_only)
            rows, notes = rows + found, notes + said
    header = "| measure | measured | ratio | target | met |\n|---|---|---|---|---|\n"
    body = "".join(f"| {m} | {v} | {r} | {t} | {'' if ok is None else 'yes' if ok else 'NO'} |\n"
                   for m, v, r, t, ok in rows)
    text = (f"{dt.date.today().isoformat()}, {platform.machine()} with {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, --jobs {args.jobs}; benchmark took {time.perf_counter() - began:.0f} s; "
            f"load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.\n\n"
            + "".join(f"- {note}\n" for note in notes) + "\n" + header + body)
    print("\n" + text)
    command = " ".join(["bench.py", *sys.argv[1:]])
    args.out.write_text(with_history(args.out, f"## `{command}`", text), encoding="utf-8")
    print(f"written to {args.out}, above the runs before it")
    return 0


def with_history(out: Path, heading: str, text: str) -> str:
    """The results file with this run on top: earlier runs, and what was written about them, stay below it."""
    title = "# make bench results\n"
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    old = old[len(title):].lstrip("\n") if old.startswith(title) else old
    return f"{title}\n{heading}\n\n{text}\n" + (f"\n{old}" if old else "")


if __name__ == "__main__":
    sys.exit(main())

"""``make bench``: build a synthetic newsroom and compare each build against a floor measured in the same run.

    python benchmarks/bench.py [--n 1000] [--small 250] [--jobs N] [--out benchmarks/results.md]

1. cold build / raw ``nlp.pipe`` of the same block texts with the same number of processes;
2. warm build / a bare loop rendering the same Markdown into the same templates and writing it
   (reported beside it: a build after a template is touched, which renders every page again);
3. a one-article incremental rebuild in a long-lived process (as ``explainer serve`` runs it),
   absolute and against annotating that one article alone;
4. peak memory (RSS of the build and its workers, summed) of cold builds at two sizes;
5. a cold build through ``--scheduler`` on a Dask ``LocalCluster`` of as many single-threaded worker
   processes as ``--jobs`` / the cold build on the local pool, and from it an extrapolation to an
   archive of 100,000 articles of 800 words (``--cluster-only`` runs this row alone, printing it).

Every build and floor runs in a fresh subprocess, so imports and model loads are counted on
both sides. They run explainer's code as committed (``git archive HEAD``) copied into the
temporary folder, so edits made to the checkout while the benchmark runs (an annotator version
bump between the cold and the warm build, say) cannot change what is measured. This is a
benchmark, not a test: it asserts nothing and exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import REPO, make_site  # noqa: E402

PYTHON = sys.executable
EXPLAINER = [PYTHON, "-m", "explainer.cli"]
CODE = REPO  # replaced by a snapshot of the code in main()

SPACY_FLOOR = r"""
import json, sys
from explainer.annotate.nlp import load_model
texts = json.load(open(sys.argv[1]))
nlp = load_model(sys.argv[2])
for _ in nlp.pipe(texts, n_process=int(sys.argv[3])):
    pass
"""

RENDER_FLOOR = r"""
import sys, datetime as dt
from pathlib import Path
import jinja2, yaml
from markdown_it import MarkdownIt
from markupsafe import Markup
from types import SimpleNamespace as NS

root, out = Path(sys.argv[1]), Path(sys.argv[2])
env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(root / "templates")), autoescape=True,
                         trim_blocks=True, lstrip_blocks=True)
env.globals.update(url=lambda p="": "/" + p, absolute=lambda p="": "/" + p,
                   site=NS(title="Explainers", description="", language="en", base_url="/", base_path="/"))
env.filters.update(longdate=lambda d: f"{d.day} {d:%B %Y}" if d else "", mention_id=lambda e, n: f"m-{n}", tag_slug=str)
template = env.get_template("article.html")
md = MarkdownIt("commonmark", {"html": False})
for path in sorted((root / "content" / "articles").glob("*.md")):
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    article = NS(title=meta["title"], dek=meta.get("dek"), byline=meta.get("byline"), date=meta["date"],
                 updated=None, slug=path.stem, tags=meta.get("tags", []), image=None, extra={})
    html = template.render(article=article, annotation=NS(speakers=[], entities=[], quotes=[], backgrounds=[]),
                           body=Markup(md.render(body)), glossary=[], speakers={}, quotes={}, sidebars=[],
                           json_ld=Markup("{}"))
    target = out / path.stem / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
"""

INCREMENTAL = r"""
import json, sys, time
from pathlib import Path
from explainer.build import build, finish_index
from explainer.config import load_settings
from explainer.content.load import load_site
from explainer.memo import Session

root = Path(sys.argv[1])
settings = load_settings(root)
session = Session.of(settings)          # serve keeps one session for as long as it runs

def edit(name, words):
    path = root / "content" / "articles" / name
    path.write_text(path.read_text(encoding="utf-8") + "\n" + words + "\n", encoding="utf-8")

from explainer.preview.server import settle

build(settings, session=session)        # the build serve starts with (warm: all cached)
settle()                                # as serve does after every build
edit("story-00001.md", "Officials in Kabul said the talks would go on.")
build(settings, session=session, index_later=True)  # first edit: loads spaCy and the model, once per session
settle()
edit("story-00002.md", "Officials in Moscow said the talks would go on.")
start = time.perf_counter()
report = build(settings, session=session, index_later=True)
incremental = time.perf_counter() - start
index = finish_index(settings, session)  # serve makes the search index after the reload: its own seconds
assert report.annotated == 1, report

from explainer.annotate import runner
site, _ = load_site(settings.content, settings.root)
article = next(a for a in site.articles if a.path.name == "story-00003.md")
annotator = runner._worker["annotator"]
start = time.perf_counter()
annotator.annotate(article)
alone = time.perf_counter() - start
print(json.dumps({"incremental": incremental, "alone": alone, "index": index}))
"""


class PeakRSS:
    """Samples the summed RSS, and the CPU time, of a process and all its descendants until it exits.

    CPU time is read from /proc rather than from rusage: workers started by a fork server are not
    children of the build, so rusage would miss them. A process's last few ticks before exit can be
    missed between samples (every 50 ms).
    """

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, False
        self.cpu_ticks: dict[int, int] = {}
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        parents: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                parents.setdefault(ppid, []).append(int(entry))
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(parents.get(pid, []))
        return tree

    def _rss(self, pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _ticks(self, pid: int) -> None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            self.cpu_ticks[pid] = max(self.cpu_ticks.get(pid, 0), int(fields[11]) + int(fields[12]))
        except (OSError, IndexError, ValueError):
            pass

    def _run(self) -> None:
        while not self._stop:
            tree = self._tree()
            self.peak = max(self.peak, sum(self._rss(p) for p in tree))
            for pid in tree:
                self._ticks(pid)
            time.sleep(0.05)

    @property
    def cpu(self) -> float:
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> int:
        self._stop = True
        self._thread.join()
        return self.peak


def snapshot_code(into: Path) -> Path:
    """The committed explainer package, unpacked under ``into`` (the working tree if not in git)."""
    into.mkdir(parents=True)
    try:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD", "explainer"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(REPO / "explainer", into / "explainer")
    return into


CPU: dict[str, float] = {}  # CPU seconds (user + system, the command and its workers) of the last command


def timed(cmd: list[str], memory: bool = False) -> tuple[float, str, int]:
    """Wall time, stdout and (if asked) peak tree RSS of a command; fails loudly if the command does.

    Its CPU time goes to ``CPU["last"]``: on a shared machine wall time depends on the neighbours.
    """
    cwd = CODE
    env = {**os.environ, "PYTHONPATH": str(CODE)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    sampler = PeakRSS(proc.pid) if Path("/proc").is_dir() else None
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    peak = sampler.stop() if sampler else 0
    CPU["last"] = sampler.cpu if sampler else float("nan")
    if proc.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{err[-3000:]}")
    return seconds, out, peak


BLOCK_TEXTS = r"""
import json, sys
from pathlib import Path
from explainer.annotate.service import MAX_BLOCK_CHARS
from explainer.content.load import load_site
from explainer.content.markdown import article_blocks
root = Path(sys.argv[1])
site, _ = load_site(root / "content", root)
json.dump([b.text[:MAX_BLOCK_CHARS] for a in site.articles for b in article_blocks(a)], open(sys.argv[2], "w"))
"""


LOCAL_CLUSTER = r"""
import sys
from distributed import LocalCluster
with LocalCluster(n_workers=int(sys.argv[1]), threads_per_worker=1, processes=True, dashboard_address=":0",
                  scheduler_port=0) as cluster:
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()  # until the benchmark closes our stdin
"""


def cluster_build(root: Path, workers: int) -> tuple[float, float, str]:
    """A cold build through ``--scheduler``: wall time, CPU seconds (build and cluster), summary. The cluster is
    started beforehand, as a real one runs; its workers load spaCy during the build, as the local pool's do."""
    env = {**os.environ, "PYTHONPATH": str(CODE)}
    proc = subprocess.Popen([PYTHON, "-c", LOCAL_CLUSTER, str(workers)], cwd=CODE, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        address = proc.stdout.readline().strip() if proc.stdout else ""
        if not address.startswith("tcp://"):
            sys.exit("failed: the LocalCluster did not start (is 'explainer[cluster]' installed?)")
        sampler = PeakRSS(proc.pid)
        time.sleep(0.5)  # a first sample of the cluster's processes: their start-up is not the build's
        before = sampler.cpu
        shutil.rmtree(root / ".explainer-cache", ignore_errors=True)
        seconds, out, _ = timed([*EXPLAINER, "build", "--site", str(root), "--scheduler", address])
        cpu = CPU["last"] + sampler.cpu - before
        sampler.stop()
    finally:
        proc.stdin.close()  # type: ignore[union-attr]
        proc.wait(120)
    return seconds, cpu, out.strip().splitlines()[-1]


def cluster_rows(root: Path, n: int, words: int, jobs: int, cold: float, cold_cpu: float) -> tuple[list, str]:
    """The cluster row against the local pool's cold build, and the archive-scale extrapolation in words."""
    seconds, cpu, summary = cluster_build(root, jobs)
    print(f"cold build on a LocalCluster of {jobs} workers: {seconds:.1f} s, {cpu:.0f} CPU s: {summary}", flush=True)
    per_article = folder_size(root / ".explainer-cache" / "annotations") / n
    rows = [(f"cold build, LocalCluster of {jobs} workers / local pool", f"{seconds:.1f} s / {cold:.1f} s",
             f"{seconds / cold:.2f}", "≤ 1.1", seconds / cold <= 1.1),
            ("  the same in CPU seconds", f"{cpu:.0f} / {cold_cpu:.0f}", f"{cpu / cold_cpu:.2f}", "", None)]
    rate = words / cpu  # words per CPU second, every stage of a cold build, through the cluster
    archive = 100_000 * 800 / rate
    overhead = max(1.0, seconds / cold)
    hours = ", ".join(f"{w} workers {archive * overhead / w / 3600:.1f} h" for w in (2, 16, 64))
    text = (f"Extrapolation to an archive of 100,000 articles of 800 words (80 M words): at the {rate:,.0f} words "
            f"per CPU second measured here through the cluster (model loads and Dask included), "
            f"{archive / 3600:.1f} core-hours; in wall time, times the engine's overhead measured above "
            f"({overhead:.2f}, at least 1): {hours}. It assumes single-threaded worker processes, each with a core "
            f"to itself and as fast as this machine's; throughput linear in workers (chunks are independent and "
            f"each costs the scheduler about a millisecond against seconds of parsing); and a build machine that "
            f"keeps up storing the results ({per_article / 1024:.0f} KB of annotation per article, "
            f"{per_article * 100_000 / 2**30:.1f} GB for the archive).\n")
    return rows, text


def table(rows: list) -> str:  # rows of (measure, measured, ratio, target, met)
    return "".join(f"| {m} | {v} | {r} | {t} | {'' if ok is None else 'yes' if ok else 'NO'} |\n"
                   for m, v, r, t, ok in rows)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def cold_build(root: Path, jobs: int) -> tuple[float, int, str]:
    shutil.rmtree(root / ".explainer-cache", ignore_errors=True)
    seconds, out, peak = timed([*EXPLAINER, "build", "--site", str(root), "--jobs", str(jobs)], memory=True)
    return seconds, peak, out.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the large site (default 1000)")
    parser.add_argument("--small", type=int, default=250, help="articles in the small site, for memory growth")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    parser.add_argument("--cluster-only", action="store_true",
                        help="only the local pool against a LocalCluster on N articles; print, write nothing")
    args = parser.parse_args()
    cores, jobs = os.cpu_count() or 1, args.jobs
    model = "en_core_web_sm"
    began = time.perf_counter()

    global CODE
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
        work = Path(tmp)
        CODE = snapshot_code(work / "code")
        big, small = work / f"site-{args.n}", work / f"site-{args.small}"
        make_site(big, args.n)
        make_site(small, args.small, seed=2)
        words = sum(len(p.read_text().split()) for p in (big / "content/articles").glob("*.md"))
        texts = work / "texts.json"
        timed([PYTHON, "-c", BLOCK_TEXTS, str(big), str(texts)])
        print(f"corpus: {args.n} articles, {words} words; {cores} cores, --jobs {jobs}", flush=True)
        if args.cluster_only:
            cold, _, summary_cold = cold_build(big, jobs)
            print(f"cold build: {cold:.1f} s, {CPU['last']:.0f} CPU s: {summary_cold}", flush=True)
            rows, extrapolation = cluster_rows(big, args.n, words, jobs, cold, CPU["last"])
            print(table(rows) + "\n" + extrapolation)
            return 0

        floor_cold, _, _ = timed([PYTHON, "-c", SPACY_FLOOR, str(texts), model, str(jobs)])
        floor_cpu = CPU["last"]
        print(f"spaCy floor (nlp.pipe, n_process={jobs}): {floor_cold:.1f} s, {floor_cpu:.0f} CPU s", flush=True)
        cold, peak_big, summary_cold = cold_build(big, jobs)
        cold_cpu = CPU["last"]
        print(f"cold build: {cold:.1f} s, {cold_cpu:.0f} CPU s, peak RSS {peak_big / 2**20:.0f} MB: {summary_cold}",
              flush=True)
        out_big = folder_size(big / "site")
        more_rows, extrapolation = cluster_rows(big, args.n, words, jobs, cold, cold_cpu)

        warm, out, _ = timed([*EXPLAINER, "build", "--site", str(big)])
        warm_cpu = CPU["last"]
        summary_warm = out.strip().splitlines()[-1]
        floor_render, _, _ = timed([PYTHON, "-c", RENDER_FLOOR, str(big), str(work / "render-floor")])
        render_cpu = CPU["last"]
        print(f"warm build: {warm:.2f} s ({summary_warm}); render floor {floor_render:.2f} s", flush=True)
        base = big / "templates" / "base.html"
        base.write_text(base.read_text(encoding="utf-8") + "{# touched by the benchmark #}\n", encoding="utf-8")
        rerender, _, _ = timed([*EXPLAINER, "build", "--site", str(big)])
        print(f"every page rendered again (a template touched): {rerender:.2f} s", flush=True)

        _, out, _ = timed([PYTHON, "-c", INCREMENTAL, str(big)])
        inc = json.loads(out.strip().splitlines()[-1])
        print(f"incremental {inc['incremental']:.3f} s, index {inc['index']:.2f} s, alone {inc['alone']:.3f} s",
              flush=True)

        _, peak_small, summary_small = cold_build(small, jobs)
        out_small = folder_size(small / "site")
        print(f"cold build at {args.small}: peak RSS {peak_small / 2**20:.0f} MB: {summary_small}", flush=True)

    mb = 2**20
    rss_growth = (peak_big - peak_small) / max(1, args.n - args.small)
    out_growth = (out_big - out_small) / max(1, args.n - args.small)
    rows = [
        ("cold build / spaCy floor", f"{cold:.1f} s / {floor_cold:.1f} s", f"{cold / floor_cold:.2f}", "≤ 1.15",
         cold / floor_cold <= 1.15),
        ("  the same in CPU seconds", f"{cold_cpu:.0f} / {floor_cpu:.0f}", f"{cold_cpu / floor_cpu:.2f}", "", None),
        ("warm build / render floor", f"{warm:.2f} s / {floor_render:.2f} s", f"{warm / floor_render:.2f}", "≤ 1.5",
         warm / floor_render <= 1.5),
        ("  the same in CPU seconds", f"{warm_cpu:.2f} / {render_cpu:.2f}", f"{warm_cpu / render_cpu:.2f}", "", None),
        ("template touched (every page again) / render floor", f"{rerender:.2f} s / {floor_render:.2f} s",
         f"{rerender / floor_render:.2f}", "(reported)", None),
        ("search index: cold build / after a 1-article rebuild (serve: after the reload)",
         f"{summary_cold.split('search index ')[-1].split()[0]} s / {inc['index']:.2f} s", "—", "(reported)", None),
        ("incremental rebuild (1 of N)", f"{inc['incremental']:.3f} s", "—", "≤ 0.5 s", inc["incremental"] <= 0.5),
        ("incremental / annotate 1 alone", f"{inc['incremental']:.3f} s / {inc['alone']:.3f} s",
         f"{inc['incremental'] / inc['alone']:.2f}", "(reported)", None),
        (f"peak RSS, cold, N={args.n}", f"{peak_big / mb:.0f} MB", "—", "≤ 1024 MB", peak_big <= 1024 * mb),
        (f"peak RSS, cold, N={args.small}", f"{peak_small / mb:.0f} MB", "—", "(reported)", None),
        ("RSS growth / output growth, per article", f"{rss_growth / 1024:.0f} KB / {out_growth / 1024:.0f} KB",
         f"{rss_growth / out_growth:.2f}", "linear or better", peak_big / peak_small <= out_big / out_small),
        *more_rows,
    ]
    header = "| measure | measured | ratio | target | met |\n|---|---|---|---|---|\n"
    body = table(rows)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    text = (f"# Benchmark results\n\n{dt.date.today().isoformat()}, {platform.machine()} with {cores} cores, "
            f"Python {platform.python_version()}; N = {args.n} articles ({words} words), --jobs {jobs}; "
            f"benchmark took {time.perf_counter() - began:.0f} s; load average at the end {load:.1f}.\n\n"
            + header + body + "\n" + extrapolation)
    print("\n" + header + body + "\n" + extrapolation)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

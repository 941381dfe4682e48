"""The cluster row of ``make bench``: a cold build through ``--scheduler`` on a Dask ``LocalCluster``.

As many single-threaded worker processes as ``--jobs``, against the local pool's cold build, and from it an
extrapolation to an archive of 100,000 articles of 800 words (``bench.py --cluster-only`` runs this row alone).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import measure
from measure import CPU, EXPLAINER, PYTHON, PeakRSS, folder_size, timed

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
    env = {**os.environ, "PYTHONPATH": str(measure.CODE[0])}
    proc = subprocess.Popen([PYTHON, "-c", LOCAL_CLUSTER, str(workers)], cwd=measure.CODE[0], env=env, text=True,
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



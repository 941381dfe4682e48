"""Annotating on a Dask cluster (``--scheduler``): a real LocalCluster of two worker processes on this machine."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="pip install -e '.[test]' brings Dask's distributed")

from explainer.build import build  # noqa: E402
from explainer.cli import main  # noqa: E402
from explainer.config import load_settings  # noqa: E402
from tests.conftest import REPO, add_stories, read_site, write  # noqa: E402



def snapshot(folder: Path) -> dict[str, object]:
    return read_site(folder)  # the search index read for what it says: Pagefind's file names vary run to run


def cache_entries(root: Path) -> list[Path]:
    return sorted((root / ".explainer-cache" / "annotations").rglob("*.json"))


def local_build(root: Path) -> dict[str, bytes]:
    """The same site built from scratch on this machine alone; its files."""
    shutil.rmtree(root / "site", ignore_errors=True)
    shutil.rmtree(root / ".explainer-cache", ignore_errors=True)
    report = build(load_settings(root, jobs=1, scheduler=""))
    assert report.cached == 0
    return snapshot(root / "site")


def where_annotated(records: list[logging.LogRecord]) -> list[tuple[str, int, str]]:
    """(article, worker pid, task) for each article the cluster annotated, from the backend's log."""
    found = []
    for record in records:
        match = re.fullmatch(r"(.+): annotated on \S+ \(pid (\d+)\) by (\S+)", record.getMessage())
        if match:
            found.append((match[1], int(match[2]), match[3]))
    return found


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two single-threaded worker processes, and a client to watch it with."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  scheduler_port=0) as local, distributed.Client(local) as client:
        yield local, client


def worker_pids(client) -> dict[str, int]:
    return client.run(os.getpid)


def test_a_build_through_scheduler_matches_a_local_build_and_runs_on_the_workers(cluster, site_root, caplog,
                                                                                 capsys):
    local, client = cluster
    paths = ["content/articles/test-story.md", *add_stories(site_root, 6)]
    caplog.set_level(logging.DEBUG, logger="explainer.annotate.cluster")

    assert main(["build", "--site", str(site_root), "--scheduler", local.scheduler_address]) == 0
    assert "(7 annotated, 0 cached)" in capsys.readouterr().out
    on_cluster = snapshot(site_root / "site")

    # Every article was annotated once, in a worker process, none in this one.
    where = where_annotated(caplog.records)
    assert sorted(path for path, _, _ in where) == sorted(paths)
    pids = set(worker_pids(client).values())
    assert {pid for _, pid, _ in where} <= pids and os.getpid() not in pids
    assert len(cache_entries(site_root)) == len(paths)
    # Each worker process loaded the model at most once, however many chunks it took.
    loads = client.run(lambda: __import__("explainer.annotate.nlp", fromlist=["x"]).load_model.cache_info().misses)
    assert set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1

    # A later build on this machine alone reuses what the cluster annotated...
    shutil.rmtree(site_root / "site")
    assert main(["build", "--site", str(site_root)]) == 0
    assert "(0 annotated, 7 cached)" in capsys.readouterr().out
    # ...and the cluster's site is byte for byte the one this machine builds by itself.
    assert local_build(site_root) == on_cluster


def test_a_worker_killed_mid_build_has_its_chunk_done_again_elsewhere(cluster, site_root, caplog):
    local, client = cluster
    write(site_root / "explainer.toml", f'scheduler = "{local.scheduler_address}"\n')
    paths = ["content/articles/test-story.md", *add_stories(site_root, 11, paragraphs=12)]
    caplog.set_level(logging.DEBUG, logger="explainer.annotate.cluster")
    killed: dict[str, object] = {}
    seen: list[int] = []

    def kill_a_busy_worker(done: int, total: int) -> None:
        seen.append(done)
        if killed or done == 0:
            return
        busy = {addr: keys for addr, keys in client.processing().items() if keys}
        if busy:
            address, keys = sorted(busy.items())[0]
            pid = worker_pids(client)[address]
            os.kill(pid, signal.SIGKILL)
            killed.update(pid=pid, tasks=set(keys))

    report = build(load_settings(site_root), kill_a_busy_worker)

    assert killed, "no worker was busy when the first chunk came back"
    assert (report.annotated, report.cached) == (len(paths), 0)
    assert seen == sorted(seen) and seen[-1] == len(paths)  # the progress bar moved on to the end
    where = where_annotated(caplog.records)
    # The chunks the dead worker held were annotated by another process, and every article once.
    assert sorted(path for path, _, _ in where) == sorted(paths)
    redone = [pid for _, pid, task in where if task in killed["tasks"]]
    assert redone and killed["pid"] not in redone
    assert len(cache_entries(site_root)) == len(paths)
    assert snapshot(site_root / "site") == local_build(site_root)
    client.wait_for_workers(2, timeout=60)  # the nanny starts a new worker in its place


def test_ctrl_c_on_a_cluster_build_keeps_every_annotation_already_back(cluster, site_root):
    local, _ = cluster
    paths = ["content/articles/test-story.md", *add_stories(site_root, 11, paragraphs=12)]
    build_ = subprocess.Popen([sys.executable, "-m", "explainer.cli", "build", "--site", str(site_root),
                               "--scheduler", local.scheduler_address], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while len(cache_entries(site_root)) < 2 and build_.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    build_.send_signal(signal.SIGINT)  # Ctrl-C, once the first chunks are back
    _, err = build_.communicate(timeout=120)
    assert build_.returncode == 130, err
    kept = len(cache_entries(site_root))
    assert 2 <= kept < len(paths)
    assert not (site_root / "site").exists()
    report = build(load_settings(site_root, jobs=1))  # this machine alone finishes the job
    assert (report.annotated, report.cached) == (len(paths) - kept, kept)


SCHEDULER = """
import sys
from distributed import LocalCluster
with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0", scheduler_port=0) as cluster:
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()
"""


def test_a_scheduler_lost_mid_build_is_one_line_and_keeps_what_came_back(site_root):
    paths = ["content/articles/test-story.md", *add_stories(site_root, 11, paragraphs=12)]
    scheduler = subprocess.Popen([sys.executable, "-c", SCHEDULER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
    try:
        address = scheduler.stdout.readline().strip()
        build_ = subprocess.Popen([sys.executable, "-m", "explainer.cli", "build", "--site", str(site_root),
                                   "--scheduler", address], cwd=REPO, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 300
        while len(cache_entries(site_root)) < 2 and build_.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        scheduler.kill()  # the scheduler's process, with the cluster it runs
        _, err = build_.communicate(timeout=120)
    finally:
        scheduler.kill()
        scheduler.wait(60)
    lines = err.strip().splitlines()
    assert build_.returncode == 1 and len(lines) == 1, err
    kept = len(cache_entries(site_root))
    assert f"lost the Dask scheduler at {address}" in lines[0] and f"the {kept} annotations" in lines[0]
    assert 2 <= kept < len(paths) and not (site_root / "site").exists()


def test_an_unreachable_scheduler_is_one_line_and_no_site(site_root, capsys):
    with __import__("socket").socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    assert main(["build", "--site", str(site_root), "--scheduler", address]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"cannot reach the Dask scheduler at {address}" in err[0]
    assert not (site_root / "site").exists()


def test_without_the_extra_the_error_names_it(site_root, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if 'explainer[cluster]' were not installed
    assert main(["build", "--site", str(site_root), "--scheduler", "tcp://127.0.0.1:8786"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install 'explainer[cluster]'" in err[0]


def test_workers_running_another_explainer_are_refused_before_any_work(site_root, tmp_path, capsys):
    # A worker whose explainer differs in one annotator module: it imports the copy, not this checkout.
    other = tmp_path / "other"
    shutil.copytree(REPO / "explainer", other / "explainer")
    lexicon = other / "explainer/annotate/lexicon.py"
    lexicon.write_text(lexicon.read_text() + "\n# another version\n")
    with distributed.LocalCluster(n_workers=0, dashboard_address=":0", scheduler_port=0) as local:
        worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", local.scheduler_address,
                                   "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                                  env={**os.environ, "PYTHONPATH": str(other)}, cwd=tmp_path,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with distributed.Client(local) as client:
                client.wait_for_workers(1, timeout=60)
            status = main(["build", "--site", str(site_root), "--scheduler", local.scheduler_address])
        finally:
            worker.terminate()
            worker.wait(30)
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1 and len(err) == 1
    assert re.search(r"worker tcp://\S+ runs explainer \S+ \(annotators \w+\) .*; this build runs", err[0])
    assert not cache_entries(site_root) and not (site_root / "site").exists()

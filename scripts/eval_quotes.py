"""Score quotes and speakers on PolNeAR (dev, read half, unread half) and the glossary on GUM, in one go.

    python3 scripts/eval_quotes.py                          # dev, read, unread: one table
    python3 scripts/eval_quotes.py --splits read --dump /tmp/issue14 --verbose   # verdicts of the read half
    python3 scripts/eval_quotes.py --glossary               # the three splits, then gum-dev
    python3 scripts/eval_quotes.py --splits none --glossary # gum-dev only
    python3 scripts/eval_quotes.py --check 10               # client output == real CLI output on 10 dev files?

It starts ``scripts/annotate_server.py serve`` (the project's venv Python; spaCy loads once), runs the shared
scorers ``quotes_eval.py --json`` (and ``glossary_eval.py --json``) with ``--cmd`` set to the server's client
(``annotate --json --site /tmp/empty-site {md}``, an empty knowledge base), one scorer at a time, stops the
server, and prints one table. Stdlib only: runs under any Python 3.11.

Splits: ``dev`` is ``polnear-dev``; ``read`` and ``unread`` are the halves of ``polnear-train`` made by
``scripts/polnear_split.py`` (materialised as symlink folders under /tmp, never copied). Look only at the read
half's errors; the unread half is for checking that a change generalises.

The "no speaker" column is the share of matched quotes (gold quotes the system found) whose prediction names
no speaker; it is read from the scorer's ``--dump`` file (a temporary one unless ``--dump DIR`` is given).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotate_server import request, wait_ready  # noqa: E402  (stdlib only; imports no explainer code)
from polnear_split import DEFAULT_DATA, HALVES, materialise  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"  # ../shared/eval beside the checkout; never copied in
SERVER = Path(__file__).resolve().parent / "annotate_server.py"
SPLITS = ("dev", "read", "unread")


def split_folder(split: str, train: Path, tmp_parent: Path) -> Path:
    """The folder ``quotes_eval.py --data`` reads for a split (a half is materialised as symlinks first)."""
    if split == "dev":
        return EVAL / "polnear-dev"
    if split in HALVES:
        dest = tmp_parent / f"polnear-{split}"
        materialise(train, split, dest)
        return dest
    raise SystemExit(f"unknown split {split!r}: choose from {', '.join(SPLITS)}")


class Server:
    """The annotate server as a context manager: started on entry (ready when entered), stopped on exit."""

    def __init__(self, python: Path, socket_path: str, log_path: str) -> None:
        """Remember how to start it."""
        self.python, self.socket_path, self.log_path = python, socket_path, log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Server":
        """Start ``annotate_server.py serve`` and wait until it answers a ping."""
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([str(self.python), str(SERVER), "serve", self.socket_path],
                                     stdout=log, stderr=log, cwd=REPO)
        log.close()
        if not wait_ready(self.socket_path, 300, lambda: self.proc is not None and self.proc.poll() is None):
            self.__exit__(None, None, None)
            raise SystemExit(f"annotate server did not start; see {self.log_path}")
        return self

    def __exit__(self, *exc: Any) -> None:
        """Stop the server this object started (its own pid only)."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def served(self) -> int:
        """How many command lines the server has run so far."""
        return int(request(self.socket_path, {"ping": True}, timeout=10).get("served", 0))


def client_cmd(socket_path: str, site: str) -> str:
    """The scorer's ``--cmd``: the server's client running ``annotate --json --site SITE {md}``."""
    return " ".join([shlex.quote(sys.executable), shlex.quote(str(SERVER)), "client", shlex.quote(socket_path),
                     "--", "annotate", "--json", "--site", shlex.quote(site), "{md}"])


def last_json(stdout: str) -> dict[str, Any]:
    """The JSON object a scorer prints last (``--json``)."""
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            figures: dict[str, Any] = json.loads(line)
            return figures
    raise SystemExit("the scorer printed no JSON line:\n" + stdout[-2000:])


def no_speaker_share(dump_path: Path) -> tuple[float | None, int, int]:
    """(share, count, matched): matched gold quotes whose prediction names no speaker, from a --dump file."""
    items = json.loads(dump_path.read_text(encoding="utf-8"))["items"]
    matched = [x for x in items if x.get("verdict") in ("right", "wrong")]
    none = sum(1 for x in matched if not x.get("pred_speaker"))
    return (round(none / len(matched), 3) if matched else None), none, len(matched)


def run_quotes(split: str, data: Path, cmd: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Run quotes_eval.py --json on one split; its figures plus the no-speaker share and the time taken."""
    dump = (args.dump / f"quotes-{split}.json") if args.dump else work / f"quotes-{split}.json"
    argv = [sys.executable, str(EVAL / "quotes_eval.py"), "--data", str(data), "--cmd", cmd, "--json",
            "--dump", str(dump)]
    if args.limit:
        argv += ["--limit", str(args.limit)]
    if args.verbose:
        argv.append("--verbose")
    started = time.perf_counter()
    r = subprocess.run(argv, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if args.dump:
        (args.dump / f"quotes-{split}.log").write_text(r.stdout + r.stderr, encoding="utf-8")
    if r.returncode != 0:
        raise SystemExit(f"quotes_eval.py failed on {split}:\n{r.stderr[-3000:]}")
    if r.stderr.strip():
        print(f"[{split}] scorer stderr: {r.stderr.strip()[-1000:]}", file=sys.stderr)
    fig = last_json(r.stdout)
    fig["no_speaker_share"], fig["no_speaker"], _ = no_speaker_share(dump)
    fig["seconds"] = round(seconds, 1)
    fig["split"] = split
    return fig


def run_glossary(cmd: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run glossary_eval.py --json on gum-dev (one job at a time: the server serves one request at a time)."""
    argv = [sys.executable, str(EVAL / "glossary_eval.py"), "--data", str(EVAL / "gum-dev"), "--cmd", cmd,
            "--json", "--jobs", "1"]
    if args.verbose:
        argv.append("--verbose")
    started = time.perf_counter()
    r = subprocess.run(argv, capture_output=True, text=True)
    if args.dump:
        (args.dump / "glossary-gum-dev.log").write_text(r.stdout + r.stderr, encoding="utf-8")
    if r.returncode != 0:
        raise SystemExit(f"glossary_eval.py failed:\n{r.stderr[-3000:]}")
    fig = last_json(r.stdout)
    fig["seconds"] = round(time.perf_counter() - started, 1)
    return fig


def scorer_markdown(text: str) -> str:
    """The Markdown file quotes_eval.py writes for an article (its predict_cmd): title from line 1, fixed date."""
    title = text.strip().split("\n", 1)[0].strip()
    return "---\ntitle: %s\ndate: 2016-10-01\n---\n\n" % json.dumps(title) + text


def dev_articles(n: int) -> Iterator[tuple[str, str]]:
    """The first ``n`` dev articles in the scorer's order: (stem, text)."""
    folder = EVAL / "polnear-dev" / "text"
    for path in sorted(folder.glob("*.txt"))[:n]:
        yield path.stem, path.read_text(encoding="utf-8")


def check(n: int, socket_path: str, site: str, explainer: Path, work: Path) -> bool:
    """Whether the client prints byte-for-byte what ``explainer annotate`` prints, on ``n`` dev files.

    Each file goes through the real CLI (a fresh process) and through the server twice, in file order and then
    in reverse order, so state the CLI keeps between calls would show as a difference.
    """
    files = []
    for stem, text in dev_articles(n):
        md = work / f"{stem}.md"
        md.write_text(scorer_markdown(text), encoding="utf-8")
        files.append(md)
    client = [sys.executable, str(SERVER), "client", socket_path, "--", "annotate", "--json", "--site", site]
    ok = True
    served: dict[Path, list[subprocess.CompletedProcess[bytes]]] = {md: [] for md in files}
    for order in (files, files[::-1]):
        for md in order:
            served[md].append(subprocess.run(client + [str(md)], capture_output=True))
    for md in files:
        started = time.perf_counter()
        real = subprocess.run([str(explainer), "annotate", "--json", "--site", site, str(md)], capture_output=True)
        cli_s = time.perf_counter() - started
        verdicts = []
        for i, got in enumerate(served[md]):
            same = (got.stdout, got.stderr, got.returncode) == (real.stdout, real.stderr, real.returncode)
            ok &= same
            verdicts.append(("identical" if same else "DIFFERENT: " + ", ".join(
                k for k, a, b in (("stdout", got.stdout, real.stdout), ("stderr", got.stderr, real.stderr),
                                  ("status", got.returncode, real.returncode)) if a != b))
                            + (" (pass 1)" if i == 0 else " (pass 2, reverse order)"))
        print(f"{md.stem[:50]:50s} {len(real.stdout):7d} B stdout, {len(real.stderr):6d} B stderr, status "
              f"{real.returncode}, CLI {cli_s:.1f} s | " + "; ".join(verdicts))
    print("client output identical to the real CLI on every file, both passes" if ok else "DIFFERENCES FOUND")
    return ok


def fmt(x: Any) -> str:
    """A figure for the table."""
    return "" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def table(rows: list[dict[str, Any]]) -> str:
    """One Markdown table of the quote figures, one row per split."""
    head = ("split", "docs", "gold", "pred", "quote R", "quote P", "speaker named-only", "speaker lenient",
            "e2e F1 (fixed)", "e2e F1 lenient", "no speaker (matched)", "seconds")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for f in rows:
        cells = (f["split"], f["docs"], f["gold"], f["pred"], f["quote_recall"], f["quote_precision"],
                 f["speaker_accuracy_named"], f["speaker_accuracy_lenient"], f["e2e_f1"], f["e2e_f1_lenient"],
                 f"{fmt(f['no_speaker_share'])} ({f['no_speaker']})", f"{f['seconds']:.0f}")
        lines.append("| " + " | ".join(fmt(c) for c in cells) + " |")
    return "\n".join(lines)


def glossary_table(f: dict[str, Any]) -> str:
    """One Markdown row of the glossary figures."""
    head = ("set", "docs", "recall", "precision strict", "F1", "kind accuracy (group ok)", "split rate", "merges",
            "seconds")
    cells = ("gum-dev", f["docs"], f["recall"], f["precision_strict"], f["f1"],
             f"{fmt(f['kind_accuracy'])} ({fmt(f['kind_accuracy_group_ok'])})", f["split_rate"],
             f["merge_errors"], f"{f['seconds']:.0f}")
    return "\n".join(["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
                      "| " + " | ".join(fmt(c) for c in cells) + " |"])


def main(argv: list[str] | None = None) -> int:
    """Start the server, run the chosen scorers one at a time, stop the server, print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--splits", default="dev,read,unread",
                    help="comma-separated quote splits from dev, read, unread, or 'none' (default: all three)")
    ap.add_argument("--glossary", action="store_true", help="also score the glossary on gum-dev")
    ap.add_argument("--dump", type=Path, help="write quotes-SPLIT.json (--dump) and quotes-SPLIT.log here")
    ap.add_argument("--verbose", action="store_true", help="pass --verbose to the scorers (logged with --dump)")
    ap.add_argument("--limit", type=int, default=0, help="score the first N articles of each split only")
    ap.add_argument("--check", type=int, default=0, metavar="N",
                    help="compare the client with the real CLI on N dev files, then stop")
    ap.add_argument("--site", default="/tmp/empty-site", help="a site whose content/entities/ is empty")
    ap.add_argument("--venv", type=Path, default=REPO / ".venv", help="the venv the project is installed in")
    ap.add_argument("--train", type=Path, default=DEFAULT_DATA, help="the PolNeAR training split to halve")
    ap.add_argument("--tmp", type=Path, default=Path("/tmp"), help="where the halves are materialised")
    ap.add_argument("--json-out", type=Path, help="write every figure as JSON to this file")
    args = ap.parse_args(argv)
    splits = [] if args.splits == "none" else [s.strip() for s in args.splits.split(",") if s.strip()]
    Path(args.site, "content", "entities").mkdir(parents=True, exist_ok=True)
    if any(Path(args.site, "content", "entities").iterdir()):
        raise SystemExit(f"{args.site}/content/entities is not empty: the knowledge base must be empty")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    folders = {s: split_folder(s, args.train, args.tmp) for s in splits}
    with tempfile.TemporaryDirectory(prefix="eval-quotes-") as tmp:
        work = Path(tmp)
        socket_path = str(work / "annotate.sock")
        cmd = client_cmd(socket_path, args.site)
        with Server(args.venv / "bin" / "python", socket_path, str(work / "server.log")) as server:
            if args.check:
                return 0 if check(args.check, socket_path, args.site, args.venv / "bin" / "explainer", work) else 1
            rows = []
            for s in splits:
                print(f"scoring {s} ({folders[s]}) ...", file=sys.stderr, flush=True)
                rows.append(run_quotes(s, folders[s], cmd, args, work))
            gloss = None
            if args.glossary:
                print("scoring the glossary on gum-dev ...", file=sys.stderr, flush=True)
                gloss = run_glossary(cmd, args)
            print(f"(server ran {server.served()} command lines)", file=sys.stderr)
    print(f"cmd: ... annotate --json --site {args.site} {{md}} via {SERVER.name} (commit {git_head()})")
    if rows:
        print(table(rows))
    if gloss:
        print()
        print(glossary_table(gloss))
    if args.json_out:
        args.json_out.write_text(json.dumps({"commit": git_head(), "quotes": rows, "glossary": gloss}, indent=1),
                                 encoding="utf-8")
    return 0


def git_head() -> str:
    """The short commit of the checkout the scripts run from (with '+dirty' when explainer/ has changes)."""
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "explainer"],
                               capture_output=True, text=True).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())

"""Run the ``explainer`` command line many times in one process, so spaCy loads once. For evaluation only.

    .venv/bin/python scripts/annotate_server.py serve /tmp/explainer.sock &
    python3 scripts/annotate_server.py client /tmp/explainer.sock -- annotate --json --site /tmp/empty-site FILE

``serve`` loads the package, runs one warm-up ``annotate`` (which loads the spaCy model) and answers requests on
a Unix socket. Each request is one command line: the server calls the public entry point
``explainer.cli.main(argv)`` (the console script ``explainer`` is ``explainer.cli:main``) with stdout and stderr
captured, in the client's working directory, and returns both streams and the exit status. Nothing else of the
package is imported, so the server keeps working when the package's modules move.

``client`` (stdlib only, no explainer import: starts in a few tens of milliseconds) sends its arguments after
``--``, prints what the command printed (stdout to stdout, stderr to stderr) and exits with its status, so it can
stand in for ``.venv/bin/explainer`` in a scorer's ``--cmd``.

Requests are served one at a time (the captured streams are process-wide); concurrent clients wait their turn.
Differences from a fresh process, by construction: the spaCy model and anything else the package caches is
kept between calls (that is the point), and a Python warning shown once per process is shown on the first call
only. Check that the output is identical on your files before trusting it (``scripts/eval_quotes.py --check``).

Protocol: one JSON object per connection each way, newline-terminated: request ``{"argv": [...], "cwd": "..."}``
or ``{"ping": true}``; reply ``{"code": int, "stdout": str, "stderr": str}``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import socket
import socketserver
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any, Callable, Sequence

Entry = Callable[[Sequence[str]], Any]


def load_entry_point() -> Entry:
    """The public CLI entry point, ``explainer.cli:main`` (the same object the ``explainer`` script calls)."""
    from explainer.cli import main

    entry: Entry = main
    return entry


def run_cli(entry: Entry, argv: Sequence[str], cwd: str | None = None) -> dict[str, Any]:
    """Run ``entry(argv)`` as the console script would: captured stdout/stderr and the process's exit status.

    A returned int is the status (None is 0), ``SystemExit`` (argparse's usage errors) gives its code, and an
    uncaught exception prints its traceback on stderr and gives 1, as the interpreter would.
    """
    out, err = io.StringIO(), io.StringIO()
    old_cwd = os.getcwd()
    code: Any = 0
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = entry(list(argv))
            except SystemExit as exc:
                code = exc.code
            except BaseException:  # noqa: BLE001 - reported to the client as the interpreter would
                traceback.print_exc()
                code = 1
    finally:
        os.chdir(old_cwd)
    if code is None:
        code = 0
    elif not isinstance(code, int):
        err.write(f"{code}\n")  # sys.exit("message") prints the message and exits 1
        code = 1
    return {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def _read_message(sock: socket.socket) -> dict[str, Any]:
    """One newline-terminated JSON object from a socket."""
    chunks = []
    while True:
        chunk = sock.recv(1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        if chunk.endswith(b"\n"):
            break
    message: dict[str, Any] = json.loads(b"".join(chunks).decode("utf-8"))
    return message


def _send_message(sock: socket.socket, message: dict[str, Any]) -> None:
    """One JSON object, newline-terminated, to a socket."""
    sock.sendall(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")


class _Handler(socketserver.BaseRequestHandler):
    """Answers one request: a ping, or one command line run under the server's lock."""

    server: "_Server"

    def handle(self) -> None:
        """Read the request, run it, send the reply."""
        try:
            request = _read_message(self.request)
        except (ValueError, OSError) as exc:
            _send_message(self.request, {"code": 2, "stdout": "", "stderr": f"annotate_server: bad request: {exc}\n"})
            return
        if request.get("ping"):
            _send_message(self.request, {"code": 0, "stdout": "pong\n", "stderr": "", "served": self.server.served})
            return
        with self.server.lock:
            reply = run_cli(self.server.entry, request.get("argv", []), request.get("cwd"))
            self.server.served += 1
        _send_message(self.request, reply)


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """A Unix-socket server whose requests run one at a time (the captured streams are process-wide)."""

    daemon_threads = True

    def __init__(self, path: str, entry: Entry) -> None:
        """Bind ``path`` and keep the entry point."""
        self.entry = entry
        self.lock = threading.Lock()
        self.served = 0
        super().__init__(path, _Handler)


def warm_up(entry: Entry) -> dict[str, Any]:
    """Run one ``annotate`` through the CLI on a two-sentence file with an empty site, so the model is loaded."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        (site / "content" / "entities").mkdir(parents=True)
        md = Path(tmp) / "warm.md"
        md.write_text('---\ntitle: "Warm-up"\ndate: 2016-10-01\n---\n\n"It works," Jane Doe said on Monday.\n',
                      encoding="utf-8")
        return run_cli(entry, ["annotate", "--json", "--site", str(site), str(md)])


def serve(path: str, do_warm_up: bool = True) -> int:
    """Serve requests on the Unix socket ``path`` until interrupted (SIGINT/SIGTERM); removes the socket after."""
    import signal

    entry = load_entry_point()
    started = time.perf_counter()
    if do_warm_up:
        reply = warm_up(entry)
        if reply["code"] != 0:
            sys.stderr.write(reply["stderr"])
            print(f"annotate_server: warm-up failed with status {reply['code']}", file=sys.stderr)
            return 1
    if os.path.exists(path):
        if not Path(path).is_socket():
            print(f"annotate_server: {path} exists and is not a socket", file=sys.stderr)
            return 1
        os.unlink(path)
    server = _Server(path, entry)

    def stop(signum: int, frame: Any) -> None:
        """SIGTERM ends the server like Ctrl-C."""
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"annotate_server: ready on {path} (pid {os.getpid()}, warm-up {time.perf_counter() - started:.1f} s)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    return 0


def request(path: str, message: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Send one request to the server on ``path`` and return its reply."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(path)
        _send_message(sock, message)
        return _read_message(sock)


def wait_ready(path: str, timeout: float = 120.0, alive: Callable[[], bool] = lambda: True) -> bool:
    """Whether the server on ``path`` answers a ping within ``timeout`` seconds (False early if not ``alive``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            if request(path, {"ping": True}, timeout=5).get("code") == 0:
                return True
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    return False


def client(path: str, argv: Sequence[str]) -> int:
    """Run one command line on the server; print its stdout and stderr; return its exit status."""
    try:
        reply = request(path, {"argv": list(argv), "cwd": os.getcwd()})
    except (OSError, ValueError) as exc:
        print(f"annotate_server client: no answer from {path}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(reply["stdout"])
    sys.stderr.write(reply["stderr"])
    sys.stdout.flush()
    return int(reply["code"])


def main(argv: Sequence[str] | None = None) -> int:
    """``serve SOCKET`` or ``client SOCKET -- ARGS...``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    rest: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, rest = argv[:cut], argv[cut + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("serve", help="load once and answer requests on SOCKET")
    s.add_argument("socket")
    s.add_argument("--no-warm-up", action="store_true", help="load the model on the first request instead")
    c = sub.add_parser("client", help="run `explainer ARGS` on the server at SOCKET (ARGS after --)")
    c.add_argument("socket")
    args = ap.parse_args(argv)
    if args.mode == "serve":
        return serve(args.socket, not args.no_warm_up)
    return client(args.socket, rest)


if __name__ == "__main__":
    sys.exit(main())

"""Helpers for tests that run ``explainer serve`` as a subprocess and drive it with a browser."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.quality_support import skip_for

EXPLAINER = Path(sys.executable).parent / "explainer"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One raw request, with the path sent exactly as given (no normalising client in between)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@dataclass(frozen=True)
class Server:
    """A running ``explainer serve`` and where its output goes."""

    root: Path
    port: int
    process: subprocess.Popen
    log: Path

    def url(self, path: str = "/") -> str:
        """An absolute URL on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def output(self) -> str:
        """Everything the server printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")


def start(root: Path, *options: str, port: int | None = None, timeout: float = 90) -> Server:
    """Start ``explainer serve`` on ``root`` and wait until it answers; the caller must ``stop`` it."""
    port = port or free_port()
    log = root.parent / f"serve-{port}.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [str(EXPLAINER), "serve", "--site", str(root), "--port", str(port), *options],
            stdout=sink, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    server = Server(root, port, process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"explainer serve exited with {process.returncode}:\n{server.output()}")
        try:
            get(port, "/")
            return server
        except OSError:
            time.sleep(0.1)
    stop(server)
    pytest.fail(f"explainer serve did not answer within {timeout} s:\n{server.output()}")


def start_under_repo(root: Path) -> Server:
    """``explainer serve`` given a Pages-style base URL with a path (``/repo/``), as the preview of a project page."""
    port = free_port()
    return start(root, "--base-url", f"http://127.0.0.1:{port}/repo/", port=port)


def stop(server: Server) -> None:
    """End the server process (and only it)."""
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)


def launch_chromium(playwright):  # -> playwright Browser
    """Debian's Chromium through Playwright, or a skip that says which package is missing."""
    if not CHROMIUM.exists():
        skip_for("Chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

"""Helpers for the quality, browser and bad-input tests: the seed site, the external checkers, a browser.

The checkers are not Python packages: the Nu Html Checker and axe-core come from npm
(``npm ci`` fills node_modules/ from package-lock.json), Chromium and Java from Debian.
When one is missing the tests that need it skip and say what to install; .ci/run installs
them all, so CI runs every test.
"""

from __future__ import annotations

import contextlib
import functools
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from explainer.build import build
from explainer.config import load_settings

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SEED_SLUG = "lavrov-china-2022"

# Each tool some tests need that `make test` cannot install, with the command that installs it: the skip
# reasons, the summary `make test` prints (conftest.py) and README.md's "Checks on the output" say the same.
NPM = "npm ci --ignore-scripts"
TOOLS = {
    "Java": "apt-get install default-jre-headless",
    "Chromium": "apt-get install chromium",
    "the Nu Html Checker": NPM,
    "axe-core": NPM,
    "WordNet": NPM,
    "Playwright": "pip install -e '.[test]'",
}
MISSING = re.compile(r"^(?P<tool>.+?) is not installed: (?P<command>.+)$")


def skip_for(tool: str) -> None:
    """Skip this test: ``tool`` is missing; the reason names the command that installs it."""
    pytest.skip(f"{tool} is not installed: {TOOLS[tool]}")


def copy_seed(root: Path) -> Path:
    """A site folder holding the repository's content and settings (the theme comes with the package)."""
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "explainer.toml", root / "explainer.toml")
    return root


def build_seed(root: Path) -> Path:
    """Copy the seed site into ``root``, build it and return its output folder.

    The A-Z of names is cut at ten a page, so the seed has a second page of a list to check.
    """
    copy_seed(root)
    build(load_settings(root, index_page_size=10))
    return root / "site"


_SEED_OUTPUT: dict[Path, Path] = {}


def seed_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site built once per test session (the pages are only read), for module fixtures."""
    base = tmp_path_factory.getbasetemp()
    if base not in _SEED_OUTPUT:
        _SEED_OUTPUT[base] = build_seed(tmp_path_factory.mktemp("seed"))
    return _SEED_OUTPUT[base]


def need_java_and_vnu() -> str:
    """The java command, or a skip naming what to install."""
    java = shutil.which("java")
    if java is None:
        skip_for("Java")
    if not VNU_JAR.is_file():
        skip_for("the Nu Html Checker")
    return java


def need_chromium() -> None:
    """Skip, naming what to install, unless Chromium and axe-core are here."""
    if not CHROMIUM.is_file():
        skip_for("Chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_for("Playwright")
    if not AXE_JS.is_file():
        skip_for("axe-core")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port; yields the base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The built seed site served on a loopback port, for one test module."""
    need_chromium()
    with serve(seed_output(tmp_path_factory)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base_url):
    """Chromium, started once per test module."""
    with chromium() as running:
        yield running

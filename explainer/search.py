"""The site's search index: Pagefind, run over the pages of a finished site folder before it goes live.

Pagefind (https://pagefind.app, the static search index Hugo and Eleventy sites
use) reads the built HTML: what it indexes, and the filters and result fields
it keeps, are marked in the theme with ``data-pagefind-*`` attributes (the
story, speaker cards, entity and topic pages; filters for the kind of page, tag,
year and who is quoted). Its binary comes from the ``pagefind[bin]`` package.

Pagefind has no incremental mode: every run reads every page (1,000 article
pages and 470 entity pages: 4.4 s of CPU). Its bundle names its files by their
content, so after a one-article edit only the files whose content changed are
new (51 of 1,548 there); ``write.py`` installs only those, the entry file last,
so a reader's search never sees half an index. ``explainer serve`` makes the
index after the browsers reload (``build.finish_index``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Sequence

from explainer.config import CONFIG_FILE
from explainer.errors import BuildError, problem
from explainer.pages.environment import Planned, digest


def index_key(plans: Sequence[Planned]) -> str:
    """A digest of every HTML page's inputs: the index is made again when any of them changed."""
    return digest("search", sorted((p.path, p.inputs) for p in plans if p.path.endswith(".html")))


def binary() -> Path:
    """The Pagefind executable that the ``pagefind[bin]`` package installed (or PAGEFIND_BINARY_PATH names)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None  # type: ignore[assignment]
    found = get_executable() if get_executable else None
    if found is None:
        raise BuildError([problem(CONFIG_FILE, 1, "the search index needs Pagefind: pip install 'pagefind[bin]' "
                                                  "(make install does), or set search = false")])
    return Path(found)


def make_index(site: Path, into: Path) -> None:
    """Index the HTML pages under ``site`` into the folder ``into`` (Pagefind's bundle: its script and index)."""
    command = [str(binary()), "--site", str(site), "--output-path", str(into), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError([problem(CONFIG_FILE, 1, f"the search index could not be built: {exc}")]) from None
    if result.returncode != 0 or not (into / "pagefind-entry.json").is_file():
        said = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no index written"]
        raise BuildError([problem(CONFIG_FILE, 1, f"the search index could not be built: Pagefind said: "
                                                  f"{said[0]}; set search = false to build without it")])

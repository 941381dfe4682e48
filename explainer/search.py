"""The site's search index: Pagefind, run over the pages of a finished site folder before it goes live.

Pagefind (https://pagefind.app, the static search index Hugo and Eleventy sites
use) reads the built HTML: what it indexes, and the filters and result fields
it keeps, are marked in the theme with ``data-pagefind-*`` attributes (the
story, speaker cards, entity and topic pages; filters for the kind of page, tag,
year and who is quoted). Its binary comes from the ``pagefind[bin]`` package.

Pagefind has no incremental mode: every run reads every page (1,000 article
pages and 470 entity pages: 4.4 s of CPU). Its bundle names its files by their
content, so after a one-article edit only the files whose content changed are
new (51 of 1,548 there); ``write.py`` installs only those, the entry files last,
so a reader's search never sees half an index. ``explainer serve`` makes the
index after the browsers reload (``build.finish_index``).

Pagefind holds every page it reads in memory until it writes (736 MB for the
18,000 pages of 2,000 articles), so a large site is indexed in parts of at most
``PART_PAGES`` pages, one run after another: the first part's bundle is the
usual ``pagefind/``, the others are ``pagefind/part-N/``, listed in
``pagefind/parts.json``, and the search page merges them (Pagefind's
``mergeIndex``, made for searching several sites at once: results and filter
counts come back as one). A page's part is fixed by a hash of its path.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
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


# Pages per Pagefind run: about 170 MB of Pagefind's memory for news pages. Each part costs a
# reader's browser one more bundle to fetch on the first search (its own copy of the WebAssembly).
PART_PAGES = 4000
PARTS_FILE = "parts.json"  # the extra parts, read by the search page after the first bundle's entry


def parts_of(pages: Sequence[str], size: int | None = None) -> list[list[str]]:
    """The site's HTML pages (paths relative to the site) in parts of about ``size``, each page's part fixed by
    a hash of its path for a given number of parts."""
    size = size or PART_PAGES
    count = max(1, -(-len(pages) // size))
    parts: list[list[str]] = [[] for _ in range(count)]
    for page in sorted(pages):
        parts[int.from_bytes(hashlib.sha1(page.encode()).digest()[:4], "big") % count].append(page)
    return parts


def make_index(site: Path, into: Path) -> None:
    """Index the HTML pages under ``site`` into the folder ``into`` (Pagefind's bundles: script and index)."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not p.relative_to(site).as_posix().startswith(f"{into.name}/"))
    parts = parts_of(pages)
    into.parent.mkdir(parents=True, exist_ok=True)
    names = [""] + [f"part-{k}/" for k in range(1, len(parts))]
    if len(parts) == 1:
        _run_pagefind(site, into)
    else:
        for name, part in zip(names, parts):
            with tempfile.TemporaryDirectory(dir=into.parent, prefix=".pagefind-part-") as tree:
                for page in part:  # the part's pages as hard links at the same paths: the same URLs
                    target = Path(tree) / page
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(site / page, target)
                    except OSError:
                        shutil.copyfile(site / page, target)
                _run_pagefind(Path(tree), into / name)
    (into / PARTS_FILE).write_text(json.dumps({"parts": names[1:]}) + "\n", encoding="utf-8")


def _run_pagefind(site: Path, into: Path) -> None:
    """One Pagefind run: every HTML page under ``site`` into the bundle folder ``into``."""
    command = [str(binary()), "--site", str(site), "--output-path", str(into), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError([problem(CONFIG_FILE, 1, f"the search index could not be built: {exc}")]) from None
    if result.returncode != 0 or not (into / "pagefind-entry.json").is_file():
        said = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no index written"]
        raise BuildError([problem(CONFIG_FILE, 1, f"the search index could not be built: Pagefind said: "
                                                  f"{said[0]}; set search = false to build without it")])

"""Shared fixtures: a small site in a temporary folder, built with the project's own templates."""

from __future__ import annotations

import gzip
import json
import shutil
import textwrap
from pathlib import Path

import cbor2
import pytest

REPO = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    """Write dedented text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


ARTICLE = """
---
title: A test story
date: 2022-03-30
dek: What happened, briefly.
---
Sergei Lavrov landed in Huangshan on Wednesday.

"We will move towards a multipolar world order," Lavrov said.
"""


def small_site(root: Path) -> Path:
    """Make, at ``root``, a site with the project's templates, one article and a tiny knowledge base."""
    shutil.copytree(REPO / "explainer" / "theme", root / "templates")
    write(root / "content/articles/test-story.md", ARTICLE)
    write(root / "content/entities/sergei-lavrov.md", """
        ---
        name: Sergei Lavrov
        kind: person
        aliases: [Lavrov]
        description: Russian diplomat, foreign minister since 2004
        role: Russia's foreign minister
        ---
        A note.
        """)
    return root


NUMBERED_STORY = """
---
title: Story {n}
date: 2022-03-{day:02d}
---
Sergei Lavrov met Wang Yi in Huangshan on Wednesday, story {n} says.

"We will move towards a multipolar world order," Lavrov said. "Nobody can stop it."

The spokesman, Wang Wenbin, told reporters that ties "have no limits," and that officials from
{n} countries would meet again in Beijing.
"""


def add_stories(root: Path, count: int, paragraphs: int = 1) -> list[str]:
    """Write ``count`` stories (each body repeated ``paragraphs`` times); their paths as the build reports them."""
    paths = []
    for n in range(count):
        head, body = NUMBERED_STORY.format(n=n, day=n % 28 + 1).rsplit("---\n", 1)
        path = write(root / f"content/articles/story-{n}.md", head + "---\n" + "\n".join([body] * paragraphs))
        paths.append(str(path.relative_to(root)))
    return paths


def site_files(root: Path) -> dict[str, object]:
    """Every file of the site built at ``root``; the search index as what it says (see ``search_index``)."""
    return read_site(root / "site")


def read_site(folder: Path) -> dict[str, object]:
    """Every file of a built site folder, the search index as what it says: two builds of one site compare equal."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    index = {name: data for name, data in files.items() if name.startswith("pagefind/")}
    return {**{name: data for name, data in files.items() if name not in index}, "pagefind/": search_index(index)}


def search_index(files: dict[str, bytes]) -> dict[str, object]:
    """Pagefind's bundle, read: Pagefind writes the values of a filter in hash-map order, which changes from
    run to run (and with it the names of the filter, meta and entry files), so those are decoded and sorted."""
    def read(data: bytes) -> object:
        return cbor2.loads(gzip.decompress(data).removeprefix(b"pagefind_dcd"))

    filters = {}
    for name, data in files.items():
        if name.startswith("pagefind/filter/"):
            filter_name, values = read(data)
            filters[name.rsplit("/", 1)[1].removesuffix(".pf_filter")] = (filter_name, sorted(values))
    shown: dict[str, object] = {}
    for name, data in files.items():
        if name.startswith("pagefind/filter/"):
            continue
        if name.endswith(".pf_meta"):
            meta = read(data)
            meta[3] = sorted(filters[ident] for _, ident in meta[3])
            shown["meta"] = meta
        elif name == "pagefind/pagefind-entry.json":
            entry = json.loads(data)
            for language in entry["languages"].values():
                del language["hash"]
            shown["entry"] = entry
        else:
            shown[name] = data
    return shown


PEOPLE = ["Sergei Lavrov", "Joe Biden", "Antony Blinken"]


def many_articles(root: Path, count: int = 30) -> Path:
    """A site of ``count`` invented explainers, one a day in March and April 2022, tagged in turn."""
    small_site(root)
    for n in range(count):
        day = f"2022-{3 + n // 28:02d}-{n % 28 + 1:02d}"
        tags = ["russia", "china"][: 1 + n % 2]
        person = PEOPLE[n % len(PEOPLE)]
        write(root / f"content/articles/story-{n:02d}.md", f"""
            ---
            title: Story number {n}
            date: {day}
            dek: The dek of story {n}.
            tags: [{", ".join(tags)}]
            ---
            {person} spoke in Kabul on Tuesday about story {n}.
            """)
    return root


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    """The small site in a temporary folder."""
    return small_site(tmp_path / "site-root")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After the run: which tools were missing, how many tests each kept from running, and what installs it."""
    from tests.quality_support import MISSING, TOOLS

    skipped: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        match = MISSING.match(reason.removeprefix("Skipped: "))
        if match and match["tool"] in TOOLS:
            skipped[match["tool"]] = skipped.get(match["tool"], 0) + 1
    if not skipped:
        return
    terminalreporter.section("tools missing")
    for tool, count in skipped.items():
        terminalreporter.write_line(f"{count} test{'s' if count > 1 else ''} skipped: {tool} is not installed "
                                    f"(install: {TOOLS[tool]})")
    apt = sorted({TOOLS[t].removeprefix("apt-get install ") for t in skipped if TOOLS[t].startswith("apt-get")})
    others = sorted({TOOLS[t] for t in skipped if not TOOLS[t].startswith("apt-get")})
    commands = ([f"apt-get install {' '.join(apt)}"] if apt else []) + others
    terminalreporter.write_line("to run them all: " + " && ".join(commands))


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The English model, loaded once, for tests that run invented texts through it."""
    from explainer.annotate.nlp import load_model

    return load_model()

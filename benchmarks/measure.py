"""What the benchmark measures with: floor scripts, a sampler of memory and CPU time, timed commands.

Every build and floor runs in a fresh subprocess, so imports and model loads are counted on both
sides; they run explainer's code as committed (``snapshot_code``), so edits made to the checkout
while the benchmark runs cannot change what is measured.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EXPLAINER = [PYTHON, "-m", "explainer.cli"]
CODE = [REPO]  # replaced by a snapshot of the code (``use_snapshot``)


SPACY_FLOOR = r"""
import json, sys
from explainer.annotate.nlp import load_model
texts = json.load(open(sys.argv[1]))
nlp = load_model(sys.argv[2])
for _ in nlp.pipe(texts, n_process=int(sys.argv[3])):
    pass
"""

RENDER_FLOOR = r"""
import re, sys, datetime as dt
from pathlib import Path
import jinja2, yaml
from markdown_it import MarkdownIt
from markupsafe import Markup
from types import SimpleNamespace as NS

root, out = Path(sys.argv[1]), Path(sys.argv[2])
# A bare loop: whatever the theme's templates leave out of the context renders empty, and the theme's own
# filters (tag_slug, kind_name, ...) are stood in for by "as it is", so the floor keeps up with the theme.
env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(root / "templates")), autoescape=True,
                         trim_blocks=True, lstrip_blocks=True, undefined=jinja2.ChainableUndefined)
used = {name for t in (root / "templates").glob("*.html")
        for name in re.findall(r"\|\s*([A-Za-z_]\w*)", t.read_text(encoding="utf-8"))}
env.filters.update({name: (lambda value, *args, **kwargs: value) for name in used - set(env.filters)})
env.globals.update(url=lambda p="": "/" + p, absolute=lambda p="": "/" + p,
                   site=NS(title="Explainers", description="", language="en", base_url="/", base_path="/"))
env.filters.update(longdate=lambda d: f"{d.day} {d:%B %Y}" if d else "", mention_id=lambda e, n: f"m-{n}",
                   typographic=lambda text: text)  # the theme's curly-marks filter: plain text here
template = env.get_template("article.html")
md = MarkdownIt("commonmark", {"html": False})
paths = sorted((root / "content" / "articles").glob("*.md"))
count = int(sys.argv[3]) if len(sys.argv) > 3 else len(paths)  # as many pages as the site has
for n in range(count):
    path = paths[n % len(paths)]
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    article = NS(title=meta["title"], dek=meta.get("dek"), byline=meta.get("byline"), date=meta["date"],
                 updated=None, slug=path.stem, tags=meta.get("tags", []), image=None, extra={})
    html = template.render(article=article, annotation=NS(speakers=[], entities=[], quotes=[], backgrounds=[]),
                           body=Markup(md.render(body)), glossary=[], speakers={}, quotes={}, sidebars=[],
                           json_ld=Markup("{}"))
    target = out / f"{path.stem}-{n}" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
"""

INCREMENTAL = r"""
import json, sys, time
from pathlib import Path
from explainer.build import build
from explainer.config import load_settings
from explainer.content.load import load_site
from explainer.memo import Session

root = Path(sys.argv[1])
settings = load_settings(root)
session = Session.of(settings, live=True)  # serve keeps one live session for as long as it runs

def edit(name, words):
    path = root / "content" / "articles" / name
    path.write_text(path.read_text(encoding="utf-8") + "\n" + words + "\n", encoding="utf-8")

from explainer.preview.server import settle
from explainer.build import finish_index

build(settings, session=session)        # the build serve starts with (warm: all cached)
settle()                                # as serve does after every build
edit("story-00001.md", "Officials in Kabul said the talks would go on.")
build(settings, session=session, index_later=True)  # first edit: loads spaCy and the model, once per session
finish_index(settings, session)         # serve brings the search index up to date after the reload
settle()
edit("story-00002.md", "Officials in Moscow said the talks would go on.")
start = time.perf_counter()
report = build(settings, session=session, index_later=True)
incremental = time.perf_counter() - start
assert report.annotated == 1, report
index = finish_index(settings, session)  # its own seconds: the reader has the new page before this starts

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
    """Samples the summed PSS (memory), and the CPU time, of a process and all its descendants until it exits.

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
        """The process's proportional set size (PSS): its own pages, and its share of pages it shares.

        Summed over a process tree this counts a page shared by a build and its forked workers
        once (RSS would count it in every process); RSS where PSS cannot be read.
        """
        for name, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
            try:
                for line in Path(name).read_text().splitlines():
                    if line.startswith(field):
                        return int(line.split()[1]) * 1024
            except OSError:
                continue
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
    cwd = CODE[0]
    env = {**os.environ, "PYTHONPATH": str(CODE[0])}
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


INDEX_ALONE = r"""
import sys
from pathlib import Path
from explainer.search import make_index
make_index(Path(sys.argv[1]), Path(sys.argv[2]))  # as a build does: Pagefind over every page of the site
"""


def index_alone(site: Path, into: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the search index made alone over a built site (Pagefind reads every page)."""
    shutil.rmtree(into, ignore_errors=True)
    seconds, _, _ = timed([PYTHON, "-c", INDEX_ALONE, str(site), str(into)])
    shutil.rmtree(into, ignore_errors=True)
    return seconds, CPU["last"]


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


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def cold_build(root: Path, jobs: int) -> tuple[float, float, int, str]:
    """A build with no cache and no site: wall seconds, CPU seconds, peak memory, its summary line."""
    shutil.rmtree(root / ".explainer-cache", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    seconds, out, peak = timed([*EXPLAINER, "build", "--site", str(root), "--jobs", str(jobs)], memory=True)
    return seconds, CPU["last"], peak, out.strip().splitlines()[-1]


def spacy_floor(root: Path, work: Path, jobs: int, model: str = "en_core_web_sm") -> tuple[float, float, int]:
    """The full pipeline's ``nlp.pipe`` over the site's block texts on ``jobs`` processes: wall s, CPU s, words."""
    texts = work / f"{root.name}-texts.json"
    timed([PYTHON, "-c", BLOCK_TEXTS, str(root), str(texts)])
    seconds, _, _ = timed([PYTHON, "-c", SPACY_FLOOR, str(texts), model, str(jobs)])
    words = sum(len(t.split()) for t in json.loads(texts.read_text(encoding="utf-8")))
    return seconds, CPU["last"], words


def pages_by_kind(site: Path) -> dict[str, int]:
    """HTML pages of a built site: articles, entity pages, background (topic) pages, tag pages, the rest."""
    kinds: dict[str, int] = {}
    for page in site.rglob("*.html"):
        top = page.relative_to(site).parts[0]
        kind = {"entities": "entity", "backgrounds": "topic", "tags": "tag"}.get(top)
        if kind is None:
            kind = "list" if page.parent == site or top in ("page", "archive") else "article"
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def kinds_text(kinds: dict[str, int]) -> str:
    """"1,000 pages: 60 articles, 900 entity, ..." for a table."""
    order = ["article", "entity", "topic", "tag", "list"]
    parts = [f"{kinds[k]:,} {k}" for k in order if kinds.get(k)]
    return f"{sum(kinds.values()):,} pages ({', '.join(parts)})"

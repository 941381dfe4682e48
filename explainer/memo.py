"""What a build remembers for the next one, and the one place it is kept.

A ``Session`` is one site's builds in one process: ``explainer serve`` keeps
one for as long as it runs, a command-line build makes a fresh one. It holds
the last build's ``Memo`` (also stored in ``.explainer-cache/build-memo.pickle``
between processes), the annotations read so far, the content files as loaded,
and the Jinja environment. A memo is only trusted for the same code: the
fingerprint covers every source file of the explainer package (found by
walking it, not from a list someone must keep), the settings and the templates.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from explainer.annotate.cache import TEMPORARY
from explainer.annotate.service import Result, entity_refs
from explainer.checkpoints import checkpoint
from explainer.config import Settings
from explainer.errors import CannotWrite, Problem
from explainer.model import Article, EntityRef, Listing
from explainer.pages.environment import digest, make_environment
from explainer.pages.reuse import Reuse

STATE_FILE = "build-memo.pickle"
MEMO_FORMAT = 4


@dataclass(frozen=True)
class Summary:
    """What pages other than an article's own need of its annotation, kept by cache key."""

    entities: tuple[EntityRef, ...]
    problems: tuple[Problem, ...]


def summarize(result: Result) -> Summary:
    """What the memo keeps of an annotation."""
    annotation, problems = result
    return Summary(entity_refs(annotation), problems)


@dataclass(frozen=True)
class Memo:
    """What the last successful build of a site left behind."""

    code: str = ""  # explainer's code, the settings and the templates: a change starts afresh
    summaries: dict[str, Summary] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # page path: digest of its inputs
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # file under site/: (size, mtime_ns)


@cache
def package_fingerprint() -> str:
    """A digest of every source file of the explainer package: any edit to explainer's code renders afresh."""
    code = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted(here.rglob("*.py")):
        code.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return code.hexdigest()


def site_fingerprint(settings: Settings) -> str:
    """A digest of everything that changes every page: explainer's code, the settings, the templates."""
    templates = hashlib.sha256()
    for folder in settings.template_folders:  # the site's own templates, then the theme
        templates.update(str(folder).encode() + b"\0")
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                templates.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest(package_fingerprint(), replace(settings, jobs=0, cache=True), templates.hexdigest())


class Session:
    """One site's builds in this process: the last memo, annotations read so far, files loaded, templates."""

    def __init__(self, memo_path: Path, live: bool = False):
        self.lock = threading.Lock()  # serve may rebuild from a watcher thread
        self.memo_path = memo_path
        self.live = live  # a long-lived process (serve): a few changed pages are replaced in place
        self.memo: Memo | None = None
        self.annotations: dict[str, Result] = {}
        self.files: dict[Any, Any] = {}  # content files as loaded, by path, size and modification time
        self._environment: tuple[str, jinja2.Environment, Reuse] | None = None
        self.listings: dict[str, tuple[Article, Listing]] = {}  # the last build's listings, by annotation key
        self.index_due: str | None = None  # the search index a build left for later: the inputs it must cover

    @classmethod
    def of(cls, settings: Settings, live: bool = False) -> Session:
        """A fresh session for the site ``settings`` build: it knows only what the memo file keeps."""
        return cls((settings.root / settings.cache_dir / STATE_FILE).resolve(), live)

    def environment(self, settings: Settings) -> jinja2.Environment:
        """The Jinja environment for these settings, made once: builds in one process compile each template once."""
        key = digest(settings)
        if self._environment is None or self._environment[0] != key:
            self._environment = (key, make_environment(settings), Reuse())
        return self._environment[1]

    def reuse(self, settings: Settings) -> Reuse:
        """What the last plan with these settings made, for the next plan to keep (see ``pages.reuse``)."""
        self.environment(settings)
        assert self._environment is not None
        return self._environment[2]

    def recall(self, settings: Settings, code: str) -> Memo:
        """The last build's memo if it was made with the same code, settings and templates; else an empty one."""
        if not settings.cache:
            return Memo(code)
        if self.memo is None:
            try:
                with open(self.memo_path, "rb") as handle:
                    stored = pickle.load(handle)
                if stored[0] == MEMO_FORMAT and isinstance(stored[1], Memo):
                    self.memo = stored[1]
            except Exception:  # missing, damaged, or from another version: start afresh
                self.memo = None
        if self.memo is None or self.memo.code != code:
            self.memo = Memo(code)
            self.annotations.clear()
            self.files.clear()
            self.listings.clear()
            self._environment = None
        return self.memo

    def remember(self, settings: Settings, memo: Memo, changed: bool) -> None:
        """Keep ``memo`` for the next build, on disk too when it changed."""
        live = set(memo.summaries)
        for key in [k for k in self.annotations if k not in live]:
            del self.annotations[key]
        self.memo = memo
        if not settings.cache or not (changed or not self.memo_path.exists()):
            return
        data = pickle.dumps((MEMO_FORMAT, memo), protocol=pickle.HIGHEST_PROTOCOL)
        tmp: str | None = None
        try:
            self.memo_path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.memo_path.parent, suffix=TEMPORARY)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            checkpoint("memo-tmp")
            os.replace(tmp, self.memo_path)
            (self.memo_path.parent / "build-state.pickle").unlink(missing_ok=True)  # what older versions kept
        except BaseException as exc:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise CannotWrite(self.memo_path, exc) from None
            raise
        checkpoint("memo")

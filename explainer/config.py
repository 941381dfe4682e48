"""Site settings from ``explainer.toml``: every option declared and checked here, each with a default."""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from rapidfuzz.distance import OSA

from explainer.errors import BuildError, Problem, problem

# The built-in theme: templates and static files shipped inside the package, so upgrading explainer
# upgrades the theme. A site's own templates/ overrides it file by file.
THEME = Path(__file__).resolve().parent / "theme"

CONFIG_FILE = "explainer.toml"


def _setting(default: Any, doc: str, example: str = "") -> Any:
    """A setting of ``explainer.toml`` with the one line that documents it (the README and ``init`` read it)."""
    return field(default=default, metadata={"doc": doc, "example": example})


@dataclass(frozen=True)
class Settings:
    """Options of one site. Paths are absolute once loaded.

    Each field declared with ``_setting`` can be set in ``explainer.toml``; its
    doc is the reference (README.md's settings table and the commented
    ``explainer.toml`` that ``explainer init`` writes are generated from it).
    """

    root: Path = Path(".")
    title: str = _setting("Explainers", "the site's name: page titles, the header, the feed")
    description: str = _setting("News explained, with the context a story assumes.",
                                "one sentence about the site: the index's meta description and the feed's subtitle")
    base_url: str = _setting("/", "where the site is published; only with a host (https://...) do pages get a "
                             "canonical link and og:url, and the site a sitemap, which publishing needs", "https://user.github.io/repo/")
    language: str = _setting("en", "the pages' language (the lang attribute)")
    author: str = _setting("", "the feed's author (default: the title)", "Jane Doe")
    spacy_model: str = _setting("en_core_web_sm", "the spaCy model to load first (the pinned en_core_web_sm "
                                "is used when it is not installed)", "en_core_web_md")
    # Raw HTML in Markdown is escaped unless the site opts in; even then it is sanitised.
    allow_html: bool = _setting(False, "let raw HTML in articles through, sanitised (README: \"Links and raw HTML\"); "
                                "otherwise it is shown as text")
    content_dir: str = _setting("content", "the folder of articles, entities and backgrounds")
    templates_dir: str = _setting("templates", "the folder whose templates (and static/ files) override the "
                                  "built-in theme's, file by file")
    output_dir: str = _setting("site", "where the site is written")
    cache_dir: str = _setting(".explainer-cache", "where annotations and the build memo are kept")
    drafts: bool = _setting(False, "include articles with draft: true (as --drafts does; explainer serve always "
                            "shows them, with a banner)")
    strict: bool = _setting(False, "treat every warning as an error (as --strict does)")
    jobs: int = _setting(0, "annotation worker processes (as --jobs does); 0: one per core")
    scheduler: str = _setting("", "a Dask scheduler's address: annotate cache misses on its cluster instead of "
                              "this machine's cores (as --scheduler does; needs explainer[cluster])", "tcp://10.0.0.5:8786")
    cache: bool = _setting(True, "use the annotation cache (false: as --no-cache does)")
    page_size: int = _setting(20, "explainers on one page of the home page, a tag or a topic (at least 1)")
    index_page_size: int = _setting(100, "names on one page of the A-Z of people, places and organisations "
                                    "(at least 1)")
    search: bool = _setting(True, "build the Pagefind search index and the search page (false: no search)")
    preview: bool = False  # set by explainer serve, never by a file: drafts shown, no publishing warnings

    @property
    def content(self) -> Path:
        """The content folder."""
        return self.root / self.content_dir

    @property
    def templates(self) -> Path:
        """The site's own templates folder: each file in it overrides the theme's file of the same name."""
        return self.root / self.templates_dir

    @property
    def template_folders(self) -> tuple[Path, ...]:
        """Where templates are looked for, first match wins: the site's own folder, then the built-in theme."""
        return (self.templates, THEME) if self.templates.is_dir() else (THEME,)

    def static_files(self) -> dict[str, Path]:
        """Every file to publish under ``static/``: the theme's, each replaced by the site's file of that name."""
        found: dict[str, Path] = {}
        for folder in reversed(self.template_folders):
            static = folder / "static"
            if static.is_dir():
                found.update({p.relative_to(static).as_posix(): p for p in sorted(static.rglob("*")) if p.is_file()})
        return dict(sorted(found.items()))

    @property
    def output(self) -> Path:
        """Where the site is written."""
        return self.root / self.output_dir

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``, always starting and ending with ``/``."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def absolute_base(self) -> str | None:
        """``base_url`` when it names a host (needed for feeds and canonical links)."""
        parts = urlsplit(self.base_url)
        if parts.scheme and parts.netloc:
            return self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return None


# The settings a file may set, in the order they are declared (and documented).
SETTINGS = tuple(f for f in fields(Settings) if "doc" in f.metadata)
_SETTABLE = {f.name for f in SETTINGS}


def nearest(word: str, known: Iterable[str]) -> str | None:
    """The known word ``word`` is most likely a typo of, if any (``darft`` -> ``draft``, ``dke`` -> ``dek``).

    A typo is one edit away (a letter changed, added, dropped, or two swapped), or two
    edits away from a word it still mostly shares (difflib's ratio at least 0.75). So
    ``subtitle`` is not taken for ``title``, nor ``notes`` for ``roles``: such keys are
    more likely meant as they are.
    """
    scored = sorted((OSA.distance(word, k), -difflib.SequenceMatcher(None, word, k).ratio(), k) for k in known)
    if not scored:
        return None
    edits, ratio, best = scored[0]
    return best if edits <= 1 or (edits <= 2 and -ratio >= 0.75) else None


_POSITIVE = {"page_size", "index_page_size"}


def _check(name: str, value: Any, path: Path, line: int) -> Any:
    """Check one option's type against its default's."""
    default = getattr(Settings(), name)
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    else:
        ok = isinstance(value, str)
    if ok and name in _POSITIVE and value < 1:
        raise BuildError([problem(path, line, f"setting '{name}' must be at least 1, not {value!r}")])
    if not ok:
        kind = type(default).__name__
        raise BuildError([problem(path, line, f"setting '{name}' must be a {kind}, not {value!r}")])
    return value


def _line_of(text: str, key: str) -> int:
    """The line where ``key`` is set in a TOML text (1 when not found)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    for number, line in enumerate(text.splitlines(), start=1):  # commented out, as explainer init writes it
        if re.match(rf"\s*#\s*{re.escape(key)}\s*=", line):
            return number
    return 1


def setting_line(settings: Settings, key: str) -> tuple[str, int]:
    """Where ``key`` is set (the file as the user knows it, and its line), for a warning about it."""
    path = settings.root / CONFIG_FILE
    return CONFIG_FILE, _line_of(path.read_text(encoding="utf-8"), key) if path.exists() else 1


def publishing_problems(settings: Settings) -> list[Problem]:
    """What a build meant for publishing lacks: a host in base_url, for the URLs that must be absolute."""
    if settings.preview or settings.absolute_base is not None:
        return []
    where, line = setting_line(settings, "base_url")
    return [problem(where, line, f"base_url {settings.base_url!r} has no host, so pages have no canonical link "
                    "or og:url and there is no sitemap (they need absolute URLs); to publish, set base_url = "
                    "\"https://example.org/\" in explainer.toml or pass --base-url", "warning")]


def load_settings(root: Path, **overrides: Any) -> Settings:
    """Read ``root/explainer.toml`` (optional) and apply command-line overrides."""
    root = root.resolve()
    path = root / CONFIG_FILE
    values: dict[str, Any] = {}
    if path.exists():
        text = path.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None) or _parse_line(str(exc))
            raise BuildError([problem(path, line, f"invalid TOML: {exc}")]) from None
        for key, value in data.items():
            if key not in _SETTABLE:
                guess = nearest(key, _SETTABLE)
                hint = f"did you mean '{guess}'?" if guess else f"known: {', '.join(sorted(_SETTABLE))}"
                raise BuildError([problem(path, _line_of(text, key), f"unknown setting '{key}'; {hint}")])
            values[key] = _check(key, value, path, _line_of(text, key))
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = dataclasses.replace(Settings(), root=root, **values)
    if not settings.base_url.startswith(("/", "http://", "https://")):
        raise BuildError([problem(path, _line_of(path.read_text() if path.exists() else "", "base_url"),
                                  f"base_url must start with '/', 'http://' or 'https://', not {settings.base_url!r}")])
    return settings


def _parse_line(message: str) -> int:
    """Pull 'line N' out of a tomllib message."""
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1

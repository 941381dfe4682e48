"""Site settings from ``explainer.toml``: every option declared and checked here, each with a default."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from explainer.errors import BuildError, problem

# The built-in theme: templates and static files shipped inside the package, so upgrading explainer
# upgrades the theme. A site's own templates/ overrides it file by file.
THEME = Path(__file__).resolve().parent / "theme"

CONFIG_FILE = "explainer.toml"


@dataclass(frozen=True)
class Settings:
    """Options of one site. Paths are absolute once loaded."""

    root: Path = Path(".")
    title: str = "Explainers"
    description: str = "News explained, with the context a story assumes."
    base_url: str = "/"
    language: str = "en"
    author: str = ""
    spacy_model: str = "en_core_web_sm"
    allow_html: bool = False  # raw HTML in Markdown is escaped unless the site opts in
    content_dir: str = "content"
    templates_dir: str = "templates"
    output_dir: str = "site"
    cache_dir: str = ".explainer-cache"
    drafts: bool = False
    strict: bool = False
    jobs: int = 0  # 0: one per core
    scheduler: str = ""  # a Dask scheduler's address: annotate on its cluster instead of this machine's cores
    cache: bool = True
    page_size: int = 20  # explainers on one page of the home page, a tag or a topic
    index_page_size: int = 100  # names on one page of the A-Z of people, places and organisations
    search: bool = True  # build the Pagefind search index

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


_TYPES = {f.name: f.type for f in fields(Settings)}
_SETTABLE = {name for name in _TYPES if name != "root"}
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
        if line.strip().startswith(key) and "=" in line:
            return number
    return 1


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
                known = ", ".join(sorted(_SETTABLE))
                raise BuildError([problem(path, _line_of(text, key), f"unknown setting '{key}' (known: {known})")])
            values[key] = _check(key, value, path, _line_of(text, key))
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = dataclasses.replace(Settings(), root=root, **values)
    if not settings.base_url.startswith(("/", "http://", "https://")):
        raise BuildError([problem(path, _line_of(path.read_text() if path.exists() else "", "base_url"),
                                  f"base_url must start with '/', 'http://' or 'https://', not {settings.base_url!r}")])
    return settings


def _parse_line(message: str) -> int:
    """Pull 'line N' out of a tomllib message."""
    import re

    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1

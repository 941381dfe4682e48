"""Problems with content, each tied to a place in a file, gathered and reported together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

Level = Literal["error", "warning"]

# Warning causes printed after a build before the rest are only counted: a site of a
# thousand stories with a new knowledge base has hundreds, and the first few say what to do.
WARNINGS_SHOWN = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) at ``path:line``."""

    path: str
    line: int
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.level == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


def problem(path: Path | str, line: int, message: str, level: Level = "error") -> Problem:
    """A Problem with the path shown as given (relative paths stay relative)."""
    return Problem(str(path), max(int(line), 1), message, level)


class BuildError(Exception):
    """Raised with every error found, so the user sees them all at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def errors_in(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Only the errors among ``problems``."""
    return tuple(p for p in problems if p.level == "error")


def unique(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Problems in order, each cause once."""
    seen: dict[Problem, None] = {}
    for p in problems:
        seen.setdefault(p, None)
    return tuple(seen)


def summarized(problems: Iterable[Problem], limit: int | None = None) -> tuple[str, ...]:
    """Each error, and each warning once per cause; past ``limit`` warnings, a count of the rest.

    A warning met in many files (an entity missing from the knowledge base,
    say) is shown at its first place with a count of the others; every error
    keeps its own line, since each needs fixing where it is.
    """
    first: dict[tuple[str, ...], Problem] = {}
    more: dict[tuple[str, ...], int] = {}
    for p in problems:
        key = (p.level, p.message) if p.level == "warning" else (p.path, str(p.line), p.message)
        if key in first:
            more[key] = more.get(key, 0) + 1
        else:
            first[key] = p
    lines, hidden = [], 0
    for key, p in first.items():
        if limit is not None and p.level == "warning" and len(lines) >= limit:
            hidden += 1
            continue
        extra = more.get(key, 0)
        lines.append(f"{p} (and {extra} more place{'s' if extra > 1 else ''})" if extra else str(p))
    if hidden:
        lines.append(f"... and {hidden} more warning{'s' if hidden > 1 else ''} (explainer build --verbose lists them all)")
    return tuple(lines)


class CannotWrite(OSError):
    """Writing failed for a reason outside explainer (a full disk, a read-only folder): one line, the path and why."""

    def __init__(self, path: Path | str, cause: OSError | str):
        if isinstance(cause, OSError):
            super().__init__(cause.errno, cause.strerror or str(cause), str(path))
        else:
            super().__init__(None, cause, str(path))

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"

"""Reading a content file: text, YAML front matter with the line of every key, body.

Every way a file can be wrong becomes a ``Problem`` with the line to look at.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from explainer.config import nearest
from explainer.content.rawhtml import url_problem
from explainer.errors import BuildError, Problem, problem

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    """A content file split into front matter and body."""

    path: Path
    source: str
    meta: Mapping[str, Any]
    lines: Mapping[str, int]  # 1-based file line of each top-level key
    body: str
    body_offset: int
    body_line: int

    def line(self, key: str) -> int:
        """Where ``key`` is set, or the opening fence when it is missing."""
        return self.lines.get(key, 1)

    def fail(self, key: str, message: str) -> BuildError:
        """An error about ``key`` at its line."""
        return BuildError([problem(self.path, self.line(key), message)])


def read_text(path: Path, shown: Path) -> str:
    """A file's text as UTF-8; anything else is a located error."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BuildError([problem(shown, line, "file is not UTF-8 text; re-save it as UTF-8")]) from None
    return text.removeprefix("\ufeff")


def split(path: Path, shown: Path, *, require_front_matter: bool = True) -> Document:
    """Split a content file into front matter (parsed) and body."""
    source = read_text(path, shown)
    if not source.strip():
        raise BuildError([problem(shown, 1, "file is empty; give it front matter with a title and a date")])
    if not source.startswith("---"):
        if require_front_matter:
            raise BuildError([problem(shown, 1, "missing front matter: start the file with a '---' line")])
        return Document(shown, source, {}, {}, source, 0, 1)
    first_break = source.find("\n")
    closing = _FENCE.search(source, first_break + 1) if first_break != -1 else None
    if closing is None:
        raise BuildError([problem(shown, 1, "front matter is not closed: add a '---' line after it")])
    yaml_text = source[first_break + 1 : closing.start()]
    meta, lines = _parse_yaml(yaml_text, shown, first_line=2)
    body_offset = closing.end() + 1 if closing.end() < len(source) else closing.end()
    body_line = source.count("\n", 0, body_offset) + 1
    return Document(shown, source, meta, lines, source[body_offset:], body_offset, body_line)


def _parse_yaml(text: str, shown: Path, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML front matter, keeping the line of each top-level key."""
    try:
        node, data = _compose_and_construct(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark  # where the broken construct starts
        line = first_line + (mark.line if mark else 0)
        reason = (exc.problem or "invalid YAML").strip()
        tabbed = _tab_line(text, mark.line if mark else 0, exc.problem_mark.line if exc.problem_mark else 0)
        if tabbed is not None:
            raise BuildError([problem(shown, first_line + tabbed, "front matter has a tab at the start of this "
                                      "line; YAML indents with spaces only: replace the tab with spaces")]) from None
        raise BuildError([problem(shown, line, f"front matter is not valid YAML: {reason}; "
                                               "check the brackets and quotes on this line")]) from None
    except yaml.YAMLError as exc:
        raise BuildError([problem(shown, first_line, f"front matter is not valid YAML: {exc}")]) from None
    except ValueError:  # YAML reads 2022-02-30 as a date and the calendar refuses it
        value, line = _impossible_date(text)
        raise BuildError([problem(shown, first_line + line, f"{value!r} is not a date that exists; "
                                                            "check the day and month")]) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise BuildError([problem(shown, first_line, "front matter must be a mapping of 'key: value' lines")])
    lines = {
        str(key.value): first_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return {str(k): v for k, v in data.items()}, lines


def _tab_line(text: str, first: int, last: int) -> int | None:
    """The first line (0-based) from ``first`` to ``last`` indented with a tab, the usual cause of YAML's complaint."""
    lines = text.split("\n")
    for number in range(first, min(last, len(lines) - 1) + 1):
        if lines[number][: len(lines[number]) - len(lines[number].lstrip())].count("\t"):
            return number
    return None


def _impossible_date(text: str) -> tuple[str, int]:
    """The first date-shaped value in the text that no calendar has, and its line (0-based)."""
    stack = [yaml.compose(text, Loader=yaml.SafeLoader)]
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return node.value, node.start_mark.line
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return "a date", 0


def _compose_and_construct(text: str) -> tuple[Any, Any]:
    """The node tree (for key lines) and the data, from one parse of the text.

    Loads one document only, like ``yaml.safe_load``.
    """
    loader = yaml.CSafeLoader(text) if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


# --- field readers: each returns a clean value or raises a located error ---


def text_field(doc: Document, key: str, *, required: bool = False, default: str | None = None) -> str | None:
    """A string field (numbers are taken as their text)."""
    value = doc.meta.get(key)
    if value is None or value == "":
        if required:
            raise doc.fail(key, f"missing required field '{key}'; add a '{key}: ...' line to the front matter")
        return default
    if isinstance(value, (dict, list)):
        raise doc.fail(key, f"'{key}' must be text, not a {type(value).__name__}")
    return str(value).strip()


def date_value(value: Any) -> dt.date | None:
    """A YAML date, datetime or ISO string as a date; None when it is none of these."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def date_field(doc: Document, key: str, *, required: bool = False) -> dt.date | None:
    """A date field in ISO form (YYYY-MM-DD)."""
    value = doc.meta.get(key)
    if value is None:
        if required:
            raise doc.fail(key, f"missing required field '{key}'; add a line such as '{key}: 2022-03-30' "
                                "to the front matter")
        return None
    parsed = date_value(value)
    if parsed is None:
        raise doc.fail(key, f"'{key}' must be a date such as 2022-03-30, not {value!r}")
    return parsed


def list_field(doc: Document, key: str) -> tuple[str, ...]:
    """A list of strings; a single string counts as a list of one."""
    value = doc.meta.get(key)
    if value is None:
        return ()
    if isinstance(value, (str, int, float)):
        value = [value]
    if not isinstance(value, list) or any(isinstance(v, (dict, list)) or v is None for v in value):
        raise doc.fail(key, f"'{key}' must be a list of words, such as [a, b]")
    return tuple(str(v).strip() for v in value)


def bool_field(doc: Document, key: str) -> bool:
    """A true/false field."""
    value = doc.meta.get(key, False)
    if not isinstance(value, bool):
        raise doc.fail(key, f"'{key}' must be true or false, not {value!r}")
    return value


def url_field(doc: Document, key: str) -> str | None:
    """An http(s) URL field; unsafe schemes are refused."""
    value = text_field(doc, key)
    if value is not None and (reason := url_problem(value)):
        raise doc.fail(key, reason)
    return value


def check_keys(doc: Document, known: Mapping[str, str]) -> None:
    """Refuse a key that looks like a typo of a known one (``darft: true`` must not publish a draft).

    Other unknown keys are kept (an article's go to templates as ``article.extra``).
    """
    typos = []
    for key in doc.meta:
        if key not in known and (guess := nearest(key, known)):
            typos.append(problem(doc.path, doc.line(key), f"unknown field '{key}'; did you mean '{guess}'?"))
    if typos:
        raise BuildError(typos)


def warn(doc: Document, key: str, message: str) -> Problem:
    """A warning about ``key`` at its line."""
    return problem(doc.path, doc.line(key), message, "warning")

"""The reference of every setting and every front matter field, made from the code's own declarations.

README.md holds a copy between two marker lines; ``python -m explainer.reference``
writes it again, and a test fails when the copy and the code differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

from explainer.config import SETTINGS
from explainer.content.load import ARTICLE_FIELDS, BACKGROUND_FIELDS, ENTITY_FIELDS
from explainer.scaffold import toml_value

BEGIN = "<!-- reference: made by `python -m explainer.reference` from config.py and content/load.py -->"
END = "<!-- end of reference -->"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def reference() -> str:
    """The Markdown reference: settings (with defaults), then the front matter of each kind of content file."""
    lines = [BEGIN, "", "#### Settings (`explainer.toml`)", ""]
    rows = []
    for item in SETTINGS:
        doc = item.metadata["doc"]
        if item.metadata["example"]:
            doc += f"; for example `{toml_value(item.metadata['example'])}`"
        rows.append((f"`{item.name}`", f"`{toml_value(item.default)}`", doc))
    lines += _table(("setting", "default", "what it does"), rows)
    for title, fields in (("Articles (`content/articles/*.md`)", ARTICLE_FIELDS),
                          ("Knowledge-base entities (`content/entities/*.md`)", ENTITY_FIELDS),
                          ("Background topics (`content/backgrounds/*.md`)", BACKGROUND_FIELDS)):
        lines += ["", f"#### Front matter of {title[0].lower()}{title[1:]}", ""]
        lines += _table(("field", "what it is"), [(f"`{name}`", doc) for name, doc in fields.items()])
    lines += ["", END]
    return "\n".join(lines)


def in_readme(text: str) -> str:
    """The reference as README.md has it (empty when the markers are missing)."""
    if BEGIN not in text or END not in text:
        return ""
    return BEGIN + text.split(BEGIN, 1)[1].split(END, 1)[0] + END


def write_readme(path: Path) -> bool:
    """Put the current reference into README.md between its markers; whether it changed."""
    text = path.read_text(encoding="utf-8")
    old = in_readme(text)
    if not old:
        raise SystemExit(f"{path}: the reference markers are missing")
    new = text.replace(old, reference())
    path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    readme = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print(f"{readme}: {'updated' if write_readme(readme) else 'already current'}")

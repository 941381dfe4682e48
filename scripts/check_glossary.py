"""Check the glossary on texts it has never seen: no person twice, no date or number.

    .venv/bin/python scripts/check_glossary.py DIR [DIR ...]

Annotates every .txt and .md file under the folders with an empty knowledge
base (so only the statistical model and our rules speak) and prints each
offender, then one summary line. Exit status 1 when anything offends.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from explainer.annotate.service import Annotator
from explainer.content.load import read_loose_article

NUMBERISH = re.compile(r"^\W*(?:\d[\d,.]*|(?:1[89]|20)\d\d)\W*$|\bper ?cent\b|%", re.IGNORECASE)
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def words(name: str) -> tuple[str, ...]:
    """Lower-case words of a name, titles and punctuation aside."""
    return tuple(w for w in re.findall(r"[a-z]+", name.lower()) if w not in {"mr", "mrs", "ms", "dr", "jr", "sr"})


def offences(names: list[tuple[str, str]]) -> list[str]:
    """Persons that are a part of another person, and names that are dates or numbers."""
    found = []
    people = [n for n, kind in names if kind == "person"]
    for name in people:
        for other in people:
            short, full = words(name), words(other)
            if name != other and short and len(short) < len(full) and set(short) <= set(full):
                found.append(f"person twice: {name!r} beside {other!r}")
    for name, kind in names:
        if NUMBERISH.search(name) or set(words(name)) & MONTHS == set(words(name)) and words(name):
            found.append(f"date or number: {name!r} ({kind})")
    return found


def main(folders: list[str]) -> int:
    """Annotate every file and report offenders."""
    annotator = Annotator("en_core_web_sm", ())
    files = sorted(p for folder in folders for p in Path(folder).rglob("*") if p.suffix in (".txt", ".md"))
    total = entities = 0
    for path in files:
        annotation, _ = annotator.annotate(read_loose_article(path))
        names = [(e.name, e.kind) for e in annotation.entities]
        entities += len(names)
        for offence in offences(names):
            print(f"{path}: {offence}")
            total += 1
    print(f"{len(files)} files, {entities} glossary entries, {total} offenders")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

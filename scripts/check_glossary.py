"""Check the glossary on texts it has never seen: no person twice, no date, number, weekday, month or dateline.

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
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def words(name: str) -> tuple[str, ...]:
    """Lower-case words of a name, titles and punctuation aside."""
    return tuple(w for w in re.findall(r"[a-z]+", name.lower()) if w not in {"mr", "mrs", "ms", "dr", "jr", "sr"})


def offences(names: list[tuple[str, str]], dateline: str | None = None) -> list[str]:
    """Persons that are a part of another person; names that are dates, numbers, weekdays or months; a
    dateline's words as written ("WASHINGTON", "COLUMBUS, Ohio") or with its agency."""
    found = []
    people = [n for n, kind in names if kind == "person"]
    for name in people:
        for other in people:
            short, full = words(name), words(other)
            if name != other and short and len(short) < len(full) and set(short) <= set(full):
                found.append(f"person twice: {name!r} beside {other!r}")
    for name, kind in names:
        if NUMBERISH.search(name):
            found.append(f"date or number: {name!r} ({kind})")
        elif words(name) and set(words(name)) <= CALENDAR:
            found.append(f"weekday or month: {name!r} ({kind})")
        elif dateline and _in_dateline(name, dateline):
            found.append(f"dateline: {name!r} ({kind})")
    return found


def _in_dateline(name: str, dateline: str) -> bool:
    """True for a dateline listed as written: "WASHINGTON", "WASHINGTON (AP)" (its agency is an organisation)."""
    agency = re.search(r"\(([^)]*)\)", dateline)
    if name == dateline.strip(" —–-") or (agency and name == agency.group(1)):
        return name != (agency.group(1) if agency else None)
    capitals = name.isupper() and sum(c.isalpha() for c in name) > 2
    return (capitals and name in dateline) or (" (" in name and name.split(" (")[0] in dateline)


def dateline_of(text: str) -> str | None:
    """The dateline opening a story as written ("WASHINGTON (AP) —"), if any."""
    from explainer.annotate.glossary.datelines import parse_dateline

    for first in [p.strip() for p in text.split("\n\n") if p.strip()][:2]:  # a headline line may come first
        line = parse_dateline(first)
        if line:
            return first[line.start:line.body_start]
        caps = re.match(r"[A-Z][A-Z .,'-]{2,40}?(?=\s*(?:\(|—|–|--| - ))", first)  # unknown to the gazetteer
        if caps:
            return caps.group()
    return None


def main(folders: list[str]) -> int:
    """Annotate every file and report offenders."""
    annotator = Annotator("en_core_web_sm", ())
    files = sorted(p for folder in folders for p in Path(folder).rglob("*") if p.suffix in (".txt", ".md"))
    total = entities = 0
    for path in files:
        article = read_loose_article(path)
        annotation, _ = annotator.annotate(article)
        names = [(e.name, e.kind) for e in annotation.entities]
        entities += len(names)
        for offence in offences(names, dateline_of(article.body)):
            print(f"{path}: {offence}")
            total += 1
    print(f"{len(files)} files, {entities} glossary entries, {total} offenders")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

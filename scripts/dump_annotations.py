"""Write ``explainer annotate --json`` of many plain-text files to a folder, in one process. For checking only.

    .venv/bin/python scripts/dump_annotations.py OUT [--site SITE] TEXTS_OR_FOLDERS...

Each ``NAME.txt`` becomes a Markdown file (its first line as the title, as the eval scorers make them) and its
annotation (with the problems it reported) is written to ``OUT/NAME.json``. Run it before and after a change to
the annotation pipeline and ``diff -r`` the two folders: a change meant to make annotating faster must leave
every file byte for byte as it was. The texts stay where they are: nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path


def texts_in(paths: list[Path]) -> list[Path]:
    """The ``.txt`` files named, and those in the folders named (a folder's ``text/`` subfolder if it has one)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            folder = path / "text" if (path / "text").is_dir() else path
            found.extend(sorted(folder.glob("*.txt")))
        else:
            found.append(path)
    return found


def main(argv: list[str] | None = None) -> int:
    """Annotate every text and write one JSON file per text into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("texts", type=Path, nargs="+")
    parser.add_argument("--site", type=Path, help="the site whose knowledge base is used (default: an empty one)")
    args = parser.parse_args(argv)

    from explainer.annotate.service import annotate_file
    from explainer.config import load_settings

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "empty-site"
        (site / "content" / "entities").mkdir(parents=True, exist_ok=True)
        settings = load_settings(site)
        for text_path in texts_in(args.texts):
            text = text_path.read_text(encoding="utf-8")
            title = text.strip().split("\n", 1)[0].strip()
            md = Path(tmp) / f"{text_path.stem}.md"
            md.write_text(f"---\ntitle: {json.dumps(title)}\ndate: 2016-10-01\n---\n\n{text}", encoding="utf-8")
            data, problems = annotate_file(md, settings)
            shown = [f"{p.line}: {p.level}: {p.message}" for p in problems]
            (args.out / f"{text_path.stem}.json").write_text(
                json.dumps({"annotation": data, "problems": shown}, ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8")
    print(f"{len(texts_in(args.texts))} annotations in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

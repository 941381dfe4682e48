"""Split PolNeAR's training articles into a half we read and a half we never read. Stdlib only.

    python3 scripts/polnear_split.py                      # counts of each half
    python3 scripts/polnear_split.py --materialise read   # /tmp/polnear-read/{text,attributions}
    python3 scripts/polnear_split.py --materialise read unread --list read

An article goes to a half by a stable hash of its file stem (the text's name without ``.txt``; the annotation
files ``NAME_ANNOTATOR.ann`` follow their text): the first byte of sha256(NAME) even -> "read", odd -> "unread".
The split never changes when files are added or removed, and does not depend on the order of a listing.

A materialised half is a folder of SYMLINKS into the shared data (never copies), laid out as the scorer expects
(``text/NAME.txt``, ``attributions/NAME_ANNOTATOR.ann``), so ``quotes_eval.py --data /tmp/polnear-read`` reads
it. Evaluation data must never be copied into the repository: a destination inside it is refused.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "polnear-train"  # beside the checkout; never copied in
HALVES = ("read", "unread")


def half_of(stem: str) -> str:
    """The half an article belongs to: "read" when sha256 of its stem starts with an even byte, else "unread"."""
    return HALVES[hashlib.sha256(stem.encode("utf-8")).digest()[0] % 2]


def article_stem(annotation_name: str) -> str:
    """The article an annotation file belongs to: ``NAME_ANNOTATOR.ann`` -> ``NAME``."""
    return annotation_name.rsplit("_", 1)[0]


def read_articles(data: Path) -> tuple[dict[str, Path], dict[str, list[Path]]]:
    """Texts by stem and annotation files by stem, as found under ``data/text`` and ``data/attributions``."""
    texts = {p.stem: p for p in sorted((data / "text").glob("*.txt"))}
    annotations: dict[str, list[Path]] = {}
    for p in sorted((data / "attributions").glob("*.ann")):
        annotations.setdefault(article_stem(p.stem), []).append(p)
    return texts, annotations


def split(data: Path) -> dict[str, list[str]]:
    """The sorted article stems of each half; a text without annotation or the reverse is an error."""
    texts, annotations = read_articles(data)
    lonely = sorted(set(texts) ^ set(annotations))
    if lonely:
        raise SystemExit(f"{data}: texts and annotations do not pair up: {lonely[:5]} ...")
    halves: dict[str, list[str]] = {h: [] for h in HALVES}
    for stem in sorted(texts):
        halves[half_of(stem)].append(stem)
    return halves


def scorer_can_read(annotation: Path) -> bool:
    """Whether quotes_eval.py can parse a brat file without stopping: its ``T`` and ``E`` lines are well formed.

    A span text holding a line break cuts its line in two; when the second part starts with a T or an E (one file
    of the training split: "The number ...") the scorer stops with an IndexError. Other broken lines it skips.
    """
    with annotation.open(encoding="utf-8") as fh:
        for line in fh:
            fields = line.rstrip("\n").split("\t")
            if fields[0].startswith("T") and (len(fields) < 3 or " " not in fields[1]):
                return False
            if fields[0].startswith("E") and (len(fields) < 2 or any(":" not in x for x in fields[1].split())):
                return False
    return True


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved) is ``folder`` or lies under it."""
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def materialise(data: Path, half: str, dest: Path) -> tuple[int, int]:
    """Fill ``dest/text`` and ``dest/attributions`` with symlinks to one half's files; (texts, annotations) linked.

    Links already there from an earlier run are replaced; anything in ``dest`` that is not a symlink is left
    alone and stops the run (the folder is not ours). A destination inside the repository is refused.
    Annotation files the scorer cannot parse are left out (named on stderr), and with them an article that has
    no other annotation file.
    """
    if _inside(dest, REPO):
        raise SystemExit(f"refusing to put evaluation data inside the repository: {dest}")
    stems = set(split(data)[half])
    texts, annotations = read_articles(data)
    for stem in sorted(stems):
        bad = [p for p in annotations[stem] if not scorer_can_read(p)]
        if bad:
            annotations[stem] = [p for p in annotations[stem] if p not in bad]
            left_out = "" if annotations[stem] else "; the article is left out"
            print(f"{half}: {', '.join(p.name for p in bad)}: the scorer cannot parse it (a span text with a "
                  f"line break){left_out}", file=sys.stderr)
            if not annotations[stem]:
                stems.discard(stem)
    counts = [0, 0]
    for sub, files in (("text", [texts[s] for s in sorted(stems)]),
                       ("attributions", [p for s in sorted(stems) for p in annotations[s]])):
        folder = dest / sub
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if not old.is_symlink():
                raise SystemExit(f"{old} is not a symlink: not a folder this script made")
            old.unlink()
        for src in files:
            (folder / src.name).symlink_to(src.resolve())
        counts[sub == "attributions"] = len(files)
    return counts[0], counts[1]


def main(argv: list[str] | None = None) -> int:
    """Print each half's counts; optionally materialise halves as symlink folders or list their stems."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the split to divide (default: {DEFAULT_DATA})")
    ap.add_argument("--materialise", nargs="+", choices=HALVES, default=[], metavar="HALF",
                    help="make /tmp/polnear-HALF/{text,attributions} (symlinks) for these halves")
    ap.add_argument("--dest", type=Path, default=Path("/tmp"),
                    help="parent folder of the materialised halves (default: /tmp)")
    ap.add_argument("--list", choices=HALVES, help="print the stems of one half, one a line")
    args = ap.parse_args(argv)
    halves = split(args.data)
    _, annotations = read_articles(args.data)
    for half in HALVES:
        n_ann = sum(len(annotations[s]) for s in halves[half])
        print(f"{half:7s} {len(halves[half]):4d} articles {n_ann:4d} annotation files", file=sys.stderr)
    for half in args.materialise:
        dest = args.dest / f"polnear-{half}"
        n_text, n_ann = materialise(args.data, half, dest)
        print(f"{half:7s} -> {dest} ({n_text} texts, {n_ann} annotation files, symlinks)", file=sys.stderr)
    if args.list:
        print("\n".join(halves[args.list]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

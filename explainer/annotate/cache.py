"""The annotation cache under ``.explainer-cache/``: one file per article and inputs.

The key (see ``explainer.annotate.runner``) hashes everything an annotation
depends on: the article's file, the knowledge base, the spaCy model and
version, the annotator version and the settings that change the parsed text.
Background sidebars are not in it: they are attached after the cache, on
every build.

An entry is a header line (format, key, SHA-256 of the body) and the body
(the annotation and its warnings as JSON). An entry that cannot be read back
whole, or whose body does not match its checksum, is deleted and recomputed,
never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from explainer.annotate.serialize import (
    annotation_from_json,
    annotation_to_json,
    problems_from_json,
    problems_to_json,
)
from explainer.checkpoints import checkpoint
from explainer.errors import CannotWrite, Problem
from explainer.model import Annotation

FORMAT = "explainer-annotation-2"
TEMPORARY = ".tmp"  # an entry (or the memo) being written: renamed to its own name once whole


class AnnotationCache:
    """Annotations stored by key; ``folder=None`` makes a cache that never hits and stores nothing.

    ``memory``, a dict kept by the caller between builds, is looked in before
    the folder and filled as entries are read or stored.
    """

    def __init__(self, folder: Path | None, memory: dict[str, Any] | None = None):
        self.folder = folder
        self.memory = memory if folder is not None else None

    def path(self, key: str) -> Path:
        """Where the entry for ``key`` lives."""
        assert self.folder is not None
        return self.folder / "annotations" / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        """Whether an entry for ``key`` is stored (it may still turn out damaged when read)."""
        if self.folder is None:
            return False
        return (self.memory is not None and key in self.memory) or self.path(key).is_file()

    def get(self, key: str) -> tuple[Annotation, tuple[Problem, ...]] | None:
        """The stored annotation and its warnings, or None if missing or damaged."""
        if self.folder is None:
            return None
        if self.memory is not None and key in self.memory:
            return self.memory[key]  # type: ignore[no-any-return]
        found = self._read(key)
        if found is not None and self.memory is not None:
            self.memory[key] = found
        return found

    def _read(self, key: str) -> tuple[Annotation, tuple[Problem, ...]] | None:
        path = self.path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return None  # unreadable (permissions, a folder in its place): recompute, and let put() report
        try:
            head, _, body = raw.partition(b"\n")
            header: Any = json.loads(head)
            if header.get("format") != FORMAT or header.get("key") != key:
                raise ValueError("entry of another format or key")
            if header.get("sha256") != hashlib.sha256(body).hexdigest():
                raise ValueError("entry body does not match its checksum")
            data: Any = json.loads(body)
            return annotation_from_json(data["annotation"]), problems_from_json(data["problems"])
        except Exception:  # any damage at all: recompute rather than trust it
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, annotation: Annotation, problems: tuple[Problem, ...]) -> None:
        """Store an entry atomically, so a crash never leaves half a file under its name."""
        if self.folder is None:
            return
        if self.memory is not None:
            self.memory[key] = (annotation, problems)
        path = self.path(key)
        body = json.dumps({"annotation": annotation_to_json(annotation), "problems": problems_to_json(problems)},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        head = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()})
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=TEMPORARY)
        except OSError as exc:
            raise CannotWrite(path, exc) from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(head.encode("ascii") + b"\n" + body)
            checkpoint("cache-tmp")
            os.replace(tmp, path)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise CannotWrite(path, exc) from None
            raise
        checkpoint("cache-put")


class CachedAnnotations(Mapping[str, Annotation]):
    """The annotations under ``keys``, each read from the cache when asked and not kept: a one-off build renders
    its article pages one by one without holding every article's annotation (about 36 KB each). ``missing``
    makes one the cache lost meanwhile (deleted, damaged) again."""

    def __init__(self, cache: AnnotationCache, keys: Sequence[str],
                 missing: Callable[[str], tuple[Annotation, tuple[Problem, ...]]]) -> None:
        self._cache, self._keys, self._missing = cache, frozenset(keys), missing

    def __getitem__(self, key: str) -> Annotation:
        if key not in self._keys:
            raise KeyError(key)
        found = self._cache.get(key) or self._missing(key)
        return found[0]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def sweep_temporary(folder: Path) -> int:
    """Remove the temporary files a killed build left in the cache ``folder``; returns how many.

    They are never read (an entry is only ever seen under its own name, whole),
    only wasted space; run with the site's lock held.
    """
    found = list(folder.glob(f"*{TEMPORARY}")) + list(folder.glob(f"annotations/*/*{TEMPORARY}"))
    for path in found:
        path.unlink(missing_ok=True)
    return len(found)

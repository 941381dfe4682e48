"""The annotation cache under ``.explainer-cache/``: one JSON file per article and inputs.

An entry that cannot be read back whole is treated as missing and recomputed,
never trusted.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from explainer.annotate.serialize import (
    annotation_from_json,
    annotation_to_json,
    problems_from_json,
    problems_to_json,
)
from explainer.errors import Problem
from explainer.model import Annotation


class AnnotationCache:
    """Annotations stored by key; ``folder=None`` makes a cache that never hits."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / "annotations" / key[:2] / f"{key}.json"

    def get(self, key: str) -> tuple[Annotation, tuple[Problem, ...]] | None:
        """The stored annotation and its warnings, or None if missing or damaged."""
        if self.folder is None:
            return None
        path = self._path(key)
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
            if data.get("key") != key:
                raise ValueError("entry stored under another key")
            return annotation_from_json(data["annotation"]), problems_from_json(data["problems"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            path.unlink(missing_ok=True)  # damaged: recompute rather than trust it
            return None

    def put(self, key: str, annotation: Annotation, problems: tuple[Problem, ...]) -> None:
        """Store an entry atomically, so a crash never leaves half a file under its name."""
        if self.folder is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"key": key, "annotation": annotation_to_json(annotation),
                   "problems": problems_to_json(problems)}
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

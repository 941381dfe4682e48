"""The one way explainer turns a name or a title into a URL-safe id: "José Martí" -> "jose-marti".

Articles, glossary entries and speakers are all named through ``slugify``, so
the same words give the same id wherever they are met.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "untitled") -> str:
    """Lower-case ASCII words joined by hyphens (accents dropped, not the letters); ``fallback`` when none remain."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_WORD.sub("-", ascii_text.lower()).strip("-") or fallback

"""What an annotation depends on, as one cache key per article.

The key hashes the article's file, the knowledge base, the spaCy model and
versions, the settings that change the parsed text, and the annotators' own
source code and word lists: an edit to any module or data file under
``explainer/annotate/`` makes old entries miss by itself, with no version
number to remember to bump.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Sequence

from explainer.model import Article, KBEntity

# The format of what the annotators return; bump only when entries must miss for a reason
# the source fingerprint cannot see (a changed dependency's behaviour, say).
ANNOTATOR_VERSION = "30"


@cache
def annotator_fingerprint() -> str:
    """A digest of the annotators' sources (every module of this package) and word lists (data/*.txt)."""
    digest = hashlib.sha256(ANNOTATOR_VERSION.encode())
    here = Path(__file__).resolve().parent
    for path in sorted([*here.rglob("*.py"), *here.glob("data/*.txt")]):
        digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def kb_fingerprint(kb: Sequence[KBEntity]) -> str:
    """A hash of everything in the knowledge base that can change an annotation."""
    rows = [dataclasses.astuple(dataclasses.replace(e, path=str(e.path))) for e in kb]
    return hashlib.sha256(json.dumps(rows, default=str, sort_keys=True).encode()).hexdigest()


def cache_key(article: Article, kb_hash: str, model: str) -> str:
    """The cache key of one article's annotation."""
    parts = [annotator_fingerprint(), model, kb_hash, str(article.path), article.source]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def model_key(model: str) -> str:
    """The cache's name for a model: its name and installed version and spaCy's, without importing spaCy."""
    from importlib import metadata

    from explainer.annotate.nlp import model_candidates

    try:
        spacy_version = metadata.version("spacy")
    except metadata.PackageNotFoundError:
        spacy_version = "?"
    meta = Path(model) / "meta.json"  # spacy.load also takes a folder
    if meta.is_file():
        return f"{model}@{hashlib.sha256(meta.read_bytes()).hexdigest()[:16]}/spacy-{spacy_version}"
    for candidate in model_candidates(model):
        for dist in (candidate, candidate.replace("_", "-")):
            try:
                return f"{candidate}-{metadata.version(dist)}/spacy-{spacy_version}"
            except metadata.PackageNotFoundError:
                continue
    return f"{model}/spacy-{spacy_version}"


def annotation_keys(articles: Sequence[Article], kb: Sequence[KBEntity], model: str, context: str = "") -> list[str]:
    """The cache key of each article's annotation.

    ``context`` is any other setting that changes an annotation (such as
    whether raw HTML is kept); it goes into every key.
    """
    kb_hash = kb_fingerprint(kb)
    key_context = f"{model_key(model)};{context}"
    return [cache_key(a, kb_hash, key_context) for a in articles]

"""Annotating articles: the stages in order, then the cache and the worker processes around them.

``annotate_article`` is pure given a loaded pipeline: blocks in, one
``Annotation`` out. Everything about when to run it (cache hits, cores) is
in ``annotate_all``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import TYPE_CHECKING, Callable, Sequence

from explainer.annotate.backgrounds import attach_backgrounds
from explainer.errors import Problem
from explainer.model import AnnotatedArticle, Annotation, Article, Background, KBEntity

if TYPE_CHECKING:
    from spacy.language import Language

# The annotators are imported inside the functions that run them: some import
# spaCy at module level, and a build that finds every annotation in the cache
# must not pay for importing spaCy.

# Bump when a change to the annotators changes their output: old cache entries then miss.
ANNOTATOR_VERSION = "1"

# spaCy refuses texts over nlp.max_length (1,000,000 characters); a huge
# paragraph is annotated in pieces of this size instead.
MAX_BLOCK_CHARS = 100_000


def kb_fingerprint(kb: Sequence[KBEntity]) -> str:
    """A hash of everything in the knowledge base that can change an annotation."""
    rows = [dataclasses.astuple(dataclasses.replace(e, path=str(e.path))) for e in kb]
    return hashlib.sha256(json.dumps(rows, default=str, sort_keys=True).encode()).hexdigest()


def cache_key(article: Article, kb_hash: str, model: str) -> str:
    """The cache key of one article's annotation."""
    parts = [ANNOTATOR_VERSION, model, kb_hash, str(article.path), article.source]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def prepare(nlp: "Language", kb: Sequence[KBEntity]) -> "Language":
    """The pipeline with the knowledge base compiled into an EntityRuler."""
    from explainer.annotate.entities import ruler_patterns
    from explainer.annotate.nlp import with_ruler

    return with_ruler(nlp, ruler_patterns(kb))


def annotate_article(
    article: Article, kb: Sequence[KBEntity], nlp: "Language"
) -> tuple[Annotation, tuple[Problem, ...]]:
    """Entities, quotes and speakers of one article (backgrounds are attached later)."""
    from explainer.annotate.entities import find_entities
    from explainer.annotate.quotes import scan_quotes
    from explainer.annotate.speakers import attribute

    parse: Callable[[Sequence[str]], list] = lambda texts: list(nlp.pipe(texts))
    docs = parse([b.text[:MAX_BLOCK_CHARS] for b in article.blocks])
    path = str(article.path)
    found = find_entities(article.blocks, docs, kb, article.source, path)
    spans, quote_problems = scan_quotes(article.blocks, path, article.source)
    quotes, speakers = attribute(article.blocks, docs, spans, found.entities, parse)
    annotation = Annotation(
        title=article.title, entities=found.entities, speakers=speakers, quotes=quotes
    )
    return annotation, (*found.problems, *quote_problems)


def with_backgrounds(
    article: Article, annotation: Annotation, backgrounds: Sequence[Background]
) -> tuple[AnnotatedArticle, tuple[Problem, ...]]:
    """Attach background sidebars: cheap, so done on every build rather than cached."""
    ids, problems = attach_backgrounds(article, annotation.entities, backgrounds)
    return AnnotatedArticle(article, dataclasses.replace(annotation, backgrounds=ids)), problems

"""Annotating articles: the stages in order, then the cache and the worker processes around them.

``annotate_article`` is pure given a loaded pipeline: blocks in, one
``Annotation`` out. Everything about when to run it (cache hits, cores) is
in ``annotate_missing``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import TYPE_CHECKING, Callable, Sequence

from explainer.annotate.backgrounds import attach_backgrounds
from explainer.errors import Problem, problem
from explainer.model import AnnotatedArticle, Annotation, Article, Background, Block, KBEntity

if TYPE_CHECKING:
    from spacy.language import Language

# The annotators are imported inside the functions that run them: some import
# spaCy at module level, and a build that finds every annotation in the cache
# must not pay for importing spaCy.

# Bump when a change to the annotators changes their output: old cache entries then miss.
ANNOTATOR_VERSION = "30"

# spaCy refuses texts over nlp.max_length (1,000,000 characters) and parses
# about 5,000 words a second on one core. A 15,000-word long read is about
# 90,000 characters; past this budget an article is most likely a paste gone
# wrong, so only its beginning is annotated (with a warning).
MAX_BLOCK_CHARS = 100_000
MAX_ANNOTATED_CHARS = 150_000


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
    from explainer.annotate.speakers import attribute, sole_author, speaker_pins

    parse: Callable[[Sequence[str]], list] = lambda texts: list(nlp.pipe(texts))
    path = str(article.path)
    kb = [dataclasses.replace(e, role=e.role_on(article.date)) if e.roles else e for e in kb]  # as of the story's day
    blocks, budget_problems = annotated_blocks(article)
    docs = parse([b.text[:MAX_BLOCK_CHARS] for b in blocks])
    found = find_entities(blocks, docs, kb, article.source, path)
    spans, quote_problems = scan_quotes(blocks, path, article.source)
    pinned, pin_problems = speaker_pins(blocks, spans, kb, path)
    quotes, speakers = attribute(blocks, docs, spans, found.entities, parse, sole_author(article.byline), pinned)
    annotation = Annotation(
        title=article.title, entities=found.entities, speakers=speakers, quotes=quotes
    )
    no_one = {spans[n].segments[0] for n, speaker in pinned.items() if speaker is None}
    unattributed = tuple(
        problem(path, blocks[q.segments[0].block].line_at(q.segments[0].start, article.source),
                f"no speaker found for the quote \"{_shortened(q.text)}\"; name one with "
                "[\"...\"]{speaker=id} around it, or {speaker=none}", "warning")
        for q in quotes if q.speaker is None and q.segments[0] not in no_one)
    return annotation, (*budget_problems, *found.problems, *quote_problems, *pin_problems, *unattributed)


def _shortened(text: str, words: int = 6) -> str:
    """The first few words of a quote, for a message."""
    split = text.split()
    return " ".join(split[:words]) + (" ..." if len(split) > words else "")


def annotated_blocks(article: Article) -> tuple[Sequence[Block], tuple[Problem, ...]]:
    """The blocks to annotate: all of them, or those within MAX_ANNOTATED_CHARS."""
    total = 0
    for i, block in enumerate(article.blocks):
        total += len(block.text)
        if total > MAX_ANNOTATED_CHARS and i > 0:
            size = sum(len(b.text) for b in article.blocks)
            warning = problem(article.path, block.line,
                              f"article text is {size:,} characters; only the first "
                              f"{MAX_ANNOTATED_CHARS:,} are annotated (split it into several articles?)",
                              "warning")
            return article.blocks[:i], (warning,)
    return article.blocks, ()


def with_backgrounds(
    article: Article, annotation: Annotation, backgrounds: Sequence[Background]
) -> tuple[AnnotatedArticle, tuple[Problem, ...]]:
    """Attach background sidebars: cheap, so done on every build rather than cached."""
    ids, problems = attach_backgrounds(article, {e.id for e in annotation.entities if e.mentions}, backgrounds)
    return AnnotatedArticle(article, dataclasses.replace(annotation, backgrounds=ids)), problems

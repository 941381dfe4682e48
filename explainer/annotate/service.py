"""The one annotation service: ``build``, ``explainer annotate`` and ``explainer entities stub`` all annotate here.

An ``Annotator`` holds the spaCy pipeline with the knowledge base compiled in
and runs the registered stages (``stages.STAGES``) over one article. What pages
other than the article's own need of an annotation (``entity_refs``) and the
sidebars it triggers (``with_backgrounds``) are computed here too, so the
build and the command line can never disagree about them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from explainer.annotate.backgrounds import attach_backgrounds
from explainer.annotate.stages import Work, run_stages
from explainer.content.markdown import article_blocks, markup_problems
from explainer.errors import Problem, problem
from explainer.model import Annotation, Article, Background, Block, EntityRef, KBEntity

if TYPE_CHECKING:
    from spacy.language import Language

    from explainer.config import Settings

Result = tuple[Annotation, tuple[Problem, ...]]

# spaCy refuses texts over nlp.max_length (1,000,000 characters) and parses
# about 5,000 words a second on one core. A 15,000-word long read is about
# 90,000 characters; past this budget an article is most likely a paste gone
# wrong, so only its beginning is annotated (with a warning).
MAX_BLOCK_CHARS = 100_000
MAX_ANNOTATED_CHARS = 150_000


@dataclass(frozen=True)
class Prepared:
    """An article's blocks within the size budget, and the warning when some were left out."""

    blocks: tuple[Block, ...]
    problems: tuple[Problem, ...]

    def texts(self) -> list[str]:
        """What the pipeline parses first: each block's text, within the per-block budget."""
        return [b.text[:MAX_BLOCK_CHARS] for b in self.blocks]


def prepare_article(article: Article, allow_html: bool = False) -> Prepared:
    """The blocks to annotate: all of them, or those within MAX_ANNOTATED_CHARS."""
    blocks = article_blocks(article, allow_html)
    markup = markup_problems(article, allow_html)
    total = 0
    for i, block in enumerate(blocks):
        total += len(block.text)
        if total > MAX_ANNOTATED_CHARS and i > 0:
            size = sum(len(b.text) for b in blocks)
            warning = problem(article.path, block.line,
                              f"article text is {size:,} characters; only the first "
                              f"{MAX_ANNOTATED_CHARS:,} are annotated (split it into several articles?)",
                              "warning")
            return Prepared(blocks[:i], (*markup, warning))
    return Prepared(blocks, markup)


class Annotator:
    """A loaded pipeline with a knowledge base compiled in: annotates articles, one at a time or served parses."""

    def __init__(self, model: str, kb: Sequence[KBEntity], allow_html: bool = False):
        from explainer.annotate.glossary.entities import ruler_patterns
        from explainer.annotate.keys import kb_fingerprint
        from explainer.annotate.nlp import load_model

        self.kb = tuple(kb)
        self.allow_html = allow_html
        self._model = load_model(model)  # shared by every annotator of this process: loaded once
        self._patterns = ruler_patterns(self.kb)
        self._ruler = kb_fingerprint(self.kb)

    @property
    def nlp(self) -> "Language":
        """The pipeline with this annotator's knowledge base in its EntityRuler.

        The loaded model is shared, so another annotator in this process (``explainer
        annotate`` beside ``serve``'s builds, or tests) may have put its own knowledge base
        in; it is put back before every use rather than trusted.
        """
        from explainer.annotate.nlp import with_ruler

        if getattr(self._model, "explainer_ruler", None) != self._ruler:
            with_ruler(self._model, self._patterns)
            self._model.explainer_ruler = self._ruler  # type: ignore[attr-defined]
        return self._model

    def annotate(self, article: Article, prepared: Prepared | None = None, nlp: Any = None) -> Result:
        """Entities, quotes and speakers of one article (backgrounds are attached later).

        ``nlp`` may stand in for the pipeline with parses made beforehand (see ``runner``).
        """
        nlp = nlp or self.nlp
        prepared = prepared or prepare_article(article, self.allow_html)
        kb = tuple(dataclasses.replace(e, role=e.role_on(article.date)) if e.roles else e
                   for e in self.kb)  # roles as of the story's day
        from explainer.annotate.nlp import without_entities

        def parse(texts: Sequence[str], entities: bool = False) -> list[Any]:
            return list(nlp.pipe(texts, disable=without_entities(self._model, entities)))

        work = run_stages(Work(article, prepared.blocks, tuple(nlp.pipe(prepared.texts())), kb, parse,
                               problems=prepared.problems))
        return work.annotation(), work.problems


def entity_refs(annotation: Annotation) -> tuple[EntityRef, ...]:
    """The entities an annotation names, with what each says in it: what entity pages and sidebars need."""
    speaks_for = {s.id: s.entity for s in annotation.speakers if s.entity}
    said: dict[str, list[tuple[str, str]]] = {}
    for quote in annotation.quotes:
        if quote.speaker in speaks_for:
            said.setdefault(speaks_for[quote.speaker], []).append((quote.id, quote.text))
    refs = [EntityRef(e.id, e.name, e.kind, e.description, tuple(said.get(e.id, ())), e.geonames)
            for e in annotation.entities]
    named = {e.id for e in annotation.entities}
    # A speaker an editor pinned whom the story never names is still quoted in it.
    unnamed = {s.entity: s for s in annotation.speakers if s.entity and s.entity not in named}
    refs += [EntityRef(ident, s.name, s.kind, None, tuple(said.get(ident, ()))) for ident, s in unnamed.items()]
    return tuple(refs)


def with_backgrounds(article: Article, refs: Sequence[EntityRef], backgrounds: Sequence[Background]
                     ) -> tuple[tuple[str, ...], tuple[Problem, ...]]:
    """The sidebars an article gets from its front matter and the entities it names: cheap, so never cached."""
    return attach_backgrounds(article, {r.id for r in refs}, backgrounds)


def annotate_file(path: Path, settings: "Settings") -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """The JSON annotation of one file (``explainer annotate``), with the site's knowledge base and sidebars."""
    from explainer.annotate.serialize import annotation_to_json
    from explainer.content.load import load_site, read_loose_article

    article = read_loose_article(path, settings.allow_html)
    site = load_site(settings.content, settings.root)[0] if settings.content.is_dir() else None
    kb, backgrounds = (site.entities, site.backgrounds) if site else ((), ())
    annotation, problems = Annotator(settings.spacy_model, kb, settings.allow_html).annotate(article)
    attached, attach_problems = with_backgrounds(article, entity_refs(annotation), backgrounds)
    annotation = dataclasses.replace(annotation, backgrounds=attached)
    return annotation_to_json(annotation), (*problems, *attach_problems)

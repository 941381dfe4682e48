"""The annotation stages, in order: a registry a contributor adds one line to.

Each stage declares, as spaCy components do, what it requires of the work so
far and what it assigns; ``run_stages`` checks both, so a stage put before the
one it needs fails at once, not with a wrong annotation. Stages are pure: the
article's blocks and parses in, new values out. The spaCy-heavy modules are
imported inside the stages, so a build whose annotations all come from the
cache never imports spaCy.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from explainer.errors import Problem, problem
from explainer.model import Annotation, Article, Block, Entity, KBEntity, Quote, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from explainer.annotate.attribution.context import ViewParse
    from explainer.annotate.attribution.quotes import QuoteSpan
    from explainer.annotate.attribution.speakers import Resolved



@dataclass(frozen=True)
class Work:
    """One article under annotation: its inputs, and what the stages have assigned so far (None: not yet)."""

    article: Article
    blocks: tuple[Block, ...]
    docs: tuple["Doc", ...]
    kb: tuple[KBEntity, ...]
    parse: "ViewParse"  # parses more texts (attribution re-parses quote-masked blocks, without NER)
    entities: tuple[Entity, ...] | None = None
    spans: tuple["QuoteSpan", ...] | None = None
    pinned: Mapping[int, "Resolved | None"] | None = None
    quotes: tuple[Quote, ...] | None = None
    speakers: tuple[Speaker, ...] | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def path(self) -> str:
        """The article's path as the editor knows it, for messages."""
        return str(self.article.path)

    def annotation(self) -> Annotation:
        """The finished annotation (backgrounds are attached later, on every build)."""
        return Annotation(title=self.article.title, entities=self.entities or (),
                          speakers=self.speakers or (), quotes=self.quotes or ())


Assigned = tuple[dict[str, Any], tuple[Problem, ...]]


@dataclass(frozen=True)
class Stage:
    """One annotator: its name, the Work fields it reads and those it fills."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Work], Assigned]


def _glossary(work: Work) -> Assigned:
    from explainer.annotate.glossary.entities import find_entities

    found = find_entities(work.blocks, work.docs, work.kb, work.article.source, work.path)
    return {"entities": found.entities}, found.problems


def _quotes(work: Work) -> Assigned:
    from explainer.annotate.attribution.quotes import scan_quotes

    spans, problems = scan_quotes(work.blocks, work.path, work.article.source)
    return {"spans": tuple(spans)}, tuple(problems)


def _speaker_pins(work: Work) -> Assigned:
    from explainer.annotate.attribution.speakers import speaker_pins

    pinned, problems = speaker_pins(work.blocks, work.spans or (), work.kb, work.path)
    return {"pinned": pinned}, problems


def _attribution(work: Work) -> Assigned:
    from explainer.annotate.attribution.speakers import attribute, sole_author

    quotes, speakers = attribute(work.blocks, work.docs, work.spans or (), work.entities or (), work.parse,
                                 sole_author(work.article.byline), work.pinned or {})
    return {"quotes": quotes, "speakers": speakers}, ()


def _speaker_roles(work: Work) -> Assigned:
    """The role a card shows and the glossary's description of the same person are one."""
    from explainer.annotate.glossary.entities import with_speaker_roles

    entities, speakers = with_speaker_roles(work.entities or (), work.speakers or ())
    return {"entities": entities, "speakers": speakers}, ()


def _unattributed(work: Work) -> Assigned:
    """A quote no rule could attribute is a warning, so an editor pins it or says no one."""
    spans, pinned = work.spans or (), work.pinned or {}
    no_one = {spans[n].segments[0] for n, speaker in pinned.items() if speaker is None}
    return {}, tuple(
        problem(work.path, work.blocks[q.segments[0].block].line_at(q.segments[0].start, work.article.source),
                f"no speaker found for the quote \"{_shortened(q.text)}\"; name one with "
                "[\"...\"]{speaker=id} around it, or {speaker=none}", "warning")
        for q in work.quotes or () if q.speaker is None and q.segments[0] not in no_one)


def _shortened(text: str, words: int = 6) -> str:
    """The first few words of a quote, for a message."""
    split = text.split()
    return " ".join(split[:words]) + (" ..." if len(split) > words else "")


# The registry: every annotator, in the order they run.
STAGES: tuple[Stage, ...] = (
    Stage("glossary", requires=("docs", "kb"), assigns=("entities",), run=_glossary),
    Stage("quotes", requires=("blocks",), assigns=("spans",), run=_quotes),
    Stage("speaker pins", requires=("spans", "kb"), assigns=("pinned",), run=_speaker_pins),
    Stage("attribution", requires=("docs", "spans", "entities", "pinned"), assigns=("quotes", "speakers"),
          run=_attribution),
    Stage("speaker roles", requires=("entities", "speakers"), assigns=("entities", "speakers"), run=_speaker_roles),
    Stage("unattributed quotes", requires=("quotes", "pinned"), assigns=(), run=_unattributed),
)


def run_stages(work: Work, stages: Sequence[Stage] = STAGES) -> Work:
    """Run each stage in turn on what the ones before it assigned."""
    for stage in stages:
        missing = [name for name in stage.requires if getattr(work, name) is None]
        if missing:
            raise RuntimeError(f"annotation stage {stage.name!r} requires {', '.join(missing)}, "
                               "which no stage before it assigns")
        assigned, problems = stage.run(work)
        stray = set(assigned) - set(stage.assigns)
        if stray:
            raise RuntimeError(f"annotation stage {stage.name!r} assigned {', '.join(sorted(stray))} "
                               "without declaring it")
        work = dataclasses.replace(work, **assigned, problems=(*work.problems, *problems))
    return work

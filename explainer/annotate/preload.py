"""Imported by the annotation workers' fork server: loads the model once, for every worker it forks to share.

``runner.prestart`` names the model in ``EXPLAINER_PRELOAD_MODEL`` before the fork server starts;
the server imports this module, so the workers it forks start with spaCy imported and the model
loaded (pages shared with the server until written), instead of each loading it again. When the
variable is unset, or the model cannot be loaded, nothing happens here: each worker loads it
itself, as it always could.
"""

from __future__ import annotations

import os

MODEL_VARIABLE = "EXPLAINER_PRELOAD_MODEL"


def _load() -> None:
    model = os.environ.get(MODEL_VARIABLE)
    if not model:
        return
    try:
        from explainer.annotate.runner import _preload

        _preload(model)
    except Exception:  # an optimisation only: the workers load the model themselves
        pass


_load()

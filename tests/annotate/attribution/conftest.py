"""The English model the attribution tests run their invented texts through, loaded once."""

from __future__ import annotations

import pytest

from explainer.annotate.nlp import load_model


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_model()

"""What kind of thing an entry names: person, place, organisation, group, event or other."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from explainer.annotate.glossary import names
from explainer.annotate.glossary.mentions import KIND_OF_LABEL, Found


# A one-word name tagged a place this many times as often as a person is a place
# (the small model calls "Burma" or "Kyiv" a person now and then).
PLACE_OVER_PERSON = 3


def kind_of(members: Sequence[Found]) -> str:
    """An organisation by its head word; a person if the model ever saw one (unless a one-word name is mostly
    a place); else the commonest kind."""
    if any(names.names_a_body(f.words) for f in members):
        return "organization"
    kinds = Counter(KIND_OF_LABEL.get(f.label, "other") for f in members)
    one_word = all(len(f.words) == 1 for f in members)
    if kinds["person"] and not (one_word and kinds["place"] >= PLACE_OVER_PERSON * kinds["person"]):
        return "person"
    del kinds["person"]
    return max(kinds, key=kinds.__getitem__)  # the first seen wins a tie

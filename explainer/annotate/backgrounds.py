"""Which background sidebars an article gets, and what a sidebar may show as of the article's date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Sequence

from explainer.errors import Problem, problem
from explainer.model import Article, Background, Entity


def attach_backgrounds(
    article: Article, entities: Sequence[Entity], backgrounds: Sequence[Background]
) -> tuple[tuple[str, ...], tuple[Problem, ...]]:
    """Background ids for an article: those its front matter lists or its entities trigger, less exclusions."""
    known = {b.id for b in backgrounds}
    problems = []
    added: list[str] = []
    removed: set[str] = set()
    for item in article.backgrounds:
        wanted = item.removeprefix("-")
        if wanted not in known:
            choices = ", ".join(sorted(known)) or "none yet"
            problems.append(problem(article.path, article.backgrounds_line,
                                    f"unknown background '{wanted}' (known: {choices}); "
                                    f"add content/backgrounds/{wanted}.md or fix the id"))
        elif item.startswith("-"):
            removed.add(wanted)
        else:
            added.append(wanted)
    mentioned = {e.id for e in entities if e.mentions}
    triggered = [b.id for b in backgrounds if mentioned.intersection(b.triggers)]
    ordered = list(dict.fromkeys([*added, *triggered]))
    return tuple(b for b in ordered if b not in removed), tuple(problems)


def as_of(background: Background, day: dt.date) -> Background:
    """The background as a reader on ``day`` could know it: later facts and events left out."""
    return dataclasses.replace(
        background,
        facts=tuple(f for f in background.facts if f.as_of is None or f.as_of <= day),
        timeline=tuple(t for t in background.timeline if t.date <= day),
    )

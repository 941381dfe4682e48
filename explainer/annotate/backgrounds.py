"""Which background sidebars an article gets, and what a sidebar may show as of the article's date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Collection, Sequence

from explainer.dates import period_end
from explainer.errors import Problem, problem
from explainer.model import Article, Background, Fact


def attach_backgrounds(
    article: Article, mentioned: Collection[str], backgrounds: Sequence[Background]
) -> tuple[tuple[str, ...], tuple[Problem, ...]]:
    """Background ids for an article: those its front matter lists or the entities it names trigger, less exclusions."""
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
    triggered = [b.id for b in backgrounds if any(t in mentioned for t in b.triggers)]
    ordered = list(dict.fromkeys([*added, *triggered]))
    return tuple(b for b in ordered if b not in removed), tuple(problems)


def as_of(background: Background, day: dt.date) -> Background:
    """The background as a reader on ``day`` could know it.

    Facts and events dated after ``day`` are left out; an event dated only by
    month or year counts from the end of that period, so the sidebar never
    knows something that may have happened after the story. Of several values
    under one label (population 2021, population 2022) only the newest known
    on ``day`` is kept.
    """
    newest: dict[str, Fact] = {}
    for fact in background.facts:
        if fact.as_of is not None and fact.as_of > day:
            continue
        held = newest.get(fact.label)
        if held is None or (fact.as_of or dt.date.min) >= (held.as_of or dt.date.min):
            newest[fact.label] = fact
    return dataclasses.replace(
        background,
        facts=tuple(f for f in background.facts if newest.get(f.label) is f),
        timeline=tuple(t for t in background.timeline if period_end(t.date, t.label) <= day),
    )

"""``build(settings)``: load, annotate, render, write. Read it top to bottom."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from explainer.annotate.pipeline import with_backgrounds
from explainer.annotate.runner import annotate_all
from explainer.cache import AnnotationCache
from explainer.config import Settings
from explainer.content import load_site
from explainer.errors import BuildError, Problem, errors_in, unique
from explainer.render import render_site
from explainer.write import write_site


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    articles: int
    annotated: int
    cached: int
    files: int
    seconds: float
    warnings: tuple[Problem, ...]

    def summary(self) -> str:
        """The one-line summary printed after a build."""
        noun = "explainer" if self.articles == 1 else "explainers"
        return (f"built {self.articles} {noun} in {self.seconds:.1f} s "
                f"({self.annotated} annotated, {self.cached} cached)")


def build(settings: Settings, progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Build the site; raises BuildError (and leaves ``site/`` as it was) when anything is wrong."""
    started = time.perf_counter()

    site, load_warnings = load_site(settings.content, settings.root, settings.allow_html)
    articles = [a for a in site.articles if settings.drafts or not a.draft]

    cache = AnnotationCache(settings.root / settings.cache_dir if settings.cache else None)
    results, stats = annotate_all(articles, site.entities, settings.spacy_model, cache, settings.jobs, progress,
                                  context=f"allow_html={settings.allow_html}")

    annotated = []
    problems: list[Problem] = list(load_warnings)
    for article, (annotation, found) in zip(articles, results):
        item, attach_problems = with_backgrounds(article, annotation, site.backgrounds)
        annotated.append(item)
        problems.extend((*found, *attach_problems))
    problems = list(unique(problems))
    if errors_in(problems) or (settings.strict and problems):
        raise BuildError(errors_in(problems) if errors_in(problems) else _as_errors(problems))

    pages = render_site(site, annotated, settings)
    files = write_site(pages, settings.templates / "static", settings.output)

    return BuildReport(
        articles=len(articles),
        annotated=stats.annotated,
        cached=stats.cached,
        files=files,
        seconds=time.perf_counter() - started,
        warnings=tuple(problems),
    )


def _as_errors(problems: list[Problem]) -> list[Problem]:
    """Warnings promoted to errors by ``--strict``."""
    return [Problem(p.path, p.line, p.message + " (an error under --strict)", "error") for p in problems]

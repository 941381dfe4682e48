"""The page GitHub Pages (and the preview) serve for any missing path."""

from __future__ import annotations

from typing import Iterable

from explainer.pages.environment import Planned, SiteView, digest


def plan(view: SiteView) -> Iterable[Planned]:
    """``404.html``: its links start with the base path, so they work at any depth."""
    yield Planned("404.html", digest("404"), view.template("404.html", "404.html", section=""))

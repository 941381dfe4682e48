"""Listing pages: the home page, one page per background topic, and the 404 page."""

from __future__ import annotations

from typing import Iterable


from explainer.pages.environment import Planned, SiteView, digest


def plan_topics(view: SiteView) -> Iterable[Planned]:
    """One page per background topic, with the explainers it is attached to."""
    for background in view.site.backgrounds:
        users = [item for item in view.listings if background.id in item.backgrounds]
        yield Planned(
            f"backgrounds/{background.id}/index.html",
            digest("background", digest(background), view.shows(users)),
            view.template("background.html", f"backgrounds/{background.id}/index.html", background=background, articles=users,
                          body=view.markdown(background.body)),
        )


def plan_home(view: SiteView) -> Iterable[Planned]:
    """The home page: every explainer, newest first."""
    yield Planned("index.html", digest("index", view.shows(view.listings)),
                  view.template("index.html", "index.html", articles=view.listings))


def plan_not_found(view: SiteView) -> Iterable[Planned]:
    """The page GitHub Pages (and the preview) serve for any missing path."""
    yield Planned("404.html", digest("404"), view.template("404.html", "404.html"))

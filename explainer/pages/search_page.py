"""``/search/``: the search box over the Pagefind index, with its filters; without JavaScript, links to the indexes."""

from __future__ import annotations

from typing import Iterable

from explainer.pages.environment import Planned, SiteView, digest


def plan(view: SiteView) -> Iterable[Planned]:
    """The search page (its filters are read from the index in the browser, so it shows no content itself)."""
    yield Planned("search/index.html", digest("search"), view.template("search.html", "search/index.html", section="search"))

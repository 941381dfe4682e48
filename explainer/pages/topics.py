"""Background topics: ``/backgrounds/`` lists every topic with its latest explainers; each topic has its page."""

from __future__ import annotations

from typing import Iterable

from explainer.pages.environment import Planned, SiteView
from explainer.pages.paging import plan_pages

# Explainers named under each topic on the index of topics; its own page lists them all.
LATEST_PER_TOPIC = 3


def plan(view: SiteView) -> Iterable[Planned]:
    """The index of topics (``backgrounds/``) and each topic's page, its explainers paginated, newest first."""
    users = {b.id: [item for item in view.listings if b.id in item.backgrounds] for b in view.site.backgrounds}
    rows = [(b.id, b.title, b.summary, len(users[b.id]), tuple(users[b.id][:LATEST_PER_TOPIC]))
            for b in sorted(view.site.backgrounds, key=lambda b: b.title.casefold())]
    yield from plan_pages(view, "backgrounds/", rows, view.settings.index_page_size, "backgrounds.html",
                          lambda chunk: [(r[:4], view.shows(r[4])) for r in chunk], section="topics")
    for background in view.site.backgrounds:
        yield from plan_pages(view, f"backgrounds/{background.id}/", users[background.id], view.settings.page_size,
                              "background.html", view.shows, section="topics",
                              background=background, body=view.markdown(background.body))

"""The home page: the latest explainers with date, dek and lead image, the topics in the news, then page 2, 3..."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

from explainer.model import Background, Listing
from explainer.pages.environment import Planned, SiteView
from explainer.pages.paging import plan_pages

# Topics in the news: those attached to the explainers of the last few weeks' worth of stories.
TOPICS_SHOWN = 6


def topics_in_the_news(listings: Sequence[Listing], backgrounds: Sequence[Background]) -> list[tuple[Background, int]]:
    """Background topics of the latest explainers, most attached first (ties: the more recent), with counts."""
    by_id = {b.id: b for b in backgrounds}
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for position, item in enumerate(listings):
        for topic in item.backgrounds:
            counts[topic] += 1
            first_seen.setdefault(topic, position)
    ranked = sorted(counts, key=lambda t: (-counts[t], first_seen[t]))
    return [(by_id[t], counts[t]) for t in ranked if t in by_id][:TOPICS_SHOWN]


def plan(view: SiteView) -> Iterable[Planned]:
    """The home page and its further pages (``page/2/``), newest first, ``page_size`` explainers each."""
    size = view.settings.page_size
    topics = topics_in_the_news(view.listings[:size], view.site.backgrounds)
    yield from plan_pages(view, "", view.listings, size, "index.html", view.shows, section="home",
                          topics=[(b.id, b.title, b.summary, n) for b, n in topics])

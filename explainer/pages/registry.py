"""Every page of the site, from two short registries a contributor adds a line to.

``PAGE_KINDS`` are the page families (a Pelican generator each): a function
from the ``SiteView`` to the pages it plans. ``OUTPUTS`` are files made from
the pages planned before them (the feed, the sitemap). The search index is
made from the written pages instead (``explainer/search.py``). A planned page carries a digest of its inputs and renders only when
asked, so the build renders only what changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable, Sequence

import jinja2

from explainer.config import Settings
from explainer.content.markdown import make_parser
from explainer.model import Listing, Site
from explainer.pages import (
    article,
    entity,
    entity_index,
    feeds,
    home,
    media,
    not_found,
    search_page,
    tags,
    topics,
)
from explainer.pages.environment import Planned, SiteView, digest, make_environment
from explainer.pages.reuse import Reuse

PageKind = Callable[[SiteView], Iterable[Planned]]
Output = Callable[[SiteView, Sequence[Planned]], Iterable[Planned]]

PAGE_KINDS: tuple[PageKind, ...] = (
    home.plan,
    article.plan,
    entity.plan,
    entity_index.plan,
    topics.plan,
    tags.plan,
    search_page.plan,
    media.plan,
    not_found.plan,
)

OUTPUTS: tuple[Output, ...] = (
    feeds.plan_feeds,
)


def plan_site(site: Site, listings: Sequence[Listing], settings: Settings, env: jinja2.Environment | None = None,
              now: dt.datetime | None = None, reuse: Reuse | None = None) -> list[Planned]:
    """Every page of the site, each rendered only when asked.

    Pages other than an article's own see its front matter only, so editing an
    article's text changes the digest of its own page and of no other. ``reuse``
    (a live session's) gives back pages the last plan made from the same inputs.
    """
    reuse = reuse or Reuse()
    md = make_parser(settings.allow_html, typographer=True)
    shown = {item.key: reuse.get(("shown", item.key), (item,), (), lambda item=item: digest(item.article))
             for item in listings}
    view = SiteView(site, tuple(listings), settings, env or make_environment(settings), md, shown, now, reuse)
    plans = [page for kind in PAGE_KINDS for page in kind(view)]
    made = tuple(plans)
    for output in OUTPUTS:
        plans.extend(output(view, made))
    reuse.done()
    return plans

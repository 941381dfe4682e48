"""Tags: ``/tags/`` lists every tag with its count, ``/tags/NAME/`` the explainers under it, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from explainer.model import Listing
from explainer.pages.environment import Planned, SiteView
from explainer.pages.paging import plan_pages
from explainer.slugs import slugify


@dataclass(frozen=True)
class Tag:
    """One tag: its name as first written, its address, and its explainers (newest first)."""

    name: str
    slug: str
    articles: tuple[Listing, ...]


def tag_slug(name: str) -> str:
    """A tag's folder under ``tags/``: "Middle East" and "middle-east" are one tag."""
    return slugify(name, "tag")


def tags_of(listings: Sequence[Listing]) -> list[Tag]:
    """Every tag of the site, by name, each with the explainers that carry it."""
    names: dict[str, str] = {}
    members: dict[str, list[Listing]] = {}
    for item in listings:
        slugs = {tag_slug(name): name for name in reversed(item.article.tags)}  # "Russia" and "russia": one
        for slug, name in slugs.items():
            names.setdefault(slug, name)
            members.setdefault(slug, []).append(item)
    return sorted((Tag(names[s], s, tuple(m)) for s, m in members.items()), key=lambda t: t.name.casefold())


def plan(view: SiteView) -> Iterable[Planned]:
    """The tag index (paginated at ``index_page_size``) and one paginated list per tag."""
    tags = tags_of(view.listings)
    yield from plan_pages(view, "tags/", [(t.name, t.slug, len(t.articles)) for t in tags],
                          view.settings.index_page_size, "tags.html", list, section="tags")
    for tag in tags:
        yield from plan_pages(view, f"tags/{tag.slug}/", tag.articles, view.settings.page_size, "tag.html",
                              view.shows, section="tags", tag_name=tag.name)

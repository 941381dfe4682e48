"""Entity pages: what the site knows of a person, place or organisation across its explainers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from explainer.model import EntityRef, KBEntity, Listing, Site
from explainer.pages.environment import Planned, SiteView
from explainer.pages.paging import plan_pages


@dataclass(frozen=True)
class EntityPage:
    """What the site knows of an entity across articles."""

    id: str
    name: str
    kind: str
    description: str | None
    note: str
    wikidata: str | None
    url: str | None
    articles: tuple[Listing, ...]
    # Per article that quotes the entity: (slug, title, ((quote id, quoted words), ...)).
    said: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()
    geonames: int | None = None


@dataclass(frozen=True)
class Named:
    """What one entity's page is made from: its knowledge-base entry, the first mention found, the articles naming it."""

    id: str
    known: KBEntity | None
    found: EntityRef | None
    users: tuple[Listing, ...]


def named_entities(site: Site, listings: Sequence[Listing], cache: dict[str, Any] | None = None) -> list[Named]:
    """Every entity named in any article or kept in the knowledge base, by id, with the articles naming it.

    ``cache``: a view's (entity and A-Z pages both need this list), so it is made once per plan.
    """
    if cache is not None:
        if "named" not in cache:
            cache["named"] = named_entities(site, listings)
        return cache["named"]  # type: ignore[no-any-return]
    kb: dict[str, KBEntity] = {e.id: e for e in site.entities}
    seen: dict[str, EntityRef] = {}
    users: dict[str, list[Listing]] = {}
    for listing in listings:
        for entity in listing.entities:
            seen.setdefault(entity.id, entity)
            users.setdefault(entity.id, []).append(listing)
    return [Named(ident, kb.get(ident), seen.get(ident), tuple(users.get(ident, ())))
            for ident in sorted(set(kb) | set(seen))]


def entity_page(named: Named) -> EntityPage:
    """What the site knows of one entity across articles."""
    known, found = named.known, named.found
    said, last = [], None
    for listing in named.users:
        if listing is last:
            continue  # an article naming it twice is in the users twice: its words once per mention
        last = listing
        said.extend((listing.article.slug, listing.article.title, entity.said) for entity in listing.entities
                    if entity.id == named.id and entity.said)
    return EntityPage(
        id=named.id,
        name=known.name if known else found.name,  # type: ignore[union-attr]
        kind=known.kind if known else found.kind,  # type: ignore[union-attr]
        description=(known.description if known else None) or (found.description if found else None),
        note=known.note if known else "",
        wikidata=known.wikidata if known else None,
        url=known.url if known else None,
        articles=named.users,
        said=tuple(said),
        geonames=(known.geonames if known else None) or (found.geonames if found else None),
    )


def entity_pages(site: Site, listings: Sequence[Listing]) -> list[EntityPage]:
    """One page per entity named in any article or kept in the knowledge base."""
    return [entity_page(named) for named in named_entities(site, listings)]


def plan(view: SiteView) -> Iterable[Planned]:
    """One page per entity, listing what it said and the explainers that name it (paginated, newest first)."""
    for named in named_entities(view.site, view.listings, view.cache):
        yield from view.reuse.get(("entity", named.id), (named.known, named.found, *named.users), (),
                                  lambda named=named: list(_plan_entity(view, entity_page(named))))


def _plan_entity(view: SiteView, entity: EntityPage) -> Iterable[Planned]:
    """The pages of one entity."""
    yield from plan_pages(view, f"entities/{entity.id}/", entity.articles, view.settings.page_size,
                          "entity.html", view.shows, section="entities",
                          entity=dataclasses.replace(entity, articles=()),
                          note=view.markdown(entity.note))

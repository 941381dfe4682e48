"""Entity pages: what the site knows of a person, place or organisation across its explainers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from explainer.model import EntityRef, KBEntity, Listing, Site
from explainer.pages.environment import Planned, SiteView
from explainer.pages.paging import plan_pages
from explainer.pages.reuse import Reuse


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


def named_entities(site: Site, listings: Sequence[Listing], cache: dict[str, Any] | None = None,
                   reuse: Reuse | None = None) -> list[Named]:
    """Every entity named in any article or kept in the knowledge base, by id, with the articles naming it.

    ``cache``: a view's (entity and A-Z pages both need this list), so it is made once per plan. ``reuse``: a live
    session's; the entities no changed article names, nor a changed knowledge-base entry, keep last plan's ``Named``
    (the very object), so the pages made from it are kept without looking at each of their articles.
    """
    if cache is not None:
        if "named" not in cache:
            cache["named"] = named_entities(site, listings, reuse=reuse)
        return cache["named"]  # type: ignore[no-any-return]
    kb: dict[str, KBEntity] = {e.id: e for e in site.entities}
    last = reuse.last("named") if reuse is not None else None
    affected = _affected(last, kb, listings) if last is not None else None
    found = _named(kb, listings, affected)
    if affected is not None:
        kept = {named.id: named for named in last[2] if named.id not in affected}
        found = [*kept.values(), *found]
        found.sort(key=lambda named: named.id)
    if reuse is not None:
        reuse.keep("named", (kb, listings, found))
    return found


def _named(kb: dict[str, KBEntity], listings: Sequence[Listing], only: set[str] | None = None) -> list[Named]:
    """The entities (``only`` those ids, if given) with the articles naming them, sorted by id."""
    seen: dict[str, EntityRef] = {}
    users: dict[str, list[Listing]] = {}
    for listing in listings:
        for entity in listing.entities:
            if only is None or entity.id in only:
                seen.setdefault(entity.id, entity)
                users.setdefault(entity.id, []).append(listing)
    ids = set(seen) | (set(kb) if only is None else only & set(kb))
    return [Named(ident, kb.get(ident), seen.get(ident), tuple(users.get(ident, ()))) for ident in sorted(ids)]


def _affected(last: tuple[dict[str, KBEntity], Sequence[Listing], list[Named]], kb: dict[str, KBEntity],
              listings: Sequence[Listing]) -> set[str] | None:
    """The ids whose ``Named`` may differ from last plan's: named by an article added, removed or changed (a
    listing not the same object), or a knowledge-base entry that is not the same object; None: too many to
    be worth it, make them all."""
    old_kb, old_listings, _ = last
    before = {id(listing) for listing in old_listings}
    now = {id(listing) for listing in listings}
    moved = [listing for listing in listings if id(listing) not in before]
    moved += [listing for listing in old_listings if id(listing) not in now]
    if len(moved) * 4 > len(listings):
        return None
    affected = {entity.id for listing in moved for entity in listing.entities}
    affected.update(ident for ident in set(kb) | set(old_kb) if kb.get(ident) is not old_kb.get(ident))
    return affected


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
    # The same Named object as last time (named_entities kept it): made from the same entry and articles.
    for named in named_entities(view.site, view.listings, view.cache, view.reuse):
        yield from view.reuse.get(("entity", named.id), (named,), (),
                                  lambda named=named: list(_plan_entity(view, entity_page(named))))


def _plan_entity(view: SiteView, entity: EntityPage) -> Iterable[Planned]:
    """The pages of one entity."""
    yield from plan_pages(view, f"entities/{entity.id}/", entity.articles, view.settings.page_size,
                          "entity.html", view.shows, section="entities",
                          entity=dataclasses.replace(entity, articles=()),
                          note=view.markdown(entity.note))

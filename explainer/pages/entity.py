"""Entity pages: what the site knows of a person, place or organisation across its explainers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterable, Sequence


from explainer.model import EntityRef, KBEntity, Listing, Site
from explainer.pages.environment import Planned, SiteView, digest


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


def entity_pages(site: Site, listings: Sequence[Listing]) -> list[EntityPage]:
    """One page per entity named in any article or kept in the knowledge base."""
    kb: dict[str, KBEntity] = {e.id: e for e in site.entities}
    seen: dict[str, EntityRef] = {}
    users: dict[str, list[Listing]] = {}
    said: dict[str, list[tuple[str, str, tuple[tuple[str, str], ...]]]] = {}
    for listing in listings:
        for entity in listing.entities:
            seen.setdefault(entity.id, entity)
            users.setdefault(entity.id, []).append(listing)
            if entity.said:
                said.setdefault(entity.id, []).append((listing.article.slug, listing.article.title, entity.said))
    pages = []
    for ident in sorted(set(kb) | set(seen)):
        known, found = kb.get(ident), seen.get(ident)
        pages.append(EntityPage(
            id=ident,
            name=known.name if known else found.name,  # type: ignore[union-attr]
            kind=known.kind if known else found.kind,  # type: ignore[union-attr]
            description=(known.description if known else None) or (found.description if found else None),
            note=known.note if known else "",
            wikidata=known.wikidata if known else None,
            url=known.url if known else None,
            articles=tuple(users.get(ident, ())),
            said=tuple(said.get(ident, ())),
            geonames=(known.geonames if known else None) or (found.geonames if found else None),
        ))
    return pages


def plan(view: SiteView) -> Iterable[Planned]:
    """One page per entity, listing the explainers that name it and what it said in each."""
    for entity in entity_pages(view.site, view.listings):
        yield Planned(
            f"entities/{entity.id}/index.html",
            digest("entity", dataclasses.replace(entity, articles=()), view.shows(entity.articles)),
            view.template("entity.html", f"entities/{entity.id}/index.html", entity=entity, note=view.markdown(entity.note)),
        )

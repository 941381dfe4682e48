"""Article pages: the story with its mentions and quotes marked, the glossary, speaker cards and sidebars."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Mapping, Sequence

from markupsafe import Markup

from explainer.annotate.backgrounds import as_of
from explainer.annotate.glossary.names import sort_key
from explainer.config import Settings
from explainer.model import AnnotatedArticle, Annotation, Background, Entity, Listing
from explainer.pages.environment import (
    Planned,
    SiteView,
    digest,
    json_ld,
    render_template,
)
from explainer.pages.markup import body_html

KIND_HEADINGS = (
    ("person", "People"),
    ("place", "Places"),
    ("organization", "Organisations"),
    ("group", "Groups"),
    ("event", "Events"),
    ("other", "Other"),
)


def glossary(entities: Sequence[Entity]) -> list[tuple[str, list[Entity]]]:
    """Entities grouped by kind (People, Places, ...), each group alphabetical; people by surname."""
    groups = []
    for kind, heading in KIND_HEADINGS:
        key = (lambda e: sort_key(e.name)) if kind == "person" else (lambda e: (e.name.casefold(), ""))
        members = sorted((e for e in entities if e.kind == kind), key=key)
        if members:
            groups.append((heading, members))
    return groups


def article_json_ld(item: AnnotatedArticle, settings: Settings, url: str | None) -> Markup:
    """schema.org NewsArticle with the entities it mentions and the quotations it carries."""
    article, annotation = item.article, item.annotation
    speakers = {s.id: s for s in annotation.speakers}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.date.isoformat(),
        "dateModified": (article.updated or article.date).isoformat(),
        "inLanguage": settings.language,
        "publisher": {"@type": "Organization", "name": settings.title},
    }
    if url:  # absolute only: a relative one would name another page wherever the JSON-LD is read
        data["url"] = data["mainEntityOfPage"] = url
    if article.dek:
        data["description"] = article.dek
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.image:
        data["image"] = article.image
    mentions = []
    for entity in annotation.entities:
        thing: dict[str, Any] = {"@type": schema_type(entity.kind), "name": entity.name}
        if entity.description:
            thing["description"] = entity.description
        same_as = [u for u in (entity.wikidata and f"https://www.wikidata.org/wiki/{entity.wikidata}", entity.url) if u]
        if same_as:
            thing["sameAs"] = same_as
        mentions.append(thing)
    if mentions:
        data["mentions"] = mentions
    quotations = []
    for quote in annotation.quotes:
        item_ld: dict[str, Any] = {"@type": "Quotation", "text": quote.text}
        speaker = speakers.get(quote.speaker or "")
        if speaker:
            item_ld["creator"] = {"@type": schema_type(speaker.kind), "name": speaker.name}
        quotations.append(item_ld)
    if quotations:
        data["hasPart"] = quotations
    return json_ld(data)


def schema_type(kind: str) -> str:
    """The schema.org type for an entity kind."""
    return {"person": "Person", "place": "Place", "organization": "Organization",
            "group": "Organization", "event": "Event"}.get(kind, "Thing")


def article_page(view: SiteView, item: AnnotatedArticle, backgrounds: Mapping[str, Background]) -> str:
    """The HTML of one article's page: body with marks, glossary, speaker cards, sidebars."""
    return render_template(
        view.env, "article.html",
        here=f"{item.article.slug}/index.html",
        article=item.article,
        annotation=item.annotation,
        body=Markup(body_html(view.md, item.article, item.annotation)),
        glossary=glossary(item.annotation.entities),
        speakers={s.id: s for s in item.annotation.speakers},
        quotes={q.id: q for q in item.annotation.quotes},
        sidebars=[as_of(backgrounds[b], item.article.date) for b in item.annotation.backgrounds],
        json_ld=article_json_ld(item, view.settings, view.env.globals["absolute"](f"{item.article.slug}/")
                                if view.settings.absolute_base else None),
    )


def plan(view: SiteView) -> Iterable[Planned]:
    """One page per article, showing its annotation (loaded by the build before rendering)."""
    backgrounds = {b.id: b for b in view.site.backgrounds}
    background_digests = {b.id: digest(b) for b in view.site.backgrounds}
    articles = {a.path: a for a in view.site.articles}

    def render(listing: Listing, annotations: Mapping[str, Annotation]) -> str:
        annotation = annotations[listing.key]
        item = AnnotatedArticle(articles[listing.article.path], _with_sidebars(annotation, listing))
        return article_page(view, item, backgrounds)

    for listing in view.listings:
        yield Planned(
            f"{listing.article.slug}/index.html",
            digest("article", listing.key, [(b, background_digests[b]) for b in listing.backgrounds]),
            lambda annotations, listing=listing: render(listing, annotations),  # type: ignore[misc]
            needs=listing.key,
        )


def _with_sidebars(annotation: Annotation, listing: Listing) -> Annotation:
    """The annotation with the sidebars this build attached (they are never cached)."""
    return replace(annotation, backgrounds=listing.backgrounds)

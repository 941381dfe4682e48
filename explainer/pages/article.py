"""Article pages: the story with its mentions and quotes marked, the glossary, speaker cards and sidebars."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any, Iterable, Mapping, Sequence

from markupsafe import Markup

from explainer.annotate.backgrounds import as_of
from explainer.config import Settings
from explainer.model import AnnotatedArticle, Annotation, Article, Background, Entity, Listing
from explainer.pages.environment import (
    Planned,
    SiteView,
    digest,
    image_url,
    json_ld,
    render_template,
)
from explainer.pages.figures import Heading, contents
from explainer.pages.markup import body_html

# Explainers listed as related at the end of a story.
RELATED_SHOWN = 4
# A news reader's pace, for "4 min read".
WORDS_PER_MINUTE = 230

KIND_HEADINGS = (
    ("person", "People"),
    ("place", "Places"),
    ("organization", "Organisations"),
    ("group", "Groups"),
    ("event", "Events"),
    ("other", "Other"),
)


def glossary(entities: Sequence[Entity]) -> list[tuple[str, list[Entity]]]:
    """Entities grouped by kind (People, Places, ...), each group alphabetical."""
    groups = []
    for kind, heading in KIND_HEADINGS:
        members = sorted((e for e in entities if e.kind == kind), key=lambda e: e.name.casefold())
        if members:
            groups.append((heading, members))
    return groups


def article_json_ld(item: AnnotatedArticle, settings: Settings, url: str) -> Markup:
    """schema.org NewsArticle with the entities it mentions and the quotations it carries."""
    article, annotation = item.article, item.annotation
    speakers = {s.id: s for s in annotation.speakers}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.date.isoformat(),
        "dateModified": (article.updated or article.date).isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": settings.language,
        "publisher": {"@type": "Organization", "name": settings.title},
    }
    if article.dek:
        data["description"] = article.dek
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.image:
        data["image"] = image_url(article.image.src, settings, absolute=True)
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


def reading_minutes(article: Article) -> int:
    """Minutes a reader takes over the story, at words-per-minute of a news reader; at least one."""
    return max(1, math.ceil(len(article.body.split()) / WORDS_PER_MINUTE))


def related(listings: Sequence[Listing]) -> dict[str, tuple[Listing, ...]]:
    """For each article (by slug): the few others sharing the most entities with it, shown newest first."""
    users: dict[str, list[int]] = defaultdict(list)
    for number, item in enumerate(listings):
        for entity in item.entities:
            users[entity.id].append(number)
    found = {}
    for number, item in enumerate(listings):
        shared: Counter[int] = Counter()
        for entity in item.entities:
            shared.update(users[entity.id])
        del shared[number]
        best = sorted(shared, key=lambda other: (-shared[other], other))[:RELATED_SHOWN]
        found[item.article.slug] = tuple(listings[other] for other in sorted(best))  # listings are newest first
    return found


def article_page(view: SiteView, item: AnnotatedArticle, backgrounds: Mapping[str, Background],
                 others: Sequence[Listing] = ()) -> str:
    """The HTML of one article's page: body with marks, glossary, speaker cards, sidebars, related explainers."""
    headings: list[Heading] = []
    body = Markup(body_html(view.md, item.article, item.annotation,
                            lambda src: image_url(src, view.settings), headings))
    return render_template(
        view.env, "article.html",
        section="home",
        article=item.article,
        annotation=item.annotation,
        body=body,
        contents=contents(headings),
        minutes=reading_minutes(item.article),
        related=others,
        lead_image=item.article.image and image_url(item.article.image.src, view.settings),
        og_image=item.article.image and image_url(item.article.image.src, view.settings, absolute=True),
        glossary=glossary(item.annotation.entities),
        speakers={s.id: s for s in item.annotation.speakers},
        quotes={q.id: q for q in item.annotation.quotes},
        sidebars=[as_of(backgrounds[b], item.article.date) for b in item.annotation.backgrounds],
        json_ld=article_json_ld(item, view.settings, view.env.globals["absolute"](f"{item.article.slug}/")),
    )


def plan(view: SiteView) -> Iterable[Planned]:
    """One page per article, showing its annotation (loaded by the build before rendering)."""
    backgrounds = {b.id: b for b in view.site.backgrounds}
    background_digests = {b.id: digest(b) for b in view.site.backgrounds}
    articles = {a.path: a for a in view.site.articles}

    others = related(view.listings)

    def render(listing: Listing, annotations: Mapping[str, Annotation]) -> str:
        annotation = annotations[listing.key]
        item = AnnotatedArticle(articles[listing.article.path], _with_sidebars(annotation, listing))
        return article_page(view, item, backgrounds, others[listing.article.slug])

    for listing in view.listings:
        yield Planned(
            f"{listing.article.slug}/index.html",
            digest("article", listing.key, [(b, background_digests[b]) for b in listing.backgrounds],
                   view.shows(others[listing.article.slug])),
            lambda annotations, listing=listing: render(listing, annotations),  # type: ignore[misc]
            needs=listing.key,
        )


def _with_sidebars(annotation: Annotation, listing: Listing) -> Annotation:
    """The annotation with the sidebars this build attached (they are never cached)."""
    return replace(annotation, backgrounds=listing.backgrounds)

"""Article pages: the story with its mentions and quotes marked, the glossary, speaker cards and sidebars."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, Iterable, Mapping, Sequence

from markupsafe import Markup

from explainer.annotate.backgrounds import as_of
from explainer.annotate.glossary.names import sort_key
from explainer.config import Settings
from explainer.model import AnnotatedArticle, Annotation, Article, Background, Entity, Listing
from explainer.pages.environment import (
    KIND_HEADINGS,
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
RELATED_BLOCK = 512  # articles compared with all others at a time: a block's counts take 512 x N x 4 bytes
# A news reader's pace, for "4 min read".
WORDS_PER_MINUTE = 230

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
    """For each article (by slug): the few others sharing the most entities with it, shown newest first.

    Ties go to the newer story. Counted for every pair at once, as a product of the article-by-entity
    matrix with itself (numpy, which spaCy brings): a loop over pairs took 4 s at 1,000 articles.
    """
    import numpy

    # Only entities two or more articles name can be shared: the others are left out of the matrix (most
    # entities of a site are named once; the product over all of them took 0.3 s at 1,000 articles).
    named: dict[str, int] = {}
    for item in listings:
        for ident in {e.id for e in item.entities}:
            named[ident] = named.get(ident, 0) + 1
    columns: dict[str, int] = {}
    rows = [[columns.setdefault(e.id, len(columns)) for e in item.entities if named[e.id] > 1] for item in listings]
    count = len(listings)
    names = numpy.zeros((count, max(1, len(columns))), dtype=numpy.float32)
    for row, cols in enumerate(rows):
        names[row, cols] = 1.0
    found: dict[str, tuple[Listing, ...]] = {}
    # Rank by shared count, then by position (listings are newest first): one number per pair.
    order = numpy.arange(count, dtype=numpy.float64)
    for start in range(0, count, RELATED_BLOCK):
        shared = (names[start:start + RELATED_BLOCK] @ names.T).astype(numpy.float64)
        block = numpy.arange(len(shared))
        shared[block, start + block] = 0  # not related to itself
        score = numpy.where(shared > 0, shared * (count + 1) - order, -1.0)
        keep = min(RELATED_SHOWN, count - 1) if count > 1 else 0
        best = numpy.argpartition(-score, keep - 1, axis=1)[:, :keep] if keep else numpy.zeros((len(score), 0), int)
        for offset, picks in enumerate(best):  # scores are distinct: the top few are the same whatever the method
            chosen = sorted(int(i) for i in picks if score[offset, i] > 0)
            found[listings[start + offset].article.slug] = tuple(listings[i] for i in chosen)
    return found


def article_page(view: SiteView, item: AnnotatedArticle, backgrounds: Mapping[str, Background],
                 others: Sequence[Listing] = ()) -> str:
    """The HTML of one article's page: body with marks, glossary, speaker cards, sidebars, related explainers."""
    headings: list[Heading] = []
    here = f"{item.article.slug}/index.html"
    body = Markup(body_html(view.md, item.article, item.annotation,
                            lambda src: image_url(src, view.settings, here=here), headings))
    return render_template(
        view.env, "article.html",
        here=here,
        section="home",
        article=item.article,
        annotation=item.annotation,
        body=body,
        contents=contents(headings),
        minutes=reading_minutes(item.article),
        related=others,
        lead_image=item.article.image and image_url(item.article.image.src, view.settings, here=here),
        og_image=item.article.image and image_url(item.article.image.src, view.settings, absolute=True),
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
    bare = view.bare()
    # Unchanged when every listing is the same object as last time (serve, an edit that names no one new).
    others = view.reuse.get("related", view.listings, (), lambda: related(view.listings))

    def page(listing: Listing) -> Planned:
        article, shown = articles[listing.article.path], others[listing.article.slug]

        def render(annotations: Mapping[str, Annotation]) -> str:
            item = AnnotatedArticle(article, _with_sidebars(annotations[listing.key], listing))
            return article_page(bare, item, backgrounds, shown)

        return Planned(f"{listing.article.slug}/index.html",
                       digest("article", listing.key, [(b, background_digests[b]) for b in listing.backgrounds],
                              view.shows(shown)),
                       render, needs=listing.key)

    for listing in view.listings:
        sidebars = [(b, background_digests[b]) for b in listing.backgrounds]
        yield view.reuse.get(("article", listing.article.slug), (listing, articles[listing.article.path],
                                                                  *others[listing.article.slug]),
                             (sidebars,), lambda listing=listing: page(listing))  # type: ignore[misc]


def _with_sidebars(annotation: Annotation, listing: Listing) -> Annotation:
    """The annotation with the sidebars this build attached (they are never cached)."""
    return replace(annotation, backgrounds=listing.backgrounds)

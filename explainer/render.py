"""Rendering: the Jinja environment, each page's context, and the pages themselves.

Nothing here touches the disk except reading templates; pages come back as
``Page`` values for ``write.py`` to put in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from explainer.annotate.backgrounds import as_of
from explainer.annotate.lexicon import PARTICLES
from explainer.config import Settings
from explainer.errors import BuildError, problem
from explainer.feeds import atom_feed, robots_txt, sitemap_xml
from explainer.markdown import make_parser
from explainer.markup import body_html, mention_id
from explainer.model import AnnotatedArticle, Background, Entity, EntityRef, KBEntity, Listing, Site

KIND_HEADINGS = (
    ("person", "People"),
    ("place", "Places"),
    ("organization", "Organisations"),
    ("group", "Groups"),
    ("event", "Events"),
    ("other", "Other"),
)


@dataclass(frozen=True)
class Page:
    """One output file: its path under ``site/`` and its text."""

    path: str
    text: str


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


_environments: dict[str, jinja2.Environment] = {}


def make_environment(settings: Settings) -> jinja2.Environment:
    """A Jinja environment over ``templates/`` with autoescaping and the site's helpers.

    One per settings, kept, so builds in one process (``explainer serve``) compile
    each template once; Jinja reloads a template whose file changed.
    """
    key = digest(settings)
    if key not in _environments:
        _environments.clear()
        _environments[key] = _new_environment(settings)
    return _environments[key]


def _new_environment(settings: Settings) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(settings.templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["url"] = lambda path="": settings.base_path + path.lstrip("/")
    env.globals["absolute"] = lambda path="": (settings.absolute_base or settings.base_path) + path.lstrip("/")
    env.globals["site"] = settings
    env.filters["longdate"] = _long_date
    env.filters["mention_id"] = mention_id
    env.filters["heading"] = _heading
    return env


def _heading(name: str) -> str:
    """A name as a card heading: "The report", "Fellow physicians"; "de Blasio" keeps its particle."""
    first = name.split(" ", 1)[0]
    return name if not first[:1].islower() or first in PARTICLES else name[:1].upper() + name[1:]


def _long_date(value: dt.date | None) -> str:
    """A date as readers expect it: 30 March 2022."""
    return f"{value.day} {value:%B %Y}" if value else ""


def _json_ld(data: Any) -> Markup:
    """JSON for a <script> element: '<' escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # compact: the C encoder, no indent
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


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
        data["image"] = article.image
    mentions = []
    for entity in annotation.entities:
        thing: dict[str, Any] = {"@type": _schema_type(entity.kind), "name": entity.name}
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
            item_ld["creator"] = {"@type": _schema_type(speaker.kind), "name": speaker.name}
        quotations.append(item_ld)
    if quotations:
        data["hasPart"] = quotations
    return _json_ld(data)


def _schema_type(kind: str) -> str:
    """The schema.org type for an entity kind."""
    return {"person": "Person", "place": "Place", "organization": "Organization",
            "group": "Organization", "event": "Event"}.get(kind, "Thing")


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
        ))
    return pages


def _render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one template, turning template mistakes into located errors."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        shown = _shown_template(env, exc.filename or name)
        raise BuildError([problem(shown, exc.lineno or 1, f"template error: {exc.message}")]) from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError([problem(f"templates/{exc.name}", 1, "template not found")]) from None
    except jinja2.UndefinedError as exc:
        raise BuildError([problem(f"templates/{name}", 1, f"template error: {exc.message}")]) from None


def _shown_template(env: jinja2.Environment, filename: str) -> str:
    """A template's path as the user knows it: relative to the site root when inside it."""
    root = env.globals["site"].root
    try:
        return str(Path(filename).resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return filename


@dataclass(frozen=True)
class Planned:
    """A page of the site: its path, a digest of everything it shows, and how to render it."""

    path: str
    inputs: str  # templates, settings and explainer's code aside: the build digests those once
    render: Callable[[], str]


def digest(*parts: Any) -> str:
    """A hash of values (by their repr): equal for equal inputs, different otherwise."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def article_page(env: jinja2.Environment, md: MarkdownIt, item: AnnotatedArticle,
                 backgrounds: dict[str, Background], settings: Settings) -> str:
    """The HTML of one article's page: body with marks, glossary, speaker cards, sidebars."""
    return _render(
        env, "article.html",
        article=item.article,
        annotation=item.annotation,
        body=Markup(body_html(md, item.article, item.annotation)),
        glossary=glossary(item.annotation.entities),
        speakers={s.id: s for s in item.annotation.speakers},
        quotes={q.id: q for q in item.annotation.quotes},
        sidebars=[as_of(backgrounds[b], item.article.date) for b in item.annotation.backgrounds],
        json_ld=article_json_ld(item, settings, env.globals["absolute"](f"{item.article.slug}/")),
    )


def plan_site(
    site: Site, listings: Sequence[Listing], settings: Settings,
    annotated: Callable[[Listing], AnnotatedArticle], now: dt.datetime | None = None,
) -> list[Planned]:
    """Every page of the site, each rendered only when asked; ``annotated`` gives an article page its annotation.

    Pages other than an article's own see its front matter only, so editing an
    article's text changes the digest of its own page and of no other.
    """
    env = make_environment(settings)
    md = make_parser(settings.allow_html)
    backgrounds = {b.id: b for b in site.backgrounds}
    background_digests = {b.id: digest(b) for b in site.backgrounds}
    shown = {listing.key: digest(listing.article) for listing in listings}  # what listing pages show of each

    def shows(items: Sequence[Listing]) -> list[str]:
        return [shown[item.key] for item in items]

    def render(template: str, **context: Any) -> Callable[[], str]:
        return lambda: _render(env, template, **context)

    plans = [Planned("index.html", digest("index", shows(listings)), render("index.html", articles=listings))]
    for listing in listings:
        plans.append(Planned(
            f"{listing.article.slug}/index.html",
            digest("article", listing.key, [(b, background_digests[b]) for b in listing.backgrounds]),
            lambda listing=listing: article_page(env, md, annotated(listing), backgrounds, settings),  # type: ignore[misc]
        ))
    for entity in entity_pages(site, listings):
        plans.append(Planned(
            f"entities/{entity.id}/index.html",
            digest("entity", dataclasses.replace(entity, articles=()), shows(entity.articles)),
            lambda entity=entity: _render(env, "entity.html", entity=entity,  # type: ignore[misc]
                                          note=Markup(md.render(entity.note))),
        ))
    for background in site.backgrounds:
        users = [item for item in listings if background.id in item.backgrounds]
        plans.append(Planned(
            f"backgrounds/{background.id}/index.html",
            digest("background", background_digests[background.id], shows(users)),
            render("background.html", background=background, articles=users,
                   body=Markup(md.render(background.body))),
        ))
    plans.append(Planned("404.html", digest("404"), render("404.html")))
    paths = [p.path for p in plans if p.path != "404.html"]
    plans.append(Planned("feed.xml", digest("feed", shows(listings), now),
                         lambda: atom_feed(listings, settings, now)))
    plans.append(Planned("sitemap.xml", digest("sitemap", paths), lambda: sitemap_xml(paths, settings)))
    plans.append(Planned("robots.txt", digest("robots"), lambda: robots_txt(settings)))
    return plans


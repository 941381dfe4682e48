"""Rendering: the Jinja environment, each page's context, and the pages themselves.

Nothing here touches the disk except reading templates; pages come back as
``Page`` values for ``write.py`` to put in place.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import jinja2
from markupsafe import Markup

from explainer.annotate.backgrounds import as_of
from explainer.config import Settings
from explainer.errors import BuildError, problem
from explainer.feeds import atom_feed, robots_txt, sitemap_xml
from explainer.markdown import make_parser
from explainer.markup import body_html, mention_id
from explainer.model import AnnotatedArticle, Background, Entity, KBEntity, Site

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
    articles: tuple[AnnotatedArticle, ...]


def make_environment(settings: Settings) -> jinja2.Environment:
    """A Jinja environment over ``templates/`` with autoescaping and the site's helpers."""
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
    return env


def _long_date(value: dt.date | None) -> str:
    """A date as readers expect it: 30 March 2022."""
    return f"{value.day} {value:%B %Y}" if value else ""


def _json_ld(data: Any) -> Markup:
    """JSON for a <script> element: '<' escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
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


def entity_pages(site: Site, annotated: Sequence[AnnotatedArticle]) -> list[EntityPage]:
    """One page per entity named in any article or kept in the knowledge base."""
    kb: dict[str, KBEntity] = {e.id: e for e in site.entities}
    seen: dict[str, Entity] = {}
    users: dict[str, list[AnnotatedArticle]] = {}
    for item in annotated:
        for entity in item.annotation.entities:
            seen.setdefault(entity.id, entity)
            users.setdefault(entity.id, []).append(item)
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


def render_site(
    site: Site, annotated: Sequence[AnnotatedArticle], settings: Settings, now: dt.datetime | None = None,
    reuse: Callable[[AnnotatedArticle], str | None] | None = None,
) -> list[Page]:
    """Every page of the site; ``reuse`` may give an article page's text unrendered (it is unchanged)."""
    env = make_environment(settings)
    md = make_parser(settings.allow_html)
    backgrounds = {b.id: b for b in site.backgrounds}
    pages = [Page("index.html", _render(env, "index.html", articles=annotated))]
    for item in annotated:
        slug = item.article.slug
        text = reuse(item) if reuse else None
        if text is not None:
            pages.append(Page(f"{slug}/index.html", text))
            continue
        sidebars = [as_of(backgrounds[b], item.article.date) for b in item.annotation.backgrounds]
        pages.append(Page(f"{slug}/index.html", _render(
            env, "article.html",
            article=item.article,
            annotation=item.annotation,
            body=Markup(body_html(md, item.article, item.annotation)),
            glossary=glossary(item.annotation.entities),
            speakers={s.id: s for s in item.annotation.speakers},
            quotes={q.id: q for q in item.annotation.quotes},
            sidebars=sidebars,
            json_ld=article_json_ld(item, settings, env.globals["absolute"](f"{slug}/")),
        )))
    for entity in entity_pages(site, annotated):
        pages.append(Page(f"entities/{entity.id}/index.html", _render(
            env, "entity.html", entity=entity, note=Markup(md.render(entity.note)))))
    for background in site.backgrounds:
        users = [a for a in annotated if background.id in a.annotation.backgrounds]
        pages.append(Page(f"backgrounds/{background.id}/index.html", _render(
            env, "background.html", background=background, articles=users,
            body=Markup(md.render(background.body)))))
    pages.append(Page("404.html", _render(env, "404.html")))
    pages.extend(_site_files(annotated, settings, [p.path for p in pages], now))
    return pages


def _site_files(
    annotated: Sequence[AnnotatedArticle], settings: Settings, paths: Iterable[str], now: dt.datetime | None
) -> list[Page]:
    """feed.xml, sitemap.xml and robots.txt."""
    return [
        Page("feed.xml", atom_feed(annotated, settings, now)),
        Page("sitemap.xml", sitemap_xml([p for p in paths if p != "404.html"], settings)),
        Page("robots.txt", robots_txt(settings)),
    ]

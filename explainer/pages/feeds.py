"""Machine-read files of the site: the Atom feed, the sitemap and robots.txt."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence
from xml.etree import ElementTree as ET

from explainer.config import Settings
from explainer.model import Listing
from explainer.pages.environment import Planned, SiteView, digest

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _absolute(settings: Settings, path: str) -> str:
    """A URL under base_url; root-relative when base_url has no host."""
    return (settings.absolute_base or settings.base_path) + path.lstrip("/")


def _timestamp(day: dt.date) -> str:
    """An RFC 3339 timestamp for a day (midnight UTC)."""
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(annotated: Sequence[Listing], settings: Settings, now: dt.datetime | None = None) -> str:
    """An Atom feed of the explainers, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = settings.title
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = settings.description
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _absolute(settings, "")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=_absolute(settings, ""))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=_absolute(settings, "feed.xml"))
    days = [a.article.updated or a.article.date for a in annotated]
    updated = max(days) if days else (now or dt.datetime.now(dt.timezone.utc)).date()
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(updated)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = settings.author or settings.title
    for item in annotated:
        article = item.article
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = _absolute(settings, f"{article.slug}/")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = article.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", href=url)
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _timestamp(article.date)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(article.updated or article.date)
        if article.byline:
            ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = article.byline
        if article.dek:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = article.dek
        for tag in article.tags:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=tag)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def sitemap_xml(paths: Sequence[str], settings: Settings) -> str:
    """A sitemap listing every HTML page by its pretty URL."""
    ET.register_namespace("", SITEMAP)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for path in paths:
        if not path.endswith(".html"):
            continue
        pretty = path.removesuffix("index.html")
        ET.SubElement(ET.SubElement(urlset, f"{{{SITEMAP}}}url"), f"{{{SITEMAP}}}loc").text = _absolute(settings, pretty)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


def robots_txt(settings: Settings) -> str:
    """robots.txt that allows everything and names the sitemap."""
    if not settings.absolute_base:
        return "User-agent: *\nAllow: /\n"
    return f"User-agent: *\nAllow: /\n\nSitemap: {_absolute(settings, 'sitemap.xml')}\n"


def plan_feeds(view: SiteView, pages: Sequence[Planned]) -> Iterable[Planned]:
    """The Atom feed of every explainer, the sitemap of every page (but 404) and robots.txt."""
    listings, settings, now = view.listings, view.settings, view.now
    paths = [p.path for p in pages if p.path != "404.html"]
    yield Planned("feed.xml", digest("feed", view.shows(listings), now),
                  lambda annotations: atom_feed(listings, settings, now))
    if settings.absolute_base:  # a sitemap's <loc> must be absolute: without a host there is none
        yield Planned("sitemap.xml", digest("sitemap", paths), lambda annotations: sitemap_xml(paths, settings))
    yield Planned("robots.txt", digest("robots"), lambda annotations: robots_txt(settings))

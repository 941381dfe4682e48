"""The plain values that flow through a build: content in, annotations out.

Every value is a frozen dataclass. A stage takes values and returns new ones;
nothing here is filled in later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

ENTITY_KINDS = ("person", "place", "organization", "group", "event", "other")


# --- content -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Override:
    """An editor's pin: a mention to an entity, ``[Wang]{entity=wang-yi}``, or a quote to its speaker,
    ``["We will win,"]{speaker=wang-yi}`` (``speaker=none``: no one)."""

    start: int  # offsets into the block's text
    end: int
    entity: str
    line: int  # 1-based line in the source file
    speaker: bool = False  # a quote's speaker, not a mention's entity


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading or list item as the reader sees it (Markdown removed)."""

    index: int
    kind: str  # "paragraph", "heading", "item", "blockquote", "table"
    text: str
    line: int  # 1-based line of the block in its file
    offsets: tuple[int, ...]  # file offset of each character of ``text``
    overrides: tuple[Override, ...] = ()

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to offsets in the source file."""
        if not self.offsets:
            return (0, 0)
        first = self.offsets[min(start, len(self.offsets) - 1)]
        last = self.offsets[max(min(end, len(self.offsets)) - 1, 0)] + 1
        return (first, max(first, last))

    def line_at(self, start: int, source: str) -> int:
        """The 1-based file line of ``text[start]``."""
        offset, _ = self.source_span(start, start + 1)
        return source.count("\n", 0, offset) + 1


@dataclass(frozen=True, slots=True)
class Image:
    """A picture: ``src`` is a URL, or a path beside the article (published under ``media/``)."""

    src: str
    alt: str
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One explainer as loaded from ``content/articles``."""

    path: Path
    source: str  # the whole file's text
    slug: str
    title: str
    date: dt.date
    body: str  # Markdown after the front matter
    body_offset: int  # where ``body`` starts in ``source``
    body_line: int  # 1-based line where ``body`` starts
    dek: str | None = None
    byline: str | None = None
    tags: tuple[str, ...] = ()
    draft: bool = False
    updated: dt.date | None = None
    backgrounds: tuple[str, ...] = ()  # "id" adds, "-id" removes
    backgrounds_line: int = 1
    image: Image | None = None  # the lead image
    extra: Mapping[str, Any] = field(default_factory=dict)
    slug_line: int = 0  # the line of its 'slug:' field; 0 when the slug comes from the file name

    def front_matter(self) -> Article:
        """The article without its text: what listing pages (index, entity, topic, feed) may show."""
        return replace(self, source="", body="")


@dataclass(frozen=True, slots=True)
class DatedRole:
    """A position a person held, from a day to a day (either end may be open)."""

    role: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether the role was held on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class KBEntity:
    """A knowledge-base entry from ``content/entities/<id>.md``."""

    id: str
    name: str
    kind: str
    path: Path
    line: int = 1
    aliases: tuple[str, ...] = ()
    description: str | None = None
    role: str | None = None  # undated: used when no dated role covers a story's day
    wikidata: str | None = None
    url: str | None = None
    note: str = ""
    roles: tuple[DatedRole, ...] = ()
    geonames: int | None = None  # a GeoNames id, for places
    review: tuple[str, ...] = ()  # fields a stub guessed, for an editor to check ("kind", "description")
    review_line: int = 1

    def role_on(self, day: dt.date) -> str | None:
        """The role held on a story's day: the latest-starting dated role covering it, else the undated one."""
        held = [r for r in self.roles if r.covers(day)]
        return max(held, key=lambda r: r.start or dt.date.min).role if held else self.role


@dataclass(frozen=True, slots=True)
class Fact:
    """A labelled value in a background sidebar, true as of a date."""

    label: str
    value: str
    as_of: dt.date | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated event; ``date`` is the earliest day the (possibly partial) date allows."""

    date: dt.date
    label: str  # the date as the editor wrote it, e.g. "1996" or "2021-08-15"
    event: str
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """A reference used by a background topic."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Background:
    """A background topic from ``content/backgrounds/<id>.md``."""

    id: str
    title: str
    path: Path
    summary: str = ""
    facts: tuple[Fact, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    triggers: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    body: str = ""


@dataclass(frozen=True, slots=True)
class Asset:
    """A file beside the articles (an image, a PDF), published as ``media/<name>``."""

    name: str  # its path relative to content/articles, with '/' between folders
    path: Path  # where it is on disk
    stamp: tuple[int, int]  # size and modification time: a change publishes it again


@dataclass(frozen=True, slots=True)
class Site:
    """Everything loaded from ``content/``."""

    articles: tuple[Article, ...]
    entities: tuple[KBEntity, ...]
    backgrounds: tuple[Background, ...]
    assets: tuple[Asset, ...] = ()


# --- annotation --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an entity is named: block-relative and file-relative offsets."""

    block: int
    start: int
    end: int
    text: str
    source_start: int
    source_end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One real thing named in an article, with every mention of it."""

    id: str
    name: str
    kind: str
    mentions: tuple[Mention, ...]
    description: str | None = None
    role: str | None = None  # as given in the text, e.g. "Chinese Foreign Minister"
    known: bool = False  # found in the knowledge base
    wikidata: str | None = None
    url: str | None = None
    geonames: int | None = None  # a GeoNames id: the knowledge base's, or the gazetteer's for a place it lacks


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of one block's text."""

    block: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words (without the marks) and who said them."""

    id: str
    text: str
    segments: tuple[Segment, ...]  # one per block the quote runs through
    start: int  # file offsets of the quoted words
    end: int
    partial: bool = False
    speaker: str | None = None  # a Speaker id


@dataclass(frozen=True, slots=True)
class Speaker:
    """Someone (or some body) quoted in an article."""

    id: str
    name: str
    kind: str  # "person", "group" or "organization"
    quotes: tuple[str, ...]  # Quote ids in order
    role: str | None = None
    entity: str | None = None  # an Entity id


@dataclass(frozen=True, slots=True)
class Annotation:
    """Everything the annotators found in one article; what templates receive."""

    title: str
    entities: tuple[Entity, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    quotes: tuple[Quote, ...] = ()
    backgrounds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """An article beside its annotation."""

    article: Article
    annotation: Annotation


# --- what pages other than an article's own need of it ----------------------------


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity as an article names it, without its mentions: enough for entity pages and sidebars."""

    id: str
    name: str
    kind: str
    description: str | None = None
    said: tuple[tuple[str, str], ...] = ()  # (quote id, quoted words) the article gives this entity, in order
    geonames: int | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """An article as the index, entity, topic and feed pages see it: front matter, no text."""

    article: Article  # ``Article.front_matter()``: source and body left out
    key: str  # the cache key of its annotation
    entities: tuple[EntityRef, ...]
    backgrounds: tuple[str, ...]  # attached sidebars, in order

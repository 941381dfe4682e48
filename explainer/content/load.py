"""Loading ``content/``: articles, knowledge-base entities and background topics. No spaCy here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, TypeVar

from explainer.content import frontmatter as fm
from explainer.content.markdown import article_blocks
from explainer.dates import parse_partial, period_end
from explainer.errors import BuildError, Problem, problem
from explainer.model import (
    ENTITY_KINDS,
    Article,
    Background,
    DatedRole,
    Fact,
    KBEntity,
    Site,
    Source,
    TimelineEntry,
)
from explainer.slugs import slugify

# Every front matter field, with what it does: the README's reference is generated from these.
ARTICLE_FIELDS = {
    "title": "required: the headline",
    "date": "required: the story's date, such as 2022-03-30",
    "dek": "one or two sentences under the headline (and the page's description)",
    "byline": "the writer; quotes the story gives to \"I\" are theirs",
    "slug": "the page's address, such as lavrov-china (default: the file name)",
    "tags": "a list of words, such as [russia, china] (the feed's categories)",
    "draft": "true: left out of the site, except under explainer serve and --drafts",
    "updated": "the day the story was last changed",
    "backgrounds": "sidebars to add, such as [afghanistan]; [-afghanistan] removes one a mention would attach",
    "image": "an http(s) URL of the story's picture (in its NewsArticle JSON-LD)",
}
ENTITY_FIELDS = {
    "name": "required: the name shown",
    "kind": "person, place, organization, group, event or other (default: other)",
    "aliases": "other names that resolve to it, such as [Lavrov, Sergey Lavrov]",
    "description": "one line shown in cards and the glossary",
    "role": "people: the position, for speaker cards, when the text gives none",
    "roles": "positions with dates: a list of {role, from, to}; a story gets the one held on its date",
    "wikidata": "a Wikidata id, such as Q...",
    "url": "an http(s) URL about it",
    "geonames": "a GeoNames id, such as 4509177: the entity page links it",
    "review": "what an editor still has to check, such as [kind, description] (written by entities stub)",
}
BACKGROUND_FIELDS = {
    "title": "required: the topic's name",
    "summary": "one or two sentences at the top of the sidebar",
    "facts": "a list of {label, value, as_of, source}",
    "timeline": "a list of {date, event, source}; date is YYYY, YYYY-MM or YYYY-MM-DD",
    "triggers": "names whose mention in a story attaches this sidebar",
    "sources": "a list of {title, url}",
}
RESERVED_SLUGS = {"static", "entities", "backgrounds", "404.html", "feed.xml", "sitemap.xml", "robots.txt"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

T = TypeVar("T")


def load_site(
    content: Path, root: Path, remembered: dict[Any, Any] | None = None
) -> tuple[Site, tuple[Problem, ...]]:
    """Load every content file; all errors are raised together, warnings returned.

    ``remembered`` (kept by ``explainer serve`` between builds) maps a file's
    path, size and modification time to what it loaded as: a file that has not
    changed since is not read again.
    """
    problems: list[Problem] = []
    seen: dict[Any, Any] = {}

    def again(load: Callable[[Path, Path], T]) -> Callable[[Path, Path], T]:
        if remembered is None:
            return load

        def load_unless_known(path: Path, shown: Path) -> T:
            try:
                stat = path.stat()
                key = (str(path), stat.st_size, stat.st_mtime_ns)
            except OSError:
                return load(path, shown)
            seen[key] = remembered[key] if key in remembered else load(path, shown)
            return seen[key]  # type: ignore[no-any-return]
        return load_unless_known

    articles = _load_all(content / "articles", root, again(load_article), problems)
    entities = _load_all(content / "entities", root, again(load_entity), problems)
    backgrounds = _load_all(content / "backgrounds", root, again(load_background), problems)
    if remembered is not None:
        remembered.clear()
        remembered.update(seen)
    problems.extend(_check_slugs(articles))
    problems.extend(_check_bodies(articles))
    problems.extend(_check_aliases(entities))
    problems.extend(_check_reviews(entities))
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise BuildError(errors)
    site = Site(
        articles=tuple(sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)),
        entities=tuple(entities),
        backgrounds=tuple(backgrounds),
    )
    return site, tuple(problems)


def _load_all(folder: Path, root: Path, load: Callable[[Path, Path], T], problems: list[Problem]) -> list[T]:
    """Load each ``*.md`` file of a folder, collecting errors instead of stopping at the first."""
    loaded: list[T] = []
    if not folder.is_dir():
        return loaded
    shown = _shown(folder, root)
    for path in sorted(folder.glob("*.md")):
        try:
            loaded.append(load(path, shown / path.name))
        except BuildError as exc:
            problems.extend(exc.problems)
    return loaded


def _shown(path: Path, root: Path) -> Path:
    """A path as the user knows it: relative to the site root when inside it."""
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        return path


def load_article(path: Path, shown: Path) -> Article:
    """Read one article: front matter checked; the Markdown is parsed only when annotated (``markdown.article_blocks``)."""
    doc = fm.split(path, shown)
    fm.check_keys(doc, ARTICLE_FIELDS)
    title = fm.text_field(doc, "title", required=True)
    date = fm.date_field(doc, "date", required=True)
    slug = fm.text_field(doc, "slug") or slugify(path.stem)
    if not _SLUG.match(slug) or slug in RESERVED_SLUGS:
        raise doc.fail("slug", f"slug {slug!r} is not allowed: use lower-case words joined by hyphens, "
                       f"not one of {', '.join(sorted(RESERVED_SLUGS))}")
    backgrounds = fm.list_field(doc, "backgrounds")
    for item in backgrounds:
        if not _ID.match(item.removeprefix("-")):
            raise doc.fail("backgrounds", f"background id {item!r} is not an id (such as afghanistan or -afghanistan)")
    return Article(
        path=shown,
        source=doc.source,
        slug=slug,
        title=title or "",
        date=date or dt.date.min,
        body=doc.body,
        body_offset=doc.body_offset,
        body_line=doc.body_line,
        dek=fm.text_field(doc, "dek"),
        byline=fm.text_field(doc, "byline"),
        tags=fm.list_field(doc, "tags"),
        draft=fm.bool_field(doc, "draft"),
        updated=fm.date_field(doc, "updated"),
        backgrounds=backgrounds,
        backgrounds_line=doc.line("backgrounds"),
        image=fm.url_field(doc, "image"),
        extra={k: v for k, v in doc.meta.items() if k not in ARTICLE_FIELDS},
        slug_line=doc.lines.get("slug", 0),
    )


def read_loose_article(path: Path, allow_html: bool = False) -> Article:
    """An Article from any Markdown file (``explainer annotate``): missing title and date are filled, not refused."""
    doc = fm.split(path, path, require_front_matter=False)
    article = Article(
        path=path, source=doc.source, slug=slugify(path.stem), title=fm.text_field(doc, "title") or "",
        date=fm.date_field(doc, "date") or dt.date.today(), byline=fm.text_field(doc, "byline"), body=doc.body,
        body_offset=doc.body_offset, body_line=doc.body_line,
        backgrounds=fm.list_field(doc, "backgrounds"), backgrounds_line=doc.line("backgrounds"),
    )
    if article.title:
        return article
    title = next((b.text for b in article_blocks(article, allow_html) if b.kind == "heading"), path.stem)
    return replace(article, title=title)


def _check_id(doc: fm.Document, path: Path, what: str) -> str:
    """The id a file name gives, checked to be safe as a folder name."""
    if not _ID.match(path.stem):
        raise BuildError([problem(doc.path, 1, f"{what} file name {path.name!r} must be lower-case words "
                                               "joined by hyphens, such as sergei-lavrov.md")])
    return path.stem


def load_entity(path: Path, shown: Path) -> KBEntity:
    """Read one knowledge-base entity."""
    doc = fm.split(path, shown)
    fm.check_keys(doc, ENTITY_FIELDS)
    kind = fm.text_field(doc, "kind", default="other") or "other"
    if kind not in ENTITY_KINDS:
        raise doc.fail("kind", f"kind {kind!r} is not one of {', '.join(ENTITY_KINDS)}")
    return KBEntity(
        id=_check_id(doc, path, "entity"),
        name=fm.text_field(doc, "name", required=True) or "",
        kind=kind,
        path=shown,
        line=1,
        aliases=fm.list_field(doc, "aliases"),
        description=fm.text_field(doc, "description"),
        role=fm.text_field(doc, "role"),
        wikidata=fm.text_field(doc, "wikidata"),
        url=fm.url_field(doc, "url"),
        note=doc.body.strip(),
        roles=_dated_roles(doc),
        geonames=_geonames(doc),
        review=fm.list_field(doc, "review"),
        review_line=doc.line("review"),
    )


def _geonames(doc: fm.Document) -> int | None:
    """A GeoNames id, such as 4509177 (the number in a geonames.org address)."""
    text = fm.text_field(doc, "geonames")
    if text is None:
        return None
    if not text.isdigit():
        raise doc.fail("geonames", f"'geonames' must be a GeoNames id, a number such as 4509177, not {text!r}")
    return int(text)


def _dated_roles(doc: fm.Document) -> tuple[DatedRole, ...]:
    """``roles: [{role: ..., from: 2020-07, to: 2022}]``: each end a year, month or day, or left open."""
    roles = []
    for number, item in enumerate(_items(doc, "roles", ("role",)), start=1):
        ends = []
        for key, last in (("from", False), ("to", True)):
            if item.get(key) in (None, ""):
                ends.append(None)
                continue
            parsed = _partial_date(item[key])
            if parsed is None:
                raise doc.fail("roles", f"entry {number} of 'roles': '{key}' must be a date such as 2020, "
                                        f"2020-07 or 2020-07-15, not {item[key]!r}")
            ends.append(period_end(*parsed) if last else parsed[0])
        if ends[0] and ends[1] and ends[0] > ends[1]:
            raise doc.fail("roles", f"entry {number} of 'roles' ends before it starts")
        roles.append(DatedRole(str(item["role"]).strip(), ends[0], ends[1]))
    return tuple(roles)


def _items(doc: fm.Document, key: str, required: tuple[str, ...]) -> list[dict[str, Any]]:
    """A list of mappings, each having the required keys."""
    value = doc.meta.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise doc.fail(key, f"'{key}' must be a list of entries ('- {required[0]}: ...')")
    for number, item in enumerate(value, start=1):
        missing = [k for k in required if item.get(k) in (None, "")]
        if missing:
            raise doc.fail(key, f"entry {number} of '{key}' lacks {', '.join(missing)}")
        for url_key in ("source", "url"):
            if url_key in item and (reason := fm.url_problem(str(item[url_key]))):
                raise doc.fail(key, f"entry {number} of '{key}': {reason}")
    return value


def _partial_date(value: Any) -> tuple[dt.date, str] | None:
    """A date written as YYYY, YYYY-MM or YYYY-MM-DD: its first day and its label."""
    full = fm.date_value(value)
    if full is not None:
        return full, full.isoformat()
    return parse_partial(str(value))


def load_background(path: Path, shown: Path) -> Background:
    """Read one background topic."""
    doc = fm.split(path, shown)
    fm.check_keys(doc, BACKGROUND_FIELDS)
    facts = tuple(
        Fact(str(f["label"]), str(f["value"]), fm.date_value(f.get("as_of")), f.get("source"))
        for f in _items(doc, "facts", ("label", "value"))
    )
    timeline: list[TimelineEntry] = []
    for number, entry in enumerate(_items(doc, "timeline", ("date", "event")), start=1):
        when = _partial_date(entry["date"])
        if when is None:
            raise doc.fail("timeline", f"entry {number} of 'timeline' has date {entry['date']!r}; "
                                       "write YYYY-MM-DD, YYYY-MM or YYYY")
        timeline.append(TimelineEntry(when[0], when[1], str(entry["event"]), entry.get("source")))
    sources = tuple(Source(str(s["title"]), str(s["url"])) for s in _items(doc, "sources", ("title", "url")))
    return Background(
        id=_check_id(doc, path, "background"),
        title=fm.text_field(doc, "title", required=True) or "",
        path=shown,
        summary=fm.text_field(doc, "summary") or "",
        facts=facts,
        timeline=tuple(sorted(timeline, key=lambda t: t.date)),
        triggers=fm.list_field(doc, "triggers"),
        sources=sources,
        body=doc.body.strip(),
    )


def _check_slugs(articles: list[Article]) -> list[Problem]:
    """Two articles may not share a slug: one would overwrite the other.

    The error points at the file whose ``slug:`` line made the clash (a file
    named for its slug did nothing wrong), at that line.
    """
    first: dict[str, Article] = {}
    found = []
    for article in articles:
        if article.slug not in first:
            first[article.slug] = article
            continue
        other = first[article.slug]
        culprit, innocent = (other, article) if other.slug_line and not article.slug_line else (article, other)
        found.append(problem(culprit.path, culprit.slug_line or 1,
                             f"slug '{article.slug}' is also used by {innocent.path}; "
                             "give one of them another 'slug:'"))
    return found


def _check_reviews(entities: list[KBEntity]) -> list[Problem]:
    """A stub's guesses are for an editor to check: warn until the 'review' line is gone."""
    return [problem(e.path, e.review_line, f"to review: {', '.join(e.review)} (guessed or left empty by "
                                          "'explainer entities stub'); check, then delete the 'review' line",
                    "warning")
            for e in entities if e.review]


def _check_bodies(articles: list[Article]) -> list[Problem]:
    """An article with front matter and nothing after it would publish an empty page: say so."""
    return [problem(a.path, a.source.count("\n", 0, max(a.body_offset - 1, 0)) + 1,
                    "the story is empty: nothing follows the front matter", "warning")
            for a in articles if not a.body.strip()]


def _check_aliases(entities: list[KBEntity]) -> list[Problem]:
    """An alias claimed by two entities is ambiguous: warn, naming both."""
    owner: dict[str, KBEntity] = {}
    found = []
    for entity in entities:
        for alias in (entity.name, *entity.aliases):
            key = alias.casefold()
            other = owner.setdefault(key, entity)
            if other.id != entity.id:
                found.append(problem(entity.path, 1, f"alias '{alias}' of '{entity.id}' is also claimed by "
                                                     f"'{other.id}' ({other.path}); mentions of it will not "
                                                     "resolve by name alone", "warning"))
    return found

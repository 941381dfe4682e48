"""What every page kind shares: the Jinja environment, the values a page is planned from, and rendering.

Nothing here touches the disk except reading templates; pages come back as
``Page`` values for ``write.py`` to put in place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from explainer.annotate.lexicon import PARTICLES
from explainer.config import THEME, Settings
from explainer.content.load import is_local
from explainer.dates import long_date
from explainer.errors import BuildError, problem
from explainer.model import Annotation, Listing, Site
from explainer.content.markdown import make_parser
from explainer.pages.markup import mention_id, safe_html, typographic
from explainer.pages.reuse import Reuse
from explainer.slugs import slugify


@dataclass(frozen=True)
class Page:
    """One output file: its path under ``site/`` and its content (text, or bytes for an image or an index)."""

    path: str
    text: str | bytes


Render = Callable[[Mapping[str, Annotation]], "str | bytes"]


@dataclass(frozen=True)
class Planned:
    """A page of the site: its path, a digest of everything it shows, and how to render it.

    ``needs`` is the cache key of the annotation the page shows, if any: the
    build loads it before rendering starts and hands it to ``render``.
    """

    path: str
    inputs: str  # templates, settings and explainer's code aside: the build digests those once
    render: Render
    needs: str | None = None


@dataclass(frozen=True)
class SiteView:
    """What a page kind plans its pages from: the site, each article as listings see it, the settings."""

    site: Site
    listings: tuple[Listing, ...]
    settings: Settings
    env: jinja2.Environment
    md: MarkdownIt
    shown: Mapping[str, str]  # by annotation key: a digest of what listing pages show of the article
    now: dt.datetime | None = None
    reuse: Reuse = field(default_factory=Reuse)  # what the last plan in this process made (serve)
    cache: dict[str, Any] = field(default_factory=dict)  # what several page kinds compute alike, made once

    def bare(self) -> "SiteView":
        """This view without the site and its listings: what a page's renderer keeps (it may outlive the plan)."""
        return dataclasses.replace(self, site=Site((), (), ()), listings=(), shown={}, cache={})

    def markdown(self, text: str) -> Markup:
        """Markdown of a note or a topic's body as HTML, sanitised like an article's."""
        if not text:
            return Markup("")  # most entities have no note
        return Markup(safe_html(self.md, self.md.render(text)))

    def shows(self, items: Sequence[Listing]) -> list[str]:
        """What listing pages show of each article (its front matter), as digests."""
        return [self.shown[item.key] for item in items]

    def template(self, name: str, here: str, **context: Any) -> Render:
        """The page at ``here`` rendered from one template with ``context``, when asked."""
        env = self.env  # not the whole view: a page kept for a later build (``reuse``) keeps only what it renders
        return lambda annotations: render_template(env, name, here=here, **context)


def digest(*parts: Any) -> str:
    """A hash of values (by their repr): equal for equal inputs, different otherwise."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def make_environment(settings: Settings) -> jinja2.Environment:
    """A Jinja environment over ``templates/`` with autoescaping and the site's helpers."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in settings.template_folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["url"] = jinja2.pass_context(lambda context, path="": link(settings, context.get("here"), path))
    env.globals["absolute"] = lambda path="": (settings.absolute_base or settings.base_path) + path.lstrip("/")
    env.globals["site"] = settings
    env.filters["longdate"] = long_date
    env.filters["mention_id"] = mention_id
    env.filters["heading"] = heading
    env.filters["kind_name"] = kind_name
    env.filters["typographic"] = functools.partial(typographic, make_parser(settings.allow_html, typographer=True))
    env.filters["tag_slug"] = lambda name: slugify(name, "tag")
    env.globals["image_url"] = jinja2.pass_context(
        lambda context, src, absolute=False: image_url(src, settings, absolute, context.get("here")))
    return env


def link(settings: Settings, here: str | None, path: str) -> str:
    """The URL of ``path`` (under site/) from the page at ``here``.

    Relative ("../static/style.css") when ``base_url`` names no host, so the site
    works from any folder and from disk (file://); under the base path otherwise.
    The 404 page is served at any depth, so its links always start with the base path.
    """
    path = path.lstrip("/")
    if settings.absolute_base is not None or here is None or here == "404.html":
        return settings.base_path + path
    return "../" * here.count("/") + path or "./"


def image_url(src: str, settings: Settings, absolute: bool = False, here: str | None = None) -> str:
    """Where a picture is published, from the page at ``here``: a file beside the articles is under ``media/``
    (linked as ``link`` links); a URL stays as it is."""
    if not is_local(src):
        return src
    path = "media/" + src.removeprefix("./")
    return (settings.absolute_base or settings.base_path) + path if absolute else link(settings, here, path)


def heading(name: str) -> str:
    """A name as a card heading: "The report", "Fellow physicians"; "de Blasio" keeps its particle."""
    first = name.split(" ", 1)[0]
    return name if not first[:1].islower() or first in PARTICLES else name[:1].upper() + name[1:]


# Every kind, in the order the glossary and the A-Z show them: its key, one, and the heading of many. The site
# writes British English; the keys keep the model's spelling.
KINDS = (
    ("person", "Person", "People"),
    ("place", "Place", "Places"),
    ("organization", "Organisation", "Organisations"),
    ("group", "Group", "Groups"),
    ("event", "Event", "Events"),
    ("other", "Other", "Other"),
)
KIND_NAMES = {kind: one for kind, one, _ in KINDS}
KIND_HEADINGS = tuple((kind, many) for kind, _, many in KINDS)


def kind_name(kind: str) -> str:
    """An entity's kind as a reader sees it on a card, a page and a search filter ("Organisation")."""
    return KIND_NAMES.get(kind, kind.capitalize())


def json_ld(data: Any) -> Markup:
    """JSON for a <script> element: '<' escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # compact: the C encoder, no indent
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one template, turning template mistakes into located errors."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        shown = _shown_template(env, exc.filename or name)
        raise BuildError([problem(shown, exc.lineno or 1, f"template error: {exc.message}")]) from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError([problem(f"templates/{exc.name}", 1, "template not found (neither the site's "
                                  "templates/ nor the built-in theme has it)")]) from None
    except jinja2.UndefinedError as exc:
        raise BuildError([problem(f"templates/{name}", 1, f"template error: {exc.message}")]) from None


def _shown_template(env: jinja2.Environment, filename: str) -> str:
    """A template's path as the user knows it: relative to the site root when inside it."""
    root = env.globals["site"].root
    for base, shown in ((Path(root), ""), (THEME, "theme: ")):
        try:
            return shown + str(Path(filename).resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return filename

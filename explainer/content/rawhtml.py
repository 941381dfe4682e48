"""What content may put on a page: links by scheme, and raw HTML under ``allow_html`` (sanitised by nh3).

One list of what gets through, read by both the renderer (``sanitize``) and the
warnings a build prints (``html_problems``, ``link_problems``), so what a warning
says is removed is what the page lacks. README.md's "Raw HTML" lists the same.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Iterator
from urllib.parse import urlsplit

import nh3

# Links and images may use these schemes (and relative URLs); anything else (javascript:, data:,
# vbscript:) is dropped, its text kept.
SAFE_SCHEMES = ("http", "https", "mailto", "")

# Elements raw HTML may add under allow_html = true: text-level and structural markup of HTML5.
# No script, style, iframe, object, embed, form, svg, math, and no obsolete elements (center, tt...).
ALLOWED_TAGS = frozenset({
    "a", "abbr", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt",
    "ruby", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Attributes any allowed element may have (and data-*); no style, no on* handler.
GENERIC_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title", "aria-label"})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "time": {"datetime"}, "data": {"value"}, "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "headers"}, "th": {"colspan", "rowspan", "headers", "scope"},
    "col": {"span"}, "colgroup": {"span"}, "details": {"open"},
}
URL_ATTRIBUTES = ("href", "src", "cite")


def url_problem(url: str) -> str | None:
    """Why a URL may not appear on a page (``javascript:``, ``data:``), or None if it may."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    scheme = urlsplit(cleaned).scheme
    if scheme not in SAFE_SCHEMES:
        return f"URL scheme '{scheme}:' is not allowed; use an http(s) link"
    return None


def sanitize(html: str) -> str:
    """``html`` with every element and attribute outside the lists above removed (text kept)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"*": set(GENERIC_ATTRIBUTES), **{k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()}},
        generic_attribute_prefixes={"data-"},
        url_schemes={s for s in SAFE_SCHEMES if s},
        link_rel=None,
        strip_comments=True,
    )


class _Tags(HTMLParser):
    """The start tags of an HTML fragment, with their attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def removed_parts(fragment: str) -> Iterator[str]:
    """What ``sanitize`` takes out of a fragment of raw HTML, as words for a warning (``<script>``, ``onclick=``)."""
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    for tag, attrs in parser.found:
        if tag not in ALLOWED_TAGS:
            yield f"<{tag}>"
            continue
        allowed = GENERIC_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed and not name.startswith("data-"):
                yield f"the {name}= attribute of <{tag}>"
            elif name in URL_ATTRIBUTES and value is not None and url_problem(value):
                yield f"the {name}= URL of <{tag}> ({url_problem(value)})"

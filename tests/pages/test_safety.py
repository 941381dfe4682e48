"""Nothing unsafe reaches a page: content is text, links are http(s), and annotation never changes the words.

Pages are parsed with html5lib (as a browser would), never searched as strings: what
counts is which elements and attributes exist, not which characters appear.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from explainer.build import build
from explainer.cli import main
from explainer.config import load_settings
from explainer.content.markdown import article_blocks, make_parser
from explainer.pages.markup import body_html
from explainer.model import Annotation, Article, Entity, Mention, Quote, Segment, Speaker
from tests.conftest import REPO, write
from tests.quality_support import SEED_SLUG, seed_output

# Each payload carries a marker naming the field it was put in, so a test can tell the
# field was rendered (as text) and not just dropped.
PAYLOADS = (
    "<script>alert('{f}')</script>",
    "\"><img src=x onerror=alert('{f}')>",
    "'><svg onload=alert('{f}')>",
    "</script><script>alert('{f}')</script><!--",
    "javascript:alert('{f}')",
)


def hostile(field: str) -> str:
    """Every payload, marked with the field it stands in."""
    return " ".join(p.format(f=field) for p in PAYLOADS)


def yaml_str(text: str) -> str:
    """A double-quoted YAML scalar."""
    return json.dumps(text)


# --- parsing helpers ---------------------------------------------------------


def parse(path: Path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def text_of(element) -> str:
    """textContent: every text node under ``element``, in order."""
    return "".join(element.itertext())


DANGEROUS_TAGS = {"img", "svg", "iframe", "object", "embed", "math", "style", "base", "form", "frame"}


def unsafe_parts(tree, page: str) -> list[str]:
    """Elements and attributes that content could have smuggled in."""
    found = []
    # The theme's own: the lead image and its thumbnail (src from front matter, checked below), the search form.
    theme = {id(img) for fig in tree.iter("figure") if "lead-image" in (fig.get("class") or "") for img in fig}
    theme |= {id(el) for el in tree.iter("img") if el.get("class") == "thumb"}
    theme |= {id(el) for el in tree.iter("form") if el.get("class") == "search-form" and page == "search/index.html"}
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in DANGEROUS_TAGS and id(el) not in theme:
            found.append(f"{page}: <{el.tag}> element")
        if el.tag == "script":
            ok_json = el.get("type") == "application/ld+json" and not el.get("src")
            ok_src = (el.get("src") or "").endswith(("/static/explainer.js", "/static/search.js")) \
                and not (el.text or "").strip()
            if not (ok_json or ok_src):
                found.append(f"{page}: <script> {el.attrib} {el.text!r}")
        for name, value in el.attrib.items():
            if name.lower().startswith("on") or name.lower() in ("srcdoc", "formaction", "style"):
                found.append(f"{page}: attribute {name}={value!r} on <{el.tag}>")
            if name in ("href", "src", "action"):
                scheme = urlsplit(re.sub(r"[\x00-\x20]", "", value).lower()).scheme
                if scheme not in ("", "http", "https", "mailto"):
                    found.append(f"{page}: {name}={value!r} on <{el.tag}>")
    return found


# --- a site whose every field is hostile ---------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "site-root"
    shutil.copytree(REPO / "explainer" / "theme", root / "templates")
    (root / "explainer.toml").write_text(f"title = {yaml_str(hostile('site-title'))}\n"
                                         f"description = {yaml_str(hostile('site-description'))}\n")
    write(root / "content/articles/evil.md", f"""
        ---
        title: {yaml_str(hostile('title'))}
        date: 2022-03-30
        dek: {yaml_str(hostile('dek'))}
        byline: {yaml_str(hostile('byline'))}
        tags: [{yaml_str(hostile('tag'))}]
        image:
          src: {yaml_str("https://example.org/x.png?" + hostile('image'))}
          alt: {yaml_str(hostile('alt'))}
          caption: {yaml_str(hostile('caption'))}
          credit: {yaml_str(hostile('credit'))}
        backgrounds: [afghanistan]
        colour: {yaml_str(hostile('extra'))}
        ---
        [Sergei Lavrov]{{entity=evil-person}} landed in [Kabul]{{entity=evil-place}} on Wednesday.

        "We will move towards {hostile('quote')}," [Lavrov]{{entity=evil-person}} said.

        Raw HTML in the body: {hostile('body')}

        ## {hostile('heading')}

        Links: [one](javascript:alert('link')) [two](data:text/html;base64,PHNjcmlwdD4=)
        [three](JAVASCRIPT:alert('upper')) [four]( javascript:alert('space')) <javascript:alert('auto')>
        [five](vbscript:msgbox('vb')) [six](&#106;avascript:alert('entity'))
        """)
    write(root / "content/entities/evil-person.md", f"""
        ---
        name: {yaml_str('Lavrov ' + hostile('name'))}
        kind: person
        aliases: [{yaml_str(hostile('alias'))}]
        description: {yaml_str(hostile('description'))}
        role: {yaml_str(hostile('role'))}
        wikidata: {yaml_str(hostile('wikidata'))}
        url: {yaml_str("https://example.org/?q=" + hostile('url'))}
        ---
        A note: {hostile('note')}
        """)
    write(root / "content/entities/evil-place.md", f"""
        ---
        name: {yaml_str('Kabul ' + hostile('place'))}
        kind: place
        ---
        """)
    write(root / "content/backgrounds/afghanistan.md", f"""
        ---
        title: {yaml_str(hostile('bg-title'))}
        summary: {yaml_str(hostile('summary'))}
        triggers: [evil-place]
        facts:
          - label: {yaml_str(hostile('fact-label'))}
            value: {yaml_str(hostile('fact-value'))}
            as_of: 2022-01-01
            source: {yaml_str("https://example.org/?" + hostile('fact-source'))}
        timeline:
          - date: 2021-08
            event: {yaml_str(hostile('event'))}
            source: {yaml_str("https://example.org/?" + hostile('event-source'))}
        sources:
          - title: {yaml_str(hostile('source-title'))}
            url: {yaml_str("https://example.org/?" + hostile('source-url'))}
        ---
        Topic body: {hostile('bg-body')}
        """)
    build(load_settings(root))
    return root / "site"


def test_no_element_or_attribute_from_content_reaches_a_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 6
    problems = []
    for page in pages:
        problems += unsafe_parts(parse(page), str(page.relative_to(hostile_site)))
    assert problems == []


STRAIGHT = str.maketrans("‘’“”", "''\"\"")

# Fields shown to readers, and the page they show on (as text, escaped).
SHOWN = {
    f"{SEED_SLUG}": (),
    "evil": ("title", "dek", "byline", "quote", "body", "heading", "name", "description", "place",
             "site-title", "fact-label", "fact-value", "event", "bg-title", "summary"),
    "entities/evil-person": ("name", "description", "note"),
    "backgrounds/afghanistan": ("bg-title", "summary", "fact-label", "fact-value", "event", "source-title",
                                "bg-body"),
}


@pytest.mark.parametrize("page", [p for p in SHOWN if SHOWN[p]])
def test_hostile_text_is_shown_as_text(hostile_site, page):
    # Quote marks in Markdown are shown curly (the typographer); the rest is the text as written.
    text = text_of(parse(hostile_site / page / "index.html")).translate(STRAIGHT)
    for field in SHOWN[page]:
        for payload in PAYLOADS:
            assert payload.format(f=field) in text, f"{field} is not shown as the text written"


def test_hostile_urls_stay_inside_their_attribute(hostile_site):
    """A URL with quotes and brackets in it is one href, whole, and its text does not leak out."""
    entity = parse(hostile_site / "entities/evil-person/index.html")
    hrefs = [a.get("href") for a in entity.iter("a")]
    assert "https://example.org/?q=" + hostile("url") in hrefs
    topic = parse(hostile_site / "backgrounds/afghanistan/index.html")
    hrefs = [a.get("href") for a in topic.iter("a")]
    for field in ("event-source", "source-url"):  # a fact's source is kept but not shown
        assert "https://example.org/?" + hostile(field) in hrefs, field


def test_json_ld_cannot_close_its_script(hostile_site):
    tree = parse(hostile_site / "evil/index.html")
    scripts = [s for s in tree.iter("script") if s.get("type") == "application/ld+json"]
    assert len(scripts) == 1, "a payload opened or closed a script element"
    data = json.loads(scripts[0].text)
    assert data["headline"] == hostile("title")
    assert data["description"] == hostile("dek")
    assert data["author"]["name"] == hostile("byline")
    assert any(m["name"] == "Lavrov " + hostile("name") for m in data["mentions"])
    quoted = " ".join(q["text"] for q in data["hasPart"])  # the payload's own '"' splits the quote
    assert "<script>alert('quote')</script>" in quoted and "</script><script>alert('quote')</script>" in quoted


def test_markdown_links_with_unsafe_schemes_are_not_links(hostile_site):
    tree = parse(hostile_site / "evil/index.html")
    body = next(d for d in tree.iter("div") if d.get("class") == "body")
    hrefs = [a.get("href") for a in body.iter("a") if a.get("href")]
    assert not [h for h in hrefs if "alert" in h or h.lower().startswith(("data:", "vbscript:"))], hrefs
    text = text_of(body)
    # The link is dropped, its text kept (and a warning names its line: see test_markup_warnings).
    assert "Links: one two three four javascript:alert(‘auto’) five six" in " ".join(text.split())
    assert "](" not in text


def test_feed_is_well_formed_with_hostile_text(hostile_site):
    feed = ET.fromstring((hostile_site / "feed.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    entry = feed.find(f"{atom}entry")
    assert entry.find(f"{atom}title").text == hostile("title")
    assert entry.find(f"{atom}category").get("term") == hostile("tag")
    assert feed.find(f"{atom}title").text == hostile("site-title")


@pytest.mark.parametrize("where, field", [
    ("entity", "url"), ("article", "image"), ("background", "source"), ("background", "url"),
])
@pytest.mark.parametrize("scheme", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", " JavaScript:x"])
def test_unsafe_urls_in_content_are_refused(site_root, capsys, where, field, scheme):
    build(load_settings(site_root))
    value = yaml_str(scheme)
    if where == "entity":
        path = write(site_root / "content/entities/bad.md", f"---\nname: Bad\n{field}: {value}\n---\n")
    elif where == "article":
        item = f"\n  src: {value}\n  alt: A picture" if field == "image" else f" {value}"
        path = write(site_root / "content/articles/bad.md", f"---\ntitle: T\ndate: 2022-01-01\n{field}:{item}\n---\n")
    elif field == "source":
        path = write(site_root / "content/backgrounds/bad.md",
                     f"---\ntitle: T\nfacts:\n  - label: L\n    value: V\n    source: {value}\n---\n")
    else:
        path = write(site_root / "content/backgrounds/bad.md",
                     f"---\ntitle: T\nsources:\n  - title: S\n    url: {value}\n---\n")
    before = {p: p.read_bytes() for p in (site_root / "site").rglob("*") if p.is_file()}
    assert main(["build", "--site", str(site_root)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"content/{path.parent.name}/bad.md:") and "\n" not in err
    assert "is not allowed; use an http(s) link" in err
    assert {p: p.read_bytes() for p in (site_root / "site").rglob("*") if p.is_file()} == before


# --- annotation never changes the words ----------------------------------------


def article_of(body: str) -> Article:
    """An Article for a Markdown body with no front matter."""
    return Article(path=Path("x.md"), source=body, slug="x", title="x", date=dt.date(2022, 1, 1),
                   body=body, body_offset=0, body_line=1)


@st.composite
def annotations(draw, article: Article) -> Annotation:
    """Mentions and quotes at arbitrary offsets of the article's blocks (no model needed)."""
    spans = st.sampled_from([b for b in article_blocks(article) if b.text]).flatmap(
        lambda b: st.tuples(st.just(b.index), st.integers(0, len(b.text) - 1), st.integers(1, len(b.text))))
    if not any(b.text for b in article_blocks(article)):
        return Annotation(title="x")
    entities = []
    for number in range(draw(st.integers(0, 4))):
        mentions = []
        for block, a, b in draw(st.lists(spans, max_size=5)):
            start, end = min(a, b), max(a, b)
            end = max(end, start + 1)
            text = article_blocks(article)[block].text[start:end]
            mentions.append(Mention(block, start, end, text, 0, 0))
        mentions.sort(key=lambda m: (m.block, m.start))
        if mentions:
            entities.append(Entity(id=f"e{number}", name=f"<Entity {number}>", kind="person",
                                   mentions=tuple(mentions)))
    quotes, speakers = [], []
    for number in range(draw(st.integers(0, 3))):
        segments = []
        for block, a, b in sorted(draw(st.lists(spans, min_size=1, max_size=3))):
            segments.append(Segment(block, min(a, b), max(max(a, b), min(a, b) + 1)))
        ident = f"q{number}"
        speaker = draw(st.sampled_from([None, "s0"]))
        quotes.append(Quote(id=ident, text="...", segments=tuple(segments), start=0, end=0, speaker=speaker))
    if any(q.speaker for q in quotes):
        speakers.append(Speaker(id="s0", name="A \"speaker\"", kind="person",
                                quotes=tuple(q.id for q in quotes if q.speaker)))
    return Annotation(title="x", entities=tuple(entities), speakers=tuple(speakers), quotes=tuple(quotes))


ADDED = {("a", "mention"), ("span", "mention-ref"), ("span", "quote"), ("a", "said-by")}


def without_annotation(fragment: str) -> str:
    """The fragment with every element annotation adds unwrapped, serialised again."""
    tree = html5lib.parseFragment(fragment, namespaceHTMLElements=False)

    def unwrap(parent) -> None:
        children = list(parent)
        for child in children:
            unwrap(child)
        for child in list(parent):
            if (child.tag, child.get("class")) not in ADDED:
                continue
            index = list(parent).index(child)
            previous = parent[index - 1] if index else None
            # Move the child's text and children into its place, as textContent would.
            pieces_text = (child.text or "")
            if previous is None:
                parent.text = (parent.text or "") + pieces_text
            else:
                previous.tail = (previous.tail or "") + pieces_text
            for offset, grandchild in enumerate(list(child)):
                parent.insert(index + offset, grandchild)
            tail_holder = parent[index + len(child) - 1] if len(child) else previous
            if tail_holder is None:
                parent.text = (parent.text or "") + (child.tail or "")
            else:
                tail_holder.tail = (tail_holder.tail or "") + (child.tail or "")
            parent.remove(child)

    unwrap(tree)
    for el in tree.iter():
        el.attrib.pop("entity", None)  # an editor's pin: the plain render keeps it, the site drops it
        if el.tag in ("h2", "h3") and (el.get("id") or "").startswith("h-"):
            del el.attrib["id"]  # the heading's anchor, for the table of contents
    return html5lib.serialize(tree, tree="etree", quote_attr_values="always", omit_optional_tags=False)


def assert_same_words(body: str, annotated: str) -> None:
    plain = make_parser().render(body)
    plain_text = text_of(html5lib.parseFragment(plain, namespaceHTMLElements=False))
    annotated_tree = html5lib.parseFragment(annotated, namespaceHTMLElements=False)
    assert text_of(annotated_tree) == plain_text
    assert without_annotation(annotated) == without_annotation(plain)


PIECES = st.sampled_from([
    "Lavrov", "Wang Yi", " ", " ", "\n", "\n\n", "*", "**", "_", "`", "[", "]", "(", ")", "{", "}", "#", "## ",
    "- ", "> ", "1. ", "\"", "'", "“", "”", "&", "&amp;", "<", ">", "<b>", "\\", "|", "---", "[Wang]{entity=wang-yi}",
    "[a link](https://example.org)", "<https://example.org>", "said", ".", ",", "é", "\t",
])
# Any characters a text editor would save (control characters and noncharacters are a parse
# error in HTML itself, whoever writes them), as free text and as Markdown-heavy pieces.
CHARACTERS = st.one_of(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), st.sampled_from("\n\t"))
MARKDOWN = st.one_of(st.text(CHARACTERS, max_size=200), st.lists(PIECES, max_size=60).map("".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=MARKDOWN, data=st.data())
def test_any_markdown_renders_and_annotation_keeps_the_words(body, data):
    article = article_of(body)
    annotation = data.draw(annotations(article))
    html = body_html(make_parser(), article, annotation)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parseFragment(html)  # raises on any parse error
    assert_same_words(body, html)


SEED = (REPO / "content/articles" / f"{SEED_SLUG}.md").read_text(encoding="utf-8").split("---\n", 2)[2]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_seed_with_arbitrary_marks_keeps_its_words(data):
    article = article_of(SEED)
    html = body_html(make_parser(), article, data.draw(annotations(article)))
    assert_same_words(SEED, html)


def test_built_seed_article_keeps_its_words(tmp_path_factory):
    """The real annotation, as built: the story's words are those of a plain Markdown render."""
    tree = parse(seed_output(tmp_path_factory) / SEED_SLUG / "index.html")
    body = next(d for d in tree.iter("div") if d.get("class") == "body")
    assert sum(1 for a in body.iter("a") if a.get("class") == "mention") >= 10
    # Pages are rendered with curly quote marks (one character for one, so marks stay in place).
    plain = html5lib.parseFragment(make_parser(typographer=True).render(SEED), namespaceHTMLElements=False)
    built, expected = list(body), list(plain)
    assert [el.tag for el in built] == [el.tag for el in expected]
    for ours, theirs in zip(built, expected):
        assert text_of(ours) == text_of(theirs)
        assert without_annotation(serialized(ours)) == without_annotation(serialized(theirs))


def serialized(element) -> str:
    """One element as HTML, without the text that follows it."""
    element.tail = None
    return html5lib.serialize(element, tree="etree", quote_attr_values="always", omit_optional_tags=False)

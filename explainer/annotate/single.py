"""``explainer annotate FILE``: the annotation of one Markdown file, front matter optional."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from explainer import frontmatter as fm
from explainer.annotate.nlp import load_model
from explainer.annotate.pipeline import annotate_article, prepare, with_backgrounds
from explainer.annotate.serialize import annotation_to_json
from explainer.config import Settings
from explainer.content import load_site, slugify
from explainer.errors import Problem
from explainer.model import Article


def read_loose_article(path: Path, allow_html: bool = False) -> Article:
    """An Article from any Markdown file: missing title and date are filled, not refused."""
    doc = fm.split(path, path, require_front_matter=False)
    article = Article(
        path=path, source=doc.source, slug=slugify(path.stem), title=fm.text_field(doc, "title") or "",
        date=fm.date_field(doc, "date") or dt.date.today(), byline=fm.text_field(doc, "byline"), body=doc.body,
        body_offset=doc.body_offset, body_line=doc.body_line,
        backgrounds=fm.list_field(doc, "backgrounds"), backgrounds_line=doc.line("backgrounds"),
        allow_html=allow_html,
    )
    if article.title:
        return article
    title = next((b.text for b in article.blocks if b.kind == "heading"), path.stem)
    return dataclasses.replace(article, title=title)


def annotate_file(path: Path, settings: Settings) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """The JSON annotation of one file, using the site's knowledge base and backgrounds if any."""
    article = read_loose_article(path, settings.allow_html)
    if settings.content.is_dir():
        site, _ = load_site(settings.content, settings.root, settings.allow_html)
        kb, backgrounds = site.entities, site.backgrounds
    else:
        kb, backgrounds = (), ()
    nlp = prepare(load_model(settings.spacy_model), kb)
    annotation, problems = annotate_article(article, kb, nlp)
    item, attach_problems = with_backgrounds(article, annotation, backgrounds)
    return annotation_to_json(item.annotation), (*problems, *attach_problems)

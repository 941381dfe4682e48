"""Files an editor starts from: ``explainer new`` writes an article, ``explainer entities stub`` knowledge-base stubs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from explainer.annotate.service import Annotator
from explainer.config import Settings
from explainer.content.load import load_site
from explainer.errors import BuildError, problem
from explainer.slugs import slugify


def new_article(settings: Settings, title: str, today: dt.date) -> Path:
    """Write ``content/articles/<slug>.md`` with today's date; never overwrite."""
    slug = slugify(title)
    path = settings.content / "articles" / f"{slug}.md"
    if path.exists():
        raise BuildError([problem(path, 1, "an article with this slug exists already; choose another title")])
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump({"title": title, "date": today, "dek": "", "draft": True},
                           allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\n\nWrite the story here.\n", encoding="utf-8")
    return path


def stub_entities(settings: Settings) -> list[Path]:
    """Knowledge-base stubs for every entity the articles name that the knowledge base lacks."""
    site, _ = load_site(settings.content, settings.root)
    annotator = Annotator(settings.spacy_model, site.entities, settings.allow_html)
    folder = settings.content / "entities"
    written: list[Path] = []
    for article in site.articles:
        annotation, _ = annotator.annotate(article)
        for entity in annotation.entities:
            path = folder / f"{entity.id}.md"
            if entity.known or path.exists():
                continue
            folder.mkdir(parents=True, exist_ok=True)
            front = {"name": entity.name, "kind": entity.kind, "aliases": [],
                     "description": entity.description or "", "wikidata": "", "url": ""}
            if entity.role:
                front["role"] = entity.role
            text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
            path.write_text(f"---\n{text}---\n\nFirst named in {article.path}.\n", encoding="utf-8")
            written.append(path)
    return written

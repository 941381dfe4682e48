"""Files an editor starts from: a new article, knowledge-base stubs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from explainer.config import Settings
from explainer.content import load_site, slugify
from explainer.errors import BuildError, problem


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
    from explainer.annotate.pipeline import annotate_article, prepare
    from explainer.annotate.nlp import load_model

    site, _ = load_site(settings.content, settings.root, settings.allow_html)
    nlp = prepare(load_model(settings.spacy_model), site.entities)
    folder = settings.content / "entities"
    written: list[Path] = []
    for article in site.articles:
        annotation, _ = annotate_article(article, site.entities, nlp)
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

"""Files an editor starts from: ``explainer new`` writes an article, ``explainer entities stub`` knowledge-base stubs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from explainer.annotate.glossary.kinds import rule_kind
from explainer.annotate.service import Annotator
from explainer.config import Settings
from explainer.content.load import load_site
from explainer.errors import BuildError, problem
from explainer.model import Entity
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
    """Knowledge-base drafts for every entity the articles name that the knowledge base lacks."""
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
            line = article.source.count("\n", 0, entity.mentions[0].source_start) + 1
            path.write_text(stub_text(entity, f"{article.path}, line {line}"), encoding="utf-8")
            written.append(path)
    return written


def stub_text(entity: Entity, first_named: str) -> str:
    """A draft entry: what the annotation knows, the guesses marked for review, where it came from in a YAML
    comment (nothing here reaches a page unless an editor writes it)."""
    sure = "place" if entity.geonames else rule_kind(entity.name)
    # Other names the story used, so the entry finds them again ("COLUMBUS" for "Columbus, Ohio"); a person's
    # surname is found without one.
    aliases = [] if entity.kind == "person" else list(dict.fromkeys(
        m.text.title() if m.text.isupper() and len(m.text) > 3 else m.text for m in entity.mentions))
    front: dict[str, object] = {"name": entity.name, "kind": sure or entity.kind,
                                "aliases": [a for a in aliases if a != entity.name]}
    front["description"] = entity.description or ""
    if entity.role and entity.kind == "person":
        front["role"] = entity.role
    if entity.geonames:
        front["geonames"] = entity.geonames
    front["wikidata"] = ""
    front["url"] = ""
    review = ([] if sure else ["kind"]) + ([] if entity.geonames else ["description"])
    if review:
        front["review"] = review
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=None)
    note = "# 'review' lists what it guessed or left empty: check it, then delete that line.\n" if review else ""
    return f"---\n# Draft by 'explainer entities stub', first named in {first_named}.\n{note}{text}---\n"

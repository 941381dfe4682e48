"""Files an editor starts from: ``explainer init`` a site, ``explainer new`` an article, ``entities stub`` stubs."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

import yaml

from explainer.annotate.glossary.kinds import rule_kind
from explainer.annotate.service import Annotator
from explainer.config import CONFIG_FILE, SETTINGS, Settings
from explainer.content.load import load_site
from explainer.errors import BuildError, problem
from explainer.model import Entity
from explainer.slugs import slugify


# The files of a new site, shipped inside the package (the theme is not copied: it comes with explainer).
STARTER = Path(__file__).resolve().parent / "starter"
STARTER_FILES = {
    ".gitignore": "gitignore",
    "requirements.txt": "requirements.txt",
    ".github/workflows/pages.yml": "pages.yml",
    "content/articles/town-library-roof.md": "example.md",
    "content/entities/maria-lopez.md": "entity.md",
    "content/entities/millbrook-public-library.md": "library.md",
}


class NotEmpty(Exception):
    """``explainer init`` was pointed at a folder that already has files."""


def toml_value(value: Any) -> str:
    """A default as TOML writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string is JSON's, for these


def settings_file() -> str:
    """``explainer.toml`` with every setting, its default commented out, each under the line that documents it."""
    lines = ["# Settings of this site. Each is shown with its default, commented out: remove the '#' to change it.",
             "# README.md's \"Settings\" lists the same. A name explainer does not know is an error.", ""]
    for item in SETTINGS:
        doc = item.metadata["doc"]
        if item.metadata["example"]:
            doc += f" (for example {toml_value(item.metadata['example'])})"
        lines.extend(textwrap.wrap(doc, 110, initial_indent="# ", subsequent_indent="# "))
        lines.extend([f"# {item.name} = {toml_value(item.default)}", ""])
    return "\n".join(lines)


def init_site(folder: Path) -> list[Path]:
    """A new site in ``folder`` (which must be empty or new): settings, one example article, .gitignore, workflow."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NotEmpty(f"{folder} is not empty; explainer init makes a new site in a new or empty folder")
    written = [folder / CONFIG_FILE]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CONFIG_FILE).write_text(settings_file(), encoding="utf-8")
    for target, source in STARTER_FILES.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((STARTER / source).read_text(encoding="utf-8"), encoding="utf-8")
        written.append(path)
    return written


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

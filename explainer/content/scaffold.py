"""``explainer new``: the file an editor starts a story from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from explainer.config import Settings
from explainer.slugs import slugify
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

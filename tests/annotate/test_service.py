"""One annotation service: ``explainer build``, ``explainer annotate`` and ``explainer entities stub`` agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explainer.annotate.stages import STAGES, Stage, Work, run_stages
from explainer.cli import main
from tests.conftest import write

PINNED = """
---
title: Talks in Huangshan
date: 2022-03-30
---
The talks went on all week in Huangshan.

["We will move towards a multipolar world order,"]{speaker=ahmad-shah} a guest told the room.
"""


@pytest.fixture
def pinned_site(site_root: Path) -> Path:
    """A story that pins a quote to someone it never names, whose entity triggers a background."""
    (site_root / "content/articles/test-story.md").unlink()
    write(site_root / "content/articles/talks.md", PINNED)
    write(site_root / "content/entities/ahmad-shah.md", """
        ---
        name: Ahmad Shah
        kind: person
        role: Afghanistan's envoy
        ---
        """)
    write(site_root / "content/backgrounds/envoys.md", """
        ---
        title: Envoys
        summary: Who speaks for whom.
        triggers: [ahmad-shah]
        ---
        """)
    return site_root


def test_annotate_json_gives_the_sidebar_the_built_page_shows(pinned_site, capsys):
    assert main(["build", "--site", str(pinned_site)]) == 0
    page = (pinned_site / "site/talks/index.html").read_text(encoding="utf-8")
    assert "Who speaks for whom." in page  # the built page shows the sidebar
    capsys.readouterr()
    assert main(["annotate", "--json", "--site", str(pinned_site), str(pinned_site / "content/articles/talks.md")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["backgrounds"] == ["envoys"]
    assert [s["entity"] for s in data["speakers"]] == ["ahmad-shah"]


def test_stages_declare_what_they_need():
    """A stage put before the one that assigns what it requires fails at once, naming both."""
    assigned: set[str] = {"blocks", "docs", "kb"}
    for stage in STAGES:
        assert set(stage.requires) <= assigned, stage.name
        assigned |= set(stage.assigns)
    reversed_order = tuple(reversed(STAGES))
    work = Work(article=None, blocks=(), docs=(), kb=(), parse=lambda texts: [])  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="requires"):
        run_stages(work, reversed_order)


def test_a_stage_may_not_assign_what_it_did_not_declare():
    sneaky = Stage("sneaky", requires=(), assigns=(), run=lambda work: ({"quotes": ()}, ()))
    work = Work(article=None, blocks=(), docs=(), kb=(), parse=lambda texts: [])  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="without declaring"):
        run_stages(work, (sneaky,))

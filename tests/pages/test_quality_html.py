"""Every page of the built seed site is valid HTML by the Nu Html Checker (vnu-jar, run with Java)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.quality_support import VNU_JAR, need_java_and_vnu, seed_output


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    return seed_output(tmp_path_factory)


def test_every_page_passes_the_nu_html_checker(seed_site):
    java = need_java_and_vnu()
    pages = sorted(seed_site.rglob("*.html"))
    # The index, the article, 404, the topic page and one page per entity.
    assert len(pages) >= 5 + 15
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, pages)],
        capture_output=True, text=True, check=False,
    )
    report = json.loads(result.stdout)
    errors = [
        f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0, result.stderr

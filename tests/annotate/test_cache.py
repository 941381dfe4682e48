"""The annotation cache: what makes an entry miss, and that a damaged entry is never trusted."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

from explainer.annotate import keys
from explainer.build import build
from explainer.memo import STATE_FILE
from explainer.annotate.cache import AnnotationCache
from explainer.cli import main
from explainer.config import load_settings
from tests.conftest import write


def entries(root: Path) -> list[Path]:
    return sorted((root / ".explainer-cache" / "annotations").rglob("*.json"))


def annotated(root: Path, **overrides) -> int:
    """Build and say how many articles were annotated (rather than read from the cache)."""
    report = build(load_settings(root, **overrides))
    assert report.annotated + report.cached == report.articles
    return report.annotated


def fresh_process(root: Path) -> None:
    """Forget what builds in this process and the build memo remember: only the annotation entries are left."""
    (root / ".explainer-cache" / STATE_FILE).unlink(missing_ok=True)


@pytest.fixture
def built(site_root: Path) -> Path:
    """The test site with a second article, built once so the cache is full."""
    write(site_root / "content/articles/second.md", """
        ---
        title: Second story
        date: 2022-04-01
        ---
        Lavrov spoke to reporters in Moscow on Friday.
        """)
    assert annotated(site_root) == 2
    assert len(entries(site_root)) == 2
    return site_root


def test_nothing_changed_nothing_annotated(built):
    assert annotated(built) == 0


def test_article_text_is_in_the_key(built):
    story = built / "content/articles/second.md"
    story.write_text(story.read_text() + "\nXi Jinping was not there.\n")
    assert annotated(built) == 1
    assert annotated(built) == 0


def test_knowledge_base_is_in_the_key(built):
    write(built / "content/entities/moscow.md", "---\nname: Moscow\nkind: place\n---\nThe capital.\n")
    assert annotated(built) == 2


def test_model_version_is_in_the_key(built, monkeypatch):
    real = importlib.metadata.version

    def other_model_version(name: str) -> str:
        return "9.9.9" if name.replace("-", "_").startswith("en_core_web_sm") else real(name)

    monkeypatch.setattr(importlib.metadata, "version", other_model_version)
    assert annotated(built) == 2


def test_spacy_version_is_in_the_key(built, monkeypatch):
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0.1" if name == "spacy" else real(name))
    assert annotated(built) == 2


@pytest.fixture
def fingerprint_again():
    """The annotators' fingerprint is taken once per process: take it again, now and after the test."""
    keys.annotator_fingerprint.cache_clear()
    yield
    keys.annotator_fingerprint.cache_clear()


def test_annotator_version_is_in_the_key(built, monkeypatch, fingerprint_again):
    monkeypatch.setattr(keys, "ANNOTATOR_VERSION", keys.ANNOTATOR_VERSION + "-next")
    assert annotated(built) == 2


def test_an_edit_to_an_annotator_module_is_in_the_key(built, monkeypatch, fingerprint_again):
    """No version to bump by hand: the annotators' own sources are part of every key."""
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: real(self) + (b"# edited" if self.name == "names.py" else b""))
    assert annotated(built) == 2


def test_raw_html_setting_is_in_the_key(built):
    # The visible text of a block (what the annotators read) depends on it.
    assert annotated(built, allow_html=True) == 2


def test_backgrounds_are_not_in_the_key_but_still_apply(built):
    """Sidebars are attached after the cache on every build, so a background edit re-annotates nothing."""
    page = built / "site/second/index.html"
    assert "More on Moscow" not in page.read_text()
    write(built / "content/backgrounds/moscow.md", """
        ---
        title: Moscow
        summary: Russia's capital.
        triggers: [moscow]
        ---
        Moscow is the capital of Russia.
        """)
    assert annotated(built) == 0
    assert "More on Moscow" in page.read_text()


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],                       # truncated mid-write
    lambda raw: b"\x00\xff garbage \x13" * 10,             # not even text
    lambda raw: b"",                                       # empty
    lambda raw: raw.replace(b'"problems"', b'"problemz"'),  # valid JSON, wrong shape
    lambda raw: raw.replace(b"Lavrov", b"Lavrow"),          # valid JSON, right shape, wrong content
], ids=["truncated", "garbage", "empty", "wrong-shape", "bit-rot"])
def test_damaged_entry_is_discarded_and_recomputed(built, damage):
    before = (built / "site/second/index.html").read_text()
    for entry in entries(built):
        entry.write_bytes(damage(entry.read_bytes()))
    fresh_process(built)
    assert annotated(built) == 2
    assert (built / "site/second/index.html").read_text() == before
    assert annotated(built) == 0


def test_entry_under_the_wrong_name_is_not_trusted(built):
    first, second = entries(built)
    second.write_bytes(first.read_bytes())
    fresh_process(built)
    assert annotated(built) == 1


@pytest.mark.parametrize("damage", [lambda raw: raw[:100], lambda raw: b"garbage"], ids=["truncated", "garbage"])
def test_damaged_build_state_is_ignored(built, damage):
    state = built / ".explainer-cache" / STATE_FILE
    state.write_bytes(damage(state.read_bytes()))
    before = (built / "site/second/index.html").read_text()
    report = build(load_settings(built))
    assert (report.annotated, report.rendered) == (0, 2)
    assert (built / "site/second/index.html").read_text() == before


def test_put_then_get_round_trips(tmp_path, built):
    cache = AnnotationCache(built / ".explainer-cache")
    key = entries(built)[0].stem
    stored = cache.get(key)
    assert stored is not None
    other = AnnotationCache(tmp_path / "c")
    other.put("ab" + "0" * 62, *stored)
    assert other.get("ab" + "0" * 62) == stored
    assert other.get("cd" + "0" * 62) is None
    assert AnnotationCache(None).get(key) is None


def test_no_cache_annotates_everything_and_stores_nothing(built, capsys):
    stamps = {p: p.stat().st_mtime_ns for p in entries(built)}
    assert main(["build", "--site", str(built), "--no-cache"]) == 0
    assert "(2 annotated, 0 cached)" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in entries(built)} == stamps
    assert main(["build", "--site", str(built)]) == 0
    assert "(0 annotated, 2 cached)" in capsys.readouterr().out


def test_an_edit_to_a_word_list_is_in_the_key(built, monkeypatch, fingerprint_again):
    """The word lists under explainer/annotate/data/ are part of every key, like the modules."""
    real = Path.read_bytes
    edit = b"verb harrumph\n"
    monkeypatch.setattr(Path, "read_bytes", lambda self: real(self) + (edit if self.name == "speech_words.txt" else b""))
    assert annotated(built) == 2

"""The GeoNames index is built once per machine, kept in the user's cache folder, and read back by later builds.

A real folder on disk each time (``XDG_CACHE_HOME`` pointed at a temporary one); nothing is mocked.
"""

from __future__ import annotations

import os
import pickle
import time
from dataclasses import replace
from pathlib import Path

import pytest

from explainer.annotate.glossary import gazetteer as store
from explainer.annotate.glossary.places import lookup


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder for this test, and no index held in memory before or after it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store.gazetteer.cache_clear()
    yield tmp_path / "cache"
    store.gazetteer.cache_clear()


def stored(home: Path) -> list[Path]:
    return sorted((home / "explainer").glob("gazetteer-*.pickle"))


def test_the_first_build_stores_the_index_and_the_next_reads_it_back(cache_home: Path):
    built = store.gazetteer()
    assert [p.parent for p in stored(cache_home)] == [cache_home / "explainer"]
    # Prove the second process reads the file rather than indexing again: a name only the file knows.
    path = stored(cache_home)[0]
    marked = replace(built, names={**built.names, "nowhere at all": built.names["columbus"]})
    path.write_bytes(pickle.dumps(marked))
    store.gazetteer.cache_clear()
    again = store.gazetteer()
    assert "nowhere at all" in again.names
    assert again.names["columbus"] == built.names["columbus"] and again.state_codes == built.state_codes


def test_a_damaged_stored_index_is_built_again_and_replaced_whole(cache_home: Path):
    store.gazetteer()
    path = stored(cache_home)[0]
    path.write_bytes(path.read_bytes()[:1000])  # a build killed while another wrote, a full disk
    store.gazetteer.cache_clear()
    assert lookup("Columbus, Ohio").label == "Columbus, Ohio"
    assert isinstance(pickle.loads(path.read_bytes()), store.gazetteer().__class__)
    assert not list((cache_home / "explainer").glob(".gazetteer-*"))  # no half-written file left behind


def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    store.gazetteer.cache_clear()
    try:
        assert store.gazetteer().names["columbus"]
        assert blocker.read_text() == "not a folder"
    finally:
        store.gazetteer.cache_clear()


def test_indexes_of_other_versions_go_after_a_month_unused_and_recent_ones_stay(cache_home: Path):
    folder = cache_home / "explainer"
    folder.mkdir(parents=True)
    old, recent = folder / "gazetteer-0000000000000000.pickle", folder / "gazetteer-1111111111111111.pickle"
    for path in (old, recent):
        path.write_bytes(b"another version's index")
    month_ago = time.time() - (store.STORE_DAYS + 1) * 86400
    os.utime(old, (month_ago, month_ago))
    store.gazetteer()
    assert not old.exists() and recent.exists()
    assert len(stored(cache_home)) == 2  # this version's and the recent one

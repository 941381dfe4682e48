"""A new user's first hour through the real command: init, build, new, drafts, help, the README's promises."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from explainer.cli import main
from explainer.config import SETTINGS, Settings
from explainer.reference import in_readme, reference
from explainer.scaffold import STARTER
from tests.conftest import REPO, write

EXPLAINER = Path(sys.executable).parent / "explainer"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed ``explainer`` command, as a user types it."""
    return subprocess.run([str(EXPLAINER), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> Path:
    """A site made by ``explainer init`` and built once."""
    parent = tmp_path_factory.mktemp("first-hour")
    made = run("init", "my-site", cwd=parent)
    assert made.returncode == 0, made.stderr
    built = run("build", cwd=parent / "my-site")
    assert built.returncode == 0, built.stderr
    return parent / "my-site"


def test_init_makes_a_site_that_builds_at_once(new_site):
    for name in ("explainer.toml", ".gitignore", "requirements.txt", ".github/workflows/pages.yml",
                 "content/articles/town-library-roof.md"):
        assert (new_site / name).is_file(), name
    assert not (new_site / "templates").exists()  # the theme comes with explainer
    page = (new_site / "site/town-library-roof/index.html").read_text(encoding="utf-8")
    assert "Maria Lopez" in page and 'class="speaker-card"' in page
    assert "site/" in (new_site / ".gitignore").read_text().splitlines()


def test_the_example_builds_without_a_warning_but_the_publishing_one(new_site):
    built = run("build", "--base-url", "https://example.org/", "--strict", cwd=new_site)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""


def test_init_writes_every_setting_commented_with_its_default(new_site):
    text = (new_site / "explainer.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {}, "every setting is commented out"
    for item in SETTINGS:
        line = next(line for line in text.splitlines() if re.match(rf"# {item.name} = ", line))
        assert tomllib.loads(line.removeprefix("# ")) == {item.name: item.default}, line
    assert "root" not in text and "preview" not in text


def test_init_refuses_a_folder_with_files_in_it(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    made = run("init", str(tmp_path))
    assert made.returncode == 1
    assert made.stderr.strip().count("\n") == 0, "one line"
    assert "is not empty" in made.stderr and "Traceback" not in made.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_starter_workflow_is_the_repositorys_but_for_how_explainer_is_installed():
    ours = (REPO / ".github/workflows/pages.yml").read_text().splitlines()
    starter = (STARTER / "pages.yml").read_text().splitlines()
    different = [(a, b) for a, b in zip(ours, starter) if a != b]
    assert len(ours) == len(starter)
    assert [b.strip() for _, b in different] == [
        "cache-dependency-path: requirements.txt",
        "run: python -m pip install -r requirements.txt",
        "key: explainer-cache-${{ runner.os }}-${{ hashFiles('content/**', 'requirements.txt') }}",
    ]


def test_new_says_how_to_preview_the_draft(new_site, capsys):
    assert main(["new", "Council votes on the budget", "--site", str(new_site)]) == 0
    out = capsys.readouterr().out
    assert "draft" in out and "explainer serve" in out and "/council-votes-on-the-budget/" in out
    (new_site / "content/articles/council-votes-on-the-budget.md").unlink()


def test_a_build_names_the_drafts_it_leaves_out(tmp_path, capsys):
    root = tmp_path / "site-root"
    assert main(["init", str(root)]) == 0
    for number in range(5):
        write(root / f"content/articles/draft-{number}.md",
              f"---\ntitle: Draft {number}\ndate: 2024-01-0{number + 1}\ndraft: true\n---\nNot yet.\n")
    capsys.readouterr()
    assert main(["build", "--site", str(root)]) == 0
    out = capsys.readouterr().out
    # Newest first: the one being written is most likely the one looked for.
    assert ("left out 5 drafts: content/articles/draft-4.md, content/articles/draft-3.md, "
            "content/articles/draft-2.md and 2 more") in out
    assert main(["build", "--site", str(root), "--verbose"]) == 0
    assert "content/articles/draft-0.md" in capsys.readouterr().out


def test_version_and_every_commands_help_with_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert re.fullmatch(r"explainer \d+\.\d+\.\d+\n", capsys.readouterr().out)
    for command in ("init", "build", "serve", "new", "annotate", "entities"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        helped = capsys.readouterr().out
        assert f"example:\n  explainer {command}" in helped, command


def test_the_readme_reference_is_the_codes():
    """README.md's settings and front matter reference is generated; run `python -m explainer.reference`."""
    assert in_readme((REPO / "README.md").read_text(encoding="utf-8")) == reference()
    settable = {f.name for f in SETTINGS}
    assert settable == {f for f in Settings.__dataclass_fields__} - {"root", "preview"}


def test_make_serve_takes_a_port():
    dry = subprocess.run(["make", "-n", "serve", "PORT=8001"], cwd=REPO, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert re.search(r"explainer serve --port 8001$", dry.stdout, re.MULTILINE), dry.stdout


def test_readme_commands_run_from_the_venv_as_written():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## ", 1)[0]
    assert ". .venv/bin/activate" in readme.split("## Your own site", 1)[0] and "make site" in setup
    assert (REPO / ".venv/bin/activate").is_file() or not (REPO / ".venv").exists()
    assert "make serve PORT=8001" in readme

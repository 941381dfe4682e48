"""Bad content through the command line: one `path:line: message` line, exit 1, the old site/ untouched.

Every test starts from a copy of a site that was built once, breaks one thing, runs
``explainer build`` through ``explainer.cli.main`` and compares site/ byte for byte.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from explainer.cli import main
from tests.conftest import REPO, write
from tests.quality_support import build_seed

LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<message>.+)$")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The seed site (repository content and templates), built once."""
    root = tmp_path_factory.mktemp("built") / "site-root"
    build_seed(root)
    return root


@pytest.fixture
def root(built, tmp_path) -> Path:
    """A fresh copy of the built site for one test to break."""
    copy = tmp_path / "copy"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def fails(root: Path, capsys, *args: str) -> tuple[str, int, str]:
    """Build; assert it failed with one located line and left site/ as it was; return (path, line, message)."""
    before = snapshot(root / "site")
    code = main(["build", "--site", str(root), *args])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    match = LINE.match(lines[0])
    assert match, f"not 'path:line: message': {lines[0]!r}"
    assert snapshot(root / "site") == before, "a failed build changed site/"
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site-")], "a staging folder was left"
    return match["path"], int(match["line"]), match["message"]


def article(root: Path, name: str, text: str) -> Path:
    """Write an article file (text taken as is, so any bytes can be tested through ``write_bytes``)."""
    path = root / "content/articles" / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "title: A second story\ndate: 2022-04-01\n"


def test_malformed_yaml(root, capsys):
    article(root, "bad.md", "---\ntitle: A second story\ndate: 2022-04-01\ntags: [russia, china\n---\nText.\n")
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/bad.md", 4)
    assert "not valid YAML" in message and "check the brackets and quotes" in message


def test_front_matter_that_is_not_a_mapping(root, capsys):
    article(root, "bad.md", "---\n- title\n- date\n---\nText.\n")
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/bad.md", 2)
    assert "must be a mapping of 'key: value' lines" in message


@pytest.mark.parametrize("missing", ["title", "date"])
def test_missing_required_field(root, capsys, missing):
    kept = "\n".join(l for l in GOOD.splitlines() if not l.startswith(missing))
    article(root, "bad.md", f"---\n{kept}\n---\nText.\n")
    path, line, message = fails(root, capsys)
    assert path == "content/articles/bad.md" and line == 1
    assert f"missing required field '{missing}'; add a" in message and f"'{missing}: " in message


@pytest.mark.parametrize("day", ["2022-02-30", "2021-04-31", "2022-13-01"])
def test_a_date_no_calendar_has(root, capsys, day):
    # YAML itself turns 2022-02-30 into a date and fails; the user still gets one located line.
    article(root, "bad.md", f"---\ntitle: T\ndate: {day}\n---\nText.\n")
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/bad.md", 3)
    assert day in message


def test_date_that_is_not_a_date(root, capsys):
    article(root, "bad.md", "---\ntitle: T\ndate: 30/03/2022\n---\nText.\n")
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/bad.md", 3)
    assert "must be a date such as 2022-03-30" in message and "30/03/2022" in message


@pytest.mark.parametrize("name", ["copy.md", "zz-copy.md"])  # read before and after the file it clashes with
def test_two_articles_with_one_slug(root, capsys, name):
    # The file whose slug: line makes the clash is the one to fix, not the one named for its slug.
    article(root, name, f"---\n{GOOD}slug: lavrov-china-2022\n---\nText.\n")
    path, line, message = fails(root, capsys)
    assert (path, line) == (f"content/articles/{name}", GOOD.count("\n") + 2)
    assert "content/articles/lavrov-china-2022.md" in message and "give one of them another 'slug:'" in message


@pytest.mark.parametrize("slug", ["../x", "/etc", "a/../../b"])
def test_slug_outside_the_site(root, capsys, slug):
    article(root, "escape.md", f"---\n{GOOD}slug: {slug}\n---\nText.\n")
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/escape.md", 4)
    assert f"slug {slug!r} is not allowed" in message and "lower-case words" in message
    assert not (root / "x").exists() and not (root / "b").exists()


@pytest.mark.parametrize("ident", ["../x", "/etc", "a/../../b"])
def test_background_id_outside_the_site(root, capsys, ident):
    article(root, "escape.md", f"---\n{GOOD}backgrounds: [\"{ident}\"]\n---\nText.\n")
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/escape.md", 4)
    assert f"background id {ident!r} is not an id" in message


def test_unknown_background(root, capsys):
    article(root, "bad.md", f"---\n{GOOD}backgrounds: [atlantis]\n---\nText.\n")
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/bad.md", 4)
    assert "unknown background 'atlantis'" in message and "add content/backgrounds/atlantis.md" in message


def test_unknown_entity_id_in_an_override(root, capsys):
    story = root / "content/articles/lavrov-china-2022.md"
    text = story.read_text(encoding="utf-8").replace("{entity=wang-yi}", "{entity=nobody}")
    story.write_text(text, encoding="utf-8")
    number = text[: text.index("{entity=nobody}")].count("\n") + 1
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/lavrov-china-2022.md", number)
    assert "unknown entity id 'nobody'" in message and "content/entities/" in message


def test_unknown_speaker_id_in_a_pin(root, capsys):
    article(root, "bad.md", f'---\n{GOOD}---\nText.\n\n["We will win,"]{{speaker=nobody}} she said.\n')
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/bad.md", GOOD.count("\n") + 5)
    assert "unknown speaker id 'nobody'" in message and "content/entities/" in message


def test_a_speaker_pin_holding_no_quote_warns(root, capsys):
    article(root, "pin.md", f'---\n{GOOD}---\nText.\n\n[We will win,]{{speaker=sergei-lavrov}} she said.\n')
    assert main(["build", "--site", str(root)]) == 0
    err = capsys.readouterr().err
    assert "content/articles/pin.md:" in err and "holds no quote" in err and "Traceback" not in err


def test_file_that_is_not_utf8(root, capsys):
    (root / "content/articles/latin1.md").write_bytes(
        "---\ntitle: Caf\u00e9\ndate: 2022-04-01\n---\nText.\n".encode("latin-1"))
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/latin1.md", 2)
    assert "not UTF-8" in message and "re-save it as UTF-8" in message


def test_empty_file(root, capsys):
    article(root, "empty.md", "")
    path, line, message = fails(root, capsys)
    assert (path, line) == ("content/articles/empty.md", 1)
    assert "file is empty" in message and "title and a date" in message


def test_template_syntax_error(root, capsys):
    template = root / "templates/article.html"  # the site's own copy overrides the theme's
    template.parent.mkdir(exist_ok=True)
    lines = (REPO / "explainer/theme/article.html").read_text(encoding="utf-8").splitlines()
    lines[5] = "{% if article.title %}"  # opened, never closed
    lines[6] = "{{ article.title | }}"
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path, line, message = fails(root, capsys)
    assert path == "templates/article.html"
    assert line == 7
    assert message == "template error: expected token 'name', got 'end of print statement'"


def test_alias_claimed_by_two_entities_warns_and_builds(root, capsys):
    write(root / "content/entities/wang-yi-2.md", """
        ---
        name: Wang Yi (painter)
        kind: person
        aliases: [Wang Yi]
        ---
        """)
    assert main(["build", "--site", str(root)]) == 0
    out, err = capsys.readouterr()
    warning = [l for l in err.splitlines() if "also claimed" in l]
    assert len(warning) == 1, err
    assert LINE.match(warning[0])
    assert "warning: alias 'Wang Yi'" in warning[0]
    assert "'wang-yi'" in warning[0] and "'wang-yi-2'" in warning[0]
    assert "built 1 explainer" in out
    assert (root / "site/entities/wang-yi-2/index.html").is_file()
    before = snapshot(root / "site")
    assert main(["build", "--site", str(root), "--strict"]) == 1
    assert "(an error under --strict)" in capsys.readouterr().err
    assert snapshot(root / "site") == before


WORDS = {
    "who": ["Sergei Lavrov", "Wang Yi", "The ministry", "A spokesman", "Officials in Beijing",
            "Diplomats from Moscow", "Analysts", "The Taliban", "President Joe Biden"],
    "did": ["said", "warned", "argued", "noted", "repeated", "suggested", "claimed"],
    "what": ["that talks would continue", "that trade had grown", "that the border was calm",
             "that sanctions would not work", "that aid was on its way", "the meeting had been useful"],
    "when": ["on Wednesday", "last week", "in Huangshan", "after the meeting", "in a statement", ""],
}


def long_story(size: int, seed: int = 2022) -> str:
    """Markdown of about ``size`` characters from varied sentences, quotes and a few headings."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.03:
            paragraph = "## " + rng.choice(["Afghanistan", "Trade", "Ukraine", "What next"])
        else:
            sentences = []
            for _ in range(rng.randint(2, 7)):
                if rng.random() < 0.15:
                    sentences.append(f'"We will {rng.choice(["keep talking", "move forward", "not give in"])}," '
                                     f'{rng.choice(WORDS["who"])} said.')
                else:
                    sentences.append(" ".join(filter(None, (rng.choice(WORDS[k]) for k in WORDS))) + ".")
            paragraph = " ".join(sentences)
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts) + "\n\nThe last sentence of a very long story.\n"


def test_two_megabyte_article_builds(root, capsys):
    body = long_story(2_000_000)
    article(root, "huge.md", f"---\n{GOOD}slug: huge\n---\n{body}")
    assert (root / "content/articles/huge.md").stat().st_size >= 2_000_000
    assert main(["build", "--site", str(root)]) == 0, capsys.readouterr().err
    page = (root / "site/huge/index.html").read_text(encoding="utf-8")
    assert "The last sentence of a very long story." in page
    assert "A second story" in (root / "site/index.html").read_text(encoding="utf-8")
    warnings = [line for line in capsys.readouterr().err.splitlines() if "characters; only the first" in line]
    assert len(warnings) == 1 and warnings[0].startswith("content/articles/huge.md:")

"""The package's shape: stages as packages, no import circle, no stage reaching up into the pipeline.

Read from the sources (an AST walk), so a new module is checked the day it is added.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "explainer"
# Who may import whom. A module may import its own package and anything of a lower rank;
# the top (the pipeline and the commands) may import everything. The foundation is values,
# settings and errors that every stage shares.
FOUNDATION = {"explainer.model", "explainer.errors", "explainer.config", "explainer.slugs", "explainer.dates",
              "explainer.checkpoints"}
RANKS = {"content": 1, "annotate": 2, "pages": 3, "preview": 3}
TOP = 9


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(name: str) -> set[str]:
    """Every explainer module ``name`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("explainer")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("explainer"):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in MODULES}
    return {m for m in found if m in MODULES and m != name}


def rank(name: str) -> int:
    if name in FOUNDATION or name == "explainer":
        return 0
    parts = name.split(".")
    return RANKS.get(parts[1], TOP) if len(parts) > 2 or parts[1] in RANKS else TOP


def test_the_stages_are_packages():
    for stage in ("content", "annotate", "annotate.glossary", "annotate.attribution", "pages", "preview"):
        assert f"explainer.{stage}" in MODULES, stage


def test_no_import_circle():
    graph = {name: imports_of(name) for name in MODULES}
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                cycle = path[path.index(other):] + [other] if other in path else [name, other]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if other not in state:
                visit(other, [*path, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_from_a_stage_above_it(name):
    mine = rank(name)
    for other in imports_of(name):
        if other.startswith("explainer.") and other.split(".")[1] == name.split(".")[1]:
            continue  # its own package
        assert rank(other) < mine or (mine in (0, TOP) and rank(other) <= mine), f"{name} imports {other}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_readable(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{MODULES[name]} has {lines} lines; split it by what its parts do"


def test_the_layering_check_can_fail(tmp_path):
    """A stage module importing the pipeline would be caught: the rule is not vacuous."""
    assert rank("explainer.build") == TOP and rank("explainer.annotate.runner") == 2
    assert not rank("explainer.build") < rank("explainer.pages.registry")


def test_every_word_list_has_one_name():
    """Two lists under one name in lexicon.py: the later silently replaces the earlier (seen in a merge)."""
    tree = ast.parse((PACKAGE / "annotate" / "lexicon.py").read_text(encoding="utf-8"))
    names = [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)]
    assert sorted({n for n in names if names.count(n) > 1}) == []

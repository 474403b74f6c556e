"""Data flows one way (docs/architecture.md): no package imports one that comes after it."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

#: Each package and the packages of shtracker it may import (itself included).
ALLOWED = {
    "core": {"core"},
    "datafile": {"core", "datafile"},
    "record": {"core", "datafile", "record"},
    "render": {"core", "record", "render"},
    "cli": {"core", "datafile", "record", "render", "cli"},
}


def imported_packages(path: str) -> set[str]:
    """Return the shtracker packages a module imports, at the top or inside functions."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    names = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    return {n.split(".")[1] for n in names if n.startswith("shtracker.") and n.count(".") >= 1}


MODULES = sorted(
    str(p.relative_to(ROOT))
    for package in ALLOWED
    for p in (ROOT / "shtracker" / package).rglob("*.py")
)


@pytest.mark.parametrize("path", MODULES)
def test_a_module_imports_only_the_packages_before_its_own(path: str) -> None:
    package = path.split("/")[1]
    assert set() == imported_packages(path) - ALLOWED[package]


def test_the_check_sees_imports_inside_functions() -> None:
    assert "render" in imported_packages("shtracker/cli/output.py")

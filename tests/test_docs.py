"""Every document the code or the tests cite exists in the repository."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

CITED = re.compile(r"\b(?:docs/)?([a-z][a-z-]*\.md)\b")
SOURCES = sorted(
    [
        *ROOT.joinpath("shtracker").rglob("*.py"),
        *ROOT.joinpath("tests").rglob("*.py"),
        ROOT / "pyproject.toml",
    ]
)


def cited_documents() -> list[tuple[str, str]]:
    found = []
    for path in SOURCES:
        for name in CITED.findall(path.read_text(encoding="utf-8")):
            if name != "readme.md":
                found.append((str(path.relative_to(ROOT)), name))
    return sorted(set(found))


def test_the_code_cites_its_documents() -> None:
    assert {"methodology.md", "data-file.md", "style.md"} <= {n for _, n in cited_documents()}


@pytest.mark.parametrize(("source", "name"), cited_documents())
def test_every_cited_document_is_in_docs(source: str, name: str) -> None:
    assert (ROOT / "docs" / name).is_file(), f"{source} cites {name}, which docs/ lacks"


def test_architecture_lists_every_module_with_its_line_count() -> None:
    """docs/architecture.md gives each module's size "in this commit": keep it so, and list
    every module a newcomer will find."""
    listed: dict[str, int] = {}
    package = None
    for line in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"\*\*`(\w+(?:/\w+)?)/`", line):
            package = heading.group(1)
        if (row := re.match(r"\| `(\w+\.py)` \| (\d+) \|", line)) and package:
            listed[f"{package}/{row.group(1)}"] = int(row.group(2))
    source = ROOT / "shtracker"
    actual = {
        str(p.relative_to(source)): len(p.read_text(encoding="utf-8").splitlines())
        for p in source.rglob("*.py")
        if p.name != "__init__.py" and p.parent != source
    }
    assert actual == listed

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

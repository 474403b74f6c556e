"""Reading the data file as of a git revision: its text, or one line saying why not."""

from __future__ import annotations

from pathlib import Path

import pytest

from shtracker.core.errors import DataError, UsageError
from shtracker.datafile.git import file_at, revisions
from tests.conftest import SMALL_PLAN, git


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("HEAD", ("HEAD", None)),
        ("HEAD~1..HEAD", ("HEAD~1", "HEAD")),
        ("v1..", ("v1", "HEAD")),
        ("..main", ("HEAD", "main")),
        ("a1b2c3d", ("a1b2c3d", None)),
    ],
)
def test_a_revision_or_a_range_gives_the_two_sides(
    spec: str, expected: tuple[str, str | None]
) -> None:
    assert expected == revisions(spec)


@pytest.mark.parametrize("spec", ["", "--output=x", "HEAD...main", "a b", "..--help"])
def test_what_is_not_a_revision_is_a_usage_error(spec: str) -> None:
    with pytest.raises(UsageError):
        revisions(spec)


def test_the_file_at_a_revision_is_its_committed_text(repo: Path) -> None:
    repo.write_text(SMALL_PLAN + "# edited\n")
    assert (f"HEAD:{repo}", SMALL_PLAN) == file_at("HEAD", str(repo))


def test_a_relative_path_is_read_from_its_own_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.parent.parent)
    relative = str(Path(repo.parent.name) / repo.name)
    assert SMALL_PLAN == file_at("HEAD", relative)[1]


@pytest.mark.parametrize(
    ("rev", "message"),
    [
        ("nope", "unknown revision 'nope'"),
        ("HEAD~5", "unknown revision 'HEAD~5'"),
    ],
)
def test_an_unknown_revision_is_one_line(repo: Path, rev: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        file_at(rev, str(repo))
    assert [f"{repo}: {message}"] == caught.value.lines()


def test_a_file_not_in_the_revision_is_one_line(repo: Path) -> None:
    other = repo.parent / "other.yaml"
    other.write_text(SMALL_PLAN)
    with pytest.raises(DataError) as caught:
        file_at("HEAD", str(other))
    assert [f"{other}: is not in revision HEAD"] == caught.value.lines()


def test_outside_a_repository_is_one_line(plan_file: Path) -> None:
    with pytest.raises(DataError) as caught:
        file_at("HEAD", str(plan_file))
    assert [f"{plan_file}: is not in a git repository"] == caught.value.lines()


def test_an_empty_repository_has_no_head(plan_file: Path) -> None:
    git(plan_file.parent, "init", "-q")
    with pytest.raises(DataError) as caught:
        file_at("HEAD", str(plan_file))
    assert [f"{plan_file}: unknown revision 'HEAD'"] == caught.value.lines()

"""`shtracker init`: an editable copy of the bundled data, never over an existing file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from shtracker.datafile.locate import bundled_path
from tests.conftest import run


@pytest.fixture
def bundled() -> bytes:
    return bundled_path().read_bytes()


def test_init_writes_the_bundled_file_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bundled: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.startswith("shtracker: wrote targets.yaml, a copy of the bundled")
    assert bundled == (tmp_path / "targets.yaml").read_bytes()
    assert os.listdir(tmp_path) == ["targets.yaml"]


def test_init_gives_the_new_file_the_usual_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        run("init", str(tmp_path / "plan.yaml"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "plan.yaml").stat().st_mode) == 0o644


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "targets.yaml"
    target.write_text("mine\n")
    result = run("init", str(target))
    assert (result.exit_code, target.read_text()) == (1, "mine\n")
    assert result.stderr == f"{target}: already exists; nothing written (--force overwrites it)\n"


def test_init_force_overwrites(tmp_path: Path, bundled: bytes) -> None:
    target = tmp_path / "targets.yaml"
    target.write_text("mine\n")
    result = run("init", str(target), "--force")
    assert (result.exit_code, target.read_bytes()) == (0, bundled)


def test_init_into_a_folder_writes_targets_yaml_there(tmp_path: Path, bundled: bytes) -> None:
    result = run("init", str(tmp_path))
    assert result.exit_code == 0
    assert bundled == (tmp_path / "targets.yaml").read_bytes()
    assert f"wrote {tmp_path / 'targets.yaml'}" in result.stderr


def test_init_into_a_folder_that_has_one_refuses(tmp_path: Path) -> None:
    (tmp_path / "targets.yaml").write_text("mine\n")
    result = run("init", str(tmp_path))
    assert (result.exit_code, (tmp_path / "targets.yaml").read_text()) == (1, "mine\n")


def test_init_into_a_missing_folder_says_so_in_one_line(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "nowhere" / "targets.yaml"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "cannot write" in result.stderr


def test_init_with_a_trailing_slash_creates_the_folder_and_writes_targets_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bundled: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "newdir/")
    assert 0 == result.exit_code
    assert "shtracker: wrote newdir/targets.yaml," in result.stderr
    assert bundled == (tmp_path / "newdir" / "targets.yaml").read_bytes()
    assert ["newdir"] == os.listdir(tmp_path)


def test_init_with_a_trailing_slash_creates_nested_folders(tmp_path: Path) -> None:
    result = run("init", f"{tmp_path}/a/b/")
    assert 0 == result.exit_code
    assert (tmp_path / "a" / "b" / "targets.yaml").is_file()


def test_init_without_a_slash_still_names_a_file(tmp_path: Path) -> None:
    run("init", str(tmp_path / "d3"))
    assert (tmp_path / "d3").is_file()


def test_init_with_a_slash_after_a_file_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "plan").write_text("mine")
    result = run("init", f"{tmp_path}/plan/")
    assert 1 == result.exit_code
    assert f"cannot create the folder {tmp_path}/plan/" in result.stderr
    assert "mine" == (tmp_path / "plan").read_text()

"""Which data file is used: --file, $SHTRACKER_FILE, ./targets.yaml, else the bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest

from shtracker.datafile.locate import DataFile, bundled_path, locate


def test_the_file_option_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "targets.yaml").write_text("")
    assert DataFile("mine.yaml") == locate("mine.yaml", {"SHTRACKER_FILE": "env.yaml"})


def test_an_empty_file_option_is_not_ignored() -> None:
    # `--file "$TYPO"` must fail on the empty path, not quietly check the bundled data.
    assert DataFile("") == locate("", {"SHTRACKER_FILE": "env.yaml"})


def test_the_environment_comes_second(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "targets.yaml").write_text("")
    assert DataFile("env.yaml") == locate(None, {"SHTRACKER_FILE": "env.yaml"})


def test_an_empty_environment_variable_counts_as_unset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "targets.yaml").write_text("")
    assert DataFile("targets.yaml") == locate(None, {"SHTRACKER_FILE": ""})


def test_a_targets_yaml_in_the_current_folder_comes_third(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "targets.yaml").write_text("")
    assert DataFile("targets.yaml") == locate(None, {})


def test_the_bundled_file_comes_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert DataFile(str(bundled_path()), bundled=True) == locate(None, {})


def test_the_bundled_file_exists() -> None:
    assert bundled_path().is_file()

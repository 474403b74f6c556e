"""Small edges: a zero-width terminal, numbers written without a leading 0, a dangling link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import TARGETS, run, run_process


@pytest.mark.parametrize("columns", ["0", "-1", "-80"])
def test_a_zero_or_negative_columns_is_treated_as_unset(columns: str) -> None:
    unset = run("status", "--file", TARGETS, "--as-of", "2024", env={"COLUMNS": None})
    result = run("status", "--file", TARGETS, "--as-of", "2024", env={"COLUMNS": columns})
    assert (0, unset.stdout) == (result.exit_code, result.stdout)
    assert "high_tech_enterprises" in result.stdout


@pytest.mark.parametrize(("typed", "written"), [("-.5", "-0.5"), ("+.5", "0.5"), ("+4.5", "4.5")])
def test_a_number_without_a_leading_zero_is_written_with_one(
    plan_file: Path, typed: str, written: str
) -> None:
    result = run("record", "rd_intensity", "2023", typed, "--file", str(plan_file))
    assert 0 == result.exit_code, result.stderr
    assert f"      2023: {written}\n" in plan_file.read_text()


def test_status_and_init_both_say_a_local_symlink_dangles(tmp_path: Path) -> None:
    os.symlink("nowhere.yaml", tmp_path / "targets.yaml")
    says = "targets.yaml: is a dangling symlink (to nowhere.yaml, which does not exist)"
    env = {k: v for k, v in os.environ.items() if k != "SHTRACKER_FILE"}
    status = run_process("status", cwd=tmp_path, env=env)
    init = run_process("init", cwd=tmp_path, env=env)
    assert (1, f"{says}\n") == (status.returncode, status.stderr)
    assert (1, f"{says}; nothing written (--force writes to its target)\n") == (
        init.returncode,
        init.stderr,
    )
    assert not (tmp_path / "nowhere.yaml").exists()


@pytest.mark.parametrize(("typed", "written"), [("-.5", "-0.5"), ("+.5", "0.5"), ("+4.5", "4.5")])
def test_import_writes_a_number_without_a_leading_zero_as_record_does(
    plan_file: Path, tmp_path: Path, typed: str, written: str
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(f"id,year,value\nrd_intensity,2023,{typed}\n", encoding="utf-8")
    result = run("import", str(rows), "--file", str(plan_file))
    assert 0 == result.exit_code, result.stderr
    assert f"      2023: {written}\n" in plan_file.read_text()

"""`shtracker import`: the command's streams, exit codes and documents."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shtracker.cli import batch_commands
from shtracker.cli.app import app
from shtracker.render.documents.shapes import SCHEMA_VERSION, ImportDoc, ImportedRowDoc
from tests.conftest import run
from tests.zygote import shtracker_process

CSV = """\
id,year,value,quality,source
rd_intensity,2023,4.48,estimate,work report
rd_intensity,2022,4.44,,
emissions,2021,-4,,communiqué
"""

THREE_BAD = """\
id,year,value,quality
rd_intensty,2023,4.48,
rd_intensity,2024,"26,500",
emissions,2021,-4,
emissions,2022,4.5%,
"""


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "new.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_import_says_how_many_rows_landed_and_which_statuses_moved(
    plan_file: Path, csv_file: Path
) -> None:
    result = run("import", str(csv_file), "--file", str(plan_file))
    assert 0 == result.exit_code, result.stderr
    assert "" == result.stdout
    assert (
        f"shtracker: imported 2 of 3 rows into {plan_file} (1 already present); "
        "2 indicators changed, 1 status moved\n"
        "  emissions: insufficient data -> on track\n"
    ) == result.stderr
    assert '      2021: {value: -4, source: "communiqué"}\n' in plan_file.read_text()


def test_three_bad_rows_are_all_reported_and_the_file_is_byte_identical(
    plan_file: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(THREE_BAD, encoding="utf-8")
    before = plan_file.read_bytes()
    result = run("import", str(bad), "--file", str(plan_file))
    value_hint = (
        "value must be a plain decimal number like 4.5, -3.5 or 26000 (no thousands "
        "separators, %, exponent, NaN or infinity)"
    )
    assert (1, "") == (result.exit_code, result.stdout)
    assert [
        f"{bad}:2: unknown indicator 'rd_intensty'; did you mean 'rd_intensity'?",
        f"{bad}:3: {value_hint}, not '26,500'",
        f"{bad}:5: {value_hint}, not '4.5%'",
    ] == result.stderr.splitlines()
    assert before == plan_file.read_bytes()
    assert ["bad.csv", "targets.yaml"] == sorted(os.listdir(tmp_path))


def test_dry_run_prints_the_diff_and_the_status_moves_and_writes_nothing(
    plan_file: Path, csv_file: Path
) -> None:
    before = plan_file.read_bytes()
    result = run("import", str(csv_file), "--dry-run", "--file", str(plan_file))
    assert 0 == result.exit_code
    assert result.stdout.startswith(f"--- a/{str(plan_file).lstrip('/')}\n")
    assert '+    actuals:\n+      2021: {value: -4, source: "communiqué"}\n' in result.stdout
    assert "would import 2 of 3 rows" in result.stderr
    assert "  emissions: insufficient data -> on track\n" in result.stderr
    assert before == plan_file.read_bytes()


def test_import_json_is_the_documented_document_and_nothing_else(
    plan_file: Path, csv_file: Path
) -> None:
    result = run("import", str(csv_file), "--json", "--file", str(plan_file))
    doc = json.loads(result.stdout)
    assert [
        "schema_version", "as_of", "file", "csv", "dry_run", "added", "replaced", "present",
        "rows", "indicators", "diff",
    ] == list(doc)  # fmt: skip
    assert list(ImportDoc.__annotations__) == list(doc)  # the TypedDict is the contract
    assert list(ImportedRowDoc.__annotations__) == list(doc["rows"][0])
    assert (SCHEMA_VERSION, str(csv_file), False, 2, 0, 1, None) == (
        doc["schema_version"],
        doc["csv"],
        doc["dry_run"],
        doc["added"],
        doc["replaced"],
        doc["present"],
        doc["diff"],
    )
    assert {
        "line": 2, "id": "rd_intensity", "year": 2023, "value": 4.48, "quality": "estimate",
        "source": "work report", "note": None, "reported": None, "outcome": "added",
    } == doc["rows"][0]  # fmt: skip
    assert ["added", "present", "added"] == [r["outcome"] for r in doc["rows"]]
    moved = {i["id"]: (i["before"]["status"], i["after"]["status"]) for i in doc["indicators"]}
    # emissions: -4 in 2021 on the straight line 0 -> -10 (2020-2025, -2 a year): R = 2.
    # rd_intensity: 4.44 (2022) and 4.48 (2023) both meet "about 4.5" (tolerance 0.09).
    assert {
        "rd_intensity": ("achieved", "achieved"),
        "emissions": ("insufficient_data", "on_track"),
    } == moved


def test_import_reads_stdin_with_a_dash(plan_file: Path) -> None:
    result = CliRunner().invoke(
        app, ["import", "-", "--file", str(plan_file)], input="id,year,value\nemissions,2021,-4\n"
    )
    assert 0 == result.exit_code, result.stderr
    assert "      2021: -4\n" in plan_file.read_text()


def test_replace_replaces_each_rows_year(plan_file: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.csv"
    new.write_text("id,year,value\nrd_intensity,2022,4.43\n")
    result = run("import", str(new), "--replace", "--file", str(plan_file))
    assert 0 == result.exit_code
    assert "(1 replacing a year's reports)" in result.stderr
    assert "      2022: 4.43\n" in plan_file.read_text()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["missing.csv"], 1, "missing.csv: cannot read: No such file or directory"),
        (["new.csv", "--quality", "final"], 2, "No such option: --quality"),
        ([], 2, "Missing argument 'CSV'"),
    ],
)
def test_a_bad_invocation_is_one_line_and_changes_nothing(
    plan_file: Path,
    csv_file: Path,
    args: list[str],
    code: int,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = plan_file.read_bytes()
    monkeypatch.chdir(csv_file.parent)
    result = run("import", *args, "--file", str(plan_file))
    assert (code, "") == (result.exit_code, result.stdout)
    assert message in result.stderr
    assert before == plan_file.read_bytes()


def test_the_bundled_data_is_never_imported_into(
    tmp_path: Path, csv_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("import", str(csv_file), env={"SHTRACKER_FILE": None})
    assert 1 == result.exit_code
    assert "the bundled data is read-only" in result.stderr


def test_a_bad_csv_through_a_real_process_gives_no_traceback(plan_file: Path) -> None:
    done = shtracker_process(
        ["import", "-", "--file", str(plan_file)], stdin=b"id,year,value\n\xff\xfe,2021,1\n"
    )
    assert (1, b"") == (done.returncode, done.stdout)
    assert [b"stdin:2: not UTF-8 text (byte 0xff); save it as 'CSV UTF-8' (Excel) or with the "
            b"UTF-8 character set (LibreOffice)"] == done.stderr.splitlines()  # fmt: skip


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("rows", "tty", "drawn"), [(301, True, True), (300, True, False), (301, False, False)]
)
def test_a_progress_bar_shows_only_for_many_rows_on_a_terminal(
    rows: int, tty: bool, drawn: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = Terminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    with batch_commands._progress_bar(rows) as progress:
        progress(rows)
    assert drawn == ("importing rows" in stream.getvalue())

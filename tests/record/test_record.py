"""`shtracker record`: what it refuses, what it prints, and how it writes."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shtracker.datafile.locate import bundled_path
from shtracker.datafile.reader import load_plan
from shtracker.record import apply as recording
from tests.conftest import SMALL_PLAN, run


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


# -- bad invocations: a table --------------------------------------------------------


def _read_only_file(path: Path) -> str:
    path.chmod(0o444)
    return str(path)


def _read_only_folder(path: Path) -> str:
    path.parent.chmod(0o555)
    return str(path)


def _syntax_error(path: Path) -> str:
    path.write_text(SMALL_PLAN.replace("  2022: 4.44", "  2022: [4.44"), encoding="utf-8")
    return str(path)


def _invalid_data(path: Path) -> str:
    path.write_text(SMALL_PLAN.replace("2022: 4.44", "2022: 1,000"), encoding="utf-8")
    return str(path)


def _unverifiable(path: Path) -> str:
    # An empty list for 2023 after 2024: the edit fills the list where it stands,
    # but "the old data plus this report" puts 2023 before 2024, so it is refused.
    actuals = '      2021: {value: 4.21, source: "communiqué"}\n      2022: 4.44\n'
    path.write_text(SMALL_PLAN.replace(actuals, "      2024: 4.6\n      2023: []\n"), "utf-8")
    return str(path)


def _bundled(path: Path) -> str:
    return ""  # no --file, no $SHTRACKER_FILE, no ./targets.yaml: the bundled file


BAD: list[tuple[str, list[str], Any, int, str]] = [
    # (case, arguments, file setup, exit code, part of the message)
    ("nan", ["rd_intensity", "2023", "NaN"], None, 2, "plain decimal number"),
    ("inf", ["rd_intensity", "2023", "inf"], None, 2, "not 'inf'"),
    ("yaml nan", ["rd_intensity", "2023", ".nan"], None, 2, "plain decimal number"),
    ("empty value", ["rd_intensity", "2023", ""], None, 2, "not ''"),
    ("thousands separator", ["rd_intensity", "2023", "1,000"], None, 2, "thousands"),
    ("percent", ["rd_intensity", "2023", "4.5%"], None, 2, "not '4.5%'"),
    ("exponent", ["rd_intensity", "2023", "1e3"], None, 2, "exponent"),
    ("hex", ["rd_intensity", "2023", "0x10"], None, 2, "not '0x10'"),
    ("leading zero", ["rd_intensity", "2023", "010"], None, 2, "not '010'"),
    ("future year", ["rd_intensity", "2999", "4.5"], None, 2, "in the future"),
    ("year not a number", ["rd_intensity", "20x3", "4.5"], None, 2, "four-digit year"),
    ("two-digit year", ["rd_intensity", "23", "4.5"], None, 2, "four-digit year"),
    ("unknown id", ["rd_intensty", "2023", "4.5"], None, 1, "did you mean 'rd_intensity'"),
    (
        "bad quality",
        ["rd_intensity", "2023", "4.5", "--quality", "prelim"],
        None,
        2,
        "'preliminary'",
    ),
    ("empty source", ["rd_intensity", "2023", "4.5", "--source", " "], None, 2, "--source"),
    ("bundled file", ["rd_intensity", "2023", "4.5"], _bundled, 1, "shtracker init"),
    ("read-only file", ["rd_intensity", "2023", "4.5"], _read_only_file, 1, "read-only"),
    ("read-only folder", ["rd_intensity", "2023", "4.5"], _read_only_folder, 1, "read-only"),
    ("directory", ["rd_intensity", "2023", "4.5"], lambda p: str(p.parent), 1, "directory"),
    ("missing file", ["rd_intensity", "2023", "4.5"], lambda p: str(p) + ".gone", 1, "cannot read"),
    ("syntax error", ["rd_intensity", "2023", "4.5"], _syntax_error, 1, "not valid YAML"),
    ("invalid data", ["rd_intensity", "2023", "4.5"], _invalid_data, 1, "plain decimal"),
    ("fails verification", ["rd_intensity", "2023", "4.5"], _unverifiable, 1, "refusing"),
]


@pytest.mark.parametrize(
    ("args", "setup", "code", "message"),
    [case[1:] for case in BAD],
    ids=[case[0] for case in BAD],
)
def test_a_bad_invocation_exits_with_one_line_and_changes_nothing(
    plan_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    setup: Any,
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(plan_file.parent.parent)  # no ./targets.yaml here
    target = setup(plan_file) if setup else str(plan_file)
    watched = [plan_file, bundled_path()]
    before = ([digest(p) for p in watched], listing(plan_file.parent))
    try:
        options = ["--file", target] if target else []
        result = run("record", *args, *options, env={"SHTRACKER_FILE": None})
    finally:
        plan_file.parent.chmod(0o755)
    assert ([digest(p) for p in watched], listing(plan_file.parent)) == before
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_the_table_of_bad_invocations_is_long_enough() -> None:
    assert len(BAD) >= 15


def test_a_value_that_reads_as_short_options_is_still_a_usage_error(plan_file: Path) -> None:
    # "-inf" holds "-f" (--file), so Typer's own parser refuses it, with its own message.
    before = digest(plan_file)
    result = run("record", "--file", str(plan_file), "rd_intensity", "2023", "-inf")
    assert (result.exit_code, digest(plan_file)) == (2, before)


# -- what a good run prints ------------------------------------------------------------


def test_record_says_what_where_and_the_status_before_and_after(plan_file: Path) -> None:
    result = run("record", "rd_intensity", "2025", "4.3", "--file", str(plan_file))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        f"shtracker: recorded rd_intensity 2025 = 4.3 (final) in {plan_file}:15; "
        "status achieved -> missed\n"
    )
    assert plan_file.read_text("utf-8").splitlines()[14] == "      2025: 4.3"


@pytest.mark.parametrize("args", [["-3.5"], ["--", "-3.5"]], ids=["as is", "after --"])
def test_a_negative_value_is_a_value_not_an_option(plan_file: Path, args: list[str]) -> None:
    result = run("record", "--file", str(plan_file), "emissions", "2023", *args)
    assert result.exit_code == 0, result.stderr
    assert load_plan(str(plan_file)).by_id["emissions"].actuals[0].value == -3.5


def test_options_may_come_before_the_arguments(plan_file: Path) -> None:
    result = run(
        "record", "--file", str(plan_file), "--quality", "estimate", "emissions", "2023", "-3"
    )
    assert result.exit_code == 0, result.stderr
    report = load_plan(str(plan_file)).by_id["emissions"].actuals[0]
    assert (report.value, report.quality.value) == (-3, "estimate")


def test_a_repeated_year_keeps_the_earlier_report(plan_file: Path) -> None:
    run(
        "record",
        "rd_intensity",
        "2022",
        "4.45",
        "--quality",
        "preliminary",
        "--file",
        str(plan_file),
    )
    values = [r.value for r in load_plan(str(plan_file)).by_id["rd_intensity"].actuals]
    assert values == [4.21, 4.44, 4.45]


def test_replace_says_how_many_reports_it_replaced(plan_file: Path) -> None:
    run("record", "rd_intensity", "2022", "4.45", "--file", str(plan_file))
    result = run("record", "rd_intensity", "2022", "4.5", "--replace", "--file", str(plan_file))
    assert "= 4.5 (final), replacing 2 reports, in" in result.stderr
    values = [r.value for r in load_plan(str(plan_file)).by_id["rd_intensity"].actuals]
    assert values == [4.21, 4.5]


def test_text_that_looks_like_yaml_is_recorded_as_text(plan_file: Path) -> None:
    tricky = 'no # not a comment: {a: b} "quoted" \\ \t\n- item\u2028 &anchor *alias !tag'
    result = run(
        "record",
        "rd_intensity",
        "2023",
        "4.4",
        "--source",
        tricky,
        "--note",
        "yes",
        "--file",
        str(plan_file),
    )
    assert result.exit_code == 0, result.stderr
    report = load_plan(str(plan_file)).by_id["rd_intensity"].actuals[-1]
    assert (report.source, report.note) == (tricky, "yes")


# -- how it writes ---------------------------------------------------------------------


def test_a_symlinked_file_stays_a_symlink_to_the_updated_file(plan_file: Path) -> None:
    link = plan_file.parent / "link.yaml"
    link.symlink_to(plan_file.name)
    result = run("record", "rd_intensity", "2023", "4.4", "--file", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert os.readlink(link) == plan_file.name
    assert "2023: 4.4" in plan_file.read_text("utf-8")


def test_the_file_mode_is_kept(plan_file: Path) -> None:
    plan_file.chmod(0o640)
    run("record", "rd_intensity", "2023", "4.4", "--file", str(plan_file))
    assert stat.S_IMODE(plan_file.stat().st_mode) == 0o640


def test_no_lock_or_temporary_file_is_left_behind(plan_file: Path) -> None:
    run("record", "rd_intensity", "2023", "4.4", "--file", str(plan_file))
    assert listing(plan_file.parent) == ["targets.yaml"]


def test_a_hand_edit_saved_just_before_the_rename_is_kept(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real_replace = recording.replace_atomically

    def edit_by_hand_then_replace(
        path: str, real: str, data: bytes, unchanged: Callable[[], bool]
    ) -> bool:
        calls.append(path)
        if len(calls) == 1:  # the new bytes are ready: someone saves the file in an editor
            text = plan_file.read_text("utf-8").replace("# A small plan", "# A hand-edited plan")
            plan_file.write_text(text, "utf-8")
        return real_replace(path, real, data, unchanged)

    monkeypatch.setattr(recording, "replace_atomically", edit_by_hand_then_replace)
    result = run("record", "rd_intensity", "2023", "4.4", "--file", str(plan_file))
    assert result.exit_code == 0, result.stderr
    text = plan_file.read_text("utf-8")
    assert ("# A hand-edited plan" in text, "2023: 4.4" in text) == (True, True)
    assert len(calls) == 2  # refused the rename once, then redone on the new text
    assert listing(plan_file.parent) == ["targets.yaml"]


def test_a_file_that_keeps_changing_is_left_alone(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = iter(range(100))
    monkeypatch.setattr(
        recording,
        "read_bytes",
        lambda path, real: SMALL_PLAN.replace("small", f"v{next(reads)}").encode(),
    )
    before = digest(plan_file)
    result = run("record", "rd_intensity", "2023", "4.4", "--file", str(plan_file))
    assert (result.exit_code, digest(plan_file)) == (1, before)
    assert "kept changing" in result.stderr


# -- the JSON contract -----------------------------------------------------------------

RECORDED_TYPES = {
    "id": str,
    "year": int,
    "value": (int, float),
    "quality": str,
    "source": (str, type(None)),
    "note": (str, type(None)),
    "file": str,
    "line": int,
    "replaced": bool,
    "already_recorded": bool,
}


def test_record_json_is_the_documented_document_and_nothing_else(plan_file: Path) -> None:
    result = run(
        "record", "rd_intensity", "2025", "4.3", "--source", "s", "--json", "--file", str(plan_file)
    )
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert list(doc) == [
        "schema_version",
        "as_of",
        "recorded",
        "before",
        "after",
        "dry_run",
        "diff",
    ]
    assert (doc["schema_version"], doc["dry_run"], doc["diff"]) == (3, False, None)
    assert isinstance(doc["as_of"], int)
    assert list(doc["recorded"]) == list(RECORDED_TYPES)
    for key, kind in RECORDED_TYPES.items():
        assert isinstance(doc["recorded"][key], kind), key
    assert doc["recorded"] == {
        "id": "rd_intensity",
        "year": 2025,
        "value": 4.3,
        "quality": "final",
        "source": "s",
        "note": None,
        "file": str(plan_file),
        "line": 15,
        "replaced": False,
        "already_recorded": False,
    }
    status = json.loads(run("status", "--json", "--file", str(plan_file)).stdout)
    assert list(doc["before"]) == list(status["indicators"][0])
    assert doc["after"] == status["indicators"][0]
    assert (doc["before"]["status"], doc["after"]["status"]) == ("achieved", "missed")


def test_record_json_dry_run_carries_the_diff_and_writes_nothing(plan_file: Path) -> None:
    before = digest(plan_file)
    result = run(
        "record", "rd_intensity", "2023", "4.46", "--json", "--dry-run", "--file", str(plan_file)
    )
    doc = json.loads(result.stdout)
    assert (doc["dry_run"], digest(plan_file)) == (True, before)
    assert "\n       2022: 4.44\n+      2023: 4.46\n   emissions:\n" in doc["diff"]


def test_dry_run_prints_a_unified_diff(plan_file: Path) -> None:
    result = run("record", "rd_intensity", "2023", "4.46", "--dry-run", "--file", str(plan_file))
    label = str(plan_file).lstrip("/")
    assert result.stdout == (
        f"--- a/{label}\n"
        f"+++ b/{label}\n"
        "@@ -12,6 +12,7 @@\n"
        "     actuals:\n"
        '       2021: {value: 4.21, source: "communiqué"}\n'
        "       2022: 4.44\n"
        "+      2023: 4.46\n"
        "   emissions:\n"
        "     name: Emissions change\n"
        '     unit: "%"\n'
    )


@pytest.mark.parametrize("step", ["fsync", "chmod", "replace"])
def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary_file(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    from shtracker.datafile import writer as fileio

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, step, fail)
    before = digest(plan_file)
    result = run("record", "rd_intensity", "2023", "4.4", "--file", str(plan_file))
    monkeypatch.undo()
    assert (result.exit_code, digest(plan_file), listing(plan_file.parent)) == (
        1,
        before,
        ["targets.yaml"],
    )
    assert result.stderr == f"{plan_file}: cannot write: No space left on device; nothing written\n"


# -- idempotence -----------------------------------------------------------------------------


def test_recording_the_same_report_twice_changes_nothing_the_second_time(plan_file: Path) -> None:
    args = ("record", "rd_intensity", "2025", "4.5", "--source", "work report")
    first = run(*args, "--file", str(plan_file))
    written = plan_file.read_bytes()
    second = run(*args, "--file", str(plan_file))
    assert (0, 0) == (first.exit_code, second.exit_code)
    assert written == plan_file.read_bytes()
    assert 1 == written.count(b"2025:")
    assert (
        f"shtracker: rd_intensity 2025 = 4.5 (final) is already recorded in {plan_file}:15; "
        "nothing written\n"
    ) == second.stderr


@pytest.mark.parametrize("value", ["4.44", "4.440"])
def test_a_bare_number_already_there_is_already_recorded_however_written(
    plan_file: Path, value: str
) -> None:
    before = digest(plan_file)
    result = run("record", "rd_intensity", "2022", value, "--json", "--file", str(plan_file))
    assert (0, before) == (result.exit_code, digest(plan_file))
    assert json.loads(result.stdout)["recorded"]["already_recorded"] is True


def test_a_different_value_of_the_same_quality_is_recorded_as_a_revision(plan_file: Path) -> None:
    result = run("record", "rd_intensity", "2022", "4.45", "--file", str(plan_file))
    assert 0 == result.exit_code
    assert "2022 = 4.45 (final), a revision of the final 4.44, in " in result.stderr
    assert b"      2022:\n        - 4.44\n        - 4.45\n" in plan_file.read_bytes()


def test_the_same_value_from_another_source_is_recorded(plan_file: Path) -> None:
    result = run(
        "record", "rd_intensity", "2022", "4.44", "--source", "NBS", "--file", str(plan_file)
    )
    assert 0 == result.exit_code
    assert "a revision of the final 4.44" in result.stderr


def test_check_warns_about_a_report_listed_twice(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    twice = "      2023: [{value: 4.5, source: s}, {value: 4.5, source: s}]\n"
    path.write_text(SMALL_PLAN.replace("      2022: 4.44\n", "      2022: 4.44\n" + twice))
    result = run("check", "--file", str(path))
    assert 0 == result.exit_code
    assert (
        f"warning: {path}:7: rd_intensity: 2023: the same report (4.5 final, source 's') "
        "is listed more than once; remove the copy"
    ) in result.stderr.splitlines()
    once = tmp_path / "once.yaml"
    once.write_text(path.read_text().replace(", {value: 4.5, source: s}]", "]"))
    counted = run("check", "--file", str(once)).stdout
    extra = int(counted.split(", ")[-1].split()[0]) + 1
    assert result.stdout.endswith(f", 4 reports, {extra} warnings\n")

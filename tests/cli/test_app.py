"""The command line through typer's CliRunner and, where it matters, a real process."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from shtracker import __version__
from shtracker.cli.app import this_year
from shtracker.core.assess import assess
from shtracker.datafile.reader import load_plan
from tests.conftest import GOOD, ONE_PERIOD, TARGETS, run, run_process

IDS = [i.id for i in load_plan(ONE_PERIOD).indicators]
WIDE = {"COLUMNS": "250", "NO_COLOR": "1"}  # ids never wrap in the table


def as_json(result: Result) -> dict[str, Any]:
    assert 0 == result.exit_code, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


# --- status -------------------------------------------------------------------------------


def test_status_exits_0() -> None:
    assert 0 == run("status", "--file", ONE_PERIOD, "--as-of", "2026", env=WIDE).exit_code


def test_status_shows_all_11_indicators() -> None:
    stdout = run("status", "--file", ONE_PERIOD, "--as-of", "2026", env=WIDE).stdout
    assert 11 == len(IDS)
    assert [] == [i for i in IDS if i not in stdout]


def test_status_json_has_11_indicators() -> None:
    doc = as_json(run("status", "--json", "--file", ONE_PERIOD, "--as-of", "2026"))
    assert IDS == [i["id"] for i in doc["indicators"]]


def test_status_with_an_id_shows_only_that_indicator() -> None:
    doc = as_json(run("status", "rd_intensity", "--json", "--file", ONE_PERIOD))
    assert ["rd_intensity"] == [i["id"] for i in doc["indicators"]]


def test_status_with_an_id_draws_only_that_row() -> None:
    stdout = run("status", "rd_intensity", "--file", ONE_PERIOD, env=WIDE).stdout
    assert ["rd_intensity"] == [i for i in IDS if i in stdout]


def test_status_with_several_ids_keeps_their_order() -> None:
    args = ("status", "pct_applications", "rd_intensity", "--json", "--file", ONE_PERIOD)
    doc = as_json(run(*args))
    assert ["pct_applications", "rd_intensity"] == [i["id"] for i in doc["indicators"]]


def test_an_unknown_id_exits_1() -> None:
    assert 1 == run("status", "rd_intensty", "--file", ONE_PERIOD).exit_code


def test_an_unknown_id_is_named_with_a_suggestion_on_stderr() -> None:
    result = run("status", "rd_intensty", "--file", ONE_PERIOD)
    assert "" == result.stdout
    assert "unknown indicator 'rd_intensty'; did you mean 'rd_intensity'?" in result.stderr


def test_as_of_is_used_for_the_assessment() -> None:
    doc = as_json(run("status", "rd_intensity", "--json", "--as-of", "2023", "--file", ONE_PERIOD))
    record = doc["indicators"][0]
    assert (2023, 2023, "on_track") == (doc["as_of"], record["latest"]["year"], record["status"])


def test_as_of_defaults_to_this_year() -> None:
    assert this_year() == as_json(run("status", "--json", "--file", ONE_PERIOD))["as_of"]


def test_an_as_of_that_is_not_a_year_is_a_usage_error() -> None:
    assert 2 == run("status", "--as-of", "next", "--file", ONE_PERIOD).exit_code


def test_an_unknown_format_is_a_usage_error() -> None:
    assert 2 == run("status", "--format", "xml", "--file", ONE_PERIOD).exit_code


def test_format_csv_gives_a_header_and_one_row_per_indicator() -> None:
    result = run("status", "--format", "csv", "--file", ONE_PERIOD, "--as-of", "2026")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (0, IDS) == (result.exit_code, [row["id"] for row in table])


def test_json_flag_and_format_json_give_the_same_output() -> None:
    common = ("--file", ONE_PERIOD, "--as-of", "2026")
    assert (
        run("status", "--json", *common).stdout == run("status", "--format", "json", *common).stdout
    )


def test_json_output_is_json_and_nothing_else() -> None:
    result = run("status", "--json", "--file", ONE_PERIOD, "--as-of", "2026")
    assert ("", dict) == (result.stderr, type(json.loads(result.stdout)))


# --- check --------------------------------------------------------------------------------


def test_check_prints_one_summary_line() -> None:
    plan = load_plan(ONE_PERIOD)
    reports = sum(len(i.actuals) for i in plan.indicators)
    warnings = sum(len(assess(i, this_year()).notices) for i in plan.indicators)
    result = run("check", "--file", ONE_PERIOD)
    assert (0, f"{ONE_PERIOD}: ok: 11 indicators, {reports} reports, {warnings} warnings\n") == (
        result.exit_code,
        result.stdout,
    )


def test_check_summary_line_has_the_documented_shape() -> None:
    stdout = run("check", "--file", ONE_PERIOD).stdout
    assert re.fullmatch(r".+: ok: 11 indicators, \d+ reports, \d+ warnings\n", stdout)


def test_check_lists_every_warning_on_stderr_with_its_file_and_line() -> None:
    result = run("check", "--file", TARGETS)
    warnings = result.stderr.splitlines()
    count = int(re.search(r"(\d+) warnings", result.stdout).group(1))  # type: ignore[union-attr]
    assert count == len(warnings)
    assert all(re.match(rf"warning: {re.escape(TARGETS)}:\d+: [a-z_]+: ", w) for w in warnings)


def test_check_quiet_prints_nothing_for_a_good_file() -> None:
    result = run("check", "--quiet", "--file", TARGETS)
    assert (0, "", "") == (result.exit_code, result.stdout, result.stderr)


def test_check_quiet_still_prints_the_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("plan: {name: P}\nindicators: {}\n", encoding="utf-8")
    result = run("check", "-q", "--file", str(path))
    assert (1, "") == (result.exit_code, result.stdout)
    assert "target_year" in result.stderr


# --- which file -----------------------------------------------------------------------------


def test_without_a_file_the_bundled_data_is_used_and_said_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("status", "--json", env={"SHTRACKER_FILE": None})
    assert 0 == result.exit_code
    assert "bundled" in result.stderr
    document = json.loads(result.stdout)
    in_force = "fyp15" if document["as_of"] > 2025 else "fyp14"
    assert in_force == document["period"]["id"]


def test_check_without_a_file_checks_the_bundled_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", env={"SHTRACKER_FILE": None})
    assert (0, True) == (result.exit_code, "bundled" in result.stderr)


def test_a_targets_yaml_in_the_current_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "targets.yaml").write_bytes((GOOD / "flow_style.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = run("status", "--json", env={"SHTRACKER_FILE": None})
    assert ("Flow plan", "") == (json.loads(result.stdout)["plan"]["name"], result.stderr)


def test_shtracker_file_is_respected() -> None:
    path = str(GOOD / "flow_style.yaml")
    doc = as_json(run("status", "--json", env={"SHTRACKER_FILE": path}))
    assert (path, "Flow plan") == (doc["file"], doc["plan"]["name"])


def test_file_option_wins_over_shtracker_file() -> None:
    env = {"SHTRACKER_FILE": str(GOOD / "flow_style.yaml")}
    doc = as_json(run("status", "--json", "--file", ONE_PERIOD, env=env))
    assert ONE_PERIOD == doc["file"]


# --- version ----------------------------------------------------------------------------------


def test_version_prints_the_version() -> None:
    result = run("--version")
    assert (0, f"shtracker {__version__}\n") == (result.exit_code, result.stdout)


def test_python_m_shtracker_version_prints_the_version() -> None:
    done = run_process("--version")
    assert (0, f"shtracker {__version__}\n", "") == (done.returncode, done.stdout, done.stderr)


# --- colour ---------------------------------------------------------------------------------


def test_a_table_written_to_a_file_or_pipe_has_no_escape_codes() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env |= {
        "TERM": "xterm-256color",
        "COLUMNS": "250",
    }  # not a terminal: no colour
    done = run_process("status", "--file", ONE_PERIOD, "--as-of", "2026", env=env)
    assert (0, False) == (done.returncode, "\x1b[" in done.stdout + done.stderr)
    assert "rd_intensity" in done.stdout


def test_the_table_with_no_color_has_no_escape_codes() -> None:
    result = run("status", "--file", ONE_PERIOD, env={"NO_COLOR": "1", "TERM": "xterm-256color"})
    assert (0, False) == (result.exit_code, "\x1b[" in result.stdout)


def test_the_table_on_a_dumb_terminal_has_no_escape_codes() -> None:
    result = run("status", "--file", ONE_PERIOD, env={"NO_COLOR": None, "TERM": "dumb"})
    assert (0, False) == (result.exit_code, "\x1b[" in result.stdout)


def test_the_table_with_no_color_option_has_no_escape_codes() -> None:
    result = run("status", "--no-color", "--file", ONE_PERIOD, env={"FORCE_COLOR": "1"})
    assert (0, False) == (result.exit_code, "\x1b[" in result.stdout)


def test_json_has_no_escape_codes_even_when_colour_is_forced() -> None:
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": None}
    result = run("status", "--json", "--file", ONE_PERIOD, env=env)
    assert "\x1b[" not in result.stdout


def test_the_json_path_does_not_import_rich() -> None:
    code = (
        "import sys; from shtracker.cli.app import app\n"
        "try:\n    app(['status', '--json', '--file', sys.argv[1]])\n"
        "except SystemExit:\n    pass\n"
        "print('rich' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, ONE_PERIOD], capture_output=True, text=True, check=False
    )
    assert "False" == done.stderr.strip()


def test_an_empty_file_option_is_refused_not_replaced_by_the_bundled_data() -> None:
    result = run("check", "--file", "")
    assert (1, "", "'': an empty path names no data file\n") == (
        result.exit_code,
        result.stdout,
        result.stderr,
    )


def test_the_modules_that_define_commands_keep_their_annotations_as_objects() -> None:
    """typer reads each command's signature on every run; a string annotation (`from
    __future__ import annotations`) costs it an eval each time (cli/app.py's docstring)."""
    import ast

    from shtracker import cli

    folder = Path(cli.__file__).parent
    defining = [p for p in sorted(folder.glob("*.py")) if "@app.command" in p.read_text()]
    assert {"app.py", "batch_commands.py", "edit_commands.py"} <= {p.name for p in defining}
    for path in defining:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        futures = [
            alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module == "__future__"
            for alias in node.names
        ]
        assert "annotations" not in futures, path.name

"""What `status` prints for people and programs: formats, colour, plain text, groups, caps."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import GOOD, GROUPED_PLAN, ONE_PERIOD, run, run_process

CAPS = str(GOOD / "cap_and_floor.yaml")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# --- a cap the baseline already meets (methodology.md, "Maintain targets") -------------------


def cap_status(as_of: str) -> dict[str, object]:
    result = run("status", "unemployment", "--json", "--as-of", as_of, "-f", CAPS)
    assert (0, "") == (result.exit_code, result.stderr)
    record: dict[str, object] = json.loads(result.stdout)["indicators"][0]
    return record


def test_a_cap_loads_and_is_achieved_while_the_latest_value_stays_under_it() -> None:
    record = cap_status("2022")  # 3.1 in 2022 against at most 3.3, from 2.4
    assert ("achieved", True, "decrease") == (
        record["status"],
        record["maintain"],
        record["direction"],
    )
    assert (None, None) == (record["progress_pct"], record["pace_ratio"])


def test_a_broken_cap_is_regressing(tmp_path: Path) -> None:
    path = tmp_path / "caps.yaml"
    path.write_text(Path(CAPS).read_text().replace("      2022: 3.1", "      2022: 3.4"))
    result = run("status", "unemployment", "--json", "--as-of", "2022", "-f", str(path))
    assert "regressing" == json.loads(result.stdout)["indicators"][0]["status"]


def test_a_maintain_target_reads_maintain_in_the_table_without_a_bar() -> None:
    result = run("status", "unemployment", "--as-of", "2022", "-f", CAPS, env={"COLUMNS": "80"})
    row = next(line for line in result.stdout.splitlines() if "3.1" in line)
    assert re.search(r"≤ 3\.3\s+maintain\s+-\s+achieved$", row)
    assert "━" not in result.stdout


# --- formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize("other", ["csv", "markdown", "table"])
def test_json_with_another_format_is_a_usage_error(other: str) -> None:
    result = run("status", "--json", "--format", other, "-f", ONE_PERIOD)
    assert (2, "") == (result.exit_code, result.stdout)
    assert f"--json and --format {other} ask for two formats" in result.stderr


def test_json_with_format_json_is_fine() -> None:
    result = run("status", "--json", "--format", "json", "-f", ONE_PERIOD)
    assert 0 == result.exit_code
    assert 3 == json.loads(result.stdout)["schema_version"]


# --- plain text and colour -------------------------------------------------------------------


def plain_env(**extra: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**environ, "COLUMNS": "120", **extra}


def test_no_line_ends_in_blanks_when_redirected() -> None:
    result = run_process("status", "--as-of", "2026", "-f", ONE_PERIOD, env=plain_env())
    assert 0 == result.returncode
    assert [] == [line for line in result.stdout.splitlines() if line != line.rstrip()]


def test_a_plain_bar_shows_the_distance_left_with_thin_cells() -> None:
    result = run_process("status", "--as-of", "2026", "-f", ONE_PERIOD, env=plain_env())
    assert "━━━━━━━━╸─" in result.stdout  # high-tech enterprises, 88.9%


@pytest.mark.parametrize(
    ("args", "extra", "coloured"),
    [
        (["--color", "always"], {}, True),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"CLICOLOR_FORCE": "1"}, True),
        ([], {}, False),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        (["--no-color"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_colour_when_stdout_is_not_a_terminal(
    args: list[str], extra: dict[str, str], coloured: bool
) -> None:
    command = ["status", "--as-of", "2026", "-f", ONE_PERIOD, *args]
    result = run_process(*command, env=plain_env(**extra))
    assert coloured is ("\x1b[" in result.stdout)


def test_the_bar_and_the_label_of_a_status_share_one_colour() -> None:
    command = ["status", "high_tech_enterprises", "--as-of", "2026", "-f", ONE_PERIOD]
    out = run_process(*command, "--color", "always", env=plain_env()).stdout
    label = re.search(r"\x1b\[([0-9;]*)m(on track)", out)
    bar = re.search(r"\x1b\[([0-9;]*)m(━+)", out)
    assert label is not None
    assert bar is not None
    assert label.group(1).split(";")[-1] == bar.group(1).split(";")[-1]  # the colour code


# --- groups ------------------------------------------------------------------------------------


@pytest.fixture
def grouped(tmp_path: Path) -> str:
    path = tmp_path / "groups.yaml"
    path.write_text(GROUPED_PLAN, encoding="utf-8")
    return str(path)


def test_two_spellings_of_a_group_make_one_heading_in_the_first_spelling(grouped: str) -> None:
    lines = run("status", "-f", grouped, "--no-color").stdout.splitlines()
    assert ["CORE", "INDUSTRY"] == [line for line in lines if line in ("CORE", "INDUSTRY")]


@pytest.mark.parametrize("typed", ["core", "CORE", "Core"])
def test_group_matches_regardless_of_case(grouped: str, typed: str) -> None:
    result = run("status", "--json", "--group", typed, "-f", grouped)
    assert ["a", "b"] == [i["id"] for i in json.loads(result.stdout)["indicators"]]
    assert ["core", "core"] == [i["group"] for i in json.loads(result.stdout)["indicators"]]


def test_check_warns_where_two_spellings_of_a_group_differ(grouped: str) -> None:
    result = run("check", "-f", grouped)
    assert 0 == result.exit_code
    assert (
        f"warning: {grouped}:4:1: indicator 'b' group 'Core' is spelled 'core' for 'a' "
        "(line 3): shown as one group, 'core'"
    ) in result.stderr.splitlines()


# --- the same words everywhere -----------------------------------------------------------------


def test_record_says_the_statuses_as_the_table_does(plan_file: Path) -> None:
    # 4.17 (2020) -> 4.4 (2023): R = 0.0181 / 0.0153 = 1.18, and 4.4 < 4.41: on track.
    result = run("record", "rd_intensity", "2023", "4.4", "-f", str(plan_file))
    assert result.stderr.endswith("; status achieved -> on track\n")

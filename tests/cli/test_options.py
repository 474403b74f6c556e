"""`status --fail-on`, `--status` and `--group`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from shtracker.cli.app import app
from shtracker.cli.options import STATUS_NAMES
from tests.conftest import ONE_PERIOD

BUNDLED_COUNT = 11

runner = CliRunner()


def status(*args: str) -> Any:
    return runner.invoke(
        app, ["status", "--as-of", "2026", "--file", ONE_PERIOD, *args], env={"NO_COLOR": "1"}
    )


def shown(result: Any) -> list[dict[str, Any]]:
    indicators: list[dict[str, Any]] = json.loads(result.stdout)["indicators"]
    return indicators


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["--fail-on", "on_track"], 3),  # high_tech_enterprises, biomedicine_industry_output
        (["--fail-on", "regressing"], 0),
        (["--fail-on", "met,achieved"], 3),
        (["--fail-on", "met", "--fail-on", "achieved"], 3),
        (["--fail-on", "behind,far_behind,regressing,missed"], 0),
        (["--fail-on", "on-track"], 3),  # written as people say it
        (["--fail-on", "on_track", "--status", "met"], 0),  # only what is shown counts
        (["--fail-on", "on_track", "--group", "industry"], 3),
        (["--fail-on", "on_track", "rd_intensity"], 0),
        (["--fail-on", "bogus"], 2),
        (["--fail-on", "met,bogus"], 2),
        (["--status", "bogus"], 2),
    ],
)
def test_fail_on_exit_codes(args: list[str], exit_code: int) -> None:
    assert exit_code == status("--json", *args).exit_code


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_fail_on_prints_the_normal_output_before_exiting_3(fmt: str) -> None:
    result = status("--format", fmt, "--fail-on", "on_track")
    assert 3 == result.exit_code
    assert "high_tech_enterprises" in result.stdout
    assert result.stdout == status("--format", fmt).stdout
    assert (
        "--fail-on: 2 indicators with a status asked for: "
        "high_tech_enterprises (on track), biomedicine_industry_output (on track)\n"
    ) == result.stderr


def test_an_unknown_status_name_is_a_usage_error_listing_the_valid_names() -> None:
    result = status("--fail-on", "on_trak")
    assert (2, "") == (result.exit_code, result.stdout)
    assert "--fail-on: unknown status 'on_trak'" in result.stderr
    assert all(name in result.stderr for name in STATUS_NAMES)


def test_status_filter_keeps_only_the_statuses_named() -> None:
    result = status("--json", "--status", "on_track")
    assert ["on_track", "on_track"] == [i["status"] for i in shown(result)]


def test_status_filter_accepts_a_comma_list_or_repeats() -> None:
    ids = [i["id"] for i in shown(status("--json", "--status", "achieved,on_track"))]
    assert ids == [
        i["id"] for i in shown(status("--json", "--status", "achieved", "--status", "on_track"))
    ]
    assert 4 == len(ids)


def test_group_filter_keeps_only_that_group() -> None:
    result = status("--json", "--group", "industry")
    assert ["industry"] * 3 == [i["group"] for i in shown(result)]


def test_filters_combine() -> None:
    result = status("--json", "--group", "core", "--status", "on_track")
    assert ["high_tech_enterprises"] == [i["id"] for i in shown(result)]


def test_the_json_summary_counts_only_what_is_shown() -> None:
    summary = json.loads(status("--json", "--group", "industry").stdout)["summary"]
    assert 3 == sum(summary.values())


def test_an_unknown_group_exits_1_with_a_suggestion() -> None:
    result = status("--group", "indstry")
    assert (1, "") == (result.exit_code, result.stdout)
    assert "unknown group 'indstry'; did you mean 'industry'? (groups: core, industry)\n" == (
        result.stderr
    )

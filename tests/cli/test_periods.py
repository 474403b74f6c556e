"""The commands on a file with periods: --period, the default period, the other periods."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ONE_PERIOD, TARGETS, run

WIDE = {"COLUMNS": "200", "NO_COLOR": "1"}


def test_status_shows_the_period_in_force_in_its_title() -> None:
    out = run("status", "-f", TARGETS, "--as-of", "2026", env=WIDE).stdout
    assert "15th Five-Year Plan (2025-2030), as of 2026" in out.splitlines()[1]


def test_status_keeps_every_other_period_in_sight_with_one_line() -> None:
    lines = run("status", "-f", TARGETS, "--as-of", "2026", env=WIDE).stdout.splitlines()
    assert [
        "14th Five-Year Plan (2020-2025): 8 met, 2 achieved, 1 on track; "
        "shtracker status --period fyp14",
        # R&D intensity and the smart factories' 2026 total: neither has a 2026 figure yet.
        "2026 annual targets (2025-2026): 2 insufficient data; shtracker status --period y2026",
    ] == [" ".join(line.split()) for line in lines if "shtracker status --period" in line]


def test_status_period_fyp14_lists_the_eleven_14th_plan_indicators() -> None:
    doc = json.loads(
        run("status", "-f", TARGETS, "--as-of", "2026", "--period", "fyp14", "--json").stdout
    )
    assert ("fyp14", 11) == (doc["period"]["id"], len(doc["indicators"]))
    assert {2025} == {i["target"]["year"] for i in doc["indicators"]}


@pytest.mark.parametrize(("as_of", "expected"), [(2024, "fyp14"), (2025, "fyp14"), (2026, "fyp15")])
def test_status_json_defaults_to_the_period_in_force(as_of: int, expected: str) -> None:
    doc = json.loads(run("status", "-f", TARGETS, "--as-of", str(as_of), "--json").stdout)
    assert expected == doc["period"]["id"]


def test_an_unknown_period_is_a_usage_error_with_a_suggestion() -> None:
    result = run("status", "-f", TARGETS, "--period", "fyp16")
    assert (2, "") == (result.exit_code, result.stdout)
    assert "--period: unknown period 'fyp16'; did you mean 'fyp15'?\n" == result.stderr


def test_a_period_for_a_file_without_periods_is_a_usage_error() -> None:
    result = run("status", "-f", ONE_PERIOD, "--period", "fyp14")
    assert (2, "--period fyp14: this file declares no periods\n") == (
        result.exit_code,
        result.stderr,
    )


def test_an_id_named_without_a_target_in_the_period_is_refused() -> None:
    result = run("status", "pct_applications", "-f", TARGETS, "--period", "fyp15")
    assert (1, "") == (result.exit_code, result.stdout)
    assert "'pct_applications' has no target in period 'fyp15' (it has: fyp14)" in result.stderr


def test_fail_on_looks_at_the_period_shown() -> None:
    args = ("status", "-f", TARGETS, "--as-of", "2026", "--json", "--fail-on")
    assert (0, 3) == (
        run(*args, "on_track", "--period", "fyp15").exit_code,
        run(*args, "on_track", "--period", "fyp14").exit_code,
    )


def test_show_json_gives_every_period_of_the_indicator() -> None:
    doc = json.loads(run("show", "rd_intensity", "-f", TARGETS, "--as-of", "2026", "--json").stdout)
    assert [
        ("fyp14", "met", 4.17, 4.5),
        ("fyp15", "insufficient_data", 4.5, 5),
        ("y2026", "insufficient_data", 4.5, 4.6),
    ] == [
        (
            p["period"]["id"],
            p["assessment"]["status"],
            p["assessment"]["baseline"]["value"],
            p["assessment"]["target"]["value"],
        )
        for p in doc["periods"]
    ]
    assert "fyp15" == doc["period"]["id"]


def test_show_defaults_to_the_indicator_s_own_period_in_force() -> None:
    # pct_applications has a target in the 14th plan only
    doc = json.loads(
        run("show", "pct_applications", "-f", TARGETS, "--as-of", "2026", "--json").stdout
    )
    assert ("fyp14", "met") == (doc["period"]["id"], doc["indicator"]["status"])


def test_show_lists_each_period_with_its_baseline_target_and_status() -> None:
    out = run("show", "rd_intensity", "-f", TARGETS, "--as-of", "2026", env=WIDE).stdout
    lines = [" ".join(line.split()) for line in out.splitlines()]
    rows = [line for line in lines if "Plan 20" in line or "targets 20" in line]
    assert [
        "14th Five-Year Plan 2020-2025 4.17 ≈ 4.5 [13] met",
        "> 15th Five-Year Plan 2025-2030 4.5 e ≥ 5 [3] insufficient data",
        "2026 annual targets 2025-2026 4.5 e ≈ 4.6 [14] insufficient data",
    ] == rows[:3]


def test_show_gives_a_required_path_column_per_period_in_a_pipe() -> None:
    out = run("show", "rd_intensity", "-f", TARGETS, "--as-of", "2026", env=WIDE).stdout
    lines = [" ".join(line.split()) for line in out.splitlines()]
    header = "Year Reported fyp14 path fyp15 path y2026 path"
    start = lines.index(header)
    # fyp14: 4.17 * (4.5/4.17) ** (3/5) = 4.36 in 2023; fyp15: 4.5 * (5/4.5) ** (1/5) = 4.60
    assert "2023 4.4 4.36 - -" == lines[start + 4]
    assert "2026 - - 4.60 4.60" == lines[start + 7]


def test_check_counts_the_warnings_of_every_period() -> None:
    result = run("check", "-f", TARGETS)
    warnings = result.stderr.splitlines()
    assert 0 == result.exit_code
    assert all(w.startswith("warning: ") for w in warnings)
    assert result.stdout.endswith(f": ok: 19 indicators, 58 reports, {len(warnings)} warnings\n")
    # one of them is only in the 15th plan: a baseline year with no figure yet
    pending = "digital_core_share: the 2025 figure, the baseline of the 15th"
    assert any(pending in w for w in warnings)


def test_record_in_a_file_with_periods_reports_the_status_in_force(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_bytes(Path(TARGETS).read_bytes())
    result = run(
        "record", "tech_contract_turnover", "2026", "760", "--source", "s", "-f", str(path)
    )
    assert 0 == result.exit_code, result.stderr
    # fyp15, from 649.68 (2025): one more point, so a pace can be measured
    assert "status insufficient data -> " in result.stderr
    assert "insufficient data -> insufficient data" not in result.stderr


def test_show_refuses_a_period_the_indicator_has_no_target_in() -> None:
    result = run("show", "pct_applications", "-f", TARGETS, "--period", "fyp15")
    assert (1, "") == (result.exit_code, result.stdout)
    assert "no target in period 'fyp15' (it has: fyp14)" in result.stderr


def test_show_period_chooses_the_period_shown() -> None:
    args = ("show", "rd_intensity", "-f", TARGETS, "--as-of", "2026", "--period", "y2026")
    doc = json.loads(run(*args, "--json").stdout)
    assert ("y2026", 4.6, 3) == (
        doc["period"]["id"],
        doc["indicator"]["target"]["value"],
        len(doc["periods"]),
    )

"""`shtracker show`: the page at fixed widths, the chart and its fallback, the JSON contract."""

from __future__ import annotations

import io
import json
import os
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from shtracker.cli.app import app
from shtracker.core.assess import Assessment, assess
from shtracker.core.model import Direction, Indicator, Kind, Report, Target
from shtracker.core.periods import assess_in_period, implicit_period
from shtracker.datafile.reader import load_plan
from shtracker.render import chart
from shtracker.render import show_view as story
from shtracker.render.show_page import print_show
from tests.conftest import ONE_PERIOD, SNAPSHOTS, TARGETS, TESTS

FIXTURE = TESTS / "show_fixture.yaml"
#: Set to rewrite the snapshot files, then review the diff before committing it.
UPDATE = os.environ.get("SHTRACKER_UPDATE_SNAPSHOTS") == "1"
ESCAPE = "\x1b["

runner = CliRunner()


def run(*args: str, columns: int = 80) -> Any:
    env = {"COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "xterm-256color"}
    return runner.invoke(app, list(args), env=env)


def bundled(indicator: str, as_of: int) -> Assessment:
    return assess(load_plan(str(ONE_PERIOD)).by_id[indicator], as_of)


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal, to see what a person at one would get."""

    def isatty(self) -> bool:
        return True


# --- the page, as snapshots -------------------------------------------------


@pytest.mark.parametrize("columns", [80, 120])
def test_show_page_matches_its_snapshot(columns: int) -> None:
    result = run("show", "widgets", "--as-of", "2024", "--file", str(FIXTURE), columns=columns)
    assert (0, "") == (result.exit_code, result.stderr)
    snapshot = SNAPSHOTS / f"show_widgets_{columns}.txt"
    if UPDATE:
        snapshot.write_text(result.stdout, encoding="utf-8")
    assert snapshot.read_text(encoding="utf-8") == result.stdout


@pytest.mark.parametrize("columns", [80, 120])
def test_show_page_fits_its_width_without_escape_codes(columns: int) -> None:
    out = run("show", "widgets", "--as-of", "2024", "-f", str(FIXTURE), columns=columns).stdout
    assert ESCAPE not in out
    assert max(len(line) for line in out.splitlines()) <= columns


def test_show_marks_the_revision_the_conflict_and_the_partial_years() -> None:
    out = run("show", "widgets", "--as-of", "2024", "-f", str(FIXTURE)).stdout
    assert re.search(r"^\s+110\s+preliminary\s+superseded", out, re.MULTILINE)
    assert re.search(r"^2022\s+140\s+final\s+132\s+\+8\s+conflict", out, re.MULTILINE)
    assert re.search(r"^\s+130\s+final\s+conflict", out, re.MULTILINE)
    assert re.search(r"^\s+120\s+partial\s+partial", out, re.MULTILINE)
    assert re.search(r"^2024\s+85\s+partial\s+174\s+partial", out, re.MULTILINE)
    assert re.search(r"^2025\s+-\s+200$", out, re.MULTILINE)


def test_show_says_where_the_baseline_came_from_when_none_is_declared() -> None:
    out = run("show", "basic_research_share", "--as-of", "2026", "-f", str(ONE_PERIOD)).stdout
    assert "taken from the actuals: no baseline declared" in out


def test_show_gives_linear_growth_in_units_a_year() -> None:
    out = run("show", "net_balance", "--as-of", "2024", "-f", str(FIXTURE)).stdout
    assert "Observed -1.5 Mt a year against -2 Mt a year required" in out


def test_show_of_an_indicator_without_data_says_there_is_nothing_to_measure() -> None:
    result = run("show", "empty", "--as-of", "2024", "-f", str(FIXTURE))
    assert 0 == result.exit_code
    assert "no usable figure and no baseline, so nothing to measure" in result.stdout


def test_show_of_an_unknown_id_exits_1_with_a_suggestion() -> None:
    result = run("show", "widget", "-f", str(FIXTURE))
    assert (1, "") == (result.exit_code, result.stdout)
    assert "unknown indicator 'widget'; did you mean 'widgets'?" in result.stderr


# --- the measures, in sentences ----------------------------------------------


def test_sentences_follow_the_worked_example_of_high_tech_enterprises() -> None:
    said = story.sentences(bundled("high_tech_enterprises", 2024))
    assert "Progress: 88.9% of the distance from 17,012 (2020) to 26,000" in said[0]
    assert "0.5 years ahead of the required path." in said
    assert any(s.startswith("Observed 10.1% a year against 8.85% a year") for s in said)
    assert any("2025 projects to 27,526, above the 26,000 target" in s for s in said)
    assert "Status as of 2024: on track." == said[-1]


def test_sentences_say_why_trend_measures_are_missing_at_the_baseline() -> None:
    said = story.sentences(bundled("basic_research_share", 2024))
    assert "Only the baseline is known: the trend measures need a later figure." in said


# --- the chart ---------------------------------------------------------------


def test_chart_of_a_bundled_indicator_draws_axes_series_and_target() -> None:
    series = chart.series(bundled("high_tech_enterprises", 2026))
    drawn = chart.plot(series, width=80)
    lines = drawn.splitlines()
    assert chart.HEIGHT == len(lines)
    assert max(len(line) for line in lines) <= 80
    assert "┤" in drawn  # y axis ticks
    assert "┬" in drawn  # x axis ticks
    assert re.search(r"2020\s+2021\s+2022\s+2023\s+2024\s+2025", lines[-1])
    assert "25,000┤" in drawn  # a round y tick, formatted like the table
    assert drawn.count(chart.REPORTED_MARKER) == len(series.reported)  # 2020-2024
    assert chart.PATH_MARKER in drawn
    assert chart.TARGET_MARKER * 20 in drawn  # the target level, a long flat line
    assert ESCAPE not in drawn


def test_chart_is_coloured_only_when_asked() -> None:
    series = chart.series(bundled("rd_intensity", 2024))
    assert ESCAPE in chart.plot(series, width=80, color=True)
    assert ESCAPE not in chart.plot(series, width=80, color=False)


def test_show_on_a_wide_terminal_draws_the_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    out = FakeTerminal()
    print_show(bundled("high_tech_enterprises", 2026), out)
    text = out.getvalue()
    assert "25,000┤" in text
    assert "● reported   · required path   ─ target 26,000" in text
    assert "plain table" not in text
    assert ESCAPE not in text


def test_a_file_without_periods_draws_one_required_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    plan = load_plan(ONE_PERIOD)
    implicit = implicit_period(plan)
    shown, again = (bundled("high_tech_enterprises", 2026) for _ in range(2))
    out = FakeTerminal()
    print_show(shown, out, period=implicit, stories=[(implicit, again)])
    assert "· required path   ─" in out.getvalue()
    assert "Periods" not in out.getvalue()


def test_a_file_with_periods_draws_every_period_s_required_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    plan = load_plan(TARGETS)
    ind = plan.by_id["rd_intensity"]
    stories = [(p, assess_in_period(ind, p, 2026)) for p in plan.periods]
    out = FakeTerminal()
    print_show(stories[1][1], out, period=plan.periods[1], stories=stories)  # type: ignore[arg-type]
    text = out.getvalue()
    assert "· required paths (every period)" in text
    # the chart spans the 14th plan's baseline year to the 15th plan's target year
    assert re.search(r"^\s+2020\s+2021\s.*\s2030$", text, re.MULTILINE)


def test_show_on_a_narrow_terminal_prints_the_plain_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(chart.MIN_WIDTH - 1))
    monkeypatch.setenv("NO_COLOR", "1")
    out = FakeTerminal()
    print_show(bundled("high_tech_enterprises", 2026), out)
    text = out.getvalue()
    assert "┤" not in text
    assert re.search(r"^Year\s+Reported\s+Required path$", text, re.MULTILINE)
    assert re.search(r"^2024\s+25,000\s+23,885$", text, re.MULTILINE)
    assert "(plain table: the terminal is narrower than the 60 columns a chart needs)" in " ".join(
        text.split()
    )


def test_show_into_a_pipe_prints_the_plain_table() -> None:
    out = run(
        "show", "high_tech_enterprises", "--as-of", "2026", "-f", str(ONE_PERIOD), columns=200
    )
    assert "┤" not in out.stdout
    assert re.search(r"^2020\s+16,600\s+17,012$", out.stdout, re.MULTILINE)


def test_plotext_is_not_imported_by_the_json_path() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from shtracker.cli.app import app\n"
        "try: app(['show', 'rd_intensity', '--json', '-f', sys.argv[1]])\n"
        "except SystemExit: pass\n"
        "print('plotext' in sys.modules, 'rich' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ONE_PERIOD)], capture_output=True, text=True, check=True
    )
    assert "False False" == done.stderr.strip().splitlines()[-1]


# --- the JSON contract ------------------------------------------------------

REPORT_KEYS = {"value": (int, float), "quality": str, "source": (str, type(None))}
REPORT_KEYS |= {"note": (str, type(None))}
YEAR_KEYS = ["year", "baseline", "used", "superseded", "partial", "conflicts"]
YEAR_KEYS += ["level", "met", "expected_value", "gap"]


def check_report(record: dict[str, Any]) -> None:
    assert list(REPORT_KEYS) == list(record)
    for key, kind in REPORT_KEYS.items():
        assert isinstance(record[key], kind), key


def test_show_json_has_the_documented_keys_and_types() -> None:
    result = run("show", "widgets", "--as-of", "2024", "--json", "-f", str(FIXTURE))
    assert (0, "") == (result.exit_code, result.stderr)
    doc = json.loads(result.stdout)
    keys = ["schema_version", "as_of", "file", "period", "indicator", "periods", "years"]
    assert [*keys, "sentences"] == list(doc)
    assert (3, 2024, str(FIXTURE)) == (doc["schema_version"], doc["as_of"], doc["file"])
    assert [("plan", doc["indicator"])] == [
        (p["period"]["id"], p["assessment"]) for p in doc["periods"]
    ]
    assert "widgets" == doc["indicator"]["id"]
    assert "on_track" == doc["indicator"]["status"]
    assert all(isinstance(s, str) for s in doc["sentences"])
    assert list(range(2020, 2026)) == [y["year"] for y in doc["years"]]
    for year in doc["years"]:
        assert YEAR_KEYS == list(year)
        assert isinstance(year["baseline"], bool)
        for record in ([year["used"]] if year["used"] else []) + year["superseded"]:
            check_report(record)
        for record in year["partial"]:
            check_report(record)
        for pair in year["conflicts"]:
            assert 2 == len(pair)
            for record in pair:
                check_report(record)
        for key in ("expected_value", "gap"):
            assert year[key] is None or isinstance(year[key], float)


def test_show_json_carries_every_report_of_every_year() -> None:
    doc = json.loads(run("show", "widgets", "--as-of", "2024", "--json", "-f", str(FIXTURE)).stdout)
    years = {y["year"]: y for y in doc["years"]}
    assert [110] == [r["value"] for r in years[2021]["superseded"]]
    assert [[130, 140]] == [[r["value"] for r in pair] for pair in years[2022]["conflicts"]]
    assert ([120], 160) == (
        [r["value"] for r in years[2023]["partial"]],
        years[2023]["used"]["value"],
    )
    assert (None, [85]) == (years[2024]["used"], [r["value"] for r in years[2024]["partial"]])
    assert (None, 200.0) == (years[2025]["used"], years[2025]["expected_value"])
    reports = sum(
        (1 if y["used"] and not y["baseline"] else 0) + len(y["superseded"]) + len(y["partial"])
        for y in doc["years"]
    )
    assert 7 == reports  # every report in the fixture's widgets actuals


def test_show_json_ignores_reports_after_as_of() -> None:
    doc = json.loads(run("show", "widgets", "--as-of", "2022", "--json", "-f", str(FIXTURE)).stdout)
    later = [y for y in doc["years"] if y["year"] > 2022]
    assert [(2023, None, []), (2024, None, []), (2025, None, [])] == [
        (y["year"], y["used"], y["partial"]) for y in later
    ]


def test_show_on_a_narrow_page_gives_the_quality_as_a_flag_after_the_value() -> None:
    out = run("show", "widgets", "--as-of", "2024", "-f", str(FIXTURE), columns=50).stdout
    assert max(len(line) for line in out.splitlines()) <= 50
    assert re.search(r"^Year\s+Value\s+Required\s+Gap\s+Src$", out, re.MULTILINE)
    assert re.search(r"^\s+110 p\s+superseded\s+\[4\]$", out, re.MULTILINE)
    assert re.search(r"^2024\s+85 part\s+174\s+partial\s+\[9\]$", out, re.MULTILINE)


# --- a maintain target: no required path anywhere ---------------------------------------


def maintain_page() -> str:
    out = io.StringIO()
    print_show(bundled("high_value_patents", 2024), out, color="never")
    return out.getvalue()


def test_a_maintain_target_is_said_to_be_one_with_its_reason() -> None:
    sentences = story.sentences(bundled("high_value_patents", 2024))
    assert sentences[0].startswith("The baseline 29.6 (2020) already meets ≈ 30: a target to")
    assert "57.9 in 2024 still meets ≈ 30." in sentences
    assert not any("Progress" in s or "pace ratio" in s for s in sentences)


def test_a_maintain_target_reads_higher_is_better_not_should_rise() -> None:
    page = maintain_page()
    assert "per 10,000 people (higher is better)" in page
    assert "should rise" not in page


def test_a_maintain_target_has_no_required_column_nor_path() -> None:
    page = maintain_page()
    assert "Required" not in page  # the years table's column and the plain chart's
    assert "Reported against the target" in page
    assert "met at the baseline: a target to maintain, no required path" in page


def test_a_maintain_chart_has_no_path_and_no_path_in_its_key() -> None:
    series = chart.series(bundled("strategic_emerging_share", 2026))
    assert () == series.path
    assert ["● reported", "─ target 20"] == [label for label, _ in chart.legend(series)]


def test_at_the_baseline_only_progress_is_undefined_for_lack_of_a_later_figure() -> None:
    target = Target(2025, 200, Kind.AT_LEAST)
    indicator = Indicator("x", "X", "u", target, Direction.INCREASE, Report(2020, 100))
    sentences = story.sentences(assess(indicator, 2021))
    assert "Progress is undefined: only the baseline is known." == sentences[0]

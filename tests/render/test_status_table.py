"""The `status` table at fixed widths, colour off: whole labels, whole ids, nothing too wide."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from shtracker.cli.app import app
from shtracker.core.assess import Assessment, assess
from shtracker.core.model import Direction, Indicator, Kind, Plan, Report, Target
from shtracker.core.periods import assess_in_period, find_period
from shtracker.datafile.reader import load_plan
from shtracker.render import formatting as fmt
from shtracker.render.console import make_console, wants_color
from shtracker.render.status_table import render_status
from tests.conftest import ONE_PERIOD, TARGETS, documentation

PLAN = load_plan(ONE_PERIOD)
WIDTHS = [60, 80, 100, 120, 160]
AS_OF = [2021, 2023, 2026]


def assessed(as_of: int, plan: Plan = PLAN) -> list[Assessment]:
    return [assess(i, as_of) for i in plan.indicators]


def rendered(width: int, as_of: int = 2026, plan: Plan = PLAN) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, color_system=None, highlight=False)
    render_status(console, plan, as_of, assessed(as_of, plan))
    return out.getvalue()


def table_part(text: str) -> list[str]:
    """Return the lines from the header to the last row (the footer follows a blank line)."""
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("Indicator"))
    end = next(k for k, line in enumerate(lines) if re.match(r"\d+ indicators?", line))
    return lines[start:end]


def footer_part(text: str) -> list[str]:
    lines = text.splitlines()
    return lines[next(k for k, line in enumerate(lines) if re.match(r"\d+ indicators?", line)) :]


def label_count(lines: list[str], label: str) -> int:
    return sum(len(re.findall(rf"(?<![\w-]){re.escape(label)}(?![\w-])", line)) for line in lines)


# --- what every width must keep --------------------------------------------------------------


@pytest.mark.parametrize("as_of", AS_OF)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_wider_than_the_terminal(width: int, as_of: int) -> None:
    lines = rendered(width, as_of).splitlines()
    assert [] == [line for line in lines if cell_len(line) > width]


@pytest.mark.parametrize(
    ("width", "as_of"),
    # At 60 columns 'insufficient data' (as of 2021) takes two lines: the next test.
    [(w, y) for w in WIDTHS for y in AS_OF if (w, y) != (60, 2021)],
)
def test_every_status_label_appears_whole_once_per_indicator(width: int, as_of: int) -> None:
    table = table_part(rendered(width, as_of))
    expected = Counter(fmt.STATUS_LABEL[a.status] for a in assessed(as_of))
    assert expected == Counter({label: label_count(table, label) for label in expected})


def test_at_60_columns_a_long_label_wraps_between_words_rather_than_shorten_an_id() -> None:
    table = table_part(rendered(60, 2021))
    k = next(k for k, line in enumerate(table) if line.rstrip().endswith("insufficient"))
    column = table[k].index("insufficient")
    assert "data" == table[k + 1][column:].strip()


@pytest.mark.parametrize("as_of", AS_OF)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_id_appears_unbroken_on_its_own_line(width: int, as_of: int) -> None:
    first_words = [line.split()[0] for line in table_part(rendered(width, as_of)) if line.split()]
    assert [] == [i.id for i in PLAN.indicators if i.id not in first_words]


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_cut_with_an_ellipsis(width: int) -> None:
    assert "…" not in "\n".join(table_part(rendered(width)))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_table_has_no_escape_codes_with_colour_off(width: int) -> None:
    assert "\x1b" not in rendered(width)


def test_group_headings_come_in_order_of_first_appearance_above_their_rows() -> None:
    first_words = [line.split()[0] for line in table_part(rendered(80)) if line.split()]
    core, industry = first_words.index("CORE"), first_words.index("INDUSTRY")
    by_group = {g: [i.id for i in PLAN.indicators if i.group == g] for g in ("core", "industry")}
    assert all(core < first_words.index(i) < industry for i in by_group["core"])
    assert all(industry < first_words.index(i) for i in by_group["industry"])


# --- the cells ---------------------------------------------------------------------------------


def row_lines(table: list[str], indicator_id: str) -> list[str]:
    """Return the lines of one indicator's row: up from its id to a blank line or a heading."""
    end = next(k for k, line in enumerate(table) if line.split()[:1] == [indicator_id])
    start = end
    while not re.fullmatch(r"|─+|[A-Z][A-Z ()]*", table[start - 1].strip()):
        start -= 1
    return table[start : end + 1]


def test_an_estimate_carries_the_e_flag_and_the_legend_explains_it() -> None:
    text = rendered(80)
    row = row_lines(table_part(text), "rd_intensity")  # 4.5 for 2025 is an estimate
    assert re.search(r" 4\.5 e  ", row[0])
    assert "e estimate, p preliminary" in text


def test_a_final_figure_carries_no_flag() -> None:
    row = row_lines(table_part(rendered(80)), "high_tech_enterprises")
    assert re.search(r"25,000  ", row[0])


def test_a_multiple_target_shows_its_value_and_what_it_multiplies() -> None:
    row = row_lines(table_part(rendered(80)), "ic_industry_output")
    assert (True, True, "2025") == ("≥ 414  " in row[0], "2× 2020  " in row[1], row[2].split()[-1])


def test_progress_shows_the_raw_number_beyond_100_with_a_full_bar_at_80_columns() -> None:
    row = row_lines(table_part(rendered(80)), "pct_applications")
    assert "270%" in row[0]
    assert "━" * 10 in row[1]


def test_pace_shows_the_ratio_and_the_years_ahead_at_80_columns() -> None:
    row = row_lines(table_part(rendered(80)), "high_tech_enterprises")
    assert ("R 1.14" in row[0], "+0.5 y" in row[1]) == (True, True)


def test_at_60_columns_the_progress_number_goes_under_the_status() -> None:
    row = row_lines(table_part(rendered(60)), "high_tech_enterprises")
    assert row[0].rstrip().endswith("on track")
    assert row[1].rstrip().endswith("88.9%")


def test_at_120_columns_every_column_and_a_ten_cell_bar_are_drawn() -> None:
    table = table_part(rendered(120))
    assert ["Indicator", "Latest", "Target", "Progress", "Pace", "Status"] == table[0].split()
    assert "━" * 10 in "\n".join(row_lines(table, "rd_intensity"))


# --- the footer --------------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", AS_OF)
def test_the_footer_counts_every_status(as_of: int) -> None:
    counts = footer_part(rendered(120, as_of))[0]
    found = Counter(a.status for a in assessed(as_of))
    assert counts.startswith(f"{len(PLAN.indicators)} indicators:")
    assert all(f"{n} {fmt.STATUS_LABEL[s]}" in counts for s, n in found.items())


def test_the_footer_counts_as_of_2026() -> None:
    assert "11 indicators: 7 met, 2 achieved, 2 on track" == footer_part(rendered(80))[0].strip()


def test_the_warnings_name_the_conflict_the_pending_figure_and_the_borrowed_baseline() -> None:
    footer = " ".join(line.strip() for line in footer_part(rendered(80)))
    assert "high_tech_enterprises: 2020 reports differ by more than 1%: 17,012" in footer
    assert "16,600 (Science Commission via business.china.com)" in footer
    assert "the 2025 figure is not yet reported, the status follows the trend" in footer
    assert "no baseline declared, the earliest usable report serves" in footer
    assert "basic_research_share (2024)" in footer


@pytest.mark.parametrize("width", [60, 80])
def test_each_warning_starts_a_line_and_its_wrapped_lines_are_indented(width: int) -> None:
    footer = footer_part(rendered(width))
    warnings = footer[footer.index(next(x for x in footer if x.startswith("! "))) :][:-1]
    assert all(line.startswith(("! ", "  ")) for line in warnings)
    assert 4 == sum(line.startswith("! ") for line in warnings)  # pending: trend, latest figure


def test_an_empty_selection_says_so_instead_of_drawing_an_empty_table() -> None:
    out = io.StringIO()
    render_status(Console(file=out, width=80, no_color=True, color_system=None), PLAN, 2026, [])
    assert "No indicator to show." in out.getvalue()


def test_a_long_id_is_shortened_only_when_no_layout_fits() -> None:
    long_id = "an_indicator_id_far_longer_than_the_terminal_allows"
    target = Target(2025, 200.0, Kind.AT_LEAST)
    indicator = Indicator(
        long_id, "Widgets", "x", target, Direction.INCREASE, Report(2020, 100.0), ()
    )
    plan = Plan("Narrow plan", 2025, (indicator,), 2020)
    assert long_id in rendered(80, 2026, plan)
    narrow = rendered(40, 2026, plan)
    assert (long_id in narrow, "…" in narrow) == (False, True)
    assert all(cell_len(line) <= 40 for line in narrow.splitlines())


# --- through the command line ------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 120])
def test_status_through_the_cli_is_whole_and_plain(width: int) -> None:
    env = {"COLUMNS": str(width), "NO_COLOR": "1"}
    result = CliRunner().invoke(app, ["status", "--file", ONE_PERIOD, "--as-of", "2026"], env=env)
    lines = result.stdout.splitlines()
    assert (0, False) == (result.exit_code, "\x1b" in result.stdout)
    assert [] == [line for line in lines if cell_len(line) > width]
    first_words = [line.split()[0] for line in lines if line.split()]
    assert [] == [i.id for i in PLAN.indicators if i.id not in first_words]
    assert all(label_count(lines, label) for label in ("met", "achieved", "on track"))


# --- colour decisions --------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert (True, False) == (wants_color(Terminal()), wants_color(io.StringIO()))


@pytest.mark.parametrize(
    ("variable", "value", "option"),
    [("NO_COLOR", "1", False), ("TERM", "dumb", False), ("TERM", "xterm-256color", True)],
)
def test_no_colour_when_asked(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, option: bool
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv(variable, value)
    assert not wants_color(Terminal(), "never" if option else "auto")


def test_a_terminal_console_colours_the_status(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    out = Terminal()
    render_status(make_console(out), PLAN, 2026, assessed(2026))
    assert "\x1b[" in out.getvalue()


# --- the labels the table uses -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "value"), [("+0.5 y", 0.46), ("-9.9 y", -9.94), ("+99 y", 99.0), ("-", None)]
)
def test_years_ahead_keep_one_decimal_below_ten(expected: str, value: float | None) -> None:
    assert expected == fmt.years(value)


@pytest.mark.parametrize(
    ("expected", "value"),
    [(">+99 y", 288.0), ("<-99 y", -150.0), (">999%", 8850.0), ("<-999%", -1000.5)],
)
def test_a_figure_too_large_to_mean_anything_is_shown_as_a_bound(
    expected: str, value: float
) -> None:
    shown = fmt.progress(value) if expected.endswith("%") else fmt.years(value)
    assert expected == shown


@pytest.mark.parametrize(
    ("expected", "value"), [("R 63.38", 63.377), ("R >99", 250.0), ("R <-99", -120.0), ("-", None)]
)
def test_a_pace_ratio_is_bounded_too(expected: str, value: float | None) -> None:
    assert expected == fmt.ratio(value)


@pytest.mark.parametrize(
    ("expected", "pct"),
    [
        ("──────────", 0.0),
        ("━━━━╸─────", 45.0),
        ("━━━━━━━━━━", 100.0),
        ("━━━━━━━━━━", 270.0),
        ("──────────", -20.0),
    ],
)
def test_a_plain_bar_tells_0_from_100_pct(expected: str, pct: float) -> None:
    assert expected == "".join(fmt.bar(pct, 10))


@pytest.mark.parametrize(
    ("environment", "choice", "expected"),
    [
        ({"FORCE_COLOR": "1"}, "auto", True),
        ({"FORCE_COLOR": ""}, "auto", False),  # set but empty: not forced
        ({"CLICOLOR_FORCE": "1"}, "auto", True),
        ({"CLICOLOR_FORCE": "0"}, "auto", False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, "auto", False),  # NO_COLOR wins
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, "auto", True),
        ({}, "always", True),
        ({"NO_COLOR": "1"}, "always", True),  # the option wins over the environment
        ({"FORCE_COLOR": "1"}, "never", False),
    ],
)
def test_colour_into_a_pipe_follows_the_option_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], choice: str, expected: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert expected is wants_color(io.StringIO(), choice)


@pytest.mark.parametrize(
    ("expected", "value"), [("88.9%", 88.94), ("270%", 270.4), ("-50.0%", -50.0), ("-", None)]
)
def test_progress_drops_decimals_from_100_on(expected: str, value: float | None) -> None:
    assert expected == fmt.progress(value)


def test_a_multiple_target_on_one_line_names_the_baseline_year() -> None:
    target = Target(2025, 414.0, Kind.AT_LEAST, multiple=2.0)
    assert ("≥ 414 (2× 2020)", "≥ 414 (2× baseline)") == (
        fmt.target_text(target, 2020),
        fmt.target_text(target),
    )


def test_a_reader_that_leaves_early_ends_the_table_quietly_with_exit_0(tmp_path: Path) -> None:
    # Enough rows to overflow the pipe's buffer, so that the writer meets the closed end.
    rows = "".join(
        f"  widgets_{k}:\n    name: Widgets {k}\n    unit: x\n"
        f"    baseline: {{value: 100}}\n    target: {{value: 200}}\n"
        f"    actuals: {{2023: 150}}\n"
        for k in range(600)
    )
    data = tmp_path / "many.yaml"
    data.write_text(
        f"plan:\n  name: Many\n  baseline_year: 2020\n  target_year: 2025\nindicators:\n{rows}"
    )
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "shtracker", "status", "--file", str(data), "--as-of", "2024"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        assert b"Many" in proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        assert (0, "") == (proc.wait(timeout=60), stderr)


# --- the README's samples stay current ---------------------------------------------------------

README_TEXT = documentation()


def readme_block(language: str, after: str) -> str:
    """Return the first fenced block of `language` after the text `after` in the README."""
    start = README_TEXT.index(f"```{language}\n", README_TEXT.index(after)) + len(language) + 4
    return README_TEXT[start : README_TEXT.index("```", start)]


@pytest.mark.parametrize("period", [[], ["--period", "fyp14"]])
def test_the_readme_tables_are_the_real_80_column_output(period: list[str]) -> None:
    env = {"COLUMNS": "80", "NO_COLOR": "1"}
    args = ["status", "--as-of", "2026", *period, "--file", TARGETS]
    out = CliRunner().invoke(app, args, env=env).stdout
    real = "\n".join(line.rstrip() for line in out.splitlines()) + "\n"
    command = " ".join(["COLUMNS=80 shtracker status --as-of 2026", *period, "--no-color`"])
    assert real == readme_block("text", command)


def test_the_readme_json_sample_is_the_real_output() -> None:
    from shtracker.render.documents.status import indicator_record

    plan = load_plan(TARGETS)
    a = assess_in_period(plan.by_id["high_tech_enterprises"], find_period(plan, "fyp14"), 2026)
    assert a is not None
    record = indicator_record(a)
    trimmed = {
        "id": record["id"],
        "baseline": {k: record["baseline"][k] for k in ("year", "value")},
        "target": {k: record["target"][k] for k in ("year", "value", "kind")},
        "latest": {k: record["latest"][k] for k in ("year", "value", "quality")},
        **{
            k: record[k]
            for k in (
                "maintain",
                "progress_pct",
                "attainment_pct",
                "pace_ratio",
                "years_ahead",
                "method",
            )
        },
        "status": record["status"],
        "warnings": [w["code"] for w in record["warnings"]],
    }
    assert trimmed == json.loads(readme_block("json", "indicator trimmed with `jq`"))

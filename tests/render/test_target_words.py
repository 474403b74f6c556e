"""Every form of target-kinds.md in words: the table, markdown, `show` and its chart."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from rich.console import Console

from shtracker.core.assess import Assessment, assess
from shtracker.core.model import Plan, Report
from shtracker.core.periods import implicit_period
from shtracker.datafile.reader import load_plan
from shtracker.render import chart, kind_words
from shtracker.render.documents.status import status_document, to_json
from shtracker.render.markdown import status_markdown
from shtracker.render.show_page import print_show
from shtracker.render.status_table import render_status, row_of
from tests.conftest import GOOD, documentation

AS_OF = 2024


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(str(GOOD / "every_form.yaml"))


def assessed(plan: Plan, ident: str) -> Assessment:
    return assess(plan.by_id[ident], AS_OF)


def table(plan: Plan, width: int = 100) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, color_system=None, highlight=False)
    render_status(console, plan, AS_OF, [assess(i, AS_OF) for i in plan.indicators])
    return out.getvalue()


def show(plan: Plan, ident: str) -> str:
    out = io.StringIO()  # not a terminal: the chart comes as a plain table
    print_show(assessed(plan, ident), out, color="never")
    return out.getvalue()


@pytest.mark.parametrize(
    ("ident", "cell"),
    [
        ("spending_level", "≥ 7.0%\na year\n2025"),
        ("output_growth", "≥ 10.0%\na year\n2025"),
        ("trained", "≥ 300,000\nin total\n2025"),
        ("rd_share", "≈ 6\nevery year\n2025"),
        ("skills", "≥ 80\n2030\nseries break 2021"),
    ],
)
def test_the_table_says_what_kind_of_target_each_is(plan: Plan, ident: str, cell: str) -> None:
    # The words go on their own line, so that the column stays narrow.
    assert cell == row_of(assessed(plan, ident)).target.plain


def test_the_words_appear_in_the_drawn_table(plan: Plan) -> None:
    lines = table(plan).splitlines()
    row = next(k for k, line in enumerate(lines) if "≥ 300,000" in line)
    assert "in total" in lines[row + 1]


def test_the_table_gives_a_rate_series_its_average_growth_so_far(plan: Plan) -> None:
    # One chained year, 9.6%: the index is 109.6, an average of 9.6% a year.
    assert "9.6%\na year\n2021" == row_of(assessed(plan, "output_growth")).latest.plain


def test_the_table_counts_the_years_an_every_year_target_met(plan: Plan) -> None:
    assert "2/2 years" in table(plan)


def test_markdown_says_what_kind_of_target_each_is(plan: Plan) -> None:
    text = status_markdown(plan, AS_OF, [assess(i, AS_OF) for i in plan.indicators])
    assert "| ≈ 6 every year by 2025 | 2/2 years |" in text
    assert "≥ 80 by 2030; series break 2021" in text


def test_show_lists_the_years_an_every_year_target_judged(plan: Plan) -> None:
    page = show(plan, "rd_share")
    assert "Years met  2 of 2: 2021 (6.53), 2024 (6.58)" in page
    assert "Target     ≈ 6 every year by 2025 (about, within 0.12)" in page


def test_show_names_a_year_that_missed_an_every_year_target(plan: Plan) -> None:
    # 5.8 is below 6 - 0.12.
    ind = replace(plan.by_id["rd_share"], actuals=(Report(2021, 6.53), Report(2022, 5.8)))
    assert "1 of 2: 2021 (6.53), 2022 (5.8, not met)" == kind_words.years_met(assess(ind, 2022))


def test_show_lists_the_chained_index_of_a_rate_series(plan: Plan) -> None:
    page = show(plan, "output_growth")
    assert "Baseline  index 100 in 2020: the rates are chained from here" in page
    assert "2021    9.6  final    109.60" in page


def test_show_says_which_rates_a_gap_left_out(plan: Plan) -> None:
    assert "no usable rate for 2022: the index stops there, so 2023 is not used" in show(
        plan, "output_growth"
    )


def test_the_chart_of_a_rate_series_draws_the_index_labelled_as_such(plan: Plan) -> None:
    s = chart.series(assessed(plan, "output_growth"))
    assert ((2020, 100), (2021, pytest.approx(109.6))) == s.reported
    assert "● index, 100 = 2020" == chart.legend(s)[0][0]


def test_the_chart_of_a_flow_series_draws_the_running_total(plan: Plan) -> None:
    s = chart.series(assessed(plan, "trained"))
    assert ((2020, 0), (2021, 50000), (2022, 120000)) == s.reported
    assert ("● running total since 2021", "Running total against the required path") == (
        chart.legend(s)[0][0],
        chart.title(assessed(plan, "trained")),
    )


def test_the_chart_of_an_every_year_target_has_no_path(plan: Plan) -> None:
    s = chart.series(assessed(plan, "rd_share"))
    assert ((), ["● reported", "─ target 6 every year"]) == (
        s.path,
        [k for k, _ in chart.legend(s)],
    )


def test_show_of_a_growth_target_on_levels_gives_the_level_it_needs(plan: Plan) -> None:
    # 200 * 1.07**5 = 280.51
    assert "that is 280.51 (200 × 1.07^5)" in show(plan, "spending_level")


def test_show_of_a_break_says_where_the_assessment_starts(plan: Plan) -> None:
    assert "series break 2021: assessed from 54 (2021)" in show(plan, "skills")


def test_the_readme_json_sample_of_every_form_is_the_real_output() -> None:
    text = documentation()
    start = text.index("```console\n", text.index("on `tests/corpus/good/every_form.yaml`"))
    shown = text[start : text.index("```\n", start + 4)].splitlines()
    records = [json.loads(line) for line in shown if line.startswith("{")]
    period = implicit_period(PLAN_OF_FORMS)
    doc = json.loads(to_json(status_document(PLAN_OF_FORMS, "f", AS_OF, ASSESSED_FORMS, period)))
    real = [
        {
            "id": i["id"],
            "series": i["series"],
            "growth": i["target"]["growth"],
            "latest": i["latest"]["value"],
            "series_break": i["series_break"],
            "years_met": i["years_met"],
            "status": i["status"],
        }
        for i in doc["indicators"]
    ]
    assert real == records


PLAN_OF_FORMS = load_plan(str(GOOD / "every_form.yaml"))
ASSESSED_FORMS = [assess(i, AS_OF) for i in PLAN_OF_FORMS.indicators]


def test_show_marks_a_rate_the_gap_leaves_out(plan: Plan) -> None:
    line = next(x for x in show(plan, "output_growth").splitlines() if x.startswith("2023"))
    assert ("12", "after gap") == (line.split()[1], " ".join(line.split()[-2:]))


def test_show_marks_the_report_that_breaks_the_series(plan: Plan) -> None:
    line = next(x for x in show(plan, "skills").splitlines() if x.startswith("2021"))
    assert "series break" in line


def test_show_of_a_total_projects_against_the_total_in_words(plan: Plan) -> None:
    assert "(meeting ≥ 300,000 in total)" in " ".join(show(plan, "trained").split())

"""Periods with the forms of target-kinds.md: growth, rate and flow series, every-year targets.

Each (indicator, period) pair is assessed as a one-period file would be, with the series
starting at the period's baseline year: a flow's total at 0, a rate's index at 100, an
every-year target judging the years after it. Every expected value is worked by hand.
"""

from __future__ import annotations

import math

import pytest

from shtracker.core.assess import Assessment
from shtracker.core.errors import DataError
from shtracker.core.model import Plan, Quality, Status
from shtracker.core.periods import assess_in_period, find_period
from shtracker.datafile.reader import parse_plan

PERIODS = """\
plan: {name: P, target_year: 2025}
periods:
  fyp14: {name: "14th", baseline_year: 2020, target_year: 2025}
  fyp15: {name: "15th", baseline_year: 2025, target_year: 2030}
indicators:
"""

FORMS = (
    PERIODS
    + """\
  trained:
    name: People trained
    unit: people
    series: flow
    targets:
      fyp14: {value: 1000}
      fyp15: {value: 500}
    actuals: {2021: 100, 2022: 200, 2023: 300, 2024: 400, 2025: 100, 2026: 150, 2027: 50}
  output:
    name: Output growth
    unit: "% a year"
    series: rate
    targets:
      fyp15: {growth: 10}
    actuals: {2024: 7, 2025: 9.6, 2026: 12, 2027: 8}
  share:
    name: R&D share
    unit: "%"
    direction: increase
    baseline: {value: 5.5, year: 2020}
    targets:
      fyp14: {value: 5, kind: at_least}
      fyp15: {value: 6, kind: about, tolerance: 0.1, each_year: true}
    actuals: {2024: 5.8, 2025: 5.7, 2026: 6.2, 2027: 5.95, 2028: 5.85}
  spending:
    name: R&D spending
    unit: billion yuan
    baseline: {value: 100, year: 2020}
    targets:
      fyp14: {value: 150}
      fyp15: {growth: 7, baseline: {value: 200, quality: estimate}}
    actuals: {2025: 190, 2026: 212, 2027: 230}
"""
)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return parse_plan(FORMS, "forms.yaml")


def assessed(plan: Plan, ident: str, period: str, as_of: int) -> Assessment:
    found = assess_in_period(plan.by_id[ident], find_period(plan, period), as_of)
    assert found is not None
    return found


def codes(a: Assessment) -> list[str]:
    return [n.code for n in a.notices]


# --- a flow target in a period sums from that period's baseline year ----------------------


def test_a_flow_total_in_a_period_sums_only_the_years_after_its_baseline_year(plan: Plan) -> None:
    # fyp15 starts at 0 in 2025: 150 (2026) + 50 (2027) = 200; 2025's 100 belongs to fyp14.
    a = assessed(plan, "trained", "fyp15", 2027)
    assert a.start is not None
    assert a.latest is not None
    assert ((2025, 0), (2027, 200)) == (
        (a.start.year, a.start.value),
        (a.latest.year, a.latest.value),
    )


def test_a_flow_total_in_a_period_is_measured_on_the_straight_path(plan: Plan) -> None:
    # Linear from 0 (2025) to 500 (2030): 100 a year required, 200 / 2 = 100 observed: R 1;
    # progress 200 / 500 = 40%.
    a = assessed(plan, "trained", "fyp15", 2027)
    assert a.measures is not None
    assert (40.0, 1.0, "linear", Status.ON_TRACK) == (
        pytest.approx(a.measures.progress_pct),
        pytest.approx(a.measures.pace_ratio),
        a.measures.method.value,
        a.status,
    )


def test_the_earlier_period_of_a_flow_is_judged_on_its_own_total(plan: Plan) -> None:
    # fyp14: 100 + 200 + 300 + 400 + 100 = 1,100 by 2025, at least 1,000.
    a = assessed(plan, "trained", "fyp14", 2027)
    total_2025 = next(p.value for p in a.levels if p.year == 2025)
    assert (1100, Status.MET) == (total_2025, a.status)


def test_a_flow_in_a_period_needs_no_figure_of_the_period_baseline_year() -> None:
    text = FORMS.replace("2025: 100, 2026: 150", "2026: 150")
    a = assessed(parse_plan(text, "f.yaml"), "trained", "fyp15", 2027)
    assert (Status.ON_TRACK, []) == (a.status, codes(a))


# --- a rate series with a growth target in a period ---------------------------------------


def test_a_rate_growth_target_in_a_period_is_the_index_from_100_at_its_baseline_year(
    plan: Plan,
) -> None:
    # 100 * 1.1**5 = 161.051
    target = plan.by_id["output"].targets[0].target
    assert (2030, 161.051, 10) == (target.year, target.value, target.growth)


def test_a_rate_series_in_a_period_chains_from_100_and_leaves_the_baseline_year_rate_out(
    plan: Plan,
) -> None:
    # I(2026) = 100 * 1.12 = 112; I(2027) = 112 * 1.08 = 120.96. 2025's 9.6% is not chained.
    a = assessed(plan, "output", "fyp15", 2027)
    assert a.baseline is not None
    assert (2025, 100) == (a.baseline.year, a.baseline.value)
    assert [(2025, 100), (2026, 112), (2027, 120.96)] == [
        (p.year, pytest.approx(p.value)) for p in a.levels
    ]


def test_a_rate_series_in_a_period_is_paced_against_its_growth(plan: Plan) -> None:
    # g_obs = sqrt(1.2096) - 1 = 9.98%; g_req = 10%: R = 0.998, on track.
    # progress = (120.96 - 100) / (161.051 - 100) = 34.33%.
    a = assessed(plan, "output", "fyp15", 2027)
    assert a.measures is not None
    assert (Status.ON_TRACK, []) == (a.status, codes(a))
    assert (math.sqrt(1.2096) - 1) / 0.1 == pytest.approx(a.measures.pace_ratio)
    assert 20.96 / 61.051 * 100 == pytest.approx(a.measures.progress_pct)


def test_a_declared_rate_of_the_period_baseline_year_is_shown_not_used() -> None:
    text = FORMS.replace(
        "    series: rate\n    targets:\n      fyp15: {growth: 10}",
        "    series: rate\n    baseline: {value: 9.6, year: 2025}\n    targets:\n"
        "      fyp15: {growth: 10}",
    )
    a = assessed(parse_plan(text, "f.yaml"), "output", "fyp15", 2027)
    assert a.baseline is not None
    assert a.latest is not None
    assert a.indicator.baseline is not None
    assert (9.6, 100, 120.96) == (
        a.indicator.baseline.value,
        a.baseline.value,
        pytest.approx(a.latest.value),
    )


# --- an every-year target in a period -----------------------------------------------------


def test_an_every_year_target_in_a_period_judges_the_years_after_its_baseline_year(
    plan: Plan,
) -> None:
    # About 6 within 0.1: 2026's 6.2 and 2027's 5.95 meet it; 2025's 5.7 is not judged
    # (it would miss: 5.7 - 6 = -0.3).
    a = assessed(plan, "share", "fyp15", 2027)
    assert a.judged is not None
    assert ([(2026, True), (2027, True)], Status.ACHIEVED) == (
        [(j.year, j.met) for j in a.judged],
        a.status,
    )


def test_an_every_year_target_in_a_period_regresses_when_the_latest_year_misses(
    plan: Plan,
) -> None:
    # 2028: 5.85 - 6 = -0.15, beyond the tolerance of 0.1.
    a = assessed(plan, "share", "fyp15", 2028)
    assert a.judged is not None
    assert (2, 3, Status.REGRESSING) == (sum(j.met for j in a.judged), len(a.judged), a.status)


def test_an_every_year_target_in_a_period_needs_no_figure_of_its_baseline_year() -> None:
    text = FORMS.replace("2025: 5.7, ", "")
    a = assessed(parse_plan(text, "f.yaml"), "share", "fyp15", 2027)
    assert (Status.ACHIEVED, []) == (a.status, codes(a))


# --- a growth target in a period on a stock series ----------------------------------------


def test_a_growth_target_in_a_period_grows_from_the_target_own_baseline(plan: Plan) -> None:
    # 200 * 1.07**5 = 280.51034614 (the own baseline 200, not 2025's reported 190).
    target = plan.by_id["spending"].targets[1].target
    assert (2030, 280.51034614, 7) == (target.year, target.value, target.growth)


def test_a_growth_target_in_a_period_is_assessed_from_the_target_own_baseline(plan: Plan) -> None:
    # 200 (2025, estimate) -> 230 (2027): g_obs = sqrt(1.15) - 1 = 7.24% against 7%:
    # R = 1.034, on track; progress 30 / 80.51034614 = 37.26%.
    a = assessed(plan, "spending", "fyp15", 2027)
    assert a.baseline is not None
    assert a.measures is not None
    assert (200, Quality.ESTIMATE, Status.ON_TRACK) == (
        a.baseline.value,
        a.baseline.quality,
        a.status,
    )
    assert (math.sqrt(1.15) - 1) / 0.07 == pytest.approx(a.measures.pace_ratio)
    assert 30 / 80.51034614 * 100 == pytest.approx(a.measures.progress_pct)


def test_a_growth_target_in_a_period_may_grow_from_the_declared_baseline_of_that_year() -> None:
    text = (
        PERIODS
        + """\
  spending:
    name: R&D spending
    unit: billion yuan
    baseline: {value: 200, year: 2025}
    targets:
      fyp15: {growth: 7}
"""
    )
    target = parse_plan(text, "f.yaml").by_id["spending"].targets[0].target
    assert 280.51034614 == target.value


def test_a_growth_target_in_a_period_without_a_baseline_known_at_load_is_refused() -> None:
    # The declared baseline is of 2020, not 2025, and a report of 2025 does not serve.
    text = FORMS.replace(
        "fyp15: {growth: 7, baseline: {value: 200, quality: estimate}}", "fyp15: {growth: 7}"
    )
    with pytest.raises(DataError) as refused:
        parse_plan(text, "f.yaml")
    assert [
        "f.yaml:36:23: indicator 'spending' fyp15 target growth needs a baseline of 2025: "
        "give one in the target, or the indicator's baseline for that year (the level a "
        "growth reaches is computed when the file is read, so a report of 2025 does not serve)"
    ] == refused.value.lines()


def test_a_direction_away_from_a_growth_the_baseline_already_meets_declares_a_cap() -> None:
    # At most 3% a year from 100, declared falling: the baseline meets it, a maintain target.
    text = (
        PERIODS
        + """\
  energy:
    name: Energy use
    unit: Mtce
    direction: decrease
    targets:
      fyp15: {growth: 3, kind: at_most, baseline: {value: 100}}
    actuals: {2026: 102}
"""
    )
    a = assessed(parse_plan(text, "f.yaml"), "energy", "fyp15", 2026)
    assert (True, Status.ACHIEVED) == (a.maintain, a.status)

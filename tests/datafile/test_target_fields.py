"""Loading the forms of target-kinds.md: what each key of tests/corpus/good/every_form.yaml becomes.

The refusals are in tests/datafile/test_reader.py's CORPUS, with the rest of the bad files.
"""

from __future__ import annotations

import pytest

from shtracker.core.model import Direction, Kind, Plan, Series
from shtracker.datafile.reader import load_plan
from tests.conftest import GOOD


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(str(GOOD / "every_form.yaml"))


def test_a_growth_target_on_levels_resolves_from_the_declared_baseline(plan: Plan) -> None:
    # 200 * 1.07**5 = 200 * 1.4025517307 = 280.51034614
    t = plan.by_id["spending_level"].target
    assert (280.51034614, 7, Kind.AT_LEAST) == (t.value, t.growth, t.kind)


def test_a_positive_growth_implies_a_rising_indicator(plan: Plan) -> None:
    assert Direction.INCREASE is plan.by_id["spending_level"].direction


def test_a_rate_series_target_is_an_index_from_100_at_the_plan_baseline_year(plan: Plan) -> None:
    # 100 * 1.1**5 = 161.051; no declared baseline: the plan's 2020 starts the index.
    i = plan.by_id["output_growth"]
    assert (Series.RATE, 161.051, 2020) == (i.series, i.target.value, i.start_year)


def test_a_flow_series_rises_to_a_positive_total_from_zero(plan: Plan) -> None:
    i = plan.by_id["trained"]
    assert (Series.FLOW, 300000, Direction.INCREASE) == (i.series, i.target.value, i.direction)


def test_an_every_year_target_keeps_its_kind_and_tolerance(plan: Plan) -> None:
    t = plan.by_id["rd_share"].target
    assert (True, Kind.ABOUT, 0.12) == (t.each_year, t.kind, t.tolerance)


def test_a_report_can_mark_a_series_break(plan: Plan) -> None:
    reports = plan.by_id["skills"].actuals
    assert [(2021, True), (2023, False)] == [(r.year, r.series_break) for r in reports]


def test_an_indicator_without_a_series_is_a_stock(plan: Plan) -> None:
    assert Series.STOCK is plan.by_id["skills"].series

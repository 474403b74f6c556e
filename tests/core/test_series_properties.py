"""Invariants of the level series (target-kinds.md), over many generated series."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shtracker.core.assess import assess
from shtracker.core.model import Direction, Indicator, Kind, Report, Series, Status, Target

RATES = st.lists(
    st.floats(min_value=-50, max_value=50, allow_nan=False).map(lambda x: round(x, 1)),
    min_size=1,
    max_size=8,
)


def chained(series: Series, values: list[float], target: Target) -> Indicator:
    return Indicator(
        id="x",
        name="X",
        unit="u",
        target=target,
        direction=Direction.INCREASE,
        actuals=tuple(Report(2021 + k, v) for k, v in enumerate(values)),
        series=series,
        base_year=2020,
    )


@settings(max_examples=200, deadline=None)
@given(RATES)
def test_an_unbroken_chain_of_rates_is_the_product_of_its_growth_factors(
    rates: list[float],
) -> None:
    target = Target(2030, 200, Kind.AT_LEAST, growth=7)
    a = assess(chained(Series.RATE, rates, target), 2030)
    product = 100 * math.prod(1 + r / 100 for r in rates)
    assert a.latest is not None
    assert 2020 + len(rates) == a.latest.year
    assert product == pytest.approx(a.latest.value, rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(RATES)
def test_an_unbroken_flow_series_totals_the_sum_of_its_years(flows: list[float]) -> None:
    a = assess(chained(Series.FLOW, flows, Target(2030, 100, Kind.AT_LEAST)), 2030)
    totals = [0.0, *itertools.accumulate(flows)]
    assert totals == pytest.approx([p.value for p in a.levels], abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=12).map(lambda x: round(x, 2)), max_size=6))
def test_an_every_year_target_counts_exactly_the_years_it_judged(values: list[float]) -> None:
    target = Target(2025, 6, Kind.AT_LEAST, each_year=True)
    a = assess(chained(Series.STOCK, values[:5], target), 2025)
    judged = a.judged or ()
    assert len(values[:5]) == len(judged)
    assert [v >= 6 for v in values[:5]] == [j.met for j in judged]
    if judged and all(j.met for j in judged) and len(judged) < 5:
        assert Status.ACHIEVED is a.status

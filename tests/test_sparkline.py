"""Sparklines of an indicator's yearly values."""

from __future__ import annotations

from pathlib import Path

import pytest

from shtracker.assess import assess
from shtracker.sparkline import sparkline, yearly_values
from shtracker.store import load_plan

TARGETS = Path(__file__).resolve().parent.parent / "targets.yaml"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], ""),
        ([1, 2, 3, 4, 5, 6, 7, 8], "▁▂▃▄▅▆▇█"),
        ([8, 1], "█▁"),
        ([0, 10, 5], "▁█▅"),
        ([5, 5, 5], "▄▄▄"),
        ([1, None, 3], "▁ █"),
        ([None, None], "  "),
        ([-2.5, 0.0, 2.5], "▁▅█"),
    ],
)
def test_sparkline_scales_from_lowest_to_highest(values: list[float | None], expected: str) -> None:
    assert expected == sparkline(values)


def test_yearly_values_run_from_baseline_to_latest_with_gaps_for_missing_years() -> None:
    plan = load_plan(str(TARGETS))
    a = assess(plan.by_id["pct_applications"], 2026)
    assert [3558, None, 5591, 6185, None, 7446] == yearly_values(a)
    assert "▁ ▅▆ █" == sparkline(yearly_values(a))  # (5591 - 3558) / 3888 * 7 = 3.7 -> ▅


def test_yearly_values_use_the_declared_baseline_for_its_year() -> None:
    plan = load_plan(str(TARGETS))
    a = assess(plan.by_id["high_tech_enterprises"], 2026)
    assert [17012, 20000, 22000, 24000, 25000] == yearly_values(a)


def test_yearly_values_are_empty_without_data() -> None:
    plan = load_plan(str(TARGETS))
    a = assess(plan.by_id["rd_intensity"], 2019)
    assert [] == yearly_values(a)

"""Sparklines of an indicator's yearly values."""

from __future__ import annotations

import pytest

from shtracker.core.assess import assess
from shtracker.datafile.reader import load_plan
from shtracker.render.sparkline import sparkline, trend, yearly_values
from tests.conftest import ONE_PERIOD


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
    plan = load_plan(str(ONE_PERIOD))
    a = assess(plan.by_id["pct_applications"], 2026)
    assert [3558, None, 5591, 6185, None, 7446] == yearly_values(a)
    assert "▁ ▅▆ █" == sparkline(yearly_values(a))  # (5591 - 3558) / 3888 * 7 = 3.7 -> ▅


def test_yearly_values_use_the_declared_baseline_for_its_year() -> None:
    plan = load_plan(str(ONE_PERIOD))
    a = assess(plan.by_id["high_tech_enterprises"], 2026)
    assert [17012, 20000, 22000, 24000, 25000] == yearly_values(a)


def test_yearly_values_are_empty_without_data() -> None:
    plan = load_plan(str(ONE_PERIOD))
    a = assess(plan.by_id["rd_intensity"], 2019)
    assert [] == yearly_values(a)


def test_trend_keeps_the_latest_years_that_fit() -> None:
    plan = load_plan(str(ONE_PERIOD))
    a = assess(plan.by_id["pct_applications"], 2026)
    assert ("▁ ▅▆ █", "▁ █", "") == (trend(a, 10), trend(a, 3), trend(a, 0))
    assert "▁▃ █" == trend(a, 4)  # rescaled to what is shown: (6185 - 5591) / 1855 * 7 = 2.2


def test_trend_is_empty_with_fewer_than_two_values() -> None:
    plan = load_plan(str(ONE_PERIOD))
    a = assess(plan.by_id["strategic_emerging_share"], 2026)  # one figure: 23.8 in 2022
    assert "" == trend(a, 10)


def status_text(width: int) -> str:
    import io

    from rich.console import Console

    from shtracker.render.status_table import render_status

    plan = load_plan(str(ONE_PERIOD))
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, color_system=None, highlight=False)
    render_status(console, plan, 2026, [assess(i, 2026) for i in plan.indicators])
    return out.getvalue()


def test_the_status_table_shows_sparklines_from_100_columns() -> None:
    wide, narrow = status_text(100), status_text(99)
    assert "▁▄▅▇█" in wide  # high_tech_enterprises, 2020-2024
    assert "▁ ▅▆ █" in wide  # pct_applications, no figure for 2021 and 2024
    assert not any(block in narrow for block in "▁▂▃▄▅▆▇█")

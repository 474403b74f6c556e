"""What changed between two states of a plan, worked out by hand on the small plan."""

from __future__ import annotations

import pytest

from shtracker.core.compare import Comparison, compare
from shtracker.core.model import Quality, Report, Status
from shtracker.datafile.reader import parse_plan
from tests.conftest import SMALL_PLAN

OLD = parse_plan(SMALL_PLAN, "old")


def changed(text: str, old_as_of: int = 2026, new_as_of: int = 2026) -> Comparison:
    return compare(OLD, old_as_of, parse_plan(text, "new"), new_as_of)


def test_the_same_plan_has_no_change_and_counts_every_indicator_unchanged() -> None:
    assert Comparison((), 2) == compare(OLD, 2026, OLD, 2026)


def test_a_first_report_moves_a_status_and_is_a_new_year() -> None:
    # emissions: 0 (2020) -> -10 by 2025, falling, linear (a zero value): -2 a year required.
    # -3 in 2021 is -3 a year observed: R = 1.5, on track; progress 30% of the way.
    result = changed(SMALL_PLAN + "    actuals:\n      2021: -3\n")
    (c,) = result.changes
    assert ("emissions", Status.INSUFFICIENT_DATA, Status.ON_TRACK) == (
        c.id,
        c.status_before,
        c.status_after,
    )
    assert [("new", 2021, (), (Report(2021, -3),))] == [
        (y.kind, y.year, y.before, y.after) for y in c.years
    ]
    assert c.after is not None
    assert c.after.measures is not None
    assert pytest.approx(30.0) == c.after.measures.progress_pct
    assert pytest.approx(1.5) == c.after.measures.pace_ratio
    assert 1 == result.unchanged


def test_a_revised_year_gives_the_value_used_before_and_after() -> None:
    text = SMALL_PLAN.replace("      2022: 4.44\n", "      2022: [4.44, 4.3]\n")
    (c,) = changed(text).changes
    (y,) = c.years
    assert ("revised", 4.44, 4.3) == (y.kind, y.used_before.value, y.used_after.value)  # type: ignore[union-attr]
    # 4.44 meets "about 4.5" within 0.09 (achieved); 4.3 does not. Observed
    # (4.3 / 4.17) ** (1 / 2) - 1 = 1.547%/yr against 1.535%/yr required: R 1.008, on track.
    assert (Status.ACHIEVED, Status.ON_TRACK) == (c.status_before, c.status_after)
    assert c.after is not None
    assert c.after.measures is not None
    assert pytest.approx(1.008, abs=1e-3) == c.after.measures.pace_ratio


def test_a_removed_year_is_reported_as_removed() -> None:
    (c,) = changed(SMALL_PLAN.replace("      2022: 4.44\n", "")).changes
    assert [("removed", 2022)] == [(y.kind, y.year) for y in c.years]


def test_a_changed_target_and_baseline_are_named() -> None:
    text = SMALL_PLAN.replace("{value: 4.5, kind: about}", "{value: 4.6, kind: at_least}")
    text = text.replace('{value: 4.17, source: "plan"}', '{value: 4.2, source: "plan"}')
    (c,) = changed(text).changes
    assert (True, True, ()) == (c.target_changed, c.baseline_changed, c.years)


def test_added_and_removed_indicators_come_last_when_removed() -> None:
    text = SMALL_PLAN.replace("  emissions:", "  patents:").replace("Emissions", "Patents")
    result = changed(text)
    assert [
        ("patents", None, Status.INSUFFICIENT_DATA),
        ("emissions", Status.INSUFFICIENT_DATA, None),
    ] == [(c.id, c.status_before, c.status_after) for c in result.changes]
    assert 1 == result.unchanged


def test_two_as_of_years_show_the_reports_between_them_as_new() -> None:
    # rd_intensity as of 2021: 4.21 (2021) from 4.17, about 4.5 by 2025: progress
    # 0.04 / 0.33 = 12.1%; observed 4.21 / 4.17 - 1 = 0.959%/yr, required
    # (4.5 / 4.17) ** (1 / 5) - 1 = 1.535%/yr: R 0.625, behind.
    # As of 2022: 4.44 meets about 4.5 within 0.09: achieved.
    result = compare(OLD, 2021, OLD, 2022)
    (c,) = result.changes
    assert (Status.BEHIND, Status.ACHIEVED) == (c.status_before, c.status_after)
    assert [("new", 2022)] == [(y.kind, y.year) for y in c.years]
    assert c.before is not None
    assert c.before.measures is not None
    assert pytest.approx(12.1212, abs=1e-3) == c.before.measures.progress_pct
    assert pytest.approx(0.6249, abs=1e-3) == c.before.measures.pace_ratio


def test_a_new_report_of_lower_quality_is_a_revision_that_changes_nothing_used() -> None:
    text = SMALL_PLAN.replace(
        "      2022: 4.44\n", "      2022: [4.44, {value: 4.5, quality: estimate}]\n"
    )
    (c,) = changed(text).changes
    (y,) = c.years
    assert ("revised", Report(2022, 4.44), Report(2022, 4.44)) == (
        y.kind,
        y.used_before,
        y.used_after,
    )
    assert (Quality.ESTIMATE,) == tuple(r.quality for r in y.after if r not in y.before)
    assert c.status_before is c.status_after


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ({Status.ON_TRACK}, ["emissions"]),
        ({Status.INSUFFICIENT_DATA}, []),  # it was that before: it did not move into it
        ({Status.BEHIND, Status.MISSED}, []),
    ],
)
def test_moved_into_lists_only_indicators_that_became_a_status(
    statuses: set[Status], expected: list[str]
) -> None:
    result = changed(SMALL_PLAN + "    actuals:\n      2021: -3\n")
    assert expected == [c.id for c in result.moved_into(statuses)]


PERIODS_PLAN = """\
plan: {name: Periods, baseline_year: 2020, target_year: 2025}
periods:
  fyp14: {name: 14th, baseline_year: 2020, target_year: 2025}
  fyp15: {name: 15th, baseline_year: 2025, target_year: 2030}
indicators:
  rd_intensity:
    name: R&D intensity
    unit: "% of GDP"
    direction: increase
    baseline: {value: 4.17, year: 2020}
    targets:
      fyp14: {value: 4.5, kind: about}
      fyp15: {value: 5, kind: at_least}
    actuals:
      2023: 4.4
"""


def test_in_a_file_with_periods_each_side_is_assessed_in_its_period_in_force() -> None:
    old = parse_plan(PERIODS_PLAN, "old")
    new = parse_plan(
        PERIODS_PLAN.replace("      2023: 4.4\n", "      2023: 4.4\n      2025: 4.6\n"), "new"
    )
    # As of 2024 the 14th plan is in force: 4.4 (2023) from 4.17 (2020), about 4.5 by 2025:
    # observed 1.81%/yr, required 1.54%/yr, R 1.18, on track. As of 2026 the 15th is in
    # force: its baseline is the 2025 figure, 4.6, and nothing after it: insufficient data.
    (c,) = compare(old, 2024, new, 2026).changes
    assert (Status.ON_TRACK, Status.INSUFFICIENT_DATA) == (c.status_before, c.status_after)
    assert (4.5, 5) == (c.before.indicator.target.value, c.after.indicator.target.value)  # type: ignore[union-attr]


def test_a_changed_target_of_a_period_not_in_force_is_a_change() -> None:
    old = parse_plan(PERIODS_PLAN, "old")
    new = parse_plan(
        PERIODS_PLAN.replace("{value: 5, kind: at_least}", "{value: 5.2, kind: at_least}"), "new"
    )
    (c,) = compare(old, 2024, new, 2024).changes
    assert (True, Status.ON_TRACK, Status.ON_TRACK) == (
        c.target_changed,
        c.status_before,
        c.status_after,
    )

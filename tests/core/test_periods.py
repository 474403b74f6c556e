"""Periods: the one in force, an indicator's baseline in a period, and its assessment there."""

from __future__ import annotations

import pytest

from shtracker.core.model import (
    Direction,
    Indicator,
    Kind,
    Period,
    PeriodTarget,
    Quality,
    Report,
    Status,
    Target,
)
from shtracker.core.periods import (
    assess_in_period,
    indicator_in_period,
    period_baseline,
    period_in_force,
)
from tests.conftest import indicator_x

FYP14 = Period("fyp14", "14th Five-Year Plan", 2020, 2025)
FYP15 = Period("fyp15", "15th Five-Year Plan", 2025, 2030)
Y2026 = Period("y2026", "2026 annual targets", 2025, 2026)
SHANGHAI = (FYP14, FYP15, Y2026)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (2010, FYP14),  # before any has begun: the first to begin
        (2020, FYP14),  # a period begins the year after its baseline year
        (2021, FYP14),
        (2025, FYP14),  # the target year is still inside
        (2026, FYP15),  # fyp15 and y2026 both run: the longest wins
        (2027, FYP15),
        (2030, FYP15),
        (2031, FYP15),  # every period has ended: the last to end
        (2099, FYP15),
    ],
)
def test_the_period_in_force_follows_the_as_of_year(as_of: int, expected: Period) -> None:
    assert expected == period_in_force(SHANGHAI, as_of)


def test_after_every_period_the_last_to_end_wins_even_if_declared_first() -> None:
    assert FYP15 == period_in_force((FYP15, FYP14), 2040)


def test_between_two_periods_the_one_that_ended_last_is_in_force() -> None:
    later = Period("later", "Later", 2027, 2030)
    assert FYP14 == period_in_force((FYP14, later), 2026)


def test_of_two_equally_long_running_periods_the_first_declared_wins() -> None:
    twin = Period("twin", "Twin", 2020, 2025)
    assert twin == period_in_force((twin, FYP14), 2023)


def test_before_any_period_of_two_beginning_together_the_longest_is_first() -> None:
    assert FYP15 == period_in_force((Y2026, FYP15), 2020)


def indicator(
    *actuals: Report,
    baseline: Report | None = None,
    targets: tuple[PeriodTarget, ...] = (),
    direction: Direction = Direction.INCREASE,
) -> Indicator:
    first = targets[0].target if targets else Target(2025, 1, Kind.AT_LEAST)
    return indicator_x(first, *actuals, direction=direction, baseline=baseline, targets=targets)


ABOUT_5 = Target(2030, 5, Kind.ABOUT, 0.1)


# --- the baseline of an indicator in a period, in the order of periods.md ----------


def test_a_baseline_inside_the_target_comes_first() -> None:
    own = Report(2025, 4.5, Quality.ESTIMATE, "plan review")
    ind = indicator(Report(2025, 4.4), baseline=Report(2025, 4.3), targets=())
    assert own == period_baseline(ind, FYP15, own, 2026)


def test_the_declared_baseline_serves_when_its_year_is_the_period_baseline_year() -> None:
    declared = Report(2025, 4.3)
    ind = indicator(Report(2025, 4.4), baseline=declared)
    assert declared == period_baseline(ind, FYP15, None, 2026)


def test_a_declared_baseline_of_another_year_gives_way_to_the_baseline_year_report() -> None:
    ind = indicator(Report(2025, 4.4), baseline=Report(2020, 4.17))
    assert Report(2025, 4.4) == period_baseline(ind, FYP15, None, 2026)


def test_the_baseline_year_report_is_the_one_the_methodology_picks() -> None:
    # final beats estimate, whatever the order; the partial never counts
    reports = (
        Report(2025, 4.6, Quality.PARTIAL),
        Report(2025, 4.4),
        Report(2025, 4.5, Quality.ESTIMATE),
    )
    assert Report(2025, 4.4) == period_baseline(indicator(*reports), FYP15, None, 2026)


def test_no_baseline_when_the_baseline_year_has_no_usable_report() -> None:
    ind = indicator(Report(2024, 4.4), Report(2025, 4.6, Quality.PARTIAL))
    assert None is period_baseline(ind, FYP15, None, 2026)


def test_a_baseline_year_report_after_the_as_of_year_is_ignored() -> None:
    assert None is period_baseline(indicator(Report(2025, 4.4)), FYP15, None, 2024)


def test_an_indicator_without_a_target_in_a_period_is_not_in_it() -> None:
    ind = indicator(targets=(PeriodTarget("fyp15", ABOUT_5),))
    assert None is indicator_in_period(ind, FYP14, 2026)


def test_the_view_of_a_period_has_its_target_and_baseline_and_no_other_targets() -> None:
    fyp14 = PeriodTarget("fyp14", Target(2025, 4.5, Kind.ABOUT, 0.09))
    fyp15 = PeriodTarget("fyp15", ABOUT_5)
    ind = indicator(Report(2025, 4.5), baseline=Report(2020, 4.17), targets=(fyp14, fyp15))
    view = indicator_in_period(ind, FYP15, 2026)
    assert view is not None
    assert (ABOUT_5, Report(2025, 4.5), ()) == (view.target, view.baseline, view.targets)


# --- a period whose baseline year has no figure yet (our reading of periods.md) -------

AT_LEAST_12 = Target(2025, 12, Kind.AT_LEAST)


def no_baseline_status(*actuals: Report, as_of: int = 2026) -> tuple[Status, list[str]]:
    ind = indicator(*actuals, targets=(PeriodTarget("fyp14", AT_LEAST_12),))
    a = assess_in_period(ind, FYP14, as_of)
    assert a is not None
    return a.status, [n.code for n in a.notices]


@pytest.mark.parametrize(
    ("actuals", "expected"),
    [
        # the target year's figure judges: 12 >= 12 met, 11 < 12 missed
        ((Report(2024, 11), Report(2025, 12)), Status.MET),
        ((Report(2024, 13), Report(2025, 11)), Status.MISSED),
        # no 2025 figure, but 2023's 12.5 already meets at least 12
        ((Report(2023, 12.5),), Status.ACHIEVED),
        # 2024's 11 does not meet it, and without a 2020 figure no pace can be measured
        ((Report(2024, 11),), Status.INSUFFICIENT_DATA),
        # a figure before the period does not count as its latest
        ((Report(2019, 13),), Status.INSUFFICIENT_DATA),
        # no usable figure at all: the methodology's first rule
        ((Report(2024, 13, Quality.PARTIAL),), Status.NO_DATA),
        ((), Status.NO_DATA),
    ],
)
def test_without_a_baseline_the_rules_that_need_none_still_apply(
    actuals: tuple[Report, ...], expected: Status
) -> None:
    assert expected is no_baseline_status(*actuals)[0]


def test_without_a_baseline_a_warning_says_the_baseline_year_figure_is_not_reported() -> None:
    status, codes = no_baseline_status(Report(2024, 11), as_of=2024)
    assert (Status.INSUFFICIENT_DATA, ["baseline_pending"]) == (status, codes)


def test_without_a_baseline_and_past_the_target_year_both_pending_figures_are_named() -> None:
    assert ["baseline_pending", "target_year_pending"] == no_baseline_status(Report(2024, 11))[1]


def test_without_a_baseline_nothing_is_measured() -> None:
    ind = indicator(Report(2024, 11), targets=(PeriodTarget("fyp14", AT_LEAST_12),))
    a = assess_in_period(ind, FYP14, 2024)
    assert a is not None
    assert (None, None, None) == (a.baseline, a.measures, a.path)


def test_the_baseline_pending_warning_names_the_year_and_the_period() -> None:
    ind = indicator(Report(2024, 11), targets=(PeriodTarget("fyp14", AT_LEAST_12),))
    a = assess_in_period(ind, FYP14, 2024)
    assert a is not None
    assert "the 2020 figure, the baseline of the 14th Five-Year Plan" in a.notices[0].message


# --- each period is assessed on its own baseline and target --------------------------


def test_one_indicator_gets_one_status_per_period() -> None:
    # R&D: 4.17 (2020) -> 4.5 (2025, estimate); about 4.5 met in fyp14.
    # fyp15: baseline 4.5 (2025), at least 5 by 2030, 4.7 in 2027:
    #   g_obs = (4.7/4.5)**(1/2) - 1 = 2.198%, g_req = (5/4.5)**(1/5) - 1 = 2.130%,
    #   R = 1.032 -> on track. y2026: about 4.6 (tol 0.092) met by 2026's 4.6.
    targets = (
        PeriodTarget("fyp14", Target(2025, 4.5, Kind.ABOUT, 0.09)),
        PeriodTarget("fyp15", Target(2030, 5, Kind.AT_LEAST)),
        PeriodTarget("y2026", Target(2026, 4.6, Kind.ABOUT, 0.092)),
    )
    ind = indicator(
        Report(2025, 4.5, Quality.ESTIMATE),
        Report(2026, 4.6),
        Report(2027, 4.7),
        baseline=Report(2020, 4.17),
        targets=targets,
    )
    found = {p.id: assess_in_period(ind, p, 2027) for p in SHANGHAI}
    assert {"fyp14": Status.MET, "fyp15": Status.ON_TRACK, "y2026": Status.MET} == {
        k: a.status for k, a in found.items() if a is not None
    }
    fyp15 = found["fyp15"]
    assert fyp15 is not None
    assert fyp15.measures is not None
    assert 1.032 == pytest.approx(fyp15.measures.pace_ratio, abs=5e-4)


def test_a_falling_indicator_in_a_later_period_starts_from_that_period() -> None:
    # Emissions 100 (2020) -> 80 (2025); fyp15: at most 60 from 80, all positive: compound.
    # g_req = (60/80)**(1/5) - 1 = -5.590%; 2027: 76, g_obs = (76/80)**(1/2) - 1 = -2.532%;
    # R = -1 * -2.532 / 5.590 = 0.453 -> far behind.
    ind = indicator(
        Report(2025, 80),
        Report(2027, 76),
        baseline=Report(2020, 100),
        direction=Direction.DECREASE,
        targets=(PeriodTarget("fyp15", Target(2030, 60, Kind.AT_MOST)),),
    )
    a = assess_in_period(ind, FYP15, 2027)
    assert a is not None
    assert a.measures is not None
    assert (Status.FAR_BEHIND, 0.453) == (a.status, pytest.approx(a.measures.pace_ratio, abs=5e-4))

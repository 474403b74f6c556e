"""Assessing one indicator as of a year: the points chosen, the status, the notices."""

from __future__ import annotations

import pytest

from shtracker.core.assess import Point, assess
from shtracker.core.model import Direction, Indicator, Kind, Quality, Report, Status, Target
from tests.conftest import indicator_x

BASELINE = Report(2020, 100)


def indicator(
    *actuals: Report,
    baseline: Report | None = BASELINE,
    target: Target | None = None,
    direction: Direction = Direction.INCREASE,
) -> Indicator:
    target = target or Target(2025, 200, Kind.AT_LEAST)
    return indicator_x(target, *actuals, direction=direction, baseline=baseline)


def codes(ind: Indicator, as_of: int) -> list[str]:
    return [n.code for n in assess(ind, as_of).notices]


# --- the baseline ----------------------------------------------------------------


def test_without_a_declared_baseline_the_earliest_usable_actual_serves() -> None:
    ind = indicator(Report(2022, 12), Report(2021, 10), baseline=None)
    assert Point(2021, 10, Quality.FINAL, None) == assess(ind, 2023).baseline


def test_a_baseline_taken_from_actuals_is_flagged() -> None:
    ind = indicator(Report(2021, 10), Report(2022, 12), baseline=None)
    assert assess(ind, 2023).baseline_from_actuals is True


def test_a_baseline_taken_from_actuals_carries_a_notice() -> None:
    ind = indicator(Report(2021, 10), Report(2022, 12), baseline=None)
    assert ["baseline_from_actuals"] == codes(ind, 2023)


def test_a_partial_report_never_serves_as_the_baseline() -> None:
    ind = indicator(
        Report(2021, 5, Quality.PARTIAL), Report(2022, 12), Report(2023, 13), baseline=None
    )
    baseline = assess(ind, 2023).baseline
    assert baseline is not None
    assert 2022 == baseline.year


def test_a_declared_baseline_is_used_even_when_actuals_exist_for_its_year() -> None:
    ind = indicator(Report(2020, 90), Report(2022, 150))
    baseline = assess(ind, 2023).baseline
    assert baseline is not None
    assert (100, False) == (baseline.value, assess(ind, 2023).baseline_from_actuals)


# --- the latest point and as-of ----------------------------------------------------


def test_as_of_ignores_reports_of_later_years() -> None:
    ind = indicator(Report(2021, 110), Report(2022, 120), Report(2023, 190))
    latest = assess(ind, 2022).latest
    assert latest is not None
    assert (2022, 120) == (latest.year, latest.value)


def test_as_of_ignores_later_conflicts() -> None:
    ind = indicator(Report(2021, 110), Report(2023, 150, source="a"), Report(2023, 180))
    assert [] == codes(ind, 2022)


def test_without_later_actuals_the_baseline_is_the_latest_point() -> None:
    ind = indicator(baseline=Report(2020, 100, Quality.ESTIMATE, "sheet"))
    assert Point(2020, 100, Quality.ESTIMATE, "sheet") == assess(ind, 2022).latest


def test_an_actual_of_the_baseline_year_is_not_a_later_point() -> None:
    ind = indicator(Report(2020, 120))
    latest = assess(ind, 2022).latest
    assert latest is not None
    assert (2020, 100) == (latest.year, latest.value)


def test_a_year_with_only_partial_reports_is_skipped_for_the_latest_point() -> None:
    ind = indicator(Report(2021, 120), Report(2022, 190, Quality.PARTIAL))
    latest = assess(ind, 2022).latest
    assert latest is not None
    assert 2021 == latest.year


# --- status: the first rule that applies wins -----------------------------------------


def test_no_usable_actual_and_no_baseline_is_no_data() -> None:
    ind = indicator(Report(2021, 5, Quality.PARTIAL), baseline=None)
    assert Status.NO_DATA is assess(ind, 2026).status


def test_as_of_before_the_baseline_year_is_no_data() -> None:
    assert Status.NO_DATA is assess(indicator(Report(2021, 150)), 2019).status


def test_no_data_has_no_measures() -> None:
    a = assess(indicator(baseline=None), 2026)
    assert (None, None, None) == (a.baseline, a.latest, a.measures)


def test_a_target_year_figure_meeting_the_target_is_met() -> None:
    ind = indicator(Report(2024, 150), Report(2025, 200))
    assert Status.MET is assess(ind, 2025).status


def test_a_target_year_figure_short_of_the_target_is_missed() -> None:
    ind = indicator(Report(2024, 210), Report(2025, 199))
    assert Status.MISSED is assess(ind, 2025).status


def test_met_or_missed_is_judged_on_the_target_years_own_figure_not_a_later_one() -> None:
    ind = indicator(Report(2025, 199), Report(2026, 250))
    assert Status.MISSED is assess(ind, 2026).status


def test_met_is_judged_on_the_best_report_of_the_target_year() -> None:
    ind = indicator(Report(2025, 250, Quality.PRELIMINARY), Report(2025, 190))
    assert Status.MISSED is assess(ind, 2026).status


def test_before_as_of_reaches_the_target_year_there_is_no_met() -> None:
    ind = indicator(Report(2024, 250), Report(2025, 260))
    assert Status.ACHIEVED is assess(ind, 2024).status


def test_a_latest_value_meeting_the_target_early_is_achieved() -> None:
    assert Status.ACHIEVED is assess(indicator(Report(2022, 200)), 2023).status


def test_a_single_point_short_of_the_target_is_insufficient_data() -> None:
    assert Status.INSUFFICIENT_DATA is assess(indicator(), 2023).status


def test_a_single_point_meeting_the_target_is_achieved() -> None:
    ind = indicator(Report(2022, 23.8), baseline=None, target=Target(2025, 20, Kind.ABOUT, 0.4))
    assert Status.ACHIEVED is assess(ind, 2023).status


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        # 100 (2020) -> 200 (2025) needs 2**(1/5) - 1 = 14.87% a year.
        (Report(2022, 132.25), Status.ON_TRACK),  # 1.15**2: R = 0.15/0.1487 = 1.009
        (Report(2022, 118), Status.FAR_BEHIND),  # 1.18**0.5 - 1 = 8.63%: R = 0.580
        (Report(2022, 125.44), Status.BEHIND),  # 1.12**2: R = 0.12/0.1487 = 0.807
        (Report(2022, 110.25), Status.FAR_BEHIND),  # 1.05**2: R = 0.05/0.1487 = 0.336
        (Report(2022, 100), Status.FAR_BEHIND),  # no growth: R = 0
        (Report(2022, 81), Status.REGRESSING),  # 0.9**2: R = -0.1/0.1487 = -0.672
    ],
)
def test_the_trend_status_follows_the_pace_ratio(latest: Report, expected: Status) -> None:
    assert expected is assess(indicator(latest), 2023).status


def test_a_maintain_target_still_met_is_achieved() -> None:
    ind = indicator(Report(2022, 101), target=Target(2025, 100, Kind.AT_LEAST))
    assert Status.ACHIEVED is assess(ind, 2023).status


def test_a_maintain_target_no_longer_met_is_regressing() -> None:
    ind = indicator(Report(2022, 99), target=Target(2025, 100, Kind.AT_LEAST))
    assert Status.REGRESSING is assess(ind, 2023).status


def test_a_falling_maintain_target_no_longer_met_is_regressing() -> None:
    target = Target(2025, 100, Kind.AT_MOST)
    ind = indicator(Report(2022, 101), target=target, direction=Direction.DECREASE)
    assert Status.REGRESSING is assess(ind, 2023).status


def test_a_falling_indicator_falling_fast_enough_is_on_track() -> None:
    # 100 (2020) -> at most 25 (2022) needs -50% a year; 50 in 2021 is on the path.
    target = Target(2022, 25, Kind.AT_MOST)
    ind = indicator(Report(2021, 50), target=target, direction=Direction.DECREASE)
    assert Status.ON_TRACK is assess(ind, 2021).status


def test_a_falling_indicator_that_rose_is_regressing() -> None:
    target = Target(2025, 80, Kind.AT_MOST)
    ind = indicator(Report(2022, 110), target=target, direction=Direction.DECREASE)
    assert Status.REGRESSING is assess(ind, 2023).status


# --- notices ---------------------------------------------------------------------


def test_the_target_year_figure_pending_is_a_warning_and_the_trend_stays() -> None:
    ind = indicator(Report(2022, 132.25))
    a = assess(ind, 2026)
    assert (Status.ON_TRACK, ["target_year_pending"]) == (a.status, codes(ind, 2026))


def test_only_a_partial_target_year_figure_is_still_pending() -> None:
    ind = indicator(Report(2022, 132.25), Report(2025, 300, Quality.PARTIAL))
    assert ["target_year_pending"] == codes(ind, 2025)


def test_no_pending_warning_before_the_target_year() -> None:
    assert [] == codes(indicator(Report(2022, 132.25)), 2024)


def test_no_pending_warning_once_the_target_year_figure_is_in() -> None:
    assert [] == codes(indicator(Report(2025, 210)), 2026)


def test_the_pending_warning_names_the_target_year() -> None:
    notice = assess(indicator(Report(2022, 132.25)), 2026).notices[0]
    assert 2025 == notice.year
    assert "2025" in notice.message


def test_a_conflict_warning_names_both_sources() -> None:
    ind = indicator(
        Report(2020, 17012, source="People's Daily"),
        Report(2020, 16600, source="Science Commission"),
        Report(2022, 150),
    )
    (notice,) = assess(ind, 2023).notices
    assert ("conflict", 2020) == (notice.code, notice.year)
    assert "People's Daily" in notice.message
    assert "Science Commission" in notice.message


def test_a_conflict_warning_gives_both_values() -> None:
    ind = indicator(Report(2020, 17012, source="a"), Report(2020, 16600, source="b"))
    message = assess(ind, 2023).notices[0].message
    assert "17,012" in message
    assert "16,600" in message


def test_a_conflict_without_sources_says_so() -> None:
    ind = indicator(Report(2021, 100), Report(2021, 150))
    assert "no source" in assess(ind, 2023).notices[0].message

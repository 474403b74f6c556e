"""The forms of target-kinds.md, hand-worked: growth, rate and flow series, every year, breaks.

Every expected number below was worked by hand from the formulas of methodology.md
and target-kinds.md; the working is in the comment beside it.
"""

from __future__ import annotations

import pytest

from shtracker.core.assess import assess
from shtracker.core.each_year import Judged
from shtracker.core.model import Direction, Indicator, Kind, Quality, Report, Series, Status, Target
from shtracker.core.progress import Method
from shtracker.core.target_kinds import growth_target
from tests.conftest import indicator_x


def indicator(
    *actuals: Report,
    target: Target,
    series: Series = Series.STOCK,
    baseline: Report | None = None,
    direction: Direction = Direction.INCREASE,
    base_year: int | None = 2020,
) -> Indicator:
    return indicator_x(
        target, *actuals, direction=direction, baseline=baseline, series=series, base_year=base_year
    )


def rates(*values: float, first: int = 2021) -> tuple[Report, ...]:
    return tuple(Report(first + k, v) for k, v in enumerate(values))


# --- growth: the level an average annual growth reaches -----------------------------


@pytest.mark.parametrize(
    ("base", "growth", "years", "expected"),
    [
        (100, 7, 5, 140.25517307),  # 1.07**5 = 1.4025517307, exactly in decimal
        (100, 10, 5, 161.051),  # 1.1**5
        (200, -5, 2, 180.5),  # a falling target: 200 * 0.95 * 0.95
        (50, 0, 3, 50),  # no growth: the baseline itself
        (24393.1, 7, 1, 26100.617),  # one year: 24393.1 * 1.07
    ],
)
def test_a_growth_target_is_the_baseline_compounded(
    base: float, growth: float, years: int, expected: float
) -> None:
    assert expected == pytest.approx(growth_target(base, growth, years), rel=1e-12)


# --- series: rate -------------------------------------------------------------------

#: "7% a year" from 2020 to 2025 on a rate series: X = 100 * 1.07**5.
SEVEN = Target(2025, 140.25517307, Kind.AT_LEAST, growth=7)


def test_yearly_rates_are_chained_into_an_index_of_100_at_the_baseline_year() -> None:
    # I(2021) = 100 * 1.094 = 109.4; I(2022) = 109.4 * 1.08 = 118.152.
    a = assess(indicator(*rates(9.4, 8.0), target=SEVEN, series=Series.RATE), 2022)
    assert [(2020, 100), (2021, 109.4), (2022, 118.152)] == [
        (p.year, pytest.approx(p.value)) for p in a.levels
    ]


def test_a_rate_series_above_the_required_growth_is_on_track() -> None:
    # v_b 100, v_t 118.152 (2022), X 140.25517307: progress 18.152 / 40.25517 = 45.09%;
    # g_obs = 1.18152**(1/2) - 1 = 8.6977%; g_req = 7%; R = 1.2425.
    a = assess(indicator(*rates(9.4, 8.0), target=SEVEN, series=Series.RATE), 2022)
    assert a.measures is not None
    assert (Status.ON_TRACK, Method.COMPOUND) == (a.status, a.measures.method)
    assert 45.0923 == pytest.approx(a.measures.progress_pct, abs=1e-4)
    assert 0.086977 == pytest.approx(a.measures.observed_growth, abs=1e-6)
    assert 0.07 == pytest.approx(a.measures.required_growth, abs=1e-12)
    assert 1.24254 == pytest.approx(a.measures.pace_ratio, abs=1e-5)


def test_a_rate_series_below_the_required_growth_is_far_behind() -> None:
    # Two years at 3%: g_obs = 3%, R = 3 / 7 = 0.4286.
    a = assess(indicator(*rates(3, 3), target=SEVEN, series=Series.RATE), 2022)
    assert a.measures is not None
    assert 0.428571 == pytest.approx(a.measures.pace_ratio, abs=1e-6)
    assert Status.FAR_BEHIND is a.status


def test_a_falling_growth_target_on_a_rate_series_is_on_track_when_falling_faster() -> None:
    # -5% a year: X = 100 * 0.95**5 = 77.3780938. Two years at -6%: index 88.36;
    # g_obs = 0.8836**(1/2) - 1 = -6%; R = -1 * -0.06 / 0.05 = 1.2.
    target = Target(2025, growth_target(100, -5, 5), Kind.AT_MOST, growth=-5)
    ind = indicator(*rates(-6, -6), target=target, series=Series.RATE, direction=Direction.DECREASE)
    a = assess(ind, 2022)
    assert a.measures is not None
    assert 1.2 == pytest.approx(a.measures.pace_ratio, abs=1e-9)
    assert Status.ON_TRACK is a.status


def test_five_years_at_exactly_the_required_rate_meet_it() -> None:
    # 1.1**5 = 1.61051 in decimal: the index reaches X exactly, not a hair below it.
    target = Target(2025, 161.051, Kind.AT_LEAST, growth=10)
    a = assess(indicator(*rates(10, 10, 10, 10, 10), target=target, series=Series.RATE), 2025)
    assert Status.MET is a.status


def test_one_year_short_of_the_required_rate_misses_it() -> None:
    # 1.1**4 * 1.09 = 159.6869 < 161.051.
    target = Target(2025, 161.051, Kind.AT_LEAST, growth=10)
    a = assess(indicator(*rates(10, 10, 10, 10, 9), target=target, series=Series.RATE), 2025)
    assert Status.MISSED is a.status


def test_a_missing_rate_stops_the_chain_and_later_years_are_not_used() -> None:
    # 2022 missing: the index is 110 (2021); 2023 and 2024 are left out.
    reports = (Report(2021, 10), Report(2023, 10), Report(2024, 10))
    a = assess(indicator(*reports, target=SEVEN, series=Series.RATE), 2024)
    assert a.latest is not None
    assert (2021, 110.0) == (a.latest.year, pytest.approx(a.latest.value))
    gap = next(n for n in a.notices if n.code == "series_gap")
    assert 2022 == gap.year
    assert "2023, 2024 are not used" in gap.message


def test_a_declared_baseline_of_a_rate_series_is_shown_but_not_used() -> None:
    # The declared 9.6 is 2025's own rate: the index is still 100 at 2025.
    baseline = Report(2025, 9.6)
    target = Target(2030, 161.051, Kind.AT_LEAST, growth=10)
    ind = indicator(Report(2026, 12), target=target, series=Series.RATE, baseline=baseline)
    a = assess(ind, 2026)
    assert a.baseline is not None
    assert a.latest is not None
    assert (2025, 100, 112) == (a.baseline.year, a.baseline.value, pytest.approx(a.latest.value))


def test_an_index_is_as_good_as_its_weakest_rate() -> None:
    reports = (Report(2021, 9.4, Quality.PRELIMINARY), Report(2022, 8.0))
    a = assess(indicator(*reports, target=SEVEN, series=Series.RATE), 2022)
    assert a.latest is not None
    assert Quality.PRELIMINARY is a.latest.quality


def test_a_rate_series_with_only_its_baseline_has_insufficient_data() -> None:
    a = assess(indicator(target=SEVEN, series=Series.RATE), 2021)
    assert Status.INSUFFICIENT_DATA is a.status


# --- series: flow -------------------------------------------------------------------

#: "at least 300 in total over 2021-2025".
TOTAL = Target(2025, 300, Kind.AT_LEAST)


def test_yearly_flows_are_summed_from_zero_at_the_baseline_year() -> None:
    reports = (Report(2021, 100), Report(2022, 50), Report(2023, -20))
    a = assess(indicator(*reports, target=TOTAL, series=Series.FLOW), 2023)
    assert [0, 100, 150, 130] == [p.value for p in a.levels]


def test_a_running_total_on_the_straight_path_is_on_track_in_the_linear_form() -> None:
    # 60 a year for 3 years: 180; E(2023) = 300 * 3/5 = 180; g_obs = g_req = 60/yr; R = 1.
    a = assess(indicator(*rates(60, 60, 60), target=TOTAL, series=Series.FLOW), 2023)
    assert a.measures is not None
    assert Method.LINEAR is a.measures.method
    assert (60.0, 180.0, 0.0) == (
        a.measures.progress_pct,
        a.measures.expected_value,
        a.measures.gap,
    )
    assert (1.0, Status.ON_TRACK) == (a.measures.pace_ratio, a.status)


def test_a_running_total_at_half_the_pace_is_far_behind() -> None:
    # 30 a year: g_obs 30, g_req 60, R = 0.5.
    a = assess(indicator(*rates(30, 30, 30), target=TOTAL, series=Series.FLOW), 2023)
    assert a.measures is not None
    assert (0.5, Status.FAR_BEHIND) == (a.measures.pace_ratio, a.status)


def test_a_total_reached_by_the_target_year_is_met() -> None:
    a = assess(indicator(*rates(60, 60, 60, 60, 60), target=TOTAL, series=Series.FLOW), 2025)
    assert Status.MET is a.status


def test_a_gap_in_a_flow_series_keeps_the_total_before_it() -> None:
    # 2022 missing: the latest level is 2021's 60, and 2023 is not used.
    reports = (Report(2021, 60), Report(2023, 200))
    a = assess(indicator(*reports, target=TOTAL, series=Series.FLOW), 2023)
    assert a.latest is not None
    assert (2021, 60) == (a.latest.year, a.latest.value)
    assert ["series_gap"] == [n.code for n in a.notices]


def test_a_falling_total_is_assessed_downwards() -> None:
    # "cut 100 in total": -20 a year for 2 years is -40; g_obs = g_req = -20/yr; R = 1.
    target = Target(2025, -100, Kind.AT_MOST)
    ind = indicator(
        *rates(-20, -20), target=target, series=Series.FLOW, direction=Direction.DECREASE
    )
    a = assess(ind, 2022)
    assert a.measures is not None
    assert (40.0, 1.0, Status.ON_TRACK) == (
        a.measures.progress_pct,
        a.measures.pace_ratio,
        a.status,
    )


# --- each_year ----------------------------------------------------------------------

#: Beijing: R&D "保持在6%左右", about 6 every year (tolerance 2% of 6 = 0.12).
ABOUT_SIX = Target(2025, 6, Kind.ABOUT, tolerance=0.12, each_year=True)


def beijing(*reports: Report) -> Indicator:
    return indicator(*reports, target=ABOUT_SIX)


@pytest.mark.parametrize(
    ("reports", "as_of", "expected"),
    [
        # 6.53 and 6.58 are both at least 5.88 (overshooting "about" counts as met).
        ((Report(2021, 6.53), Report(2024, 6.58)), 2024, Status.ACHIEVED),
        # The target year's figure is in and every year met it.
        ((Report(2021, 6.53), Report(2025, 6.1)), 2025, Status.MET),
        # The target year's 5.5 is below 5.88.
        ((Report(2021, 6.53), Report(2025, 5.5)), 2025, Status.MISSED),
        # The latest, 5.8, does not meet it.
        ((Report(2021, 6.53), Report(2022, 5.8)), 2022, Status.REGRESSING),
        # The latest meets it, an earlier year did not.
        ((Report(2021, 5.8), Report(2022, 6.1)), 2022, Status.BEHIND),
        # Only a year at or before the baseline year: nothing judged yet.
        ((Report(2020, 6.2),), 2020, Status.INSUFFICIENT_DATA),
    ],
)
def test_an_every_year_target_judges_each_year(
    reports: tuple[Report, ...], as_of: int, expected: Status
) -> None:
    assert expected is assess(beijing(*reports), as_of).status


def test_an_every_year_target_lists_the_years_judged_and_met() -> None:
    a = assess(beijing(Report(2020, 6.2), Report(2021, 6.53), Report(2022, 5.8)), 2022)
    assert (Judged(2021, 6.53, True), Judged(2022, 5.8, False)) == a.judged


def test_an_every_year_target_has_no_progress_pace_or_path() -> None:
    a = assess(beijing(Report(2021, 6.53), Report(2024, 6.58)), 2024)
    assert (None, None) == (a.measures, a.path)


def test_an_every_year_target_still_waits_for_the_target_year() -> None:
    a = assess(beijing(Report(2021, 6.53), Report(2024, 6.58)), 2025)
    assert Status.ACHIEVED is a.status
    assert ["target_year_pending"] == [n.code for n in a.notices]


def test_a_falling_every_year_cap_regresses_when_the_latest_year_exceeds_it() -> None:
    cap = Target(2025, 3, Kind.AT_MOST, each_year=True)
    ind = indicator(Report(2021, 2.5), Report(2022, 3.2), target=cap, direction=Direction.DECREASE)
    assert Status.REGRESSING is assess(ind, 2022).status


# --- series breaks ------------------------------------------------------------------

#: The EU's basic digital skills: 80% by 2030; the old series gave 58, the new 54 -> 55.6.
EIGHTY = Target(2030, 80, Kind.AT_LEAST)
OLD = Report(2019, 58)
NEW = (Report(2021, 54, series_break=True), Report(2023, 55.6))


def test_without_the_break_mixing_the_definitions_reads_as_regressing() -> None:
    unmarked = (Report(2021, 54), Report(2023, 55.6))
    assert (
        Status.REGRESSING is assess(indicator(*unmarked, target=EIGHTY, baseline=OLD), 2023).status
    )


def test_a_break_starts_the_assessment_on_the_comparable_series() -> None:
    # From 54 (2021): g_obs = (55.6/54)**(1/2) - 1 = 1.4707%;
    # g_req = (80/54)**(1/9) - 1 = 4.4639%; R = 0.3295: far behind.
    a = assess(indicator(*NEW, target=EIGHTY, baseline=OLD), 2023)
    assert a.measures is not None
    assert a.start is not None
    assert a.baseline is not None
    assert (2021, 54, 2019) == (a.start.year, a.start.value, a.baseline.year)
    assert 0.3295 == pytest.approx(a.measures.pace_ratio, abs=1e-4)
    assert (Status.FAR_BEHIND, 2021) == (a.status, a.series_break)
    assert ["series_break"] == [n.code for n in a.notices]


def test_a_break_after_as_of_is_not_seen() -> None:
    # As of 2020 only 2019 -> 2020 counts: 58 -> 59, rising: R > 0.
    reports = (Report(2020, 59), *NEW)
    a = assess(indicator(*reports, target=EIGHTY, baseline=OLD), 2020)
    assert (None, Status.FAR_BEHIND) == (a.series_break, a.status)


def test_a_growth_target_keeps_the_declared_baseline_across_a_break() -> None:
    # X = 100 * 1.1**5 = 161.051 from the plan's 2020 base. Break in 2022 at 130, 2023 143:
    # g_obs = 10%; g_req = (161.051/130)**(1/3) - 1 = 7.4009%; R = 1.3512.
    target = Target(2025, 161.051, Kind.AT_LEAST, growth=10)
    reports = (Report(2021, 105), Report(2022, 130, series_break=True), Report(2023, 143))
    a = assess(indicator(*reports, target=target, baseline=Report(2020, 100)), 2023)
    assert a.measures is not None
    assert a.path is not None
    assert (2022, 130, 161.051) == (a.path.base_year, a.path.base_value, a.path.target_value)
    assert 1.3512 == pytest.approx(a.measures.pace_ratio, abs=1e-4)


def test_a_break_on_the_baseline_year_uses_that_year_s_own_report() -> None:
    a = assess(indicator(*NEW, target=EIGHTY, baseline=Report(2021, 58)), 2023)
    assert a.start is not None
    assert (2021, 54) == (a.start.year, a.start.value)


def test_a_break_with_no_usable_level_after_it_leaves_insufficient_data() -> None:
    # The chain stops at 2022, so the 2023 break has no level at or after it.
    reports = (Report(2021, 5), Report(2023, 5, series_break=True))
    a = assess(indicator(*reports, target=SEVEN, series=Series.RATE), 2023)
    assert Status.INSUFFICIENT_DATA is a.status
    assert {"series_gap", "series_break"} == {n.code for n in a.notices}


# --- growth on levels, both directions; no growth; conflicts in a chain ----------------------


def test_a_falling_growth_target_on_levels_is_far_behind_when_falling_too_slowly() -> None:
    # -5% a year from 200 (2020): X = 200 * 0.95**5 = 154.7561875. 2022: 196 ->
    # g_obs = (196/200)**(1/2) - 1 = -1.005%; g_req = -5%; R = -1 * -0.01005 / 0.05 = 0.2010.
    target = Target(2025, growth_target(200, -5, 5), Kind.AT_MOST, growth=-5)
    ind = indicator(
        Report(2022, 196), target=target, baseline=Report(2020, 200), direction=Direction.DECREASE
    )
    a = assess(ind, 2022)
    assert a.measures is not None
    assert 154.7561875 == pytest.approx(target.value, abs=1e-9)
    assert 0.2010 == pytest.approx(a.measures.pace_ratio, abs=1e-4)
    assert Status.FAR_BEHIND is a.status


@pytest.mark.parametrize(("latest", "expected"), [(52, Status.ACHIEVED), (48, Status.REGRESSING)])
def test_a_growth_of_zero_keeps_the_baseline_as_the_target(latest: float, expected: Status) -> None:
    # X = 50 * 1.0**5 = 50 = the baseline: a floor to keep (no distance, no required path).
    target = Target(2025, growth_target(50, 0, 5), Kind.AT_LEAST, growth=0)
    ind = indicator(Report(2022, latest), target=target, baseline=Report(2020, 50))
    assert expected is assess(ind, 2022).status


def test_two_rates_of_one_year_that_disagree_raise_a_conflict_and_the_last_counts() -> None:
    # 9.4 and 8.0 both final for 2021: more than 1% apart; the last listed, 8.0, is chained.
    reports = (Report(2021, 9.4, source="A"), Report(2021, 8.0, source="B"))
    a = assess(indicator(*reports, target=SEVEN, series=Series.RATE), 2021)
    assert a.latest is not None
    assert (108.0, ["conflict"]) == (
        pytest.approx(a.latest.value),
        [n.code for n in a.notices],
    )


def test_a_break_before_the_declared_baseline_changes_nothing() -> None:
    # The 2019 break is older than the 2021 baseline of 54: 54 -> 55.6 as declared, no warning.
    reports = (Report(2019, 58, series_break=True), Report(2023, 55.6))
    a = assess(indicator(*reports, target=EIGHTY, baseline=Report(2021, 54)), 2023)
    assert a.start is not None
    assert ((2021, 54), None, []) == (
        (a.start.year, a.start.value),
        a.series_break,
        list(a.notices),
    )


def test_a_target_year_rate_after_a_gap_is_pending_and_says_why() -> None:
    # 2022 missing: the 2025 rate is reported but not chained, so the trend decides.
    reports = (Report(2021, 10), Report(2023, 10), Report(2024, 10), Report(2025, 10))
    a = assess(indicator(*reports, target=SEVEN, series=Series.RATE), 2025)
    pending = next(n for n in a.notices if n.code == "target_year_pending")
    assert "the 2025 figure is reported but after the gap" in pending.message
    assert Status.ON_TRACK is a.status  # 10% a year so far against 7% required: R = 1.43

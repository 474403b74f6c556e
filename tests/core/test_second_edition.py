"""The second edition of methodology.md: maintain targets, caps and floors, and `t = b`.

One hand-worked case per kind (about, at_least, at_most, a multiple), rising and
falling, with the latest point at the baseline (`t = b`) and after it (`t > b`).
Every number was worked out with `bc -l`; the comment beside it shows the working.
Baseline year 2020, target year 2025.
"""

from __future__ import annotations

import pytest

from shtracker.core.assess import assess
from shtracker.core.model import (
    Direction,
    Indicator,
    Kind,
    Report,
    Status,
    Target,
    is_maintain_target,
)
from tests.conftest import indicator_x

UP, DOWN = Direction.INCREASE, Direction.DECREASE


def make(direction: Direction, base: float, target: Target, *actuals: Report) -> Indicator:
    return indicator_x(target, *actuals, direction=direction, baseline=Report(2020, base))


ABOUT_30 = Target(2025, 30, Kind.ABOUT, tolerance=0.6)
CAP_3_3 = Target(2025, 3.3, Kind.AT_MOST)
FLOOR_5 = Target(2025, 5, Kind.AT_LEAST)
ABOUT_50 = Target(2025, 50, Kind.ABOUT, tolerance=1)
TWICE_100 = Target(2025, 200, Kind.AT_LEAST, multiple=2)
HALF_100 = Target(2025, 50, Kind.AT_MOST, multiple=0.5)
ONCE_100 = Target(2025, 100, Kind.AT_LEAST, multiple=1)

# name -> (indicator, as_of, maintain, status, expected measures; None = must be null)
CASES: dict[str, tuple[Indicator, int, bool, Status, dict[str, float | None]]] = {
    # about 30 (tol 0.6) from 29.6: |29.6 - 30| = 0.4 <= 0.6, met at the baseline.
    "about_rising_maintain_t_eq_b": (
        make(UP, 29.6, ABOUT_30),
        2021,
        True,
        Status.ACHIEVED,
        {"progress_pct": None, "attainment_pct": 98.6666666666, "observed_growth": None},
    ),
    "about_rising_maintain_t_gt_b": (
        make(UP, 29.6, ABOUT_30, Report(2022, 65)),
        2022,
        True,
        Status.ACHIEVED,
        {
            "progress_pct": None,  # no distance to cover: was 8,850%
            "pace_ratio": None,  # no required growth: was R 63.38
            "years_ahead": None,  # was +288 y
            "expected_value": None,
            "gap": None,
            "required_growth": None,
            "remaining_growth": None,
            "observed_growth": 0.481872445909,  # (65/29.6)**(1/2) - 1
            "projected_value": 211.517266350,  # 65 * (65/29.6)**(3/2)
            "attainment_pct": 216.666666666,  # 65/30
        },
    ),
    # 29 - 30 = -1 < -0.6: no longer met.
    "about_rising_maintain_lost": (
        make(UP, 29.6, ABOUT_30, Report(2022, 29)),
        2022,
        True,
        Status.REGRESSING,
        {"progress_pct": None, "pace_ratio": None},
    ),
    # about 50 (tol 1) falling from 50.5: -(50.5 - 50) = -0.5 >= -1, met at the baseline.
    "about_falling_maintain_t_eq_b": (
        make(DOWN, 50.5, ABOUT_50),
        2021,
        True,
        Status.ACHIEVED,
        {"progress_pct": None, "attainment_pct": 99.00990099},  # 50/50.5
    ),
    # -(52 - 50) = -2 < -1: no longer met.
    "about_falling_maintain_lost": (
        make(DOWN, 50.5, ABOUT_50, Report(2022, 52)),
        2022,
        True,
        Status.REGRESSING,
        {
            "observed_growth": 0.014742809926,  # (52/50.5)**(1/2) - 1
            "projected_value": 54.333951644,  # 52 * (52/50.5)**(3/2)
            "attainment_pct": 96.153846153,  # 50/52
            "pace_ratio": None,
        },
    ),
    # A cap: at most 3.3, declared falling, from 2.4.
    "cap_t_eq_b": (
        make(DOWN, 2.4, CAP_3_3),
        2021,
        True,
        Status.ACHIEVED,
        {"progress_pct": None, "attainment_pct": 137.5},  # 3.3/2.4
    ),
    "cap_held": (
        make(DOWN, 2.4, CAP_3_3, Report(2022, 3.1)),
        2022,
        True,
        Status.ACHIEVED,
        {
            "observed_growth": 0.136515141415,  # (3.1/2.4)**(1/2) - 1
            "projected_value": 4.550796045,  # 3.1 * (3.1/2.4)**(3/2)
            "attainment_pct": 106.451612903,  # 3.3/3.1
            "progress_pct": None,
            "pace_ratio": None,
        },
    ),
    "cap_at_its_edge": (
        make(DOWN, 2.4, CAP_3_3, Report(2022, 3.3)),
        2022,
        True,
        Status.ACHIEVED,
        {"attainment_pct": 100.0},
    ),
    "cap_broken": (
        make(DOWN, 2.4, CAP_3_3, Report(2022, 3.1), Report(2023, 3.4)),
        2023,
        True,
        Status.REGRESSING,
        {
            "observed_growth": 0.123110683466,  # (3.4/2.4)**(1/3) - 1
            "attainment_pct": 97.058823529,  # 3.3/3.4
            "progress_pct": None,
        },
    ),
    "cap_met_in_the_target_year": (
        make(DOWN, 2.4, CAP_3_3, Report(2023, 3.4), Report(2025, 3.2)),
        2026,
        True,
        Status.MET,
        {"progress_pct": None},
    ),
    # A floor: at least 5, declared rising, from 6.5.
    "floor_held_t_eq_b": (
        make(UP, 6.5, FLOOR_5),
        2021,
        True,
        Status.ACHIEVED,
        {"progress_pct": None, "attainment_pct": 130.0},  # 6.5/5
    ),
    "floor_held": (
        make(UP, 6.5, FLOOR_5, Report(2022, 5.2)),
        2022,
        True,
        Status.ACHIEVED,
        {
            "observed_growth": -0.105572809001,  # (5.2/6.5)**(1/2) - 1
            "projected_value": 3.720817114,  # 5.2 * 0.8**(3/2)
            "attainment_pct": 104.0,  # 5.2/5
        },
    ),
    "floor_broken": (
        make(UP, 6.5, FLOOR_5, Report(2022, 4.9)),
        2022,
        True,
        Status.REGRESSING,
        {"attainment_pct": 98.0, "pace_ratio": None},  # 4.9/5
    ),
    # at least 100 from 100: a target equal to its baseline.
    "at_least_equal_t_gt_b": (
        make(UP, 100, Target(2025, 100, Kind.AT_LEAST), Report(2022, 121)),
        2022,
        True,
        Status.ACHIEVED,
        {"observed_growth": 0.1, "projected_value": 161.051, "progress_pct": None},  # 121*1.1**3
    ),
    # 1x the baseline is a maintain target too.
    "multiple_of_1_t_gt_b": (
        make(UP, 100, ONCE_100, Report(2022, 99)),
        2022,
        True,
        Status.REGRESSING,
        {"attainment_pct": 99.0, "pace_ratio": None},
    ),
    # Targets still to reach: nothing changes but progress at t = b.
    "at_least_t_eq_b": (
        make(UP, 100, Target(2025, 200, Kind.AT_LEAST)),
        2021,
        False,
        Status.INSUFFICIENT_DATA,
        {"progress_pct": None, "attainment_pct": 50.0, "pace_ratio": None},  # 100/200
    ),
    "at_most_t_eq_b": (
        make(DOWN, 100, Target(2025, 80, Kind.AT_MOST)),
        2021,
        False,
        Status.INSUFFICIENT_DATA,
        {"progress_pct": None, "attainment_pct": 80.0},  # 80/100
    ),
    # 2x 100 = 200; 132.25 = 100 * 1.15**2 in 2022.
    "multiple_rising_t_gt_b": (
        make(UP, 100, TWICE_100, Report(2022, 132.25)),
        2022,
        False,
        Status.ON_TRACK,
        {
            "progress_pct": 32.25,  # (132.25 - 100) / (200 - 100)
            "observed_growth": 0.15,
            "required_growth": 0.148698354995,  # 2**(1/5) - 1
            "pace_ratio": 1.008753593844,  # 0.15 / 0.148698
            "projected_value": 201.13571875,  # 132.25 * 1.15**3
            "attainment_pct": 66.125,  # 132.25/200
        },
    ),
    # 0.5x 100 = at most 50, falling; 81 = 100 * 0.9**2 in 2022.
    "multiple_falling_t_gt_b": (
        make(DOWN, 100, HALF_100, Report(2022, 81)),
        2022,
        False,
        Status.BEHIND,
        {
            "progress_pct": 38.0,  # (81 - 100) / (50 - 100)
            "observed_growth": -0.1,
            "required_growth": -0.129449436704,  # 0.5**(1/5) - 1
            "pace_ratio": 0.772502395886,  # -1 * -0.1 / 0.129449
            "years_ahead": -0.479969065555,  # 5 * ln(0.81)/ln(0.5) - 2
            "projected_value": 59.049,  # 81 * 0.9**3
        },
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_status_follows_the_second_edition(case: str) -> None:
    indicator, as_of, _, status, _ = CASES[case]
    assert status is assess(indicator, as_of).status


@pytest.mark.parametrize("case", CASES)
def test_a_maintain_target_is_one_the_baseline_already_meets(case: str) -> None:
    indicator, as_of, maintain, _, _ = CASES[case]
    assert maintain is assess(indicator, as_of).maintain


@pytest.mark.parametrize(
    ("case", "name"),
    [(case, name) for case, (*_, expected) in CASES.items() for name in expected],
)
def test_each_measure_matches_the_hand_worked_value(case: str, name: str) -> None:
    indicator, as_of, _, _, expected = CASES[case]
    measures = assess(indicator, as_of).measures
    assert measures is not None
    got = getattr(measures, name)
    if expected[name] is None:
        assert got is None
    else:
        assert expected[name] == pytest.approx(got, rel=1e-9)


@pytest.mark.parametrize(
    ("target", "direction", "base", "expected"),
    [
        (ABOUT_30, UP, 29.6, True),  # within 0.6 below
        (ABOUT_30, UP, 29.4, True),  # exactly 0.6 short: the edge meets (in decimal)
        (ABOUT_30, UP, 29.3, False),
        (CAP_3_3, DOWN, 2.4, True),
        (CAP_3_3, DOWN, 3.4, False),
        (FLOOR_5, UP, 6.5, True),
        (FLOOR_5, UP, 4.5, False),
        (ONCE_100, UP, 100, True),
        (TWICE_100, UP, 100, False),
    ],
)
def test_is_maintain_target_asks_whether_the_baseline_meets_the_target(
    target: Target, direction: Direction, base: float, expected: bool
) -> None:
    assert expected is is_maintain_target(target, direction, base)

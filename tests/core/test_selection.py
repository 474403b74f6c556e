"""Which reported value counts for a year (docs/methodology.md, "Which reported value counts")."""

from __future__ import annotations

import pytest

from shtracker.core.model import Quality, Report
from shtracker.core.selection import reports_conflict, select_year, select_years

FINAL, PRELIMINARY, ESTIMATE, PARTIAL = (
    Quality.FINAL,
    Quality.PRELIMINARY,
    Quality.ESTIMATE,
    Quality.PARTIAL,
)


def r(value: float, quality: Quality = FINAL, source: str | None = None) -> Report:
    return Report(2022, value, quality, source)


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        ([r(1, ESTIMATE), r(2, PRELIMINARY), r(3, FINAL)], 3),
        ([r(3, FINAL), r(2, PRELIMINARY), r(1, ESTIMATE)], 3),  # order does not beat quality
        ([r(1, ESTIMATE), r(2, PRELIMINARY)], 2),
        ([r(2, PRELIMINARY), r(1, ESTIMATE)], 2),
        ([r(1, ESTIMATE)], 1),
        ([r(9, PARTIAL), r(1, ESTIMATE)], 1),  # partial never used, even if alone with worse
    ],
)
def test_the_best_quality_present_is_used(reports: list[Report], expected: float) -> None:
    used = select_year(2022, reports).used
    assert used is not None
    assert expected == used.value


def test_the_last_listed_report_of_the_best_quality_is_used() -> None:
    used = select_year(2022, [r(4.2, FINAL, "a"), r(4.21, FINAL, "b")]).used
    assert r(4.21, FINAL, "b") == used


def test_reports_the_used_one_supersedes_are_listed_as_revisions() -> None:
    year = select_year(2022, [r(4.1, PRELIMINARY), r(4.0, FINAL), r(4.21, FINAL)])
    assert (r(4.1, PRELIMINARY), r(4.0, FINAL)) == year.superseded


def test_a_year_with_only_partial_reports_has_no_used_value() -> None:
    year = select_year(2022, [r(62, PARTIAL), r(65, PARTIAL)])
    assert (None, (r(62, PARTIAL), r(65, PARTIAL))) == (year.used, year.partial)


def test_partial_reports_are_kept_apart_from_revisions() -> None:
    year = select_year(2022, [r(62, PARTIAL), r(65, FINAL)])
    assert ((), (r(62, PARTIAL),)) == (year.superseded, year.partial)


def test_all_lists_the_used_report_first() -> None:
    year = select_year(2022, [r(1, PARTIAL), r(2, ESTIMATE), r(3, FINAL)])
    assert (r(3, FINAL), r(2, ESTIMATE), r(1, PARTIAL)) == year.all


# --- conflicts: more than 1% of the larger absolute value ---------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (100, 99, False),  # exactly 1% of 100
        (99, 100, False),
        (100, 98.99, True),  # 1.01%
        (1.0, 0.99, False),  # exactly 1%, in decimal as written
        (4.5, 4.455, False),  # exactly 1%
        (4.5, 4.4549, True),
        (17012, 16600, True),  # the bundled high-tech 2020 pair: 2.4%
        (-100, -99, False),  # absolute values
        (-100, -98.9, True),
        (0, 0, False),
        (0, 0.001, True),
    ],
)
def test_reports_conflict_when_they_differ_by_more_than_1_pct(
    a: float, b: float, expected: bool
) -> None:
    assert expected is reports_conflict(a, b)


def test_two_best_quality_reports_1_pct_apart_do_not_conflict() -> None:
    assert () == select_year(2022, [r(100), r(99)]).conflicts


def test_two_best_quality_reports_more_than_1_pct_apart_conflict() -> None:
    assert ((r(100), r(98)),) == select_year(2022, [r(100), r(98)]).conflicts


def test_reports_of_lower_quality_never_conflict_with_the_used_one() -> None:
    assert () == select_year(2022, [r(4.1, PRELIMINARY), r(4.21, FINAL)]).conflicts


def test_partial_reports_never_conflict() -> None:
    assert () == select_year(2022, [r(62, PARTIAL), r(65, FINAL)]).conflicts


def test_conflicts_are_checked_pairwise_among_three_reports() -> None:
    # 100 vs 99.5: 0.5%; 99.5 vs 98.6: 0.9%; 100 vs 98.6: 1.4% -> only the outer pair.
    year = select_year(2022, [r(100, source="a"), r(99.5, source="b"), r(98.6, source="c")])
    assert [("a", "c")] == [(x.source, y.source) for x, y in year.conflicts]


def test_every_differing_pair_among_three_reports_is_a_conflict() -> None:
    year = select_year(2022, [r(100, source="a"), r(90, source="b"), r(80, source="c")])
    pairs = [(x.source, y.source) for x, y in year.conflicts]
    assert [("a", "b"), ("a", "c"), ("b", "c")] == pairs


# --- grouping by year ---------------------------------------------------------------


def test_select_years_groups_reports_by_year_in_ascending_order() -> None:
    reports = [Report(2023, 3), Report(2021, 1), Report(2022, 2), Report(2021, 1.5)]
    assert [2021, 2022, 2023] == [y.year for y in select_years(reports)]


def test_select_years_drops_years_after_as_of() -> None:
    reports = [Report(2021, 1), Report(2022, 2), Report(2023, 3)]
    assert [2021, 2022] == [y.year for y in select_years(reports, as_of=2022)]

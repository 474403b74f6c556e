"""Is a report already there? Hand-worked cases of what makes `record` idempotent."""

from __future__ import annotations

import pytest

from shtracker.core.model import Quality, Report
from shtracker.record.duplicates import (
    already_recorded,
    repeated_reports,
    revised_report,
    same_report,
)

FINAL = Quality.FINAL
PRELIMINARY = Quality.PRELIMINARY
A = Report(2025, 26500, FINAL, "work report")
YEAR = (Report(2024, 25000), A)


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (Report(2025, 26500.0, FINAL, "work report"), True),  # 26500 and 26500.0 are one value
        (Report(2025, 26500, FINAL, "work report", reported="2026-01-02"), True),
        (Report(2025, 26501, FINAL, "work report"), False),
        (Report(2025, 26500, PRELIMINARY, "work report"), False),
        (Report(2025, 26500, FINAL, "another"), False),
        (Report(2025, 26500, FINAL, "work report", "a note"), False),
        (Report(2024, 26500, FINAL, "work report"), False),
        (Report(2025, 26500, FINAL, None), False),
    ],
)
def test_same_report_compares_year_value_quality_source_and_note(other: Report, same: bool) -> None:
    assert same == same_report(A, other)


@pytest.mark.parametrize(
    ("actuals", "replace", "expected"),
    [
        (YEAR, False, True),
        ((), False, False),
        ((Report(2025, 26000, FINAL, "work report"),), False, False),
        ((A, Report(2025, 26000)), False, True),  # there, among others
        ((A,), True, True),  # --replace with only this report: nothing to do
        ((A, Report(2025, 26000)), True, False),  # --replace drops the other one
        ((Report(2025, 26000),), True, False),
        (YEAR, True, True),  # another year's report does not count
    ],
)
def test_already_recorded(actuals: tuple[Report, ...], replace: bool, expected: bool) -> None:
    assert expected == already_recorded(actuals, A, replace)


def test_a_different_value_of_the_same_quality_is_a_revision_of_the_last_one() -> None:
    older, last = Report(2025, 26000, FINAL, "a"), Report(2025, 26200, FINAL, "b")
    preliminary = Report(2025, 26300, PRELIMINARY)
    assert last == revised_report((older, last, preliminary), A)
    assert revised_report((preliminary,), A) is None
    assert revised_report((), A) is None


def test_repeated_reports_lists_each_repetition_once_in_file_order() -> None:
    twice = Report(2022, 4.4, FINAL, "s")
    actuals = (Report(2021, 4.2), twice, Report(2022, 4.4, FINAL, "t"), twice, twice)
    assert [twice, twice] == repeated_reports(actuals)
    assert [] == repeated_reports(actuals[:3])

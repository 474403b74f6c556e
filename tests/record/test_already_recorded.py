"""`already_recorded` on a year with a revision history: what makes a second record or an
import row a no-op."""

from __future__ import annotations

import pytest

from shtracker.core.model import Quality, Report
from shtracker.record.duplicates import already_recorded

FILED = (
    Report(2022, 4.2, Quality.PRELIMINARY, "communiqué"),
    Report(2022, 4.44, Quality.FINAL, "yearbook"),
    Report(2023, 4.4),
)


@pytest.mark.parametrize(
    ("report", "replace", "expected"),
    [
        (Report(2023, 4.4), False, True),
        (Report(2023, 4), False, False),
        (Report(2022, 4.2, Quality.PRELIMINARY, "communiqué"), False, True),  # the first
        (Report(2022, 4.44, Quality.FINAL, "yearbook"), False, True),  # the second of a list
        (Report(2022, 4.44, Quality.FINAL, "another source"), False, False),
        (Report(2022, 4.44, Quality.PRELIMINARY, "yearbook"), False, False),
        (Report(2022, 4.44, Quality.FINAL, "yearbook", "a note"), False, False),
        (Report(2024, 4.4), False, False),  # same value, another year
        (Report(2023, 4.41), False, False),
        (Report(2023, 4.4), True, True),  # already the year's only report
        (Report(2022, 4.44, Quality.FINAL, "yearbook"), True, False),  # replace drops the other
    ],
)
def test_a_report_is_present_only_when_year_value_quality_source_and_note_match(
    report: Report, replace: bool, expected: bool
) -> None:
    assert expected == already_recorded(FILED, report, replace)


def test_nothing_is_present_in_an_empty_year_list() -> None:
    assert False is already_recorded((), Report(2023, 4.4))
    assert False is already_recorded((), Report(2023, 4.4), replace=True)

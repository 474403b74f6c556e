"""Whether a report is already in the file: what makes recording it a second time a no-op."""

from __future__ import annotations

from collections.abc import Iterable

from shtracker.core.model import Report


def same_report(a: Report, b: Report) -> bool:
    """Return whether two reports of a year say the same: value, quality, source and note."""
    return (a.year, a.value, a.quality, a.source, a.note) == (
        b.year,
        b.value,
        b.quality,
        b.source,
        b.note,
    )


def already_present(actuals: Iterable[Report], report: Report, replace: bool = False) -> bool:
    """Return whether recording `report` would change nothing.

    Without `replace`: an identical report is already listed for its year. With
    `replace`: it is already the year's only report.
    """
    of_year = [r for r in actuals if r.year == report.year]
    if replace:
        return len(of_year) == 1 and same_report(of_year[0], report)
    return any(same_report(r, report) for r in of_year)

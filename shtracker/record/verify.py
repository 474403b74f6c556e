"""Check that an edited file holds exactly the old data plus the one recorded report."""

from __future__ import annotations

from dataclasses import replace as with_changes

from shtracker.core.errors import DataError, Problem
from shtracker.core.model import Plan, Report


def expected_actuals(old: tuple[Report, ...], new: Report, replace: bool) -> tuple[Report, ...]:
    """Return the reports after recording `new`: appended to its year, or in year order."""
    years = list(dict.fromkeys(r.year for r in old))
    by_year = {year: [r for r in old if r.year == year] for year in years}
    if new.year in by_year:
        by_year[new.year] = [new] if replace else [*by_year[new.year], new]
    else:
        later = next((i for i, year in enumerate(years) if year > new.year), len(years))
        years.insert(later, new.year)
        by_year[new.year] = [new]
    return tuple(r for year in years for r in by_year[year])


def expected_plan(old: Plan, ident: str, new: Report, replace: bool) -> Plan:
    """Return the plan `old` with `new` recorded for indicator `ident`."""
    indicators = tuple(
        with_changes(i, actuals=expected_actuals(i.actuals, new, replace)) if i.id == ident else i
        for i in old.indicators
    )
    return with_changes(old, indicators=indicators, by_id={})


def _difference(expected: Plan, found: Plan) -> str:
    """Return a few words on where two plans differ."""
    if len(expected.indicators) != len(found.indicators):
        return "the number of indicators changed"
    for want, got in zip(expected.indicators, found.indicators, strict=True):
        if want != got:
            return f"indicator '{want.id}' would differ"
    return "the plan header would differ"


def check_recorded(
    old: Plan, new: Plan, ident: str, report: Report, replace: bool, path: str
) -> None:
    """Raise a `DataError` unless `new` is exactly `old` with `report` recorded."""
    expected = expected_plan(old, ident, report, replace)
    if new != expected:
        message = (
            f"refusing to record: the edit would not give exactly the old data plus this "
            f"report ({_difference(expected, new)}); nothing written"
        )
        raise DataError([Problem(path, message)])


def check_imported(
    old: Plan, new: Plan, added: dict[str, list[Report]], replace: bool, path: str
) -> None:
    """Raise a `DataError` unless `new` is exactly `old` with every report of `added` recorded.

    `added` maps an indicator id to its new reports, in the order they were recorded.
    """
    actuals = {}
    for ident, reports in added.items():
        found = old.by_id[ident].actuals
        for report in reports:
            found = expected_actuals(found, report, replace)
        actuals[ident] = found
    indicators = tuple(
        with_changes(i, actuals=actuals[i.id]) if i.id in actuals else i for i in old.indicators
    )
    expected = with_changes(old, indicators=indicators, by_id={})
    if new != expected:
        message = (
            f"refusing to import: the edit would not give exactly the old data plus these "
            f"reports ({_difference(expected, new)}); nothing written"
        )
        raise DataError([Problem(path, message)])

"""What changed between two states of a plan: statuses, reports, targets, baselines, measures.

The two states are two (plan, as-of) pairs: the file at two revisions, or one
file at two as-of years. In a file with periods each side assesses an indicator
in the period in force as of its year (docs/periods.md), as `status` does by
default. Pure: plans in, a comparison out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shtracker.core.assess import Assessment
from shtracker.core.model import Indicator, Period, Plan, Report, Status
from shtracker.core.periods import assess_in_force
from shtracker.core.selection import select_year

#: How a year's reports changed.
NEW, REVISED, REMOVED = "new", "revised", "removed"


@dataclass(frozen=True, slots=True)
class YearChange:
    """One year whose reports differ: `new` (none before), `revised`, or `removed` (none after)."""

    year: int
    kind: str
    before: tuple[Report, ...]
    after: tuple[Report, ...]

    @property
    def used_before(self) -> Report | None:
        """Return the report that counted for the year before (None when none did)."""
        return select_year(self.year, self.before).used

    @property
    def used_after(self) -> Report | None:
        """Return the report that counts for the year after."""
        return select_year(self.year, self.after).used


@dataclass(frozen=True, slots=True)
class IndicatorChange:
    """One indicator in both states; `before` is None when it was added, `after` when removed."""

    id: str
    before: Assessment | None
    after: Assessment | None
    years: tuple[YearChange, ...]
    target_changed: bool
    baseline_changed: bool

    @property
    def status_before(self) -> Status | None:
        """Return the status before, None when the indicator did not exist."""
        return self.before.status if self.before else None

    @property
    def status_after(self) -> Status | None:
        """Return the status after, None when the indicator no longer exists."""
        return self.after.status if self.after else None

    @property
    def measures_changed(self) -> bool:
        """Return whether progress or pace moved."""
        return _figures(self.before) != _figures(self.after)

    @property
    def changed(self) -> bool:
        """Return whether anything about the indicator differs between the two states."""
        return (
            self.before is None
            or self.after is None
            or bool(self.years)
            or self.target_changed
            or self.baseline_changed
            or self.status_before is not self.status_after
            or self.measures_changed
        )


@dataclass(frozen=True, slots=True)
class Comparison:
    """The indicators that changed (in new file order, removed ones last); the rest counted."""

    changes: tuple[IndicatorChange, ...]
    unchanged: int

    def moved_into(self, statuses: Iterable[Status]) -> list[IndicatorChange]:
        """Return the indicators whose status became one of `statuses` (it was another before)."""
        wanted = set(statuses)
        return [
            c
            for c in self.changes
            if c.status_after in wanted and c.status_after is not c.status_before
        ]


def _figures(a: Assessment | None) -> tuple[float | None, float | None]:
    m = a.measures if a else None
    return (m.progress_pct, m.pace_ratio) if m else (None, None)


def _by_year(reports: Iterable[Report], as_of: int) -> dict[int, tuple[Report, ...]]:
    found: dict[int, list[Report]] = {}
    for r in reports:
        if r.year <= as_of:
            found.setdefault(r.year, []).append(r)
    return {year: tuple(listed) for year, listed in found.items()}


def year_changes(
    old: Indicator | None, old_as_of: int, new: Indicator | None, new_as_of: int
) -> tuple[YearChange, ...]:
    """Return the years whose reports (up to each side's as-of year) differ, in year order."""
    before = _by_year(old.actuals if old else (), old_as_of)
    after = _by_year(new.actuals if new else (), new_as_of)
    changes = []
    for year in sorted(before.keys() | after.keys()):
        was, now = before.get(year, ()), after.get(year, ())
        if was == now:
            continue
        kind = NEW if not was else REMOVED if not now else REVISED
        changes.append(YearChange(year, kind, was, now))
    return tuple(changes)


def indicator_change(
    old: Indicator | None, old_as_of: int, new: Indicator | None, new_as_of: int
) -> IndicatorChange:
    """Return how one indicator of a file without periods differs between two states."""
    return indicator_change_in(old, (), old_as_of, new, (), new_as_of)


def indicator_change_in(
    old: Indicator | None,
    old_periods: tuple[Period, ...],
    old_as_of: int,
    new: Indicator | None,
    new_periods: tuple[Period, ...],
    new_as_of: int,
) -> IndicatorChange:
    """Return how one indicator differs between two states (one of them may be missing);
    each side is assessed in its period in force (none declared: the plan's own)."""
    either = new if new is not None else old
    if either is None:
        raise ValueError("an indicator change needs the indicator on at least one side")
    return IndicatorChange(
        either.id,
        assess_in_force(old, old_periods, old_as_of) if old else None,
        assess_in_force(new, new_periods, new_as_of) if new else None,
        year_changes(old, old_as_of, new, new_as_of),
        bool(old and new and (old.target, old.targets) != (new.target, new.targets)),
        bool(old and new and old.baseline != new.baseline),
    )


def compare(old: Plan, old_as_of: int, new: Plan, new_as_of: int) -> Comparison:
    """Return what changed from `old` as of `old_as_of` to `new` as of `new_as_of`."""
    ids = [i.id for i in new.indicators] + [i.id for i in old.indicators if i.id not in new.by_id]
    every = [
        indicator_change_in(
            old.by_id.get(i), old.periods, old_as_of, new.by_id.get(i), new.periods, new_as_of
        )
        for i in ids
    ]
    changed = tuple(c for c in every if c.changed)
    return Comparison(changed, len(every) - len(changed))

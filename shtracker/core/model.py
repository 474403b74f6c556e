"""The plan, its indicators and their reports: plain frozen values, no I/O."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal

from shtracker.core.errors import Problem


def exact(number: float) -> Decimal:
    """Return a number as the decimal it was written as (its shortest repr), for exact edges."""
    return Decimal(repr(number))


class Direction(enum.Enum):
    """Which way an indicator should move."""

    INCREASE = "increase"
    DECREASE = "decrease"

    @property
    def sign(self) -> int:
        """Return +1 for a rising indicator, -1 for a falling one."""
        return 1 if self is Direction.INCREASE else -1


class Kind(enum.Enum):
    """How a target value is met."""

    ABOUT = "about"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Series(enum.Enum):
    """What each report of an indicator is (target-kinds.md)."""

    STOCK = "stock"  # the level itself
    RATE = "rate"  # that year's growth rate in percent, chained into an index
    FLOW = "flow"  # the amount of that year alone, summed into a running total


class Quality(enum.Enum):
    """How much a reported figure can be relied on; see docs/methodology.md."""

    FINAL = "final"
    PRELIMINARY = "preliminary"
    ESTIMATE = "estimate"
    PARTIAL = "partial"

    @property
    def rank(self) -> int:
        """Return the rank used to pick a year's value: higher wins, partial never."""
        return _QUALITY_RANK[self]


_QUALITY_RANK = {
    Quality.FINAL: 3,
    Quality.PRELIMINARY: 2,
    Quality.ESTIMATE: 1,
    Quality.PARTIAL: 0,
}


class Status(enum.Enum):
    """One label per indicator; the first rule of docs/methodology.md that applies."""

    NO_DATA = "no_data"
    MET = "met"
    MISSED = "missed"
    ACHIEVED = "achieved"
    INSUFFICIENT_DATA = "insufficient_data"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    FAR_BEHIND = "far_behind"
    REGRESSING = "regressing"


@dataclass(frozen=True, slots=True)
class Report:
    """One reported figure for one year, as written in the file."""

    year: int
    value: float
    quality: Quality = Quality.FINAL
    source: str | None = None
    note: str | None = None
    reported: str | None = None
    series_break: bool = False  # the series is not comparable across this year


@dataclass(frozen=True, slots=True)
class Target:
    """The target point, with `value` already resolved from `multiple` or `growth`.

    `growth` is the average annual rate in percent the plan states; `each_year` says
    that every year is judged on its own against `value`.
    """

    year: int
    value: float
    kind: Kind
    tolerance: float | None = None
    multiple: float | None = None
    source: str | None = None
    growth: float | None = None
    each_year: bool = False

    def is_met_by(self, value: float, direction: Direction) -> bool:
        """Return whether `value` meets this target."""
        if self.kind is Kind.AT_LEAST:
            return value >= self.value
        if self.kind is Kind.AT_MOST:
            return value <= self.value
        # In decimal, as the numbers were written: in binary floats 1.96 misses
        # "about 2.0" with a tolerance of 0.04.
        tolerance = exact(self.tolerance) if self.tolerance is not None else Decimal(0)
        return direction.sign * (exact(value) - exact(self.value)) >= -tolerance


def is_maintain_target(target: Target, direction: Direction, baseline_value: float) -> bool:
    """Return whether the baseline already meets the target: a target to keep, not to reach.

    methodology.md, "Maintain targets": a target equal to its baseline, an "about"
    target whose baseline is within the tolerance, a cap or a floor the baseline
    already satisfies. Such a target has no distance to cover and no required path.
    """
    return target.is_met_by(baseline_value, direction)


@dataclass(frozen=True, slots=True)
class Period:
    """A span a plan sets targets for: from its baseline year to its target year."""

    id: str
    name: str
    baseline_year: int | None  # None only for the implicit period of a plan that sets none
    target_year: int
    source: str | None = None
    implicit: bool = False  # the plan's own years, in a file without `periods`


@dataclass(frozen=True, slots=True)
class PeriodTarget:
    """An indicator's target in one period, with the baseline given inside it (if any)."""

    period: str
    target: Target
    baseline: Report | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator: its target, optional declared baseline, and all reports.

    In a file with periods, `targets` holds one target per period and `target` is
    the first of them: such an indicator is assessed one period at a time
    (core.periods.assess_in_period), never as a whole.
    """

    id: str
    name: str
    unit: str
    target: Target
    direction: Direction
    baseline: Report | None = None
    actuals: tuple[Report, ...] = ()
    local_name: str | None = None
    group: str | None = None
    note: str | None = None
    source: str | None = None
    #: The line of its id in the data file, for messages; not part of its value.
    line: int | None = field(default=None, compare=False)
    targets: tuple[PeriodTarget, ...] = ()
    series: Series = Series.STOCK
    #: The plan's (or period's) baseline year: where a rate or flow series starts when no
    #: baseline is declared.
    base_year: int | None = None

    @property
    def start_year(self) -> int | None:
        """Return the year a rate, flow or every-year series starts from (its baseline year)."""
        return self.baseline.year if self.baseline is not None else self.base_year


@dataclass(frozen=True, slots=True)
class Plan:
    """A plan and its indicators, in file order."""

    name: str
    target_year: int
    indicators: tuple[Indicator, ...] = ()
    baseline_year: int | None = None
    region: str | None = None
    source: str | None = None
    #: Warnings about the file itself (not about progress), with their lines.
    notes: tuple[Problem, ...] = field(default=(), compare=False)
    periods: tuple[Period, ...] = ()  # empty: one implicit period (core.periods)
    by_id: dict[str, Indicator] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id.update((i.id, i) for i in self.indicators)

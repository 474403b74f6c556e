"""Check and build an indicator's target and direction, in every form of target-kinds.md.

A `value`, a `multiple` of the declared baseline, or an average annual `growth`;
`each_year` for a floor or cap kept every year; and the indicator's `series`
(stock, rate or flow). Combinations the contract forbids are refused here, each at
the key that makes them so.
"""

from __future__ import annotations

import math
from dataclasses import replace

from yaml.nodes import Node

from shtracker.core.model import (
    Direction,
    Kind,
    Period,
    Report,
    Series,
    Target,
    exact,
    is_maintain_target,
)
from shtracker.core.target_kinds import SERIES_START, growth_direction, growth_target
from shtracker.datafile.nodes import Checker, Fields

TARGET_KEYS = (
    "value",
    "multiple",
    "growth",
    "kind",
    "year",
    "tolerance",
    "each_year",
    "source",
)
#: Tolerance of an `about` target when none is given: this share of |target|.
DEFAULT_TOLERANCE_SHARE = 0.02

_KINDS = tuple(k.value for k in Kind)
_DIRECTIONS = tuple(d.value for d in Direction)
_SERIES = tuple(s.value for s in Series)
_FORMS = ("value", "multiple", "growth")


def with_kind(target: Target, direction: Direction) -> Target:
    """Return the target with its default kind when none was written: by direction."""
    if target.kind is not None:
        return target
    default = Kind.AT_LEAST if direction is Direction.INCREASE else Kind.AT_MOST
    return replace(target, kind=default)


class TargetChecker(Checker):
    """Reads targets and directions; `baseline_year` is the plan's, once known."""

    baseline_year: int | None = None
    target_year: int | None = None

    def series(self, node: Node | None, what: str) -> Series:
        """Return the indicator's series: stock (the default), rate or flow."""
        if node is None:
            return Series.STOCK
        word = self.choice(node, _SERIES, f"{what} series")
        return Series(word) if word else Series.STOCK

    def target(  # the period is optional: a file without periods has none
        self,
        node: Node,
        fields: Fields,
        baseline: Report | None,
        series: Series,
        what: str,
        period: Period | None = None,
    ) -> Target | None:
        """Return the target, its value resolved; `kind` may still be unset.

        A period's target (`what` already names it) takes the period's years: its target
        year, and its baseline year where a rate series' index is 100.
        """
        what = what if period else f"{what} target"
        before = len(self.problems)
        year = period.target_year if period else self.target_year
        if "year" in fields:
            year = self.year(fields["year"], f"{what} year")
        self.forms(node, fields, series, what)
        each_year = (
            self.flag(fields["each_year"], f"{what} each_year") if "each_year" in fields else False
        )
        value = self.number(fields["value"], f"{what} value") if "value" in fields else None
        multiple = (
            self.multiple(fields["multiple"], baseline, what) if "multiple" in fields else None
        )
        if multiple is not None and baseline is not None:
            # In decimal: 1.1 x 100 is 110 as written, not 110.00000000000001.
            value = self.finite(
                float(exact(multiple) * exact(baseline.value)), fields["multiple"], what
            )
        growth = self.number(fields["growth"], f"{what} growth") if "growth" in fields else None
        if growth is not None and year is not None:
            start_year = period.baseline_year if period else self.baseline_year
            value = self.growth_level(
                fields["growth"], growth, (start_year, year), baseline, series, what
            )
        kind = None
        if "kind" in fields:
            word = self.choice(fields["kind"], _KINDS, f"{what} kind")
            kind = Kind(word) if word else None
        tolerance = (
            self.tolerance(fields["tolerance"], kind, what) if "tolerance" in fields else None
        )
        if year is not None and baseline is not None and baseline.year >= year:
            where = fields.get("year", node)
            self.fail(where, f"{what} year {year} is not after the baseline year {baseline.year}")
        if year is None or value is None or each_year is None or len(self.problems) > before:
            return None
        if kind is Kind.ABOUT and tolerance is None:
            tolerance = float(exact(DEFAULT_TOLERANCE_SHARE) * abs(exact(value)))
        source = self.optional_text(fields, "source", what)
        return Target(year, value, kind, tolerance, multiple, source, growth, each_year)  # type: ignore[arg-type]

    def forms(self, node: Node, fields: Fields, series: Series, what: str) -> None:
        """Report a target that gives not exactly one form, or a form its series forbids."""
        given = [f for f in _FORMS if f in fields]
        if len(given) != 1:
            if "growth" in given:
                self.fail(fields["growth"], f"{what} growth cannot go with 'value' or 'multiple'")
            else:
                self.fail(node, f"{what} needs exactly one of 'value', 'multiple' or 'growth'")
        if "each_year" in fields and "growth" in fields:
            self.fail(
                fields["each_year"],
                f"{what} each_year cannot go with growth: "
                "an average growth is judged over the whole period",
            )
        if "each_year" in fields and series is Series.FLOW:
            self.fail(
                fields["each_year"],
                f"{what} each_year cannot go with series: flow: "
                "a flow target is a total over the period",
            )
        if series is Series.FLOW:
            for form in ("multiple", "growth"):
                if form in fields:
                    self.fail(
                        fields[form],
                        f"{what} {form} cannot go with series: flow: "
                        "a running total starts at 0, so give the total as 'value'",
                    )
        if series is Series.RATE and "growth" not in fields:
            self.fail(
                node,
                f"{what} of a series: rate needs 'growth': "
                "the yearly rates are chained into an index, assessed against an average growth",
            )

    def growth_level(  # each argument is one input of the formula
        self,
        node: Node,
        growth: float,
        years: tuple[int | None, int],
        baseline: Report | None,
        series: Series,
        what: str,
    ) -> float | None:
        """Return the level an average annual growth reaches by the target year.

        `years` are the plan's or period's baseline year (a rate index's start when no
        baseline is declared) and the target year.
        """
        base_year, year = years
        if growth <= -100:
            self.fail(node, f"{what} growth must be greater than -100 (percent a year)")
            return None
        if series is Series.RATE:
            start_year, base = (baseline.year if baseline else base_year), SERIES_START[series]
            if start_year is None:
                self.fail(
                    node,
                    f"{what} growth of a rate series needs a baseline year: "
                    "declare a baseline or plan.baseline_year",
                )
                return None
        elif baseline is None:
            self.fail(node, f"{what} growth needs a declared baseline")
            return None
        else:
            start_year, base = baseline.year, baseline.value
        if start_year >= year:
            return None  # reported at the year: "not after the baseline year"
        return self.finite(growth_target(base, growth, year - start_year), node, what)

    def finite(self, value: float, node: Node, what: str) -> float | None:
        """Return a resolved target value, or report one too large to hold."""
        if math.isfinite(value):
            return value
        self.fail(node, f"{what} resolves to a value too large")
        return None

    def multiple(self, node: Node, baseline: Report | None, what: str) -> float | None:
        """Return a positive `multiple` of a declared baseline."""
        multiple = self.number(node, f"{what} multiple")
        if multiple is not None and multiple <= 0:
            self.fail(node, f"{what} multiple must be greater than 0")
            return None
        if baseline is None:
            self.fail(node, f"{what} multiple needs a declared baseline")
            return None
        return multiple

    def tolerance(self, node: Node, kind: Kind | None, what: str) -> float | None:
        """Return the tolerance of an `about` target, in the indicator's unit."""
        tolerance = self.number(node, f"{what} tolerance")
        if kind is not Kind.ABOUT:
            self.fail(node, f"{what} tolerance goes only with kind: about")
        elif tolerance is not None and tolerance < 0:
            self.fail(node, f"{what} tolerance must not be negative")
        return tolerance

    def direction(
        self,
        node: Node | None,
        owner: Node,
        target: Target | None,
        baseline: Report | None,
        series: Series,
        what: str,
    ) -> Direction | None:
        """Return the declared direction, else the one the target's form implies."""
        declared = None
        if node is not None:
            word = self.choice(node, _DIRECTIONS, f"{what} direction")
            declared = Direction(word) if word else None
        if target is None:
            return declared
        implied, why = implied_direction(target, baseline, series)
        if implied is None:
            if node is None:
                self.fail(owner, f"{what} needs 'direction: increase' or 'decrease': {why}")
            return declared
        if target.each_year and declared is not None:
            return declared  # every year judged on its own: the declared side counts
        if declared is None or declared is implied or node is None:
            return implied
        # A direction pointing away from the target declares a cap or a floor: valid
        # when the start already meets it (a maintain target, methodology.md).
        start = level_start(baseline, series)
        if start is None or is_maintain_target(with_kind(target, declared), declared, start):
            return declared
        self.fail(node, f"{what} direction '{declared.value}' {away(target, start, series)}")
        return implied


def level_start(baseline: Report | None, series: Series) -> float | None:
    """Return the level a series starts from: a rate index's 100, a flow's 0, a baseline."""
    if series is not Series.STOCK:
        return SERIES_START[series]
    return baseline.value if baseline is not None else None


def away(target: Target, start: float, series: Series) -> str:
    """Return why a direction pointing away from an unmet target is refused."""
    aim = f"a target of {target.value:g}"
    if target.growth is not None:
        aim = f"a growth of {target.growth:g}% a year ({aim})"
    held = {Series.RATE: "the index 100", Series.FLOW: "the running total 0"}
    return (
        f"points away from {aim} that {held.get(series, f'the baseline {start:g}')} "
        "does not meet: a cap or a floor must already hold at the baseline"
    )


def implied_direction(
    target: Target, baseline: Report | None, series: Series
) -> tuple[Direction | None, str]:
    """Return the direction a target implies, and the words that say why (or why none)."""
    if target.each_year:
        by_kind = {Kind.AT_LEAST: Direction.INCREASE, Kind.AT_MOST: Direction.DECREASE}
        implied = by_kind.get(target.kind) if target.kind is not None else None
        return implied, (
            "an every-year target says which side counts only with kind at_least or at_most"
        )
    if target.growth is not None:
        why = "a growth of 0" if target.growth == 0 else f"a growth of {target.growth:g}% a year"
        return growth_direction(target.growth), why
    if series is Series.FLOW:
        start = SERIES_START[series]
    elif baseline is None:
        return None, "no baseline is declared"
    else:
        start = baseline.value
    if start == target.value:
        return None, "the target equals the baseline"
    implied = Direction.INCREASE if target.value > start else Direction.DECREASE
    return implied, f"a target of {target.value:g} from a baseline of {start:g}"

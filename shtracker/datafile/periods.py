"""Read `periods` and an indicator's `targets` (docs/periods.md), every problem with its place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yaml.nodes import MappingNode, Node

from shtracker.core.errors import unknown
from shtracker.core.model import Period, PeriodTarget, Report, Series, Target
from shtracker.datafile.nodes import ID_PATTERN, Fields, shorten

if TYPE_CHECKING:
    from shtracker.datafile.builder import PlanBuilder

PERIOD_KEYS = ("name", "baseline_year", "target_year", "source")
PERIOD_TARGET_KEYS = (
    "value",
    "multiple",
    "growth",
    "kind",
    "tolerance",
    "each_year",
    "source",
    "baseline",
)
PERIOD_BASELINE_KEYS = ("value", "quality", "source", "note")


class PeriodNodes:
    """Reads the periods of one file and the targets that refer to them."""

    def __init__(self, builder: PlanBuilder) -> None:
        self.builder = builder
        self.declared: dict[str, Period] = {}
        self.invalid: set[str] = set()  # declared with a problem, reported where it is
        self.given = False  # `periods` is in the file, even if some are invalid

    def periods(self, node: Node) -> tuple[Period, ...]:
        """Return every valid period of the top-level `periods` mapping."""
        b = self.builder
        self.given = True
        pairs = list(b.text_keys(b.items(node, "periods"), "a period id must be plain text"))
        if isinstance(node, MappingNode) and not node.value:
            b.fail(node, "periods must declare at least one period")
        for key, value in b.first_keys(
            pairs,
            lambda ident, line: f"duplicate period id '{shorten(ident)}' (also on line {line})",
        ):
            if not ID_PATTERN.match(key.value):
                b.fail(key, f"period id '{shorten(key.value)}' must match [a-z][a-z0-9_]*")
                continue
            period = self.period(key.value, value)
            if period is not None:
                self.declared[period.id] = period
            else:
                self.invalid.add(key.value)
        return tuple(self.declared.values())

    def period(self, ident: str, node: Node) -> Period | None:
        """Return one period, or None when it has a problem."""
        b = self.builder
        what = f"period '{ident}'"
        fields = b.mapping(node, PERIOD_KEYS, what)
        if fields is None:
            return None
        name = b.text_of(b.require(node, fields, "name", what), f"{what} name")
        start = b.year(b.require(node, fields, "baseline_year", what), f"{what} baseline_year")
        end = b.year(b.require(node, fields, "target_year", what), f"{what} target_year")
        source = b.optional_text(fields, "source", what)
        if start is not None and end is not None and start >= end:
            b.fail(
                fields["baseline_year"],
                f"{what} baseline_year {start} is not before its target_year {end}",
            )
            return None
        if name is None or start is None or end is None:
            return None
        return Period(ident, name, start, end, source)

    def which_targets(
        self, node: Node, fields: Fields, baseline: Report | None, series: Series, what: str
    ) -> tuple[list[PeriodTarget], Node | None]:
        """Return an indicator's period targets, or the node of its one `target` (no periods)."""
        b = self.builder
        if "targets" in fields and "target" in fields:
            b.fail(fields["targets"], f"{what} gives both 'target' and 'targets': keep one")
            return [], None
        if self.given and "target" in fields:
            why = "this file declares periods, so give 'targets' keyed by period id"
            b.fail(fields["target"], f"{what} target: {why}")
            return [], None
        if self.given or "targets" in fields:
            if b.require(node, fields, "targets", what) is None:
                return [], None
            return self.targets(fields["targets"], baseline, series, what), None
        return [], b.require(node, fields, "target", what)

    def targets(
        self, node: Node, declared_baseline: Report | None, series: Series, what: str
    ) -> list[PeriodTarget]:
        """Return the indicator's target in each period it names."""
        b = self.builder
        found: list[PeriodTarget] = []
        if not self.given:
            b.fail(node, f"{what} targets need `periods` declared at the top of the file")
            return found
        pairs = list(
            b.text_keys(b.items(node, f"{what} targets"), "a period id must be plain text")
        )
        if isinstance(node, MappingNode) and not node.value:
            b.fail(node, f"{what} targets must name at least one period")
        for key, value in b.first_keys(
            pairs,
            lambda ident, line: (
                f"duplicate period '{shorten(ident)}' in {what} targets (also on line {line})"
            ),
        ):
            period = self.declared.get(key.value)
            if period is None and key.value in self.invalid:
                continue
            if period is None:
                b.fail(
                    key, unknown("period", shorten(key.value), self.declared, f"in {what} targets")
                )
                continue
            where = f"{what} {period.id} target"
            target = self.target(period, value, (declared_baseline, series), where)
            if target is not None:
                found.append(target)
        return found

    def target(
        self, period: Period, node: Node, declared: tuple[Report | None, Series], what: str
    ) -> PeriodTarget | None:
        """Return one period's target; its `kind` may still be unset (the builder fills it).

        `declared` is the indicator's declared baseline and its series.
        """
        b = self.builder
        fields = b.mapping(node, PERIOD_TARGET_KEYS, what)
        if fields is None:
            return None
        declared_baseline, series = declared
        own = self.own_baseline(fields["baseline"], period, what) if "baseline" in fields else None
        base = own
        if base is None and declared_baseline is not None:
            base = declared_baseline if declared_baseline.year == period.baseline_year else None
        needs_base = [f for f in ("multiple", "growth") if f in fields]
        if series is Series.RATE:
            needs_base = []  # a rate index is 100 at the period's baseline year
        target_fields: Fields = {k: v for k, v in fields.items() if k != "baseline"}
        if needs_base and base is None:
            if "baseline" not in fields:  # else the baseline's own problem is reported
                form = needs_base[0]
                b.fail(fields[form], f"{what} {form} {self.base_wanted(period, form)}")
            b.forms(node, target_fields, series, what)  # and any forbidden combination
            return None
        target: Target | None = b.target(node, target_fields, base, series, what, period)
        if target is None:
            return None
        return PeriodTarget(period.id, target, own)

    @staticmethod
    def base_wanted(period: Period, form: str) -> str:
        """Return why a period's `multiple` or `growth` needs a baseline known at load."""
        year = period.baseline_year
        why = (
            f" (the level a growth reaches is computed when the file is read, so a report "
            f"of {year} does not serve)"
            if form == "growth"
            else ""
        )
        return (
            f"needs a baseline of {year}: give one in the target, "
            f"or the indicator's baseline for that year{why}"
        )

    def own_baseline(self, node: Node, period: Period, what: str) -> Report | None:
        """Return the baseline given inside a target: its year is the period's."""
        b = self.builder
        what = f"{what} baseline"
        fields = b.mapping(node, PERIOD_BASELINE_KEYS, what)
        if fields is None:
            return None
        year = period.baseline_year or 0
        return b.usable_baseline(fields, b.report_fields(node, fields, year, what), what)

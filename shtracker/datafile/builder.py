"""Build the model from a composed data file, as docs/data-file.md defines it.

Resolves the defaults (years, kind, tolerance, direction, `multiple`) and
collects every problem instead of stopping at the first.
"""

from __future__ import annotations

from dataclasses import replace

from yaml.nodes import Node, ScalarNode

from shtracker.core.errors import Problem
from shtracker.core.model import (
    Indicator,
    Period,
    PeriodTarget,
    Plan,
    Quality,
    Report,
    Series,
    Target,
)
from shtracker.datafile.groups import one_spelling_per_group
from shtracker.datafile.nodes import ID_PATTERN, Fields, is_date, shorten
from shtracker.datafile.periods import PeriodNodes
from shtracker.datafile.targets import TARGET_KEYS, TargetChecker, with_kind

TOP_KEYS = ("plan", "periods", "indicators")
PLAN_KEYS = ("name", "region", "baseline_year", "target_year", "source")
INDICATOR_KEYS = (
    "name",
    "local_name",
    "group",
    "unit",
    "note",
    "source",
    "direction",
    "series",
    "baseline",
    "target",
    "targets",
    "actuals",
)
BASELINE_KEYS = ("value", "year", "quality", "source", "note")
REPORT_KEYS = ("value", "quality", "source", "note", "reported", "break")

_QUALITIES = tuple(q.value for q in Quality)


class PlanBuilder(TargetChecker):
    """Builds a `Plan` from nodes, recording problems as it goes."""

    baseline_year_given = False  # given, even if invalid: its own problem says so
    series_now = Series.STOCK  # of the indicator being read: a rate must be above -100

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.period_nodes = PeriodNodes(self)

    def plan(self, root: Node | None) -> Plan | None:
        """Return the plan, or None when the file is unusable at the top."""
        if root is None:
            self.problems.append(self.problem_at_start("the file holds no data"))
            return None
        top = self.mapping(root, TOP_KEYS, "the top level")
        if top is None:
            return None
        plan_node = self.require(root, top, "plan", "the file")
        header = self.mapping(plan_node, PLAN_KEYS, "plan") if plan_node else None
        name = region = source = None
        if header is not None and plan_node is not None:
            name = self.text_of(self.require(plan_node, header, "name", "plan"), "plan name")
            if "baseline_year" in header:
                self.baseline_year_given = True
                self.baseline_year = self.year(header["baseline_year"], "plan baseline_year")
            self.target_year = self.year(
                self.require(plan_node, header, "target_year", "plan"), "plan target_year"
            )
            region = self.optional_text(header, "region", "plan")
            source = self.optional_text(header, "source", "plan")
        # Checked even when the plan is unusable, so that every problem is reported.
        periods: tuple[Period, ...] = ()
        if "periods" in top:
            periods = self.period_nodes.periods(top["periods"])
        indicators = self.indicators(self.require(root, top, "indicators", "the file"))
        if name is None or self.target_year is None:
            return None
        indicators, notes = one_spelling_per_group(indicators, self.path)
        return Plan(
            name=name,
            target_year=self.target_year,
            indicators=tuple(indicators),
            baseline_year=self.baseline_year,
            region=region,
            source=source,
            notes=tuple(notes),
            periods=periods,
        )

    def problem_at_start(self, message: str) -> Problem:
        """Return a problem at line 1, column 1."""
        return Problem(self.path, message, 1, 1)

    def indicators(self, node: Node | None) -> list[Indicator]:
        """Return every valid indicator of the `indicators` mapping."""
        found: list[Indicator] = []
        if node is None:
            return found
        plain = self.text_keys(self.items(node, "indicators"), "an indicator id must be plain text")
        for key, value in self.first_keys(
            plain,
            lambda ident, line: f"duplicate indicator id '{shorten(ident)}' (also on line {line})",
        ):
            ident = key.value
            if not ID_PATTERN.match(ident):
                self.fail(key, f"indicator id '{shorten(ident)}' must match [a-z][a-z0-9_]*")
                continue
            indicator = self.indicator(ident, value)
            if indicator is not None:
                found.append(replace(indicator, line=key.start_mark.line + 1))
        return found

    def indicator(self, ident: str, node: Node) -> Indicator | None:
        """Return one indicator, or None when it has a problem."""
        what = f"indicator '{ident}'"
        fields = self.mapping(node, INDICATOR_KEYS, what)
        if fields is None:
            return None
        before = len(self.problems)
        name = self.text_of(self.require(node, fields, "name", what), f"{what} name")
        unit = self.text_of(self.require(node, fields, "unit", what), f"{what} unit")
        self.series_now = series = self.series(fields.get("series"), what)
        baseline = self.baseline(fields["baseline"], what) if "baseline" in fields else None
        targets, target = self.targets_of(node, fields, baseline, series, what)
        actuals = self.actuals(fields["actuals"], what) if "actuals" in fields else []
        optional = {
            key: self.optional_text(fields, key, what)
            for key in ("local_name", "group", "note", "source")
        }
        direction_baseline = (targets[0].baseline or baseline) if targets else baseline
        direction = self.direction(
            fields.get("direction"), node, target, direction_baseline, series, what
        )
        if len(self.problems) > before or not (name and unit and target and direction):
            return None
        target = with_kind(target, direction)
        targets = [replace(t, target=with_kind(t.target, direction)) for t in targets]
        return Indicator(
            id=ident,
            name=name,
            unit=unit,
            target=target,
            direction=direction,
            baseline=baseline,
            actuals=tuple(actuals),
            local_name=optional["local_name"],
            group=optional["group"],
            note=optional["note"],
            source=optional["source"],
            targets=tuple(targets),
            series=series,
            base_year=self.baseline_year,
        )

    def targets_of(
        self, node: Node, fields: Fields, baseline: Report | None, series: Series, what: str
    ) -> tuple[list[PeriodTarget], Target | None]:
        """Return the period targets (a file with periods), and the one target to infer from."""
        targets, target_node = self.period_nodes.which_targets(node, fields, baseline, series, what)
        if target_node is None:
            return targets, targets[0].target if targets else None
        target_fields = self.mapping(target_node, TARGET_KEYS, f"{what} target")
        if target_fields is None:
            return [], None
        return [], self.target(target_node, target_fields, baseline, series, what)

    def report(self, node: Node, year: int, what: str) -> Report | None:
        """Return one report: a bare number (final, no source) or a mapping."""
        if isinstance(node, ScalarNode) and self.plain(node):
            value = self.number(node, f"{what} value")
            usable = value is not None and self.series_value(node, value, what)
            return Report(year, value) if usable and value is not None else None
        fields = self.mapping(node, REPORT_KEYS, what)
        return None if fields is None else self.report_fields(node, fields, year, what)

    def report_fields(self, node: Node, fields: Fields, year: int, what: str) -> Report | None:
        """Return a report from its checked fields."""
        value = self.number(self.require(node, fields, "value", what), f"{what} value")
        quality = Quality.FINAL
        if "quality" in fields:
            word = self.choice(fields["quality"], _QUALITIES, f"{what} quality")
            quality = Quality(word) if word else quality
        reported = None
        if "reported" in fields:
            reported = self.text_of(fields["reported"], f"{what} reported")
            if reported is not None and not is_date(reported):
                self.fail(fields["reported"], f"{what} reported must be a date like 2025-01-31")
        source = self.optional_text(fields, "source", what)
        note = self.optional_text(fields, "note", what)
        broken = self.series_break(fields.get("break"), quality, what)
        if value is None or not self.series_value(fields["value"], value, what):
            return None
        return Report(year, value, quality, source, note, reported, broken)

    def series_break(self, node: Node | None, quality: Quality, what: str) -> bool:
        """Return whether a report marks a series break; a part-year figure cannot."""
        if node is None:
            return False
        broken = self.flag(node, f"{what} break")
        if broken and quality is Quality.PARTIAL:
            self.fail(node, f"{what} break cannot be on a part-year figure: mark the full year's")
        return bool(broken)

    def series_value(self, node: Node, value: float, what: str) -> bool:
        """Report a rate of -100% or less (no index survives it); return whether it is usable."""
        if self.series_now is Series.RATE and value <= -100:
            self.fail(node, f"{what} value is a growth rate in percent and must be above -100")
            return False
        return True

    def baseline(self, node: Node, what: str) -> Report | None:
        """Return the declared baseline, its year defaulting to the plan's."""
        what = f"{what} baseline"
        if isinstance(node, ScalarNode) and self.plain(node):
            fields: Fields | None = {"value": node}
        else:
            fields = self.mapping(node, BASELINE_KEYS, what)
        if fields is None:
            return None
        year = self.baseline_year
        if "year" in fields:
            year = self.year(fields["year"], f"{what} year")
        elif not self.baseline_year_given:
            self.fail(node, f"{what} has no year and the plan sets no baseline_year")
        report = self.report_fields(node, fields, year or 0, what)  # checked even without a year
        report = self.usable_baseline(fields, report, what)
        return report if year is not None else None

    def usable_baseline(self, fields: Fields, report: Report | None, what: str) -> Report | None:
        """Return a baseline report, refusing a part-year one and a flow's that is not 0."""
        if report is not None and report.quality is Quality.PARTIAL:
            self.fail(fields["quality"], f"{what} cannot be partial: part-year figures never count")
            return None
        if report is not None and self.series_now is Series.FLOW and report.value != 0:
            message = f"{what} of a series: flow is the running total at its start, so it must be 0"
            self.fail(fields["value"], message)
            return None
        return report

    def actuals(self, node: Node, what: str) -> list[Report]:
        """Return every report of `actuals`, in file order within each year."""
        reports: list[Report] = []
        years = (
            (key, value)
            for key, value in self.items(node, f"{what} actuals")
            if self.year(key, f"a year in {what} actuals") is not None
        )
        for key, value in self.first_keys(
            years,  # type: ignore[arg-type]  # year() accepts only plain scalar keys
            lambda year, line: (
                f"duplicate year {year} in {what} actuals (also on line {line}); "
                "list several reports of one year under one key"
            ),
        ):
            year = int(key.value)
            for item in self.sequence_or_one(value):
                report = self.report(item, year, f"{what} {year} report")
                if report is not None:
                    reports.append(report)
        return reports

"""What a chart of the HTML report says, in words: its description and its data table.

A screen reader gets these instead of the drawing (svg_chart), so they hold every number
the drawing shows: the values used and part-year figures, the required path, the target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from shtracker.core.assess import Assessment
from shtracker.core.model import Kind, Quality, Report, Series
from shtracker.core.progress import expected_value
from shtracker.render import formatting as fmt
from shtracker.render.chart import assessed_label
from shtracker.render.html_text import Html, element
from shtracker.render.show_view import YearRow, derived, places

if TYPE_CHECKING:
    from shtracker.render.svg_chart import TargetMark


def tolerance_band(a: Assessment) -> tuple[float, float] | None:
    """Return the tolerance band of an "about" target, or None for a line."""
    t = a.indicator.target
    if t.kind is not Kind.ABOUT or not t.tolerance:
        return None
    return t.value - t.tolerance, t.value + t.tolerance


def has_path(a: Assessment) -> bool:
    """Return whether the assessment has a required path to draw: whether core gives one
    (none for a maintain target, nor when the target year is the baseline's)."""
    return a.path is not None and expected_value(a.path, a.path.base_year) is not None


def assessed_rows(a: Assessment, rows: Sequence[YearRow]) -> list[YearRow]:
    """Return the rows a chart draws: the reports themselves, or for a rate or flow series the
    index or running total assessed (target-kinds.md), each with its year's quality."""
    if a.indicator.series is Series.STOCK:
        return list(rows)
    drawn = []
    for row in rows:
        used = None
        if row.level is not None:
            quality = row.used.quality if row.used is not None else Quality.FINAL
            used = Report(row.year, row.level, quality, row.used.source if row.used else None)
        drawn.append(replace(row, used=used, superseded=(), partial=(), conflicts=()))
    return drawn


def points_label(a: Assessment) -> str:
    """Return what the chart's points are, as a heading: 'Reported', 'Index, 100 = 2025'."""
    label = assessed_label(a)
    return label[:1].upper() + label[1:]


def reports_shown(row: YearRow) -> list[Report]:
    """Return the reports a chart marks for a year: the value used, then part-year figures."""
    return ([row.used] if row.used is not None else []) + list(row.partial)


def report_words(year: int, report: Report) -> str:
    """Return one reported figure in words: '2021: 20,000 (preliminary)'."""
    used = " (part-year, not used)" if report.quality is Quality.PARTIAL else ""
    quality = "" if report.quality is Quality.FINAL or used else f" ({report.quality.value})"
    return f"{year}: {fmt.number(report.value)}{quality}{used}"


def description(a: Assessment, rows: Sequence[YearRow], marks: Sequence[TargetMark]) -> str:
    """Return the chart's numbers in one paragraph: what a screen reader says for it."""
    reported = [report_words(row.year, r) for row in rows for r in reports_shown(row)]
    t = a.indicator.target
    label = points_label(a)
    parts = [f"{label}: {'; '.join(reported)}." if reported else "Nothing reported yet."]
    p = a.path
    if p is not None and has_path(a):
        parts.append(
            f"Required path from {fmt.number(p.base_value)} in {p.base_year} "
            f"to {fmt.number(p.target_value)} in {p.target_year}."
        )
    within = f", met within {fmt.number(t.tolerance)}" if tolerance_band(a) else ""
    parts.append(f"Target {fmt.target_text(t, series=a.indicator.series)} by {t.year}{within}.")
    parts += [f"{m.label}: {fmt.number(m.value)} by {m.year}." for m in marks]
    return " ".join(parts)


def data_table(a: Assessment, rows: Sequence[YearRow]) -> Html:
    """Return the chart's numbers as a table that only assistive technology shows."""
    decimals = places(a)
    path = has_path(a)
    label = points_label(a)
    headers = ("Year", label, "Required path") if path else ("Year", label)
    head = element("tr", {}, *(element("th", {"scope": "col"}, h) for h in headers))
    body = []
    for row in rows:
        reported = [report_words(row.year, r).split(": ", 1)[1] for r in reports_shown(row)]
        cells = [
            element("th", {"scope": "row"}, str(row.year)),
            element("td", {}, "; ".join(reported) or "-"),
        ]
        if path:
            cells.append(element("td", {}, derived(row.expected_value, decimals)))
        body.append(element("tr", {}, *cells))
    t = a.indicator.target
    words = fmt.target_text(t, series=a.indicator.series)
    caption = f"Chart data: {a.indicator.name} (target {words} by {t.year})"
    table = element(
        "table",
        {},
        element("caption", {}, caption),
        element("thead", {}, head),
        element("tbody", {}, *body),
    )
    return element("div", {"class": "visually-hidden"}, table)  # a table ignores a 1px width

"""The human `status` table, drawn with Rich. Only this path imports Rich.

The table fits the terminal: it takes the richest layout whose columns fit the
width (narrowing the progress bar, then dropping the pace column, then moving the
progress number under the status) before it would cut a status label or break an
indicator id.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.table import Table
from rich.text import Text

from shtracker.core.assess import Assessment
from shtracker.core.model import Period, Plan
from shtracker.render import formatting as fmt
from shtracker.render.console import STATUS_COLOR, STATUS_STYLE, make_console, write_lines
from shtracker.render.safe_text import printable
from shtracker.render.sparkline import trend
from shtracker.render.status_footer import (
    OtherPeriods,
    counts,
    legend,
    other_periods_block,
    title,
    warnings_block,
)

FLAG_STYLE = "italic yellow"
#: From this many columns each Latest cell also shows the yearly values as a sparkline.
SPARKLINE_WIDTH = 100
GAP = 2  # between two columns: one space of padding and the blank divider


@dataclass(frozen=True, slots=True)
class Layout:
    """Which secondary parts the table draws; `LAYOUTS` lists them from the richest."""

    bar: int  # width of the progress bar, 0 for none
    pace: bool  # the Pace column
    progress_column: bool  # else the progress number goes under the status
    wrap_status: bool = False  # 'insufficient data' on two lines rather than a shortened id


LAYOUTS = (
    Layout(bar=10, pace=True, progress_column=True),
    # A bar as wide as the "Progress" header costs nothing.
    Layout(bar=len("Progress"), pace=True, progress_column=True),
    Layout(bar=len("Progress"), pace=False, progress_column=True),
    Layout(bar=0, pace=False, progress_column=False),
    Layout(bar=0, pace=False, progress_column=False, wrap_status=True),
)


@dataclass(frozen=True, slots=True)
class Row:
    """The cells of one indicator, before a layout picks among them."""

    assessment: Assessment
    name: Text
    id: Text
    latest: Text
    target: Text
    progress: Text
    pace: Text
    status: Text


def width_of(text: Text) -> int:
    """Return the width of the widest line of `text`, in terminal cells."""
    return max(cell_len(line) for line in text.plain.split("\n"))


def _latest(a: Assessment) -> Text:
    """Return the latest value, and its year; a rate series' the average growth it shows."""
    value, words = fmt.latest_parts(a)  # words on their own line keep the column narrow
    if a.latest is None or value == "-":  # a rate series shows no growth before its 2nd year
        return Text("-", style="dim")
    text = Text(value)
    flag = fmt.QUALITY_FLAG[a.latest.quality]
    if flag:
        text.append(f" {flag}", style=FLAG_STYLE)
    if words:
        text.append(f"\n{words}", style="dim")
    text.append(f"\n{a.latest.year}", style="dim")
    return text


def _target(a: Assessment) -> Text:
    t = a.indicator.target
    value, words = fmt.target_parts(t, a.indicator.series)
    text = Text(value)
    if words:
        text.append(f"\n{words}", style="dim")
    base_year = a.baseline.year if a.baseline is not None else None
    times = fmt.multiple(t, base_year)
    if times:
        text.append(f"\n{times}", style="dim")
    text.append(f"\n{t.year}", style="dim")
    if a.series_break is not None:
        text.append(f"\n{fmt.break_words(a.series_break)}", style=FLAG_STYLE)
    return text


def _pace(a: Assessment) -> Text:
    m = a.measures
    if m is None or m.pace_ratio is None:
        return Text("-", style="dim")
    text = Text(fmt.ratio(m.pace_ratio))
    if m.years_ahead is not None:
        text.append(f"\n{fmt.years(m.years_ahead)}", style="dim")
    return text


def _name(a: Assessment) -> Text:
    """Return the indicator's name and, dimmed after it, its unit."""
    text = Text(printable(a.indicator.name), overflow="fold")
    if a.indicator.unit.casefold() not in a.indicator.name.casefold():  # "per 10,000 people"
        text.append(f" ({printable(a.indicator.unit)})", style="dim")
    return text


def _progress(a: Assessment) -> Text:
    """Return the progress number; words for a maintain or every-year target."""
    words = fmt.progress_words(a)
    plain = a.judged is not None or (a.measures is not None and a.measures.progress_pct is not None)
    return Text(words, style="" if plain else "dim")


def row_of(a: Assessment) -> Row:
    """Return the cells of one assessment."""
    return Row(
        assessment=a,
        name=_name(a),
        id=Text(a.indicator.id, style="dim", no_wrap=True, overflow="ellipsis"),
        latest=_latest(a),
        target=_target(a),
        progress=_progress(a),
        pace=_pace(a),
        status=Text(fmt.STATUS_LABEL[a.status], style=STATUS_STYLE[a.status]),
    )


def _column_widths(rows: Sequence[Row], layout: Layout) -> dict[str, int]:
    """Return the width of every column but Indicator: its header's or its widest cell's."""

    def widest(header: str, cells: list[Text], at_least: int = 0) -> int:
        return max([len(header), at_least, *(width_of(c) for c in cells)])

    def longest_word(text: Text) -> Text:
        return Text(max(text.plain.split(), key=cell_len))

    widths = {
        "Latest": widest("Latest", [r.latest for r in rows]),
        "Target": widest("Target", [r.target for r in rows]),
    }
    if layout.progress_column:
        widths["Progress"] = widest("Progress", [r.progress for r in rows], layout.bar)
    if layout.pace:
        widths["Pace"] = widest("Pace", [r.pace for r in rows])
    labels = [longest_word(r.status) if layout.wrap_status else r.status for r in rows]
    extra = [] if layout.progress_column else [r.progress for r in rows]
    widths["Status"] = widest("Status", labels + extra)
    return widths


def fit(rows: Sequence[Row], width: int) -> tuple[Layout, int, dict[str, int]]:
    """Return the richest layout that fits `width` with whole ids, the Indicator width, and
    the other columns' widths; at a width too narrow for any, the leanest (ids then shorten).
    """
    id_width = max([len("Indicator"), *(width_of(r.id) for r in rows)])
    natural = max([id_width, *(width_of(r.name) for r in rows)])
    for layout in LAYOUTS:
        widths = _column_widths(rows, layout)
        room = width - sum(widths.values()) - GAP * len(widths)
        if room >= id_width or layout is LAYOUTS[-1]:
            return layout, max(1, min(room, natural)), widths
    raise AssertionError("unreachable: the last layout always fits")  # pragma: no cover


def _progress_cell(row: Row, layout: Layout) -> RenderableType:
    measures = row.assessment.measures
    pct = measures.progress_pct if measures else None
    if not layout.bar or pct is None:
        return row.progress
    done, rest = fmt.bar(pct, layout.bar)
    color = STATUS_COLOR[row.assessment.status]
    return Group(row.progress, Text.assemble((done, color), (rest, "bright_black")))


def _status_cell(row: Row, layout: Layout) -> Text:
    if layout.progress_column:
        return row.status
    return Text.assemble(row.status, "\n", row.progress)


def _group_order(rows: Sequence[Row]) -> list[Row]:
    """Return the rows grouped by `group`, groups in order of first appearance (stable)."""
    order = {g: k for k, g in enumerate(dict.fromkeys(r.assessment.indicator.group for r in rows))}
    return sorted(rows, key=lambda r: order[r.assessment.indicator.group])


def status_table(assessments: Sequence[Assessment], width: int) -> tuple[Table, Layout]:
    """Return the table of every assessment, grouped by `group`, laid out for `width`."""
    rows = [row_of(a) for a in assessments]
    layout, indicator_width, widths = fit(rows, width)
    table = Table(
        box=box.SIMPLE_HEAD,
        padding=(0, 1, 0, 0),
        pad_edge=False,
        show_edge=False,
        expand=False,
    )
    table.add_column("Indicator", width=indicator_width)
    for header, column_width in widths.items():
        justify: JustifyMethod = "left" if header in ("Progress", "Status") else "right"
        wrap = header == "Status" and layout.wrap_status
        table.add_column(header, justify=justify, width=column_width, no_wrap=not wrap)
    show_groups = any(r.assessment.indicator.group for r in rows)
    group: object = object()
    for row in _group_order(rows):
        if show_groups and row.assessment.indicator.group != group:
            group = row.assessment.indicator.group
            table.add_row(Text(printable(str(group or "(no group)").upper()), style="bold"))
        latest = row.latest
        spark = trend(row.assessment, widths["Latest"])
        if width >= SPARKLINE_WIDTH and spark:  # the series at a glance, when there is room
            latest = Text.assemble(row.latest, "\n", Text(spark, style="cyan"))
        cells: list[RenderableType] = [Group(row.name, row.id), latest, row.target]
        if layout.progress_column:
            cells.append(_progress_cell(row, layout))
        if layout.pace:
            cells.append(row.pace)
        cells.append(_status_cell(row, layout))
        table.add_row(*cells, end_section=True)
    return table, layout


def render_status(
    console: Console,
    plan: Plan,
    as_of: int,
    assessments: Sequence[Assessment],
    period: Period | None = None,
    others: OtherPeriods = (),
) -> None:
    """Print the title, the table laid out for the console's width, and the footer."""
    console.print(title(plan, as_of, period))
    if not assessments:
        console.print(Text("No indicator to show.", style="dim"))
        if others:
            console.print(other_periods_block(others))
        return
    table, layout = status_table(assessments, console.width)
    console.print(table)
    console.print()
    console.print(counts(assessments))
    if others:
        console.print(other_periods_block(others))
    console.print(legend(layout, any(a.maintain for a in assessments)))
    lines = fmt.warning_lines(assessments)
    if lines:
        console.print(warnings_block(lines))
        console.print(Text("Details and full sources: shtracker show ID", style="dim"))


def print_status(
    plan: Plan,
    as_of: int,
    assessments: Sequence[Assessment],
    color: str = "auto",
    period: Period | None = None,
    others: OtherPeriods = (),
) -> None:
    """Print the table and its footer on stdout, with a line for each period not shown,
    without trailing blanks."""
    console = make_console(color=color)
    with console.capture() as captured:
        render_status(console, plan, as_of, assessments, period, others)
    write_lines(captured.get(), sys.stdout)

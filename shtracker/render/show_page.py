"""The human `show` page, drawn with Rich: header, every year's reports, measures, chart."""

from __future__ import annotations

import sys
from typing import IO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from shtracker.core.assess import Assessment
from shtracker.core.model import Period, Report, Series
from shtracker.render import chart
from shtracker.render import formatting as fmt
from shtracker.render import kind_words as kinds
from shtracker.render import show_view as story
from shtracker.render.console import make_console, write_lines
from shtracker.render.safe_text import printable
from shtracker.render.show_header import Sources, Stories, header, periods_table
from shtracker.render.show_view import YearRow

MARK_STYLE = {
    "conflict": "bold yellow",
    "superseded": "dim",
    "partial": "dim",
    "baseline": "dim",
    "after gap": "yellow",  # a chain's report that the gap before it leaves out
    "series break": "yellow",
}


def _line(
    row: YearRow, report: Report | None, mark: str, first: bool, n: int, narrow: bool
) -> list[RenderableType]:
    """Return the cells of one report's line; narrow: the quality as a flag after the value."""
    style = MARK_STYLE.get(mark, "")
    value_style = "" if first and mark in ("", "conflict", "baseline") else style
    value = Text("-", style="dim") if report is None else Text(fmt.number(report.value))
    value.stylize(value_style)
    quality = Text("" if report is None else report.quality.value, style=value_style)
    if narrow and report is not None and fmt.QUALITY_FLAG[report.quality]:
        value.append(f" {fmt.QUALITY_FLAG[report.quality]}", style="italic")
    return [str(row.year) if first else "", value, *([] if narrow else [quality])]


def _assessed(a: Assessment, row: YearRow, first: bool, n: int) -> list[RenderableType]:
    """Return the cells of what was assessed that year: level, path and gap, or met."""
    if a.judged is not None:
        met = {True: Text("met", style="green"), False: Text("not met", style="red")}
        return [met.get(row.met, Text("")) if first and row.met is not None else ""]
    cells: list[RenderableType] = []
    if a.indicator.series is not Series.STOCK:
        cells.append(story.derived(row.level, n) if first and row.level is not None else "")
    if a.maintain:  # no required path, so neither its values nor gaps to it
        return cells
    if not first:
        return [*cells, "", ""]
    return [*cells, story.derived(row.expected_value, n), _gap(row.gap, n)]


def _columns(a: Assessment, narrow: bool) -> list[str]:
    names = ["Year", "Value", *([] if narrow else ["Quality"])]
    if a.judged is not None:
        return [*names, "Judged", "", "Src"]
    chained = (
        [kinds.LEVEL_NAME[a.indicator.series]] if a.indicator.series in kinds.LEVEL_NAME else []
    )
    path = [] if a.maintain else ["Required", "Gap"]
    return [*names, *chained, *path, "", "Src"]


def _gap(gap: float | None, n: int) -> str:
    if gap is None:
        return ""
    text = story.derived(gap, n)
    return text if text == "0" or text.startswith("-") else f"+{text}"


def _used_mark(a: Assessment, row: YearRow) -> str:
    if row.used is not None and row.used in row.conflicting:
        return "conflict"
    if row.used is not None and row.used.series_break:
        return "series break"
    if a.indicator.series is not Series.STOCK and row.used is not None and row.level is None:
        start = a.baseline.year if a.baseline is not None else row.year
        return "after gap" if row.year > start else ""
    return "baseline" if row.baseline and row.used is not None else ""


def years_table(a: Assessment, rows: list[YearRow], sources: Sources, narrow: bool) -> Table:
    """Return one line per report of every year: the one used, then revisions and part-years.

    On a narrow terminal the quality becomes a flag after the value (p, e, part).
    """
    n = story.places(a)
    table = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False, collapse_padding=True
    )
    for name in _columns(a, narrow):
        right = name in ("Value", "Required", "Gap", *kinds.LEVEL_NAME.values())
        table.add_column(name, justify="right" if right else "left", no_wrap=True)
    for row in rows:
        lines: list[tuple[Report | None, str]] = []
        if row.used is not None:
            lines.append((row.used, _used_mark(a, row)))
        conflicting = row.conflicting
        lines += [(r, "conflict" if r in conflicting else "superseded") for r in row.superseded]
        lines += [(r, "partial") for r in row.partial]
        for k, (report, mark) in enumerate(lines or [(None, "")]):
            ref = "" if report is None else sources.ref(report.source, report.note)
            cells = _line(row, report, mark, k == 0, n, narrow) + _assessed(a, row, k == 0, n)
            mark_style = MARK_STYLE.get(mark, "")
            table.add_row(*cells, Text(mark, style=mark_style), Text(ref, style="dim"))
    return table


def measures(a: Assessment) -> Table:
    """Return the measures, one plain sentence each."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for sentence in story.sentences(a):
        grid.add_row("•", Text(printable(sentence)))
    return grid


def chart_block(
    a: Assessment,
    rows: list[YearRow],
    console: Console,
    tty: bool,
    stories: Stories = (),
    shown: Period | None = None,
) -> Group:
    """Return the chart, or its numbers as a plain table when it would not be legible.

    With several periods, the chart draws each period's required path and the table
    gives each a column.
    """
    series = chart.series(a, rows, [b for p, b in stories if p != shown])
    if tty and console.width >= chart.MIN_WIDTH:
        color = console.color_system is not None
        drawn = Text.from_ansi(chart.plot(series, console.width, color=color), no_wrap=True)
        key = Text()
        for k, (label, style) in enumerate(chart.legend(series)):
            key.append(("   " if k else "") + label, style=style)
        return Group(drawn, key)
    why = (
        f"the terminal is narrower than the {chart.MIN_WIDTH} columns a chart needs"
        if tty
        else "the output is not a terminal, so no chart"
    )
    columns = [(f"{p.id} path", b) for p, b in stories] if len(stories) > 1 else []
    plain = chart.plain(series, rows, story.places(a), columns)
    return Group(Text(plain), Text(f"(plain table: {why})", style="dim"))


def warnings(a: Assessment) -> Text:
    """Return every warning of the assessment, one a line."""
    text = Text()
    for k, notice in enumerate(a.notices):
        text.append(("\n" if k else "") + f"! {printable(notice.message)}", style="yellow")
    return text


def page(
    a: Assessment,
    console: Console,
    tty: bool,
    period: Period | None = None,
    stories: Stories = (),
) -> list[RenderableType]:
    """Return the parts of the `show` page, in order; with periods, every period's story."""
    sources = Sources()
    spans = [y for _, b in stories if b.path for y in (b.path.base_year, b.path.target_year)]
    rows = story.year_rows(a, spans)
    top = header(a, sources, period)  # first: the baseline and target sources are [1] and [2]
    table = years_table(a, rows, sources, narrow=console.width < chart.MIN_WIDTH)
    parts: list[RenderableType] = [top, ""]
    if period is not None and not period.implicit:
        parts += [Text("Periods", style="bold"), periods_table(period, stories, sources), ""]
    parts += [table, ""]
    parts += [Text("Measures", style="bold"), measures(a), ""]
    parts += [Text(chart.title(a), style="bold")]
    drawn = stories if a.indicator.series is Series.STOCK else ()  # one index or total each
    parts += [chart_block(a, rows, console, tty, drawn, period), ""]
    if a.notices:
        parts += [warnings(a), ""]
    if not sources.texts:
        return parts[:-1]
    return [*parts, Text("Sources", style="bold"), sources.renderable()]


def print_show(
    a: Assessment,
    stream: IO[str] | None = None,
    color: str = "auto",
    period: Period | None = None,
    stories: Stories = (),
) -> None:
    """Print the whole `show` page on `stream` (stdout by default)."""
    out = stream or sys.stdout
    console = make_console(out, color=color)
    with console.capture() as captured:
        for part in page(a, console, out.isatty(), period, stories):
            console.print(part)
    write_lines(captured.get(), out)

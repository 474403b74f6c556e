"""The human `diff` table, drawn with Rich (imported only on this path).

Each changed indicator is one row: its id with what changed under it, then its
status, progress and pace before and after. An id and a status are never cut:
on a narrow terminal the pace column goes first, then the progress column, then
a status stands on two lines (before, then the arrow and after).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from shtracker.core.compare import Comparison, IndicatorChange
from shtracker.render.console import STATUS_STYLE, make_console, write_lines
from shtracker.render.diff_view import (
    ARROW,
    change_items,
    pace_text,
    progress_text,
    status_text,
    unchanged_line,
)

GAP = 2  # between two columns
Column = tuple[str, Callable[[IndicatorChange], str]]
COLUMNS: tuple[Column, ...] = (
    ("Status", status_text),
    ("Progress", progress_text),
    ("Pace", pace_text),
)


def _sizes(comparison: Comparison) -> list[int]:
    return [
        max(cell_len(name), *(cell_len(f(c)) for c in comparison.changes)) for name, f in COLUMNS
    ]


def _columns(comparison: Comparison, width: int) -> tuple[list[Column], bool]:
    """Return the columns after the id that fit `width` (pace goes first, then progress),
    and whether a status must stand on two lines (before, then the arrow and after)."""
    widest_id = max(cell_len(c.id) for c in comparison.changes)
    sizes = _sizes(comparison)
    kept = len(COLUMNS)
    while kept > 1 and widest_id + sum(sizes[:kept]) + GAP * kept > width:
        kept -= 1
    return list(COLUMNS[:kept]), widest_id + sizes[0] + GAP > width


def _status_cell(c: IndicatorChange, stacked: bool) -> Text:
    style = STATUS_STYLE[c.status_after] if c.status_after else "dim"
    text = status_text(c)
    return Text(text.replace(f" {ARROW} ", f"\n{ARROW} ") if stacked else text, style=style)


def _indicator_cell(c: IndicatorChange) -> Text:
    cell = Text(c.id, style="bold")
    for item in change_items(c) or ["measures only"]:
        cell.append(f"\n  {item}", style="none")
    return cell


def print_diff(comparison: Comparison, before: str, after: str, color: str = "auto") -> None:
    """Print the indicators that changed, with what changed, then the unchanged line."""
    console = make_console(color=color)
    with console.capture() as captured:
        _draw(console, comparison, before, after)
    write_lines(captured.get(), sys.stdout)


def _draw(console: Console, comparison: Comparison, before: str, after: str) -> None:
    """Draw the title, the table and the unchanged line on `console`."""
    console.print(Text(f"{before} {ARROW} {after}", style="bold"), soft_wrap=True)
    if comparison.changes:
        columns, stacked = _columns(comparison, console.width)
        widest_id = max(cell_len(c.id) for c in comparison.changes)
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column("Indicator / what changed", ratio=1, min_width=widest_id)
        for name, _ in columns:
            table.add_column(name, no_wrap=True, justify="left" if name == "Status" else "right")
        for c in comparison.changes:
            cells = [
                _status_cell(c, stacked) if name == "Status" else Text(f(c)) for name, f in columns
            ]
            table.add_row(_indicator_cell(c), *cells)
        console.print(table)
    console.print(unchanged_line(comparison))

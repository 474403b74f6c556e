"""The human `diff` table, drawn with Rich (imported only on this path)."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from shtracker.core.compare import Comparison
from shtracker.render.diff_view import (
    ARROW,
    change_items,
    pace_text,
    progress_text,
    status_text,
    unchanged_line,
)
from shtracker.render.status_table import STATUS_STYLE, make_console


def print_diff(comparison: Comparison, before: str, after: str, no_color: bool = False) -> None:
    """Print the indicators that changed, with what changed, then the unchanged line."""
    console = make_console(no_color=no_color)
    console.print(Text(f"{before} {ARROW} {after}", style="bold"), soft_wrap=True)
    if comparison.changes:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column("Indicator", overflow="fold")
        table.add_column("Status")
        table.add_column("Progress", justify="right")
        table.add_column("Pace", justify="right")
        table.add_column("What changed")
        for c in comparison.changes:
            style = STATUS_STYLE[c.status_after] if c.status_after else "dim"
            table.add_row(
                c.id,
                Text(status_text(c), style=style),
                progress_text(c),
                pace_text(c),
                "\n".join(change_items(c)) or "measures only",
            )
        console.print(table)
    console.print(unchanged_line(comparison))

"""What the `status` table says around it, drawn with Rich: the title, the counts, the
legend, a line for every other period, and the warnings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from shtracker.core.assess import Assessment
from shtracker.core.model import Period, Plan
from shtracker.render import formatting as fmt
from shtracker.render.console import STATUS_STYLE
from shtracker.render.period_lines import period_command, period_label, period_summary
from shtracker.render.safe_text import printable

if TYPE_CHECKING:
    from shtracker.render.status_table import Layout


def title(plan: Plan, as_of: int, period: Period | None = None) -> Text:
    """Return the plan's name, the period shown (when the file declares periods), the year."""
    text = Text(printable(plan.name), style="bold")
    if period is not None and not period.implicit:
        text.append(f"\n{printable(period_label(period))}, as of {as_of}")
    else:
        text.append(f"\nas of {as_of}")
    return text


def counts(assessments: Sequence[Assessment]) -> Text:
    """Return how many indicators have each status: '11 indicators: 7 met, 2 achieved'."""
    n = len(assessments)
    text = Text(f"{n} indicator{'' if n == 1 else 's'}{':' if n else ''}")
    for k, (status, found) in enumerate(fmt.status_counts(assessments)):
        text.append(", " if k else " ")
        text.append(f"{found} {fmt.STATUS_LABEL[status]}", style=STATUS_STYLE[status])
    return text


def legend(layout: Layout, maintain: bool = False) -> Text:
    """Return what the flags and abbreviations mean, for the columns and words shown."""
    where = "Progress" if layout.progress_column else "% under the status"
    parts = ["e estimate, p preliminary", f"{where}: share of the way from baseline to target"]
    if maintain:
        parts.append(f"{fmt.MAINTAIN_WORDS}: the baseline already met the target; only to keep")
    if layout.pace:
        parts.append("Pace: R = observed / required growth, y = years ahead (+) or behind (-)")
    return Text(" · ".join(parts), style="dim")


def warnings_block(lines: Sequence[str]) -> Table:
    """Return the warnings one per line, each wrapped line indented under its first."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, style="yellow")
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row("!", Text(printable(line)))
    return grid


OtherPeriods = Sequence[tuple[Period, Sequence[Assessment]]]


def other_periods_block(others: OtherPeriods) -> Table:
    """Return one summary per period not shown, so that none is out of sight; the command
    that shows it is never broken across lines.
    """
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(overflow="fold")
    grid.add_column(no_wrap=True, style="dim")
    for period, found in others:
        grid.add_row(period_summary(period, found) + ";", period_command(period))  # periods.md
    return grid

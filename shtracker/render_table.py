"""The human `status` table, drawn with Rich. Only this path imports Rich."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import IO

from rich import box
from rich.console import Console, Group
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from shtracker import fmt
from shtracker.assess import Assessment
from shtracker.model import Plan, Status

STATUS_STYLE = {
    Status.MET: "bold green",
    Status.ACHIEVED: "green",
    Status.ON_TRACK: "green",
    Status.BEHIND: "yellow",
    Status.FAR_BEHIND: "red",
    Status.REGRESSING: "bold red",
    Status.MISSED: "bold red",
    Status.INSUFFICIENT_DATA: "dim",
    Status.NO_DATA: "dim",
}


def wants_color(stream: IO[str], no_color: bool = False) -> bool:
    """Return whether to colour: a terminal, no NO_COLOR, TERM not dumb, no --no-color."""
    if no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def make_console(stream: IO[str] | None = None, no_color: bool = False) -> Console:
    """Return a console for `stream` that colours only when `wants_color` says so."""
    out = stream or sys.stdout
    color = wants_color(out, no_color)
    return Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
    )


def _latest(a: Assessment) -> Text:
    if a.latest is None:
        return Text("-", style="dim")
    flag = fmt.QUALITY_FLAG[a.latest.quality]
    text = Text(fmt.number(a.latest.value))
    if flag:
        text.append(f" {flag}", style="italic yellow")
    text.append(f"\n{a.latest.year}", style="dim")
    return text


def _progress(a: Assessment) -> Group | Text:
    pct = a.measures.progress_pct if a.measures else None
    if pct is None:
        return Text("-", style="dim")
    bar = ProgressBar(total=100, completed=max(0.0, min(pct, 100.0)), width=10)
    return Group(Text(fmt.percent(pct, 0 if abs(pct) >= 100 else 1)), bar)


def _pace(a: Assessment) -> Text:
    m = a.measures
    if m is None or m.pace_ratio is None:
        return Text("-", style="dim")
    text = Text(f"R {m.pace_ratio:.2f}")
    if m.years_ahead is not None:
        text.append(f"\n{fmt.signed(m.years_ahead, 1, ' y')}", style="dim")
    return text


def status_table(plan: Plan, as_of: int, assessments: Sequence[Assessment]) -> Table:
    """Return the table of every assessment, grouped by the indicators' `group`."""
    table = Table(
        title=f"{plan.name}\nas of {as_of}",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        title_justify="left",
        expand=False,
    )
    table.add_column("Indicator", ratio=1, min_width=16, overflow="fold")
    table.add_column("Latest", justify="right", no_wrap=True)
    table.add_column("Target", justify="right", no_wrap=True)
    table.add_column("Progress", no_wrap=True, min_width=10)
    table.add_column("Pace", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    order = {g: k for k, g in enumerate(dict.fromkeys(a.indicator.group for a in assessments))}
    group: object = object()
    for a in sorted(assessments, key=lambda a: order[a.indicator.group]):
        i = a.indicator
        if i.group != group:
            group = i.group
            table.add_row(Text(str(group or "other").upper(), style="bold"), end_section=False)
        name = Text(i.name)
        name.append(f"\n{i.id}", style="dim")
        target = Text(fmt.target_text(i.target))
        target.append(f"\n{i.target.year}", style="dim")
        status = Text(fmt.STATUS_LABEL[a.status], style=STATUS_STYLE[a.status])
        table.add_row(name, _latest(a), target, _progress(a), _pace(a), status)
    return table


def footer(assessments: Sequence[Assessment]) -> Text:
    """Return the counts per status, the legend, and every warning."""
    counts: dict[Status, int] = {}
    for a in assessments:
        counts[a.status] = counts.get(a.status, 0) + 1
    text = Text()
    parts = [
        (f"{n} {fmt.STATUS_LABEL[s]}", STATUS_STYLE[s]) for s in Status if (n := counts.get(s))
    ]
    for k, (label, style) in enumerate(parts):
        text.append(("  " if k else "") + label, style=style)
    text.append(
        "\nFlags: e estimate, p preliminary. R: pace ratio (observed / required growth).",
        style="dim",
    )
    for a in assessments:
        for notice in a.notices:
            text.append(f"\n! {a.indicator.id}: {notice.message}", style="yellow")
    return text


def print_status(
    plan: Plan, as_of: int, assessments: Sequence[Assessment], no_color: bool = False
) -> None:
    """Print the table and its footer on stdout."""
    console = make_console(no_color=no_color)
    console.print(status_table(plan, as_of, assessments))
    console.print(footer(assessments))

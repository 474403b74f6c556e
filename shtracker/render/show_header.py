"""The top of the `show` page, drawn with Rich: the indicator, its period, baseline, target
and status, the periods table, and the numbered sources they cite."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from shtracker.core.assess import Assessment
from shtracker.core.model import Period, Quality, Series
from shtracker.render import formatting as fmt
from shtracker.render import kind_words as kinds
from shtracker.render.console import STATUS_STYLE
from shtracker.render.period_lines import period_label
from shtracker.render.safe_text import printable


def _flag(quality: Quality) -> str:
    flag = fmt.QUALITY_FLAG[quality]
    return f" {flag}" if flag else ""


Stories = Sequence[tuple[Period, Assessment]]


class Sources:
    """Numbered footnotes for sources and notes, each text numbered once."""

    def __init__(self) -> None:
        self.texts: dict[str, int] = {}

    def ref(self, source: str | None, note: str | None = None) -> str:
        """Return the footnote mark for a source and note ('' when both are missing)."""
        parts = [source or "no source given"] if source or note else []
        if note:
            parts.append(f"(note: {note})")
        if not parts:
            return ""
        text = " ".join(parts)
        return f"[{self.texts.setdefault(text, len(self.texts) + 1)}]"

    def renderable(self) -> Table:
        """Return the numbered list of every source referred to."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for text, number in self.texts.items():
            grid.add_row(f"[{number}]", Text(printable(text)))
        return grid


def _target_line(a: Assessment, sources: Sources) -> Text:
    t = a.indicator.target
    text = Text(f"{fmt.target_sentence(a)} ")
    text.append(sources.ref(t.source), style="dim")
    detail = kinds.target_detail(a)
    if detail:
        text.append(f"\n{detail}", style="dim")
    if a.maintain:
        text.append("\nmet at the baseline: a target to maintain, no required path", style="dim")
    return text


def _baseline_line(a: Assessment, sources: Sources) -> Text:
    b, i = a.baseline, a.indicator
    if i.series is not Series.STOCK and b is not None:
        text = Text(kinds.chain_start(a))
        if i.baseline is not None:
            text.append(
                f"\ndeclared {fmt.number(i.baseline.value)} is {i.baseline.year}'s own figure: "
                "shown, not used ",
                style="dim",
            )
            text.append(sources.ref(i.baseline.source, i.baseline.note), style="dim")
        return text
    if b is None:
        return Text("none declared and no usable report", style="dim")
    text = Text(f"{fmt.number(b.value)} in {b.year} ({b.quality.value}) ")
    note = i.baseline.note if i.baseline is not None else None
    text.append(sources.ref(b.source, None if a.baseline_from_actuals else note), style="dim")
    if a.baseline_from_actuals:
        text.append("\ntaken from the actuals: no baseline declared", style="yellow")
    if a.series_break is not None and a.start is not None and a.start != b:
        text.append(
            f"\n{fmt.break_words(a.series_break)}: assessed from {fmt.number(a.start.value)} "
            f"({a.start.year})",
            style="yellow",
        )
    return text


def header(a: Assessment, sources: Sources, period: Period | None = None) -> Group:
    """Return the indicator's name, unit, period, baseline, target and status."""
    i = a.indicator
    title = Text(printable(i.name), style="bold")
    title.append(f"  {i.id}", style="dim")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    if i.local_name:
        grid.add_row("Local name", Text(printable(i.local_name)))
    rising = fmt.direction_words(a)
    grid.add_row("Unit", Text(printable(f"{i.unit} ({rising})")))
    if i.note:
        grid.add_row("Note", Text(printable(i.note)))
    if i.series is not Series.STOCK:
        grid.add_row("Series", kinds.SERIES_WORDS[i.series])
    if period is not None and not period.implicit:
        text = Text(f"{printable(period_label(period))} ")
        text.append(sources.ref(period.source), style="dim")
        grid.add_row("Period", text)
    if a.judged is None or a.baseline is not None:
        grid.add_row("Baseline", _baseline_line(a, sources))
    grid.add_row("Target", _target_line(a, sources))
    if a.judged is not None:
        grid.add_row("Years met", kinds.years_met(a))
    status = Text(fmt.STATUS_LABEL[a.status], style=STATUS_STYLE[a.status])
    status.append(f" as of {a.as_of}")
    grid.add_row("Status", status)
    return Group(title, grid)


def periods_table(shown: Period, stories: Stories, sources: Sources) -> Group:
    """Return one line per period the indicator has a target in: baseline, target, status."""
    table = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False, collapse_padding=True
    )
    for name in ("Period", "Years", "Baseline", "Target", "Status"):
        table.add_column(name, overflow="fold", no_wrap=name in ("Years", "Status"))
    for period, a in stories:
        target = Text(f"{fmt.target_text(a.indicator.target, series=a.indicator.series)} ")
        target.append(sources.ref(a.indicator.target.source), style="dim")
        table.add_row(
            ("> " if period == shown else "  ") + period.name,
            f"{period.baseline_year}-{period.target_year}",
            _period_baseline(a),
            target,
            Text(fmt.STATUS_LABEL[a.status], style=STATUS_STYLE[a.status]),
        )
    key = Text(
        f"> the period shown here; another: shtracker show {stories[0][1].indicator.id} "
        "--period ID",
        style="dim",
    )
    return Group(table, key)


def _period_baseline(a: Assessment) -> Text:
    """Return a period's baseline cell: the value, a chain's start, or why there is none."""
    b = a.baseline
    if a.judged is not None and b is None:
        return Text("-", style="dim")  # every year judged on its own: no baseline needed
    if b is None:
        return Text("not reported yet", style="yellow")
    if a.indicator.series is Series.RATE:
        return Text("index 100")
    return Text(f"{fmt.number(b.value)}{_flag(b.quality)}")

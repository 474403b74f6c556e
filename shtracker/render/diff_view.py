"""`diff` in words: each change as a short phrase, and the whole as GitHub-flavoured Markdown.

No Rich here: the Markdown is meant as a pull-request comment, and the Rich
table (diff_table.py) uses the same phrases.
"""

from __future__ import annotations

from shtracker.core.assess import Assessment
from shtracker.core.compare import Comparison, IndicatorChange, YearChange
from shtracker.core.model import Report, Series, Target
from shtracker.render import formatting as fmt
from shtracker.render.markdown import inline

ARROW = "→"
COLUMNS = ("indicator", "status", "progress", "pace", "what changed")


def _pair(before: str, after: str, existed: tuple[bool, bool]) -> str:
    """Return 'before → after', one value when equal, and say when a side is missing."""
    if not existed[0]:
        return f"(new) {after}"
    if not existed[1]:
        return f"{before} (removed)"
    return before if before == after else f"{before} {ARROW} {after}"


def _sides(c: IndicatorChange) -> tuple[bool, bool]:
    return c.before is not None, c.after is not None


def status_text(c: IndicatorChange) -> str:
    """Return the status before and after: 'on track → met'."""
    words = [fmt.STATUS_LABEL[s] if s else "" for s in (c.status_before, c.status_after)]
    return _pair(words[0], words[1], _sides(c))


def _progress(a: Assessment | None) -> str:
    return fmt.progress(a.measures.progress_pct if a and a.measures else None)


def _pace(a: Assessment | None) -> str:
    ratio = a.measures.pace_ratio if a and a.measures else None
    return "-" if ratio is None else f"R {ratio:.2f}"


def progress_text(c: IndicatorChange) -> str:
    """Return progress before and after: '69.7% → 100%'."""
    return _pair(_progress(c.before), _progress(c.after), _sides(c))


def pace_text(c: IndicatorChange) -> str:
    """Return the pace ratio before and after: 'R 1.18 → R 1.00'."""
    return _pair(_pace(c.before), _pace(c.after), _sides(c))


def report_text(r: Report | None) -> str:
    """Return a report's value with its quality flag: '4.5 e'; '-' for none."""
    if r is None:
        return "-"
    flag = fmt.QUALITY_FLAG[r.quality]
    return f"{fmt.number(r.value)}{' ' + flag if flag else ''}"


def year_text(y: YearChange) -> str:
    """Return one year's change: 'new 2025: 4.5 e', 'revised 2024: 25,000 → 25,100 p'."""
    if y.kind == "new":
        return f"new {y.year}: {report_text(y.used_after)}"
    if y.kind == "removed":
        return f"removed {y.year}: {report_text(y.used_before)}"
    count = len(y.after) - len(y.before)
    more = f" ({count:+d} report{'' if abs(count) == 1 else 's'})" if count else ""
    was, now = (
        report_text(used) if used is not None or not reports else "part-year only"
        for used, reports in ((y.used_before, y.before), (y.used_after, y.after))
    )
    return f"revised {y.year}: {was} {ARROW} {now}{more}"


def _target(t: Target, series: Series) -> str:
    return f"{fmt.target_text(t, series=series)} ({t.year})"


def _baseline(r: Report | None) -> str:
    return "none" if r is None else f"{report_text(r)} ({r.year})"


def change_items(c: IndicatorChange) -> list[str]:
    """Return what changed, grouped by kind: reports (new, revised, removed), target, baseline."""
    if c.before is None:
        return ["indicator added"]
    if c.after is None:
        return ["indicator removed"]
    items = [
        year_text(y) for kind in ("new", "revised", "removed") for y in c.years if y.kind == kind
    ]
    old, new = c.before.indicator, c.after.indicator
    if c.target_changed and old.target != new.target:
        was, now = _target(old.target, old.series), _target(new.target, new.series)
        items.append(f"target {was} {ARROW} {now}")
    elif c.target_changed:  # the target of a period not in force
        items.append("a target of another period changed")
    if c.baseline_changed:
        items.append(f"baseline {_baseline(old.baseline)} {ARROW} {_baseline(new.baseline)}")
    return items


def unchanged_line(comparison: Comparison) -> str:
    """Return the one line that sums up the indicators that did not change."""
    n = comparison.unchanged
    if not comparison.changes:
        return f"No change: {n} indicator{'' if n == 1 else 's'}, all as before."
    if n == 0:
        return "Every indicator changed."
    return f"{n} other indicator{'' if n == 1 else 's'} unchanged."


def diff_markdown(comparison: Comparison, before: str, after: str) -> str:
    """Return a heading, a table of the indicators that changed, and the unchanged line."""
    lines = [f"#### shtracker diff: {inline(before)} {ARROW} {inline(after)}", ""]
    if comparison.changes:
        lines += ["| " + " | ".join(COLUMNS) + " |", "|---|---|---:|---:|---|"]
        for c in comparison.changes:
            figures = (status_text(c), progress_text(c), pace_text(c))
            # GitHub breaks a line inside a table cell with <br>.
            changes = "<br>".join(inline(i) for i in change_items(c) or ["measures only"])
            lines.append("| " + " | ".join([f"`{c.id}`", *map(inline, figures), changes]) + " |")
        lines.append("")
    lines.append(unchanged_line(comparison))
    return "\n".join(lines) + "\n"

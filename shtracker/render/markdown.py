"""The `status` table as GitHub-flavoured Markdown, for reports and issues (no Rich)."""

from __future__ import annotations

from collections.abc import Sequence

from shtracker.core.assess import Assessment
from shtracker.render import formatting as fmt

COLUMNS = ("id", "name", "latest", "target", "progress", "pace", "status")
#: Right-aligned columns: the numbers.
NUMERIC = {"latest", "target", "progress", "pace"}


def cell(text: str) -> str:
    """Return text safe inside a table cell: pipes and backslashes escaped, one line."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def _latest(a: Assessment) -> str:
    if a.latest is None:
        return "-"
    flag = fmt.QUALITY_FLAG[a.latest.quality]
    return f"{fmt.latest_value(a)}{' ' + flag if flag else ''} ({a.latest.year})"


def _target(a: Assessment) -> str:
    t = a.indicator.target
    text = f"{fmt.target_text(t, series=a.indicator.series)} ({t.year})"
    if a.series_break is not None:
        text += f"; {fmt.break_words(a.series_break)}"
    return text


def row(a: Assessment) -> list[str]:
    """Return the cells of one indicator."""
    m = a.measures
    progress = (
        fmt.progress_words(a)
        if a.judged is not None
        else fmt.percent(m.progress_pct if m else None)
    )
    pace = "-" if m is None or m.pace_ratio is None else f"R {m.pace_ratio:.2f}"
    if m is not None and m.years_ahead is not None:
        pace += f", {fmt.signed(m.years_ahead, 1, ' y')}"
    return [
        f"`{a.indicator.id}`",
        a.indicator.name,
        _latest(a),
        _target(a),
        progress,
        pace,
        fmt.STATUS_LABEL[a.status],
    ]


def status_markdown(assessments: Sequence[Assessment]) -> str:
    """Return a header, a separator and one row per indicator."""
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join("---:" if c in NUMERIC else "---" for c in COLUMNS) + "|",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row(a)) + " |" for a in assessments]
    return "\n".join(lines) + "\n"

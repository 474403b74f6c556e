"""`status` as GitHub-flavoured Markdown: a report to paste into an issue or a document (no Rich).

The report has the plan's name, the as-of year, the table with units, the legend and
the warnings; `status_table_markdown` gives the table alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from shtracker.core.assess import Assessment
from shtracker.core.model import Period, Plan
from shtracker.render import formatting as fmt
from shtracker.render.period_lines import period_command, period_label, period_summary
from shtracker.render.safe_text import printable

COLUMNS = ("Indicator", "Unit", "Latest", "Target", "Progress", "Pace", "Status")
#: Right-aligned columns: the numbers.
NUMERIC = {"Latest", "Target", "Progress", "Pace"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def inline(text: str) -> str:
    """Return text that Markdown shows as written: control characters escaped, its markup
    characters escaped, one line."""
    return " ".join(_SPECIAL.sub(r"\\\1", printable(text)).split())


def _latest(a: Assessment) -> str:
    if a.latest is None or fmt.latest_value(a) == "-":
        return "-"
    flag = fmt.QUALITY_FLAG[a.latest.quality]
    return f"{fmt.latest_value(a)}{' ' + flag if flag else ''} ({a.latest.year})"


def _target(a: Assessment) -> str:
    t = a.indicator.target
    times = fmt.multiple(t, a.baseline.year if a.baseline is not None else None)
    text = f"{fmt.target_value(t, a.indicator.series)} by {t.year}"
    text += f" ({times})" if times else ""
    if a.series_break is not None:
        text += f"; {fmt.break_words(a.series_break)}"
    return text


def _pace(a: Assessment) -> str:
    m = a.measures
    if m is None or m.pace_ratio is None:
        return "-"
    years = f", {fmt.years(m.years_ahead)}" if m.years_ahead is not None else ""
    return fmt.ratio(m.pace_ratio) + years


def row(a: Assessment) -> list[str]:
    """Return the cells of one indicator, already escaped."""
    progress = fmt.progress_words(a)
    return [
        f"{inline(a.indicator.name)} `{a.indicator.id}`",
        inline(a.indicator.unit),
        inline(_latest(a)),
        inline(_target(a)),
        inline(progress),
        inline(_pace(a)),
        fmt.STATUS_LABEL[a.status],
    ]


def status_table_markdown(assessments: Sequence[Assessment]) -> str:
    """Return the table alone: a header, a separator and one row per indicator."""
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join("---:" if c in NUMERIC else "---" for c in COLUMNS) + "|",
    ]
    lines += ["| " + " | ".join(row(a)) + " |" for a in assessments]
    return "\n".join(lines) + "\n"


def legend(assessments: Sequence[Assessment]) -> list[str]:
    """Return the legend's items: the flags, the columns, and words a reader may not know."""
    items = [
        "*e* estimate, *p* preliminary (Eurostat's flags); the year of the figure in parentheses.",
        "Target: ≈ about, ≥ at least, ≤ at most, and the target year.",
        "Progress: the share of the way from the baseline to the target.",
        "Pace: R = observed / required annual growth (0.95 or more is on track); "
        "years ahead (+) or behind (-) the required path.",
    ]
    if any(a.judged is not None for a in assessments):
        items.append("*n*/*m* years: of the years an every-year target judged, those that met it.")
    if any(a.maintain for a in assessments):
        items.append(
            f"{fmt.MAINTAIN_WORDS}: the baseline already met the target, so there is no "
            "distance to cover, only a level to keep."
        )
    return items


def status_markdown(
    plan: Plan,
    as_of: int,
    assessments: Sequence[Assessment],
    period: Period | None = None,
    others: Sequence[tuple[Period, Sequence[Assessment]]] = (),
) -> str:
    """Return the whole report: title, period, as-of year and counts, table, legend, the
    other periods and warnings."""
    parts = [f"# {inline(plan.name)}"]
    if period is not None and not period.implicit:
        parts.append(f"Period: {inline(period_label(period))}.")
    parts.append(f"Status as of {as_of}. {fmt.count_text(assessments)}.")
    if assessments:
        parts.append(status_table_markdown(assessments).rstrip("\n"))
        parts.append("## Legend\n\n" + "\n".join(f"- {item}" for item in legend(assessments)))
    if others:
        lines = [
            f"- {inline(period_summary(p, found))} (`{period_command(p)}`)" for p, found in others
        ]
        parts.append("## Other periods\n\n" + "\n".join(lines))
    warnings = fmt.warning_lines(assessments)
    if warnings:
        parts.append("## Warnings\n\n" + "\n".join(f"- {inline(line)}" for line in warnings))
    return "\n\n".join(parts) + "\n"

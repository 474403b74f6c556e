"""Periods in words: a period's label and the one-line summary of a period not shown (no Rich)."""

from __future__ import annotations

from collections.abc import Sequence

from shtracker.core.assess import Assessment
from shtracker.core.model import Period
from shtracker.render import formatting as fmt


def period_label(period: Period) -> str:
    """Return '14th Five-Year Plan (2020-2025)'; a plan without a baseline year gives 'by 2025'."""
    if period.baseline_year is None:
        return f"{period.name} (by {period.target_year})"
    return f"{period.name} ({period.baseline_year}-{period.target_year})"


def status_counts(assessments: Sequence[Assessment]) -> str:
    """Return '7 met, 2 achieved, 2 on track', in the table's order of statuses."""
    parts = [f"{k} {fmt.STATUS_LABEL[s]}" for s, k in fmt.status_counts(assessments)]
    return ", ".join(parts) or "no indicator"


def period_command(period: Period) -> str:
    """Return the command that shows a period."""
    return f"shtracker status --period {period.id}"


def period_summary(period: Period, assessments: Sequence[Assessment]) -> str:
    """Return '14th Five-Year Plan (2020-2025): 7 met, 2 achieved'."""
    return f"{period_label(period)}: {status_counts(assessments)}"


def summary_line(period: Period, assessments: Sequence[Assessment]) -> str:
    """Return the line that keeps a period in sight when another is shown.

    '14th Five-Year Plan (2020-2025): 7 met, 2 achieved; shtracker status --period fyp14'
    """
    return f"{period_summary(period, assessments)}; {period_command(period)}"

"""The `diff` document: what changed between two states of a plan, indicator by indicator."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from shtracker.core.assess import Assessment
from shtracker.core.model import Report
from shtracker.render.documents.shapes import (
    SCHEMA_VERSION,
    BeforeAfterDoc,
    DiffDoc,
    IndicatorChangeDoc,
    ReportDoc,
    SideDoc,
    YearChangeDoc,
)
from shtracker.render.documents.show import report_record
from shtracker.render.documents.status import indicator_record, measures_record

if TYPE_CHECKING:
    from shtracker.core.compare import Comparison, IndicatorChange, YearChange


def _report_or_none(report: Report | None) -> ReportDoc | None:
    return None if report is None else report_record(report)


def _pair(before: object, after: object) -> BeforeAfterDoc:
    return {"before": before, "after": after}


def _figure(a: Assessment | None, name: str) -> float | None:
    return None if a is None else cast(float | None, measures_record(a)[name])  # type: ignore[literal-required]


def year_change_record(y: YearChange) -> YearChangeDoc:
    """Return one year whose reports changed, with every report on both sides."""
    return {
        "year": y.year,
        "kind": y.kind,
        "before": [report_record(r) for r in y.before],
        "after": [report_record(r) for r in y.after],
        "used_before": _report_or_none(y.used_before),
        "used_after": _report_or_none(y.used_after),
    }


def indicator_change_record(c: IndicatorChange) -> IndicatorChangeDoc:
    """Return one changed indicator of the `diff` document."""
    b, a = c.before, c.after
    target, baseline = None, None
    if b is not None and a is not None and c.target_changed:
        target = _pair(indicator_record(b)["target"], indicator_record(a)["target"])
    if b is not None and a is not None and c.baseline_changed:
        old, new = b.indicator.baseline, a.indicator.baseline
        baseline = _pair(_report_or_none(old), _report_or_none(new))
    return {
        "id": c.id,
        "change": "added" if b is None else "removed" if a is None else "changed",
        "status": _pair(*(s.value if s else None for s in (c.status_before, c.status_after))),
        "progress_pct": _pair(_figure(b, "progress_pct"), _figure(a, "progress_pct")),
        "pace_ratio": _pair(_figure(b, "pace_ratio"), _figure(a, "pace_ratio")),
        "reports": [year_change_record(y) for y in c.years],
        "target": target,
        "baseline": baseline,
    }


def diff_document(comparison: Comparison, before: SideDoc, after: SideDoc) -> DiffDoc:
    """Return the whole `diff --json` document."""
    moved: dict[str, int] = {}
    for c in comparison.changes:
        if c.status_before is not c.status_after:
            key = " -> ".join(s.value if s else "none" for s in (c.status_before, c.status_after))
            moved[key] = moved.get(key, 0) + 1
    return {
        "schema_version": SCHEMA_VERSION,
        "before": before,
        "after": after,
        "indicators": [indicator_change_record(c) for c in comparison.changes],
        "unchanged": comparison.unchanged,
        "moved": moved,
    }

"""Every machine document: `status`, `show`, `record`, `import` and `diff` as JSON; CSV.

The shapes are the TypedDicts below and `SCHEMA_VERSION` versions them all; the
README documents them and tests/render/test_documents.py pins them. No Rich
here: machine formats never pass through the terminal renderer.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict, cast

from shtracker.core.assess import Assessment, Point
from shtracker.core.model import Period, Plan, Report, Status
from shtracker.render.safe_text import printable, spreadsheet_safe

if TYPE_CHECKING:
    from shtracker.core.compare import Comparison, IndicatorChange, YearChange
    from shtracker.record.apply import Recorded
    from shtracker.record.batch import Imported
    from shtracker.render.show_view import YearRow

#: 2: periods (the `period` object of status, `periods` of show).
#: 3: target forms (growth, each_year, series, start, series_break, years_met, years_judged).
SCHEMA_VERSION = 3


class PointDoc(TypedDict):
    year: int
    value: float
    quality: str
    source: str | None


class BaselineDoc(PointDoc):
    from_actuals: bool


class TargetDoc(TypedDict):
    year: int
    value: float
    kind: str
    tolerance: float | None
    multiple: float | None
    growth: float | None
    each_year: bool
    source: str | None


class WarningDoc(TypedDict):
    code: str
    year: int | None
    message: str


class MeasuresDoc(TypedDict):
    progress_pct: float | None
    attainment_pct: float | None
    expected_value: float | None
    gap: float | None
    years_ahead: float | None
    observed_growth_pct: float | None
    required_growth_pct: float | None
    pace_ratio: float | None
    remaining_growth_pct: float | None
    projected_value: float | None


class IndicatorDoc(MeasuresDoc):
    id: str
    name: str
    local_name: str | None
    unit: str
    group: str | None
    direction: str
    series: str
    baseline: BaselineDoc | None
    start: PointDoc | None
    series_break: int | None
    target: TargetDoc
    latest: PointDoc | None
    maintain: bool
    method: str | None
    years_met: int | None
    years_judged: int | None
    status: str
    warnings: list[WarningDoc]


class PlanDoc(TypedDict):
    name: str
    region: str | None
    source: str | None
    baseline_year: int | None
    target_year: int


class PeriodDoc(TypedDict):
    id: str
    name: str
    baseline_year: int | None
    target_year: int
    source: str | None
    implicit: bool


class PeriodAssessmentDoc(TypedDict):
    period: PeriodDoc
    assessment: IndicatorDoc


class StatusDoc(TypedDict):
    schema_version: int
    as_of: int
    file: str
    plan: PlanDoc
    period: PeriodDoc
    indicators: list[IndicatorDoc]
    summary: dict[str, int]


class ReportDoc(TypedDict):
    value: float
    quality: str
    source: str | None
    note: str | None


class YearDoc(TypedDict):
    year: int
    baseline: bool
    used: ReportDoc | None
    superseded: list[ReportDoc]
    partial: list[ReportDoc]
    conflicts: list[list[ReportDoc]]
    level: float | None
    met: bool | None
    expected_value: float | None
    gap: float | None


class ShowDoc(TypedDict):
    schema_version: int
    as_of: int
    file: str
    period: PeriodDoc
    indicator: IndicatorDoc
    periods: list[PeriodAssessmentDoc]
    years: list[YearDoc]
    sentences: list[str]


class RecordedDoc(TypedDict):
    id: str
    year: int
    value: float
    quality: str
    source: str | None
    note: str | None
    file: str
    line: int
    replaced: bool
    already_recorded: bool


class RecordDoc(TypedDict):
    schema_version: int
    as_of: int
    recorded: RecordedDoc
    before: IndicatorDoc
    after: IndicatorDoc
    dry_run: bool
    diff: str | None


class ImportedRowDoc(TypedDict):
    line: int
    id: str
    year: int
    value: float
    quality: str
    source: str | None
    note: str | None
    reported: str | None
    outcome: str  # added, replaced or present


class StatusMoveDoc(TypedDict):
    id: str
    before: IndicatorDoc
    after: IndicatorDoc


class ImportDoc(TypedDict):
    schema_version: int
    as_of: int
    file: str
    csv: str
    dry_run: bool
    added: int
    replaced: int
    present: int
    rows: list[ImportedRowDoc]
    indicators: list[StatusMoveDoc]
    diff: str | None


MEASURE_FIELDS = tuple(MeasuresDoc.__annotations__)


def _point(point: Point | None) -> PointDoc | None:
    if point is None:
        return None
    return {
        "year": point.year,
        "value": point.value,
        "quality": point.quality.value,
        "source": point.source,
    }


def measures_record(a: Assessment) -> MeasuresDoc:
    """Return the measures of one assessment by their JSON names (None when undefined)."""
    m = a.measures
    if m is None:
        return cast(MeasuresDoc, dict.fromkeys(MEASURE_FIELDS))
    return {
        "progress_pct": m.progress_pct,
        "attainment_pct": m.attainment_pct,
        "expected_value": m.expected_value,
        "gap": m.gap,
        "years_ahead": m.years_ahead,
        "observed_growth_pct": m.growth_pct(m.observed_growth),
        "required_growth_pct": m.growth_pct(m.required_growth),
        "pace_ratio": m.pace_ratio,
        "remaining_growth_pct": m.growth_pct(m.remaining_growth),
        "projected_value": m.projected_value,
    }


def indicator_record(a: Assessment) -> IndicatorDoc:
    """Return one indicator of the JSON contract."""
    i, t = a.indicator, a.indicator.target
    point = _point(a.baseline)
    baseline = None if point is None else BaselineDoc(**point, from_actuals=a.baseline_from_actuals)
    return {
        "id": i.id,
        "name": i.name,
        "local_name": i.local_name,
        "unit": i.unit,
        "group": i.group,
        "direction": i.direction.value,
        "series": i.series.value,
        "baseline": baseline,
        "start": _point(a.start),
        "series_break": a.series_break,
        "target": {
            "year": t.year,
            "value": t.value,
            "kind": t.kind.value,
            "tolerance": t.tolerance,
            "multiple": t.multiple,
            "growth": t.growth,
            "each_year": t.each_year,
            "source": t.source,
        },
        "latest": _point(a.latest),
        "maintain": a.maintain,
        **measures_record(a),
        "method": a.measures.method.value if a.measures else None,
        "years_met": None if a.judged is None else sum(j.met for j in a.judged),
        "years_judged": None if a.judged is None else len(a.judged),
        "status": a.status.value,
        "warnings": [{"code": n.code, "year": n.year, "message": n.message} for n in a.notices],
    }


def summary(assessments: Sequence[Assessment]) -> dict[str, int]:
    """Return the count of indicators per status, every status present."""
    counts = dict.fromkeys((s.value for s in Status), 0)
    for a in assessments:
        counts[a.status.value] += 1
    return counts


def period_record(period: Period) -> PeriodDoc:
    """Return a period of the JSON contract (a file without periods has one, implicit)."""
    return {
        "id": period.id,
        "name": period.name,
        "baseline_year": period.baseline_year,
        "target_year": period.target_year,
        "source": period.source,
        "implicit": period.implicit,
    }


def status_document(
    plan: Plan, file: str, as_of: int, assessments: Sequence[Assessment], period: Period
) -> StatusDoc:
    """Return the whole `status --json` document: every indicator assessed in `period`."""
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of,
        "file": file,
        "plan": {
            "name": plan.name,
            "region": plan.region,
            "source": plan.source,
            "baseline_year": plan.baseline_year,
            "target_year": plan.target_year,
        },
        "period": period_record(period),
        "indicators": [indicator_record(a) for a in assessments],
        "summary": summary(assessments),
    }


def report_record(report: Report) -> ReportDoc:
    """Return one report of the `show` document."""
    return {
        "value": report.value,
        "quality": report.quality.value,
        "source": report.source,
        "note": report.note,
    }


def year_record(row: YearRow) -> YearDoc:
    """Return one year of the `show` document, every report included."""
    return {
        "year": row.year,
        "baseline": row.baseline,
        "used": None if row.used is None else report_record(row.used),
        "superseded": [report_record(r) for r in row.superseded],
        "partial": [report_record(r) for r in row.partial],
        "conflicts": [[report_record(a), report_record(b)] for a, b in row.conflicts],
        "level": row.level,
        "met": row.met,
        "expected_value": row.expected_value,
        "gap": row.gap,
    }


def show_document(
    a: Assessment, file: str, period: Period, every: Sequence[tuple[Period, Assessment]]
) -> ShowDoc:
    """Return the whole `show --json` document: `a` in `period`, and every period's assessment."""
    from shtracker.render.show_view import sentences, year_rows

    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": a.as_of,
        "file": file,
        "period": period_record(period),
        "indicator": indicator_record(a),
        "periods": [
            {"period": period_record(p), "assessment": indicator_record(b)} for p, b in every
        ],
        "years": [year_record(row) for row in year_rows(a)],
        "sentences": sentences(a),
    }


def record_document(
    result: Recorded, before: Assessment, after: Assessment, dry_run: bool
) -> RecordDoc:
    """Return the `record --json` document: what was recorded, and the indicator around it."""
    r = result.report
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": before.as_of,
        "recorded": {
            "id": result.before.id,
            "year": r.year,
            "value": r.value,
            "quality": r.quality.value,
            "source": r.source,
            "note": r.note,
            "file": result.path,
            "line": result.line,
            "replaced": result.replaced > 0,
            "already_recorded": result.already,
        },
        "before": indicator_record(before),
        "after": indicator_record(after),
        "dry_run": dry_run,
        "diff": result.diff() if dry_run else None,
    }


def import_document(
    result: Imported,
    csv_name: str,
    as_of: int,
    moves: Sequence[tuple[Assessment, Assessment]],
    dry_run: bool,
) -> ImportDoc:
    """Return the `import --json` document: every row's outcome, every changed indicator."""
    from shtracker.record.batch import as_report

    rows: list[ImportedRowDoc] = []
    for o in result.rows:
        r = as_report(o.row)
        rows.append(
            {
                "line": o.row.line,
                "id": o.row.ident,
                "year": r.year,
                "value": r.value,
                "quality": r.quality.value,
                "source": r.source,
                "note": r.note,
                "reported": r.reported,
                "outcome": o.outcome,
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of,
        "file": result.path,
        "csv": csv_name,
        "dry_run": dry_run,
        "added": result.count("added"),
        "replaced": result.count("replaced"),
        "present": result.count("present"),
        "rows": rows,
        "indicators": [
            {"id": b.indicator.id, "before": indicator_record(b), "after": indicator_record(a)}
            for b, a in moves
        ],
        "diff": result.diff() if dry_run else None,
    }


def to_json(document: object) -> str:
    """Return JSON text: full precision, UTF-8 text as is, never NaN."""
    return json.dumps(document, ensure_ascii=False, allow_nan=False, indent=2)


CSV_FIELDS = (
    "id",
    "name",
    "local_name",
    "unit",
    "group",
    "direction",
    "series",
    "baseline_year",
    "baseline_value",
    "baseline_quality",
    "baseline_source",
    "baseline_from_actuals",
    "start_year",
    "start_value",
    "start_quality",
    "start_source",
    "series_break",
    "target_year",
    "target_value",
    "target_kind",
    "target_tolerance",
    "target_multiple",
    "target_growth",
    "target_each_year",
    "target_source",
    "latest_year",
    "latest_value",
    "latest_quality",
    "latest_source",
    "maintain",
    *MEASURE_FIELDS,
    "method",
    "years_met",
    "years_judged",
    "status",
    "warnings",
)


def _flat(record: IndicatorDoc) -> dict[str, Any]:
    """Return a record with nested points as prefixed columns (absent ones left out)."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if key == "warnings":
            flat[key] = "; ".join(w["message"] for w in record["warnings"])
        elif key in ("baseline", "start", "target", "latest"):
            flat.update({f"{key}_{k}": v for k, v in (value or {}).items()})  # type: ignore[attr-defined]
        else:
            flat[key] = value
    return flat


def to_csv(assessments: Sequence[Assessment]) -> str:
    """Return one CSV row per indicator with a header row; no thousands separators."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for a in assessments:
        row = _flat(indicator_record(a))
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return out.getvalue()


def csv_cell(value: object) -> object:
    """Return a CSV cell: empty for null, true/false as in the JSON, floats in full, and
    text with control characters escaped (a CSV is also read in terminals) that no
    spreadsheet runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return spreadsheet_safe(printable(value)) if isinstance(value, str) else value


class SideDoc(TypedDict):
    file: str
    revision: str | None
    as_of: int


class BeforeAfterDoc(TypedDict):
    before: Any
    after: Any


class YearChangeDoc(TypedDict):
    year: int
    kind: str  # new, revised or removed
    before: list[ReportDoc]
    after: list[ReportDoc]
    used_before: ReportDoc | None
    used_after: ReportDoc | None


class IndicatorChangeDoc(TypedDict):
    id: str
    change: str  # added, removed or changed
    status: BeforeAfterDoc
    progress_pct: BeforeAfterDoc
    pace_ratio: BeforeAfterDoc
    reports: list[YearChangeDoc]
    target: BeforeAfterDoc | None  # None: unchanged
    baseline: BeforeAfterDoc | None


class DiffDoc(TypedDict):
    schema_version: int
    before: SideDoc
    after: SideDoc
    indicators: list[IndicatorChangeDoc]
    unchanged: int
    moved: dict[str, int]  # "on_track -> met": how many indicators


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

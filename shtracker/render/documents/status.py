"""The `status` document: one record per indicator, the plan, the period and the counts.

No Rich here: machine formats never pass through the terminal renderer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import cast

from shtracker.core.assess import Assessment, Point
from shtracker.core.model import Period, Plan, Status
from shtracker.render.documents.shapes import (
    MEASURE_FIELDS,
    SCHEMA_VERSION,
    BaselineDoc,
    IndicatorDoc,
    MeasuresDoc,
    PeriodDoc,
    PointDoc,
    StatusDoc,
)


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


def to_json(document: object) -> str:
    """Return JSON text: full precision, UTF-8 text as is, never NaN."""
    return json.dumps(document, ensure_ascii=False, allow_nan=False, indent=2)

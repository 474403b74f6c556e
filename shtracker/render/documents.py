"""The status report as plain data: the JSON contract and the flat CSV rows.

No Rich here: the machine formats never pass through the terminal renderer.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from shtracker.core.assess import Assessment, Point
from shtracker.core.model import Plan, Status

SCHEMA_VERSION = 1

MEASURE_FIELDS = (
    "progress_pct",
    "attainment_pct",
    "expected_value",
    "gap",
    "years_ahead",
    "observed_growth_pct",
    "required_growth_pct",
    "pace_ratio",
    "remaining_growth_pct",
    "projected_value",
)


def _point(point: Point | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {
        "year": point.year,
        "value": point.value,
        "quality": point.quality.value,
        "source": point.source,
    }


def measures_record(a: Assessment) -> dict[str, Any]:
    """Return the measures of one assessment by their JSON names (None when undefined)."""
    m = a.measures
    if m is None:
        return dict.fromkeys(MEASURE_FIELDS)
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


def indicator_record(a: Assessment) -> dict[str, Any]:
    """Return one indicator of the JSON contract."""
    i, t = a.indicator, a.indicator.target
    baseline = _point(a.baseline)
    if baseline is not None:
        baseline["from_actuals"] = a.baseline_from_actuals
    return {
        "id": i.id,
        "name": i.name,
        "local_name": i.local_name,
        "unit": i.unit,
        "group": i.group,
        "direction": i.direction.value,
        "baseline": baseline,
        "target": {
            "year": t.year,
            "value": t.value,
            "kind": t.kind.value,
            "tolerance": t.tolerance,
            "multiple": t.multiple,
            "source": t.source,
        },
        "latest": _point(a.latest),
        **measures_record(a),
        "method": a.measures.method.value if a.measures else None,
        "status": a.status.value,
        "warnings": [{"code": n.code, "year": n.year, "message": n.message} for n in a.notices],
    }


def summary(assessments: Sequence[Assessment]) -> dict[str, int]:
    """Return the count of indicators per status, every status present."""
    counts = dict.fromkeys((s.value for s in Status), 0)
    for a in assessments:
        counts[a.status.value] += 1
    return counts


def status_document(
    plan: Plan, file: str, as_of: int, assessments: Sequence[Assessment]
) -> dict[str, Any]:
    """Return the whole `status --json` document."""
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
        "indicators": [indicator_record(a) for a in assessments],
        "summary": summary(assessments),
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
    "baseline_year",
    "baseline_value",
    "baseline_quality",
    "baseline_source",
    "baseline_from_actuals",
    "target_year",
    "target_value",
    "target_kind",
    "target_tolerance",
    "target_multiple",
    "target_source",
    "latest_year",
    "latest_value",
    "latest_quality",
    "latest_source",
    *MEASURE_FIELDS,
    "method",
    "status",
    "warnings",
)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    """Return a record with nested points as prefixed columns (absent ones left out)."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if key == "warnings":
            flat[key] = "; ".join(w["message"] for w in value)
        elif key in ("baseline", "target", "latest"):
            flat.update({f"{key}_{k}": v for k, v in (value or {}).items()})
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
        writer.writerow(
            {
                k: ("" if v is None else repr(v) if isinstance(v, float) else v)
                for k, v in row.items()
            }
        )
    return out.getvalue()

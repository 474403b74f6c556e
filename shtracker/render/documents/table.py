"""`status --format csv`: one row per indicator, nested values as prefixed columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from shtracker.core.assess import Assessment
from shtracker.render.documents.shapes import MEASURE_FIELDS, IndicatorDoc
from shtracker.render.documents.status import indicator_record
from shtracker.render.safe_text import printable, spreadsheet_safe

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

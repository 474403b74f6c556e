"""The `show` document: the indicator, every year's reports, every period, the sentences."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from shtracker.core.assess import Assessment
from shtracker.core.model import Period, Report
from shtracker.render.documents.shapes import SCHEMA_VERSION, ReportDoc, ShowDoc, YearDoc
from shtracker.render.documents.status import indicator_record, period_record

if TYPE_CHECKING:
    from shtracker.render.show_view import YearRow


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

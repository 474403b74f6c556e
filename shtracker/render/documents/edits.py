"""The documents of the commands that edit the file: `record` and `import`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from shtracker.core.assess import Assessment
from shtracker.render.documents.shapes import SCHEMA_VERSION, ImportDoc, ImportedRowDoc, RecordDoc
from shtracker.render.documents.status import indicator_record

if TYPE_CHECKING:
    from shtracker.record.apply import Recorded
    from shtracker.record.batch import Imported


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

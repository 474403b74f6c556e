"""The one-line messages for people that commands print on stderr."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shtracker.core.model import Report, Status
from shtracker.render.formatting import STATUS_LABEL

if TYPE_CHECKING:  # `check` prints its warning sentence without loading the record package
    from shtracker.record.apply import Recorded
    from shtracker.record.batch import Imported


def _number(value: float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def recorded_sentence(result: Recorded, before: Status, after: Status, dry_run: bool) -> str:
    """Return the one line for people: what, where, and the status before and after."""
    r = result.report
    what = f"{r.year} = {_number(r.value)} ({r.quality.value})"
    if result.replaced:
        what += f", replacing {result.replaced} report{'s' if result.replaced > 1 else ''},"
    if result.already:
        return (
            f"{result.before.id} {what} is already recorded in {result.path}:{result.line}; "
            "nothing written"
        )
    verb = "would record" if dry_run else "recorded"
    tail = "; dry run: nothing written" if dry_run else ""
    if result.revises is not None:
        old = result.revises
        what += f", a revision of the {old.quality.value} {_number(old.value)},"
    return (
        f"{verb} {result.before.id} {what} in {result.path}:{result.line}; "
        f"status {STATUS_LABEL[before]} -> {STATUS_LABEL[after]}{tail}"
    )


def repeated_sentence(report: Report) -> str:
    """Return the warning for a report listed twice (a re-run `record` once wrote that)."""
    source = f", source {report.source!r}" if report.source else ""
    return (
        f"{report.year}: the same report ({_number(report.value)} "
        f"{report.quality.value}{source}) is listed more than once; remove the copy"
    )


def imported_lines(
    result: Imported, moves: list[tuple[str, Status, Status]], dry_run: bool
) -> list[str]:
    """Return the lines for people: how many rows landed, then each status that moved."""
    added, replaced, present = (result.count(o) for o in ("added", "replaced", "present"))
    verb = "would import" if dry_run else "imported"
    what = f"{verb} {added + replaced} of {len(result.rows)} rows into {result.path}"
    details = [f"{present} already present"] if present else []
    if replaced:
        details.append(f"{replaced} replacing a year's reports")
    if details:
        what += f" ({', '.join(details)})"
    changed = len(result.changed_ids())
    what += f"; {changed} indicator{'' if changed == 1 else 's'} changed"
    moved = [(i, b, a) for i, b, a in moves if b is not a]
    what += f", {len(moved)} status{'' if len(moved) == 1 else 'es'} moved"
    if dry_run:
        what += "; dry run: nothing written"
    return [what] + [f"  {ident}: {STATUS_LABEL[b]} -> {STATUS_LABEL[a]}" for ident, b, a in moved]

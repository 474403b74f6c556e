"""The one-line messages for people that commands print on stderr."""

from __future__ import annotations

from shtracker.core.model import Status
from shtracker.record.apply import Recorded
from shtracker.render.formatting import STATUS_LABEL


def _number(value: float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def recorded_sentence(result: Recorded, before: Status, after: Status, dry_run: bool) -> str:
    """Return the one line for people: what, where, and the status before and after."""
    r = result.report
    what = f"{r.year} = {_number(r.value)} ({r.quality.value})"
    if result.replaced:
        what += f", replacing {result.replaced} report{'s' if result.replaced > 1 else ''},"
    verb = "would record" if dry_run else "recorded"
    tail = "; dry run: nothing written" if dry_run else ""
    return (
        f"{verb} {result.before.id} {what} in {result.path}:{result.line}; "
        f"status {STATUS_LABEL[before]} -> {STATUS_LABEL[after]}{tail}"
    )

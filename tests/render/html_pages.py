"""The pages the HTML report's tests look at, built as `shtracker report` builds them."""

from __future__ import annotations

from pathlib import Path

from shtracker.core.assess import assess
from shtracker.datafile.reader import load_plan
from shtracker.render.html_report import report_html

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLED = ROOT / "targets.yaml"
HOSTILE = Path(__file__).resolve().parent / "hostile_strings.yaml"
#: The as-of year of every page in these tests, so that they do not change with the calendar.
AS_OF = 2026


def page_of(path: Path, as_of: int = AS_OF) -> str:
    """Return the report of a data file, as `shtracker report` writes it."""
    plan = load_plan(str(path))
    assessments = [assess(i, as_of) for i in plan.indicators]
    return report_html(plan, as_of, assessments, file_name=path.name)

"""Write `status` in the format chosen: the table, Markdown, JSON or CSV."""

from __future__ import annotations

from shtracker.cli.common import write
from shtracker.cli.params import Format
from shtracker.core.assess import Assessment
from shtracker.core.model import Period, Plan

OtherPeriods = list[tuple[Period, list[Assessment]]]


def print_status_as(
    chosen: str,
    path: str,
    plan: Plan,
    year: int,
    assessments: list[Assessment],
    color: str,
    period: Period,
    others: OtherPeriods,
) -> None:
    """Print `status` in the format chosen: one period, with a line for each other one."""
    if chosen == Format.TABLE.value:
        from shtracker.render.status_table import print_status

        print_status(plan, year, assessments, color, period, others)
    elif chosen == Format.MARKDOWN.value:
        from shtracker.render.markdown import status_markdown

        write(status_markdown(plan, year, assessments, period, others))
    elif chosen == Format.MARKDOWN_TABLE.value:
        from shtracker.render.markdown import status_table_markdown

        write(status_table_markdown(assessments))
    else:
        from shtracker.render.documents.status import status_document, to_json
        from shtracker.render.documents.table import to_csv

        if chosen == Format.JSON.value:
            document = status_document(plan, path, year, assessments, period)
            write(to_json(document))
        else:
            write(to_csv(assessments))

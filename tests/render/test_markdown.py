"""`status --format markdown`: a report that renders, parsed with a Markdown library."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from shtracker.core.assess import assess
from shtracker.datafile.reader import load_plan
from shtracker.render import formatting as fmt
from shtracker.render.markdown import inline, status_markdown, status_table_markdown
from tests.conftest import GOOD, ONE_PERIOD, run

PLAN = load_plan(ONE_PERIOD)  # the 14th plan alone: every kind of row
ASSESSED = [assess(i, 2026) for i in PLAN.indicators]


@dataclass
class Parsed:
    """The parts of a rendered Markdown document that a reader sees."""

    headings: list[tuple[str, str]] = field(default_factory=list)  # (tag, text)
    paragraphs: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)  # heading text -> items


def parse(text: str) -> Parsed:
    """Parse GitHub-flavoured Markdown (CommonMark with tables) into what it shows."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    out, heading, place = Parsed(), "", ""
    row: list[str] = []
    for k, token in enumerate(tokens):
        inside = tokens[k + 1] if k + 1 < len(tokens) else Token("", "", 0)
        if token.type == "heading_open":
            heading = inside.content
            out.headings.append((token.tag, heading))
        elif token.type in ("thead_open", "tbody_open"):
            place = token.type
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(inside.content)
        elif token.type == "tr_close" and place == "thead_open":
            out.header = row
        elif token.type == "tr_close":
            out.rows.append(row)
        elif token.type == "list_item_open":
            out.lists.setdefault(heading, []).append(tokens[k + 2].content)
        elif token.type == "paragraph_open" and token.level == 0:
            out.paragraphs.append(inside.content)
    return out


@pytest.fixture(scope="module")
def report() -> Parsed:
    return parse(status_markdown(PLAN, 2026, ASSESSED))


def test_the_report_is_titled_with_the_plan_name(report: Parsed) -> None:
    assert ("h1", PLAN.name) == report.headings[0]


def test_the_report_says_its_as_of_year_and_the_counts(report: Parsed) -> None:
    assert f"Status as of 2026. {fmt.count_text(ASSESSED)}." == report.paragraphs[0]


def test_the_report_table_has_a_unit_column_and_one_row_per_indicator(report: Parsed) -> None:
    assert ["Indicator", "Unit", "Latest", "Target", "Progress", "Pace", "Status"] == report.header
    assert len(PLAN.indicators) == len(report.rows)
    assert [i.unit for i in PLAN.indicators] == [r[1] for r in report.rows]


def test_a_row_reads_as_the_table_does(report: Parsed) -> None:
    row = next(r for r in report.rows if "`high_tech_enterprises`" in r[0])
    assert ["25,000 (2024)", "≥ 26,000 by 2025", "88.9%", "R 1.14, +0.5 y", "on track"] == row[2:]


def test_a_multiple_target_reads_without_nested_brackets(report: Parsed) -> None:
    row = next(r for r in report.rows if "`ic_industry_output`" in r[0])
    assert "≥ 414 by 2025 (2× 2020)" == row[3]


def test_a_maintain_target_shows_no_percentage_of_nothing(report: Parsed) -> None:
    row = next(r for r in report.rows if "`high_value_patents`" in r[0])
    assert ["maintain", "-", "met"] == row[4:]


def test_the_legend_is_a_list_under_its_heading(report: Parsed) -> None:
    assert ("h2", "Legend") in report.headings
    items = report.lists["Legend"]
    assert items[0].startswith("*e* estimate, *p* preliminary")
    assert any(item.startswith("maintain: the baseline already met the target") for item in items)


def test_the_warnings_are_a_list_under_their_heading(report: Parsed) -> None:
    assert ("h2", "Warnings") in report.headings
    expected = [inline(line) for line in fmt.warning_lines(ASSESSED)]
    assert expected == report.lists["Warnings"]


def test_a_file_without_warnings_has_no_warnings_heading() -> None:
    plan = load_plan(str(GOOD / "cap_and_floor.yaml"))
    parsed = parse(status_markdown(plan, 2022, [assess(i, 2022) for i in plan.indicators]))
    assert [("h1", "Caps and floors"), ("h2", "Legend")] == parsed.headings


def test_markdown_table_alone_is_the_reports_table() -> None:
    result = run("status", "--format", "markdown-table", "--as-of", "2026", "-f", ONE_PERIOD)
    assert (0, status_table_markdown(ASSESSED)) == (result.exit_code, result.stdout)


def test_pipes_and_markup_in_names_render_as_written(tmp_path: Path) -> None:
    data = tmp_path / "pipes.yaml"
    data.write_text(
        "plan: {name: 'P *draft*', target_year: 2025, baseline_year: 2020}\n"
        "indicators:\n"
        "  a:\n"
        "    name: 'Exports | imports_total'\n"
        "    unit: 'yuan|year'\n"
        "    baseline: {value: 1}\n"
        "    target: {value: 2}\n",
        encoding="utf-8",
    )
    result = run("status", "--format", "markdown", "-f", str(data))
    parsed = parse(result.stdout)
    rendered = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert ("h1", "P \\*draft\\*") == parsed.headings[0]
    assert "<h1>P *draft*</h1>" in rendered
    assert "<td>Exports | imports_total <code>a</code></td>" in rendered
    assert "<td>yuan|year</td>" in rendered
    assert 7 == len(parsed.rows[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a|b", "a\\|b"), ("a\\b", "a\\\\b"), ("two\nlines", "two lines"), ("x_y*z", "x\\_y\\*z")],
)
def test_inline_escapes_markup_and_joins_lines(text: str, expected: str) -> None:
    assert expected == inline(text)

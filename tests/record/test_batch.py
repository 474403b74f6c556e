"""Importing many rows: one verified edit, the same text as recording them one by one."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shtracker.core.errors import DataError
from shtracker.datafile.reader import parse_plan
from shtracker.record.apply import recorded
from shtracker.record.batch import import_file, imported
from shtracker.record.csvrows import CsvRows, read_rows
from tests.conftest import GOLDEN, SMALL_PLAN

ROWS = """\
id,year,value,quality,source,note
rd_intensity,2023,4.4,estimate,work report,
emissions,2021,-1.5,,,
rd_intensity,2022,4.44,,,
rd_intensity,2023,4.45,,yearbook,
emissions,2022,-3,final,communiqué,"a ""quoted"" note"
rd_intensity,2020,4.17,preliminary,,
"""


def batch(text: str = ROWS) -> CsvRows:
    return read_rows(text, "new.csv", 2026)


def nothing(_: int) -> None:
    """Ignore progress."""


def one_by_one(text: str, rows: CsvRows, replace: bool = False) -> str:
    """Return the text after recording each row with `record`'s own edit, in order."""
    for row in rows.rows:
        text = recorded(text, "t.yaml", row.ident, row.report, replace).new_text
    return text


def test_a_batch_gives_the_text_written_out_by_hand() -> None:
    result = imported(SMALL_PLAN, "t.yaml", batch(ROWS), False, nothing)
    expected = SMALL_PLAN.replace(
        "      2022: 4.44\n",
        "      2022: 4.44\n"
        "      2023:\n"
        '        - {value: 4.4, quality: estimate, source: "work report"}\n'
        '        - {value: 4.45, source: "yearbook"}\n',
    ).replace(
        "      2021: {value: 4.21",
        "      2020: {value: 4.17, quality: preliminary}\n      2021: {value: 4.21",
    ) + (
        "    actuals:\n"
        "      2021: -1.5\n"
        '      2022: {value: -3, source: "communiqué", note: "a \\"quoted\\" note"}\n'
    )
    assert expected == result.new_text
    assert ["added", "added", "present", "added", "added", "added"] == [
        o.outcome for o in result.rows
    ]
    assert ["rd_intensity", "emissions"] == result.changed_ids()


def test_a_batch_gives_the_same_text_as_recording_each_new_row_in_turn() -> None:
    rows = batch(ROWS.replace("rd_intensity,2022,4.44,,,\n", ""))  # no row already present
    assert (
        one_by_one(SMALL_PLAN, rows)
        == imported(SMALL_PLAN, "t.yaml", rows, False, nothing).new_text
    )


@pytest.mark.parametrize(
    "name", ["comments_everywhere", "crlf", "bom", "flow_actuals", "indent4_block_reports"]
)
def test_a_batch_keeps_every_untouched_byte_of_the_golden_files(name: str) -> None:
    text = (GOLDEN / f"{name}.in.yaml").read_bytes().decode()
    ids = [i.id for i in parse_plan(text, name).indicators]
    rows = batch(
        "id,year,value,source\n"
        + "".join(f"{i},2019,{n}.5,first\n{i},2026,{n}.25,\n" for n, i in enumerate(ids))
    )
    result = imported(text, "t.yaml", rows, False, nothing)
    assert one_by_one(text, rows) == result.new_text
    assert ids
    assert len(ids) * 2 == result.count("added")


def test_rows_already_in_the_file_change_nothing() -> None:
    rows = batch(
        "id,year,value,source\nrd_intensity,2021,4.21,communiqué\nrd_intensity,2022,4.44,\n"
    )
    result = imported(SMALL_PLAN, "t.yaml", rows, False, nothing)
    assert SMALL_PLAN == result.new_text
    assert ["present", "present"] == [o.outcome for o in result.rows]
    assert [] == result.changed_ids()


def test_replace_replaces_each_rows_year_and_says_so() -> None:
    rows = batch(
        "id,year,value\nrd_intensity,2022,4.43\nrd_intensity,2023,4.5\nemissions,2021,-1\n"
    )
    result = imported(SMALL_PLAN, "t.yaml", rows, True, nothing)
    assert one_by_one(SMALL_PLAN, rows, replace=True) == result.new_text
    assert "      2022: 4.43\n      2023: 4.5\n" in result.new_text
    assert ["replaced", "added", "added"] == [o.outcome for o in result.rows]


def test_progress_counts_the_rows_edited_in_round_by_round() -> None:
    seen: list[int] = []
    imported(SMALL_PLAN, "t.yaml", batch(ROWS), False, seen.append)
    assert [2, 4, 5] == seen  # rd_intensity has 3 new rows, emissions 2


def test_an_import_writes_every_row_in_one_replace(plan_file: Path) -> None:
    result = import_file(str(plan_file), batch(ROWS), False, False)
    assert result.new_text.encode() == plan_file.read_bytes()
    assert ["targets.yaml"] == sorted(os.listdir(plan_file.parent))


def test_a_bad_row_leaves_the_file_byte_identical(plan_file: Path) -> None:
    before = plan_file.read_bytes()
    bad = batch(ROWS + "rd_intensity,2024,4.5%,,,\n")
    with pytest.raises(DataError) as caught:
        import_file(str(plan_file), bad, False, False)
    (line,) = caught.value.lines()
    assert line.startswith("new.csv:8: value must be a plain decimal number like 4.5")
    assert before == plan_file.read_bytes()
    assert ["targets.yaml"] == sorted(os.listdir(plan_file.parent))


def test_a_second_import_of_the_same_rows_leaves_the_file_alone(plan_file: Path) -> None:
    import_file(str(plan_file), batch(ROWS), False, False)
    after_first = plan_file.stat()
    result = import_file(str(plan_file), batch(ROWS), False, False)
    assert ["present"] * 6 == [o.outcome for o in result.rows]
    assert after_first.st_mtime_ns == plan_file.stat().st_mtime_ns  # not even rewritten


def test_a_dry_run_writes_nothing_and_gives_the_diff(plan_file: Path) -> None:
    before = plan_file.read_bytes()
    result = import_file(str(plan_file), batch(ROWS), False, True)
    assert before == plan_file.read_bytes()
    assert "+      2021: -1.5\n" in result.diff()


ROW = st.tuples(
    st.sampled_from(["rd_intensity", "emissions"]),
    st.integers(2015, 2026),
    st.decimals(-50, 50, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "preliminary", "estimate", "partial"]),
    st.sampled_from(["", "communiqué", 'a "quoted", source']),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(ROW, max_size=8, unique_by=lambda r: (r[0], r[1], r[3])), st.booleans())
def test_any_batch_gives_the_text_of_recording_its_new_rows_one_by_one(
    rows: list[tuple[str, int, Decimal, str, str]], replace: bool
) -> None:
    if replace:  # --replace keeps one row per id and year
        rows = list({(r[0], r[1]): r for r in rows}.values())
    lines = [f'{i},{y},{v},{q},"{s.replace(chr(34), chr(34) * 2)}"' for i, y, v, q, s in rows]
    batch_rows = batch("id,year,value,quality,source\n" + "".join(f"{line}\n" for line in lines))
    batch_rows.check(parse_plan(SMALL_PLAN, "t.yaml"), replace)
    result = imported(SMALL_PLAN, "t.yaml", batch_rows, replace, nothing)
    new_rows = [o.row for o in result.rows if o.outcome != "present"]
    expected = SMALL_PLAN
    for row in new_rows:
        expected = recorded(expected, "t.yaml", row.ident, row.report, replace).new_text
    assert expected == result.new_text

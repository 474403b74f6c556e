"""Reading a CSV of new figures: the header, the cells, what spreadsheets write, bad rows."""

from __future__ import annotations

import pytest

from shtracker.core.errors import DataError
from shtracker.core.model import Quality
from shtracker.datafile.reader import parse_plan
from shtracker.record.csvrows import CsvRows, decode_csv, read_rows
from tests.conftest import SMALL_PLAN

PLAN = parse_plan(SMALL_PLAN, "targets.yaml")


def problems(text: str, replace: bool = False) -> list[str]:
    """Return every problem line reading and checking `text` gives."""
    try:
        read_rows(text, "new.csv", 2026).check(PLAN, replace)
    except DataError as exc:
        return exc.lines()
    return []


def rows(text: str) -> CsvRows:
    batch = read_rows(text, "new.csv", 2026)
    batch.check(PLAN, replace=False)
    return batch


def test_a_row_gives_a_report_with_the_value_as_written() -> None:
    batch = rows("id,year,value\nrd_intensity,2024,4.50\n")
    (row,) = batch.rows
    assert (2, "rd_intensity", 2024, "4.50") == (
        row.line,
        row.ident,
        row.report.year,
        row.report.value_text,
    )
    assert Quality.FINAL is row.report.quality
    assert (None, None, None) == (row.report.source, row.report.note, row.report.reported)


def test_columns_come_in_any_order_with_every_optional_one() -> None:
    text = (
        "reported,note,source,quality,value,year,id\n"
        "2026-03-01,rounded,communiqué,Preliminary,4.6,2025,rd_intensity\n"
    )
    (row,) = rows(text).rows
    r = row.report
    assert (2025, "4.6", Quality.PRELIMINARY, "communiqué", "rounded", "2026-03-01") == (
        r.year,
        r.value_text,
        r.quality,
        r.source,
        r.note,
        r.reported,
    )


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfid,year,value\r\nrd_intensity,2024,4.5\r\n",  # Excel "CSV UTF-8"
        b"id;year;value;source\r\nrd_intensity;2024;4.5;\r\n",  # Excel with a ; separator
        b"id\tyear\tvalue\nrd_intensity\t2024\t4.5\n",  # tab-separated
        b'"id","year","value","note"\n"rd_intensity","2024","4.5",""\n',  # everything quoted
        b"id,year,value,,\nrd_intensity,2024,4.5,,\n,,,,\n\n",  # trailing empty cells and rows
        b"id,year,value,source\nrd_intensity,2024,4.5\n",  # a short row: the rest are empty
    ],
)
def test_what_spreadsheets_write_reads_the_same(data: bytes) -> None:
    batch = rows(decode_csv(data, "new.csv"))
    assert [("rd_intensity", 2024, "4.5", None)] == [
        (r.ident, r.report.year, r.report.value_text, r.report.source) for r in batch.rows
    ]


def test_a_header_alone_gives_no_rows() -> None:
    assert () == rows("id,year,value").rows


def test_a_quoted_cell_holds_commas_quotes_and_line_breaks() -> None:
    text = 'id,year,value,source\nrd_intensity,2024,4.5,"a, b ""c""\nd"\nemissions,2024,-3,\n'
    first, second = rows(text).rows
    assert 'a, b "c"\nd' == first.report.source
    assert 4 == second.line  # the line the record starts on, after the two-line cell


def test_text_that_is_not_utf8_is_refused_with_a_hint() -> None:
    with pytest.raises(DataError) as caught:
        decode_csv("id,year,value\nrd_intensity,2024,4.5,café\n".encode("cp1252"), "new.csv")
    assert ["new.csv:2: not UTF-8 text (byte 0xe9); save it as 'CSV UTF-8' (Excel) or with "
            "the UTF-8 character set (LibreOffice)"] == caught.value.lines()  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "new.csv: holds no header; the first line must name the columns, e.g. id,year,value"),
        (
            "id,year,valeu,unit\n",
            "new.csv:1: unknown column 'valeu'; did you mean 'value'?; unknown column 'unit'; "
            "the columns are id, year, value, quality, source, note, reported",
        ),
        ("id,year\n", "new.csv:1: missing column 'value'"),
        ("id,year,value,id\n", "new.csv:1: column 'id' appears more than once"),
        (
            "rd_intensity,2024,4.5\n",
            "new.csv:1: unknown column 'rd_intensity'; unknown column '2024'; unknown column "
            "'4.5' (the first line must be the header); the columns are id, year, value, "
            "quality, source, note, reported",
        ),
    ],
)
def test_a_bad_header_is_refused_naming_the_columns(text: str, expected: str) -> None:
    assert [expected] == problems(text)


def test_every_bad_row_is_reported_at_once_by_line() -> None:
    text = (
        "id,year,value,quality,reported\n"
        "rd_intensty,2024,4.5,,\n"  # 2: unknown id
        'rd_intensity,2024,"26,500",,\n'  # 3
        "rd_intensity,2024,4.5%,,\n"  # 4
        "rd_intensity,24,4.5,,\n"  # 5
        "rd_intensity,2031,4.5,,\n"  # 6
        "rd_intensity,2023,4.5,good,\n"  # 7
        "rd_intensity,2023,4.5,,31/12/2025\n"  # 8
        "emissions,2023,-3,,,extra\n"  # 9
        ",2023,1,,\n"  # 10
    )
    assert [
        "new.csv:2: unknown indicator 'rd_intensty'; did you mean 'rd_intensity'?",
        "new.csv:3: value must be a plain decimal number like 4.5, -3.5 or 26000 (no thousands "
        "separators, %, exponent, NaN or infinity), not '26,500'",
        "new.csv:4: value must be a plain decimal number like 4.5, -3.5 or 26000 (no thousands "
        "separators, %, exponent, NaN or infinity), not '4.5%'",
        "new.csv:5: year must be a four-digit year like 2024, not '24'",
        "new.csv:6: year 2031 is in the future; it is 2026 now",
        "new.csv:7: quality must be one of final, preliminary, estimate, partial, not 'good'",
        "new.csv:8: reported must be a date like 2025-01-31, not '31/12/2025'",
        "new.csv:9: has 6 cells; the header names 5 columns",
        "new.csv:10: id is empty",
    ] == problems(text)


@pytest.mark.parametrize(
    ("text", "replace", "expected"),
    [
        (
            "rd_intensity,2024,4.5\nrd_intensity,2024,4.50",
            False,
            ["new.csv:3: duplicate of line 2"],
        ),
        (
            "rd_intensity,2024,4.5\nrd_intensity,2024,4.6",
            False,
            [
                "new.csv:3: conflicts with line 2: rd_intensity 2024 (final) "
                "is 4.5 there and 4.6 here"
            ],
        ),
        ("rd_intensity,2024,4.5,preliminary\nrd_intensity,2024,4.6", False, []),  # a revision
        ("rd_intensity,2024,4.5\nemissions,2024,4.6", False, []),
        (
            "rd_intensity,2024,4.5,preliminary\nrd_intensity,2024,4.6",
            True,
            [
                "new.csv:3: conflicts with line 2: --replace keeps one report per year, "
                "and both give rd_intensity 2024"
            ],
        ),
    ],
)
def test_rows_that_duplicate_or_contradict_each_other_are_refused(
    text: str, replace: bool, expected: list[str]
) -> None:
    assert expected == problems("id,year,value,quality\n" + text + "\n", replace)

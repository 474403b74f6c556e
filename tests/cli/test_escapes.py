"""Hostile strings in a data file reach people escaped, spreadsheets inert, JSON exact."""

from __future__ import annotations

import csv
import io
import json

import pytest

from shtracker.render.safe_text import FORMULA_START, UNSAFE
from tests.conftest import HOSTILE_STRINGS, run

FILE = str(HOSTILE_STRINGS)
HUMAN = [
    ("status",),
    ("status", "--no-color"),
    ("status", "--format", "markdown"),
    ("status", "--format", "csv"),
    ("show", "evil"),
    ("show", "evil", "--no-color"),
    ("check",),
]


@pytest.mark.parametrize("args", HUMAN, ids=" ".join)
def test_no_output_for_people_holds_a_raw_control_or_bidi_character(args: tuple[str, ...]) -> None:
    result = run(*args, "--file", FILE, *(("--as-of", "2024") if args[0] != "check" else ()))
    assert 0 == result.exit_code, result.stderr
    assert "\\x1b" in result.stdout or args == ("check",)
    assert UNSAFE.search(result.stdout) is None
    assert UNSAFE.search(result.stderr) is None


@pytest.mark.parametrize("width", ["80", "120"])
def test_rich_markup_in_a_name_is_printed_as_text_not_a_link(width: str) -> None:
    result = run("show", "evil", "--file", FILE, "--as-of", "2024", env={"COLUMNS": width})
    assert "[link=http://evil]x[/link]" in result.stdout
    assert "b [bold]x" in result.stdout


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_no_csv_cell_starts_a_formula_and_numbers_stay_numbers() -> None:
    result = run("status", "--file", FILE, "--as-of", "2024", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    cells = [cell for row in rows for cell in row.values()]
    assert [] == [c for c in cells if c.startswith(FORMULA_START) and not _number(c)]
    evil = next(row for row in rows if row["id"] == "evil")
    assert '\'=HYPERLINK("http://evil.example","click")' == evil["name"]
    assert "-4" == evil["baseline_value"]  # a negative number is not a formula


def test_json_keeps_every_string_exactly() -> None:
    result = run("status", "--file", FILE, "--as-of", "2024", "--json")
    indicators = json.loads(result.stdout)["indicators"]
    indicator = next(i for i in indicators if i["id"] == "evil")
    assert '=HYPERLINK("http://evil.example","click")' == indicator["name"]
    assert "\u202egnp.exe\u202c [link=http://evil]x[/link]" == indicator["local_name"]
    assert "\x1b]52;c;ZWNobyBwd25lZA==\x1b\\" == indicator["baseline"]["source"]
    assert "+1+1" == indicator["unit"]
    assert "@SUM(1)" == indicator["group"]
    shown = run("show", "evil", "--file", FILE, "--as-of", "2024", "--json")
    notes = [r["note"] for y in json.loads(shown.stdout)["years"] for r in y["superseded"]]
    notes += [y["used"]["note"] for y in json.loads(shown.stdout)["years"] if y["used"]]
    assert "\x9b31m C1 CSI \x7f DEL \u2066iso\u2069" in notes

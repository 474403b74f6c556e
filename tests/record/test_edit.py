"""Golden files: `record` changes exactly the bytes it must and no others.

Every `*.out.yaml` in tests/golden/ was written by hand from its `*.in.yaml`,
thinking about which bytes the commands below should change; the code was then
made to produce them.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from shtracker.cli.app import app
from shtracker.core.model import Quality, Report
from shtracker.datafile.reader import parse_plan
from shtracker.record.apply import recorded
from shtracker.record.request import new_report
from shtracker.record.verify import expected_actuals
from shtracker.record.yamltext import NewReport, quote
from tests.conftest import GOLDEN

CASES: dict[str, list[list[str]]] = {
    "flow_new_year_end": [
        ["rd_intensity", "2023", "4.4", "--quality", "estimate", "--source", "2024 work report"]
    ],
    "middle_year_between_comments": [["rd_intensity", "2022", "4.44", "--source", "NBS"]],
    "bare_number_becomes_list": [["rd_intensity", "2023", "4.41", "--quality", "preliminary"]],
    "list_append": [["rd_intensity", "2022", "4.45", "--note", "revised"]],
    "replace_list": [["rd_intensity", "2022", "4.45", "--source", "NBS revision", "--replace"]],
    "replace_bare": [["rd_intensity", "2023", "4.41", "--source", "X", "--replace"]],
    "no_actuals_yet": [["ic_output", "2021", "250", "--source", "press conference"]],
    "flow_actuals": [
        ["empty", "2024", "4.6"],
        ["rd_intensity", "2022", "4.2", "--source", "s"],
        ["rd_intensity", "2021", "4.21"],
    ],
    "crlf": [
        ["rd_intensity", "2022", "4.45", "--note", "revised"],
        ["rd_intensity", "2023", "4.4"],
    ],
    "chinese": [
        [
            "rd_intensity",
            "2024",
            "4.4",
            "--quality",
            "estimate",
            "--source",
            '2025年政府工作报告,"4.4%左右"',
            "--note",
            "解放日报\\上海",
        ]
    ],
    "indent4_block_reports": [
        ["pct", "2025", "7446", "--source", "Science Commission"],
        ["pct", "2024", "6900", "--quality", "estimate"],
    ],
    "indent3_block_report_becomes_list": [
        ["hte", "2024", "25100", "--source", "Science Commission"]
    ],
    "no_trailing_newline": [["rd_intensity", "2023", "4.4"]],
    "bom": [
        ["rd_intensity", "2022", "4.44"],
        ["rd_intensity", "2021", "4.2", "--source", "revised", "--replace"],
    ],
    "comments_everywhere": [
        ["rd", "2022", "4.44", "--source", "NBS"],
        ["rd", "2023", "4.41"],
        ["rd", "2024", "4.5"],
    ],
    "first_year": [["rd_intensity", "2020", "4.17"]],
    "indentless_lists": [
        ["rd_intensity", "2022", "4.45"],
        ["rd_intensity", "2023", "4.41", "--quality", "preliminary"],
    ],
    "flow_list_year": [
        ["rd_intensity", "2022", "4.45", "--quality", "preliminary"],
        ["rd_intensity", "2023", "4.41", "--replace"],
    ],
    "comments_in_every_position": [
        ["rd", "2021", "4.22", "--source", "revised"],
        ["rd", "2022", "4.45"],
        ["rd", "2023", "4.42", "--quality", "preliminary"],
        ["rd", "2024", "4.51"],
        ["ic", "2022", "271"],
        ["ic", "2023", "300"],
    ],
    "comments_replaced": [
        ["rd", "2021", "4.22", "--source", "revised", "--replace"],
        ["rd", "2022", "4.45", "--replace"],
        ["rd", "2023", "4.46", "--source", "X", "--replace"],
    ],
    "block_report_replaced": [
        ["pct", "2022", "5600", "--replace"],
        ["pct", "2023", "6200", "--source", "CNIPA 2024", "--replace"],
    ],
}


def test_every_golden_file_has_a_case() -> None:
    names = {p.name.removesuffix(".in.yaml") for p in GOLDEN.glob("*.in.yaml")}
    assert set(CASES) == names


@pytest.mark.parametrize("name", sorted(CASES))
def test_record_changes_exactly_the_expected_bytes(name: str, tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    shutil.copyfile(GOLDEN / f"{name}.in.yaml", path)
    runner = CliRunner()
    for args in CASES[name]:
        result = runner.invoke(app, ["record", *args, "--file", str(path)])
        assert (result.exit_code, result.stdout) == (0, ""), result.stderr
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("shtracker: recorded ")
    assert (GOLDEN / f"{name}.out.yaml").read_bytes() == path.read_bytes()


@pytest.mark.parametrize("name", sorted(CASES))
def test_dry_run_prints_the_golden_diff_and_writes_nothing(name: str, tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    shutil.copyfile(GOLDEN / f"{name}.in.yaml", path)
    before = path.read_bytes()
    result = CliRunner().invoke(app, ["record", *CASES[name][0], "--dry-run", "--file", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"--- a/{str(path).lstrip('/')}\n+++ b/")
    assert "would record" in result.stderr
    assert before == path.read_bytes()


def test_an_inserted_line_ending_is_the_files_own() -> None:
    out = (GOLDEN / "crlf.out.yaml").read_bytes()
    assert out.count(b"\n") == out.count(b"\r\n")


@given(st.text())
def test_quoted_text_loads_back_as_the_same_string(text: str) -> None:
    assert text == yaml.load(f"k: {quote(text)}\n", Loader=yaml.CSafeLoader)["k"]


@given(st.text())
def test_quoted_text_is_one_line(text: str) -> None:
    assert "\n" not in quote(text)
    assert "\r" not in quote(text)


def test_a_final_report_without_source_is_a_bare_number() -> None:
    assert NewReport(2024, "4.6").inline() == "4.6"


def test_a_report_with_fields_is_a_flow_mapping_in_the_usual_order() -> None:
    report = NewReport(2024, "-3.5", Quality.ESTIMATE, 'a "b"', "n")
    assert report.inline() == '{value: -3.5, quality: estimate, source: "a \\"b\\"", note: "n"}'


def r(year: int, value: float) -> Report:
    return Report(year, value)


@pytest.mark.parametrize(
    ("old", "new", "replace", "expected"),
    [
        ((r(2021, 1), r(2023, 3)), r(2022, 2), False, (r(2021, 1), r(2022, 2), r(2023, 3))),
        ((r(2021, 1), r(2023, 3)), r(2020, 0), False, (r(2020, 0), r(2021, 1), r(2023, 3))),
        ((r(2021, 1),), r(2024, 4), False, (r(2021, 1), r(2024, 4))),
        ((r(2021, 1), r(2021, 2)), r(2021, 5), False, (r(2021, 1), r(2021, 2), r(2021, 5))),
        ((r(2021, 1), r(2021, 2), r(2022, 3)), r(2021, 5), True, (r(2021, 5), r(2022, 3))),
        ((), r(2021, 5), True, (r(2021, 5),)),
    ],
)
def test_expected_actuals_append_to_a_year_or_insert_in_year_order(
    old: tuple[Report, ...], new: Report, replace: bool, expected: tuple[Report, ...]
) -> None:
    assert expected == expected_actuals(old, new, replace)


GOLDEN_TEXTS = {
    name: (GOLDEN / f"{name}.in.yaml").read_bytes().decode("utf-8") for name in sorted(CASES)
}
TEXT = st.text(min_size=1).filter(lambda s: bool(s.strip()))


@settings(max_examples=500, deadline=None)
@given(
    name=st.sampled_from(sorted(GOLDEN_TEXTS)),
    pick=st.integers(0, 10),
    year=st.integers(2000, 2026),
    value=st.from_regex(r"-?(0|[1-9][0-9]{0,6})(\.[0-9]{1,4})?", fullmatch=True),
    quality=st.sampled_from([q.value for q in Quality]),
    source=st.none() | TEXT,
    note=st.none() | TEXT,
    replace=st.booleans(),
)
def test_any_ordinary_report_is_recorded_and_verified_in_every_golden_style(
    name: str,
    pick: int,
    year: int,
    value: str,
    quality: str,
    source: str | None,
    note: str | None,
    replace: bool,
) -> None:
    text = GOLDEN_TEXTS[name]
    ids = [i.id for i in parse_plan(text, name).indicators]
    ident = ids[pick % len(ids)]
    new = new_report(str(year), value, quality, source, note, 2026)
    result = recorded(text, name, ident, new, replace)  # raises unless verified
    expected = Report(year, float(value), Quality(quality), source, note)
    assert expected in result.after.actuals
    if not replace:  # adding a report keeps every comment byte for byte
        assert Counter() == comments(text) - comments(result.new_text)


def comments(text: str) -> Counter[str]:
    """Return every comment of a text (and anything after a ` #` in a line) with its count."""
    return Counter(re.findall(r"(?:^|[ \t])(#[^\r\n]*)", text, re.MULTILINE))


UNSORTED = """\
plan: {name: P, baseline_year: 2020, target_year: 2025}
indicators:
  x:
    name: X
    unit: u
    baseline: 1
    target: {value: 2}
    actuals:
      2024: 1.8
      2022: 1.2
"""


def test_a_year_listed_after_a_later_year_is_found_not_added_twice() -> None:
    result = recorded(
        UNSORTED, "f", "x", new_report("2022", "1.3", "final", None, None, 2026), False
    )
    assert result.new_text.endswith("      2022:\n        - 1.2\n        - 1.3\n")


def test_a_new_year_in_an_unsorted_file_goes_before_the_first_later_year() -> None:
    result = recorded(
        UNSORTED, "f", "x", new_report("2023", "1.5", "final", None, None, 2026), False
    )
    assert result.new_text.endswith(
        "    actuals:\n      2023: 1.5\n      2024: 1.8\n      2022: 1.2\n"
    )

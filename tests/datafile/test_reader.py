"""The loader: hostile and malformed files are refused with file:line:column, good ones load.

tests/corpus/bad/ holds one problem file each; CORPUS below says what each must report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shtracker.cli.app import app
from shtracker.core.errors import DataError
from shtracker.core.model import Direction, Kind, Plan, Quality
from shtracker.datafile import reader as store
from shtracker.datafile.precheck import may_nest_deeply
from shtracker.datafile.reader import decode, load_plan, parse_plan, read_text
from tests.conftest import BAD, GOOD, run_process

NOT_A_NUMBER = "must be a plain decimal number like 4.5 or 26000, not"

# file -> (number of problem lines, line of the expected problem, fragment of its message)
CORPUS: dict[str, tuple[int, int, str]] = {
    # duplicate keys, at every level
    "duplicate_top_key.yaml": (1, 14, "duplicate key 'plan' in the top level (also on line 1)"),
    "duplicate_plan_key.yaml": (1, 4, "duplicate key 'name' in plan (also on line 2)"),
    "duplicate_indicator_id.yaml": (1, 14, "duplicate indicator id 'rd' (also on line 6)"),
    "duplicate_indicator_key.yaml": (1, 9, "duplicate key 'unit' in indicator 'rd'"),
    "duplicate_report_key.yaml": (1, 13, "duplicate key 'value' in indicator 'rd' 2021 report"),
    "duplicate_year.yaml": (
        1,
        15,
        "duplicate year 2021 in indicator 'rd' actuals (also on line 13)",
    ),
    "duplicate_block_key_value_below.yaml": (
        1,
        14,
        "duplicate key 'actuals' in indicator 'rd' (also on line 12)",
    ),
    # anchors, aliases, tags: refused, never expanded or constructed
    "anchor_alias.yaml": (1, 10, "anchors and aliases are not allowed"),
    "billion_laughs.yaml": (10, 2, "anchors and aliases are not allowed"),
    "merge_key.yaml": (3, 10, "anchors and aliases are not allowed"),
    "python_tag.yaml": (1, 7, "tags are not allowed in a data file"),
    "python_tag_top.yaml": (1, 1, "tags are not allowed in a data file"),
    "str_tag.yaml": (1, 11, "tags are not allowed in a data file"),
    # values that YAML 1.1 turns into something else, or that are not numbers
    "value_yes.yaml": (1, 13, f"value {NOT_A_NUMBER} 'yes'"),
    "value_no.yaml": (1, 13, f"value {NOT_A_NUMBER} 'no'"),
    "value_nan.yaml": (1, 13, f"value {NOT_A_NUMBER} '.nan'"),
    "value_inf.yaml": (1, 13, f"value {NOT_A_NUMBER} '.inf'"),
    "value_1e3.yaml": (1, 13, f"value {NOT_A_NUMBER} '1e3'"),
    "value_exponent_float.yaml": (1, 13, f"value {NOT_A_NUMBER} '1.0e+3'"),
    "value_thousands_comma.yaml": (1, 13, f"value {NOT_A_NUMBER} '1,000'"),
    "value_percent.yaml": (1, 13, f"value {NOT_A_NUMBER} '4.5%'"),
    "value_octal.yaml": (1, 13, f"value {NOT_A_NUMBER} '010'"),
    "value_underscore.yaml": (1, 13, f"value {NOT_A_NUMBER} '1_000'"),
    "value_hex.yaml": (1, 13, f"value {NOT_A_NUMBER} '0x10'"),
    "value_sexagesimal.yaml": (1, 13, f"value {NOT_A_NUMBER} '1:30'"),
    "value_date.yaml": (1, 13, f"value {NOT_A_NUMBER} '2024-01-01'"),
    "value_null.yaml": (1, 13, f"value {NOT_A_NUMBER} 'null'"),
    "value_quoted.yaml": (1, 13, "not '4.21' (remove the quotes)"),
    "value_mapping.yaml": (1, 10, f"baseline value {NOT_A_NUMBER} 'a mapping'"),
    "value_list.yaml": (1, 11, f"target value {NOT_A_NUMBER} 'a list'"),
    "value_huge.yaml": (1, 13, "value is out of range (its size must be below 1e300): 1000000"),
    "value_1e308.yaml": (1, 13, "value is out of range (its size must be below 1e300): 1000000"),
    "value_underflow.yaml": (1, 13, "value is out of range (its size must be below 1e300): 0.000"),
    "value_multiline.yaml": (1, 13, r"not 'four\npoint two\n'"),
    # years
    "year_quoted.yaml": (1, 13, "must be a year like 2025, not '2021' (remove the quotes)"),
    "year_20x4.yaml": (1, 13, "must be a year like 2025, not '20x4'"),
    "year_not_integer.yaml": (1, 13, "must be a year like 2025, not '2021.5'"),
    "year_leading_zero.yaml": (1, 13, "must be a year like 2025, not '0777'"),
    "year_plan_text.yaml": (1, 4, "plan target_year must be a year like 2025, not 'next year'"),
    # unknown keys, with a suggestion
    "unknown_key_target.yaml": (
        2,
        11,
        "unknown key 'targte' in indicator 'rd'; did you mean 'target'?",
    ),
    "unknown_key_quality.yaml": (
        1,
        13,
        "unknown key 'qualty' in indicator 'rd' 2021 report; did you mean 'quality'?",
    ),
    "unknown_key_plan.yaml": (
        2,
        4,
        "unknown key 'target_yaer' in plan; did you mean 'target_year'?",
    ),
    "unknown_key_top.yaml": (
        1,
        14,
        "unknown key 'indicator' in the top level; did you mean 'indicators'?",
    ),
    # missing required fields
    "missing_name.yaml": (1, 7, "indicator 'rd' is missing required field 'name'"),
    "missing_unit.yaml": (1, 7, "indicator 'rd' is missing required field 'unit'"),
    "missing_target.yaml": (1, 7, "indicator 'rd' is missing required field 'target'"),
    "missing_target_bad_direction.yaml": (2, 9, "direction must be one of increase, decrease"),
    "missing_plan.yaml": (2, 1, "the file is missing required field 'plan'"),
    "missing_target_year.yaml": (1, 2, "plan is missing required field 'target_year'"),
    "missing_value.yaml": (1, 13, "2021 report is missing required field 'value'"),
    "missing_plan_name_bad_indicator.yaml": (
        3,
        5,
        "indicator 'rd' is missing required field 'unit'",
    ),
    # baseline and target years
    "baseline_year_at_target.yaml": (1, 11, "target year 2025 is not after the baseline year 2025"),
    "baseline_year_after_target.yaml": (
        1,
        11,
        "target year 2019 is not after the baseline year 2020",
    ),
    "baseline_without_year.yaml": (1, 9, "baseline has no year and the plan sets no baseline_year"),
    "baseline_partial.yaml": (1, 10, "baseline cannot be partial"),
    "baseline_bad_year_and_value.yaml": (2, 10, "baseline value must be a plain decimal number"),
    # the target's shape
    "multiple_without_baseline.yaml": (1, 10, "target multiple needs a declared baseline"),
    "value_and_multiple.yaml": (
        1,
        11,
        "target needs exactly one of 'value', 'multiple' or 'growth'",
    ),
    "neither_value_nor_multiple.yaml": (
        1,
        11,
        "target needs exactly one of 'value', 'multiple' or 'growth'",
    ),
    "multiple_zero.yaml": (1, 11, "target multiple must be greater than 0"),
    "tolerance_with_at_least.yaml": (1, 11, "target tolerance goes only with kind: about"),
    "tolerance_negative.yaml": (1, 11, "target tolerance must not be negative"),
    # the forms of target-kinds.md, and the combinations it forbids
    "kinds_growth_and_value.yaml": (1, 10, "target growth cannot go with 'value' or 'multiple'"),
    "kinds_growth_and_multiple.yaml": (1, 10, "growth cannot go with 'value' or 'multiple'"),
    "kinds_rate_without_growth.yaml": (1, 11, "target of a series: rate needs 'growth'"),
    "kinds_each_year_with_growth.yaml": (1, 10, "target each_year cannot go with growth"),
    "kinds_flow_each_year.yaml": (1, 10, "each_year cannot go with series: flow"),
    "kinds_growth_without_baseline.yaml": (1, 10, "target growth needs a declared baseline"),
    "kinds_growth_too_low.yaml": (1, 10, "growth must be greater than -100"),
    "kinds_flow_with_multiple.yaml": (1, 11, "multiple cannot go with series: flow"),
    "kinds_flow_baseline_not_zero.yaml": (1, 10, "running total at its start, so it must be 0"),
    "kinds_bad_series.yaml": (2, 9, "series must be one of stock, rate, flow, not 'rates'"),
    "kinds_break_yes.yaml": (1, 12, "2021 report break must be true or false, not 'yes'"),
    "kinds_break_partial.yaml": (1, 12, "break cannot be on a part-year figure"),
    "kinds_rate_below_minus_100.yaml": (
        1,
        12,
        "is a growth rate in percent and must be above -100",
    ),
    "kinds_each_year_about_no_direction.yaml": (1, 7, "says which side counts only with kind"),
    "kinds_growth_away_from_an_unmet_target.yaml": (
        1,
        9,
        "direction 'decrease' points away from a growth of 7% a year (a target of 140.255) "
        "that the baseline 100 does not meet",
    ),
    # words
    "bad_kind.yaml": (1, 11, "not 'aboot'; did you mean 'about'?"),
    "bad_quality.yaml": (1, 13, "not 'finale'; did you mean 'final'?"),
    "bad_direction.yaml": (1, 9, "direction must be one of increase, decrease, not 'up'"),
    "direction_missing_target_equals_baseline.yaml": (1, 7, "the target equals the baseline"),
    "direction_missing_no_baseline.yaml": (1, 7, "no baseline is declared"),
    "direction_away_from_an_unmet_target.yaml": (
        1,
        9,
        "direction 'decrease' points away from a target of 4.5 that the baseline 4.17 does not",
    ),
    # not a data file at all
    "top_list.yaml": (1, 1, "the top level must be a mapping"),
    "top_scalar.yaml": (1, 1, "the top level must be a mapping"),
    "empty.yaml": (1, 1, "the file is empty"),
    "whitespace_only.yaml": (1, 1, "the file is empty"),
    "comment_only.yaml": (1, 1, "the file holds no data"),
    "document_marker_only.yaml": (1, 2, "the top level must be a mapping"),
    "multiple_documents.yaml": (1, 14, "expected a single document"),
    "latin1.yaml": (1, 7, "not UTF-8 text (byte 0xe9)"),
    # YAML syntax
    "invalid_syntax.yaml": (1, 12, "not valid YAML: while parsing a flow mapping"),
    "tabs.yaml": (1, 8, "not valid YAML: a tab character: YAML indents with spaces only"),
    "tab_indent.yaml": (1, 2, "not valid YAML: a tab character: YAML indents with spaces only"),
    "thousands_separator_in_flow.yaml": (
        1,
        11,
        "unknown key '000' in indicator 'enterprises' target (a thousands separator? write 1000",
    ),
    "control_character.yaml": (1, 7, "the character U+0007 is not allowed"),
    "compact_40_deep.yaml": (1, 1, "the top level must be a mapping"),
    # other fields
    "id_uppercase.yaml": (1, 6, "indicator id 'RD_intensity' must match [a-z][a-z0-9_]*"),
    "id_starts_with_digit.yaml": (1, 6, "indicator id '2rd' must match"),
    "bad_reported_date.yaml": (1, 13, "reported must be a date like 2025-01-31"),
    "reported_date_does_not_exist.yaml": (1, 13, "reported must be a date like 2025-01-31"),
    "empty_name.yaml": (1, 7, "indicator 'rd' name must be text"),
    "name_is_a_list.yaml": (1, 7, "indicator 'rd' name must be text"),
    "indicators_is_a_list.yaml": (1, 6, "indicators must be a mapping"),
    "actuals_is_a_list.yaml": (1, 13, "indicator 'rd' actuals must be a mapping"),
    "several_problems.yaml": (3, 10, "not 'aboot'; did you mean 'about'?"),
    # the hostile-input campaign (tests/test_hostile.py makes the large and special files)
    "bom_only.yaml": (1, 1, "the file is empty"),
    "utf16.yaml": (1, 1, "not UTF-8 text (byte 0xff); save the file as UTF-8"),
    "encoded_surrogate.yaml": (1, 2, "not UTF-8 text (byte 0xed)"),
    "nul_byte.yaml": (1, 2, "the character U+0000 is not allowed"),
    "escape_character.yaml": (1, 2, "the character U+001B is not allowed"),
    "crlf_bad_year.yaml": (1, 4, "plan target_year must be a year like 2025, not '20x5'"),
    "bom_bad_year.yaml": (1, 4, "plan target_year must be a year like 2025, not '20x5'"),
    "flow_150_deep.yaml": (1, 1, "nested too deeply to be a data file"),
    "compact_150_deep.yaml": (1, 1, "nested too deeply to be a data file"),
    "alias_only.yaml": (1, 1, "not valid YAML: found undefined alias"),
    # periods (docs/periods.md)
    "periods_target_and_targets.yaml": (1, 12, "gives both 'target' and 'targets'"),
    "periods_undeclared_id.yaml": (1, 11, "unknown period 'fyp16' in indicator 'rd' targets"),
    "periods_baseline_not_before_target.yaml": (
        1,
        3,
        "period 'y2026' baseline_year 2026 is not before its target_year 2026",
    ),
    "periods_single_target.yaml": (1, 10, "this file declares periods, so give 'targets'"),
    "periods_target_with_year.yaml": (1, 11, "unknown key 'year' in indicator 'rd' fyp15 target"),
    "periods_multiple_without_baseline.yaml": (1, 11, "multiple needs a baseline of 2025"),
    "periods_no_target.yaml": (1, 10, "targets must name at least one period"),
    "periods_empty.yaml": (1, 2, "periods must declare at least one period"),
    "periods_targets_without_periods.yaml": (1, 8, "targets need `periods` declared"),
    "periods_bad_id_and_year.yaml": (2, 4, "baseline_year must be a year like 2025, not '2030'"),
    # periods with the forms of target-kinds.md: refused as a single target would be
    "periods_growth_without_baseline.yaml": (
        1,
        12,
        "indicator 'spending' fyp15 target growth needs a baseline of 2025: give one in the "
        "target, or the indicator's baseline for that year (the level a growth reaches is "
        "computed when the file is read, so a report of 2025 does not serve)",
    ),
    "periods_kinds_each_year_with_growth.yaml": (
        1,
        10,
        "fyp15 target each_year cannot go with growth",
    ),
    "periods_kinds_rate_without_growth.yaml": (
        1,
        10,
        "fyp15 target of a series: rate needs 'growth'",
    ),
    "periods_kinds_flow_baseline_not_zero.yaml": (
        1,
        10,
        "fyp15 target baseline of a series: flow is the running total at its start",
    ),
}

#: Run through a real process too: python -m shtracker.
SUBPROCESS_SAMPLE = [
    "python_tag.yaml",
    "billion_laughs.yaml",
    "latin1.yaml",
    "control_character.yaml",
    "several_problems.yaml",
]


def check_with_runner(path: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", "--file", path])
    return result.exit_code, result.stdout, result.stderr


def check_in_process(path: str) -> tuple[int, str, str]:
    """Run `check` as a whole process (a crash in C would end it, not the tests)."""
    done = run_process("check", "--file", path)
    return done.returncode, done.stdout, done.stderr


def assert_refused(path: str, code: int, stdout: str, stderr: str) -> list[str]:
    """Assert the CLI's contract for a bad file; return the problem lines."""
    lines = stderr.splitlines()
    assert 1 == code
    assert "" == stdout
    assert "Traceback" not in stderr
    assert lines
    pattern = re.compile(re.escape(path) + r":\d+:\d+: .+\Z")
    assert [] == [line for line in lines if not pattern.match(line)]
    return lines


def test_the_corpus_table_covers_every_bad_file() -> None:
    assert sorted(CORPUS) == sorted(p.name for p in BAD.iterdir())


def test_the_corpus_holds_at_least_60_bad_files() -> None:
    assert len(CORPUS) >= 60


@pytest.mark.parametrize("name", CORPUS)
def test_check_refuses_each_bad_file_with_located_problems(name: str) -> None:
    path = str(BAD / name)
    assert_refused(path, *check_with_runner(path))


@pytest.mark.parametrize("name", CORPUS)
def test_check_reports_the_expected_problem_of_each_bad_file(name: str) -> None:
    path = str(BAD / name)
    count, line, fragment = CORPUS[name]
    lines = assert_refused(path, *check_with_runner(path))
    matching = [x for x in lines if x.startswith(f"{path}:{line}:") and fragment in x]
    assert (count, 1) == (len(lines), len(matching)), lines


@pytest.mark.parametrize("name", CORPUS)
def test_check_leaves_each_bad_file_untouched(name: str) -> None:
    before = (BAD / name).read_bytes()
    check_with_runner(str(BAD / name))
    assert before == (BAD / name).read_bytes()


@pytest.mark.parametrize("name", SUBPROCESS_SAMPLE)
def test_a_real_process_refuses_bad_files_the_same_way(name: str) -> None:
    path = str(BAD / name)
    count, line, fragment = CORPUS[name]
    lines = assert_refused(path, *check_in_process(path))
    assert count == len(lines)
    assert any(x.startswith(f"{path}:{line}:") and fragment in x for x in lines)


def test_a_file_with_three_problems_reports_all_three_in_file_order() -> None:
    path = str(BAD / "several_problems.yaml")
    lines = assert_refused(path, *check_with_runner(path))
    assert [
        f"{path}:7:5: indicator 'rd' is missing required field 'unit'",
        f"{path}:10:32: indicator 'rd' target kind must be one of about, at_least, at_most, "
        "not 'aboot'; did you mean 'about'?",
        f"{path}:12:13: indicator 'rd' 2021 report value {NOT_A_NUMBER} '1e3'",
    ] == lines


def test_problems_in_the_plan_do_not_hide_problems_in_the_indicators() -> None:
    with pytest.raises(DataError) as caught:
        load_plan(str(BAD / "missing_plan_name_bad_indicator.yaml"))
    assert [2, 5, 5] == [p.line for p in caught.value.problems]


# --- missing and unreadable files: `<path>: message` ------------------------------------


def test_a_missing_file_is_reported_without_a_line(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.yaml")
    code, stdout, stderr = check_with_runner(path)
    assert (1, "", [f"{path}: cannot read: No such file or directory"]) == (
        code,
        stdout,
        stderr.splitlines(),
    )


def test_a_directory_is_refused_without_a_line(tmp_path: Path) -> None:
    code, stdout, stderr = check_with_runner(str(tmp_path))
    assert (1, "", [f"{tmp_path}: is a directory, not a data file"]) == (
        code,
        stdout,
        stderr.splitlines(),
    )


def test_an_unreadable_file_is_refused_without_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod 000 does not stop root, so the refusal is simulated.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "locked.yaml"
    path.write_text("plan: {}\n")
    monkeypatch.setattr(store.os, "open", refuse)
    code, _, stderr = check_with_runner(str(path))
    assert (1, f"{path}: cannot read: Permission denied") == (code, stderr.strip())


def test_a_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "MAX_BYTES", 1024)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 2048)
    with pytest.raises(DataError, match="the limit is"):
        read_text(str(path))


# --- nesting deep enough to crash a C parser ----------------------------------------------


def flow_sequences(depth: int) -> str:
    return "[" * depth + "]" * depth + "\n"


def flow_mappings(depth: int) -> str:
    return "plan: " + "{a: " * depth + "1" + "}" * depth + "\n"


def compact_sequences(depth: int) -> str:
    return "- " * depth + "x\n"


@pytest.mark.parametrize("make", [flow_sequences, flow_mappings, compact_sequences])
def test_nesting_100000_levels_deep_is_refused_without_crashing(
    tmp_path: Path, make: Callable[[int], str]
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(make(100_000))
    lines = assert_refused(str(path), *check_with_runner(str(path)))
    assert [f"{path}:1:1: nested too deeply to be a data file"] == lines


def test_nesting_100000_levels_deep_is_refused_by_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(flow_sequences(100_000))
    lines = assert_refused(str(path), *check_in_process(str(path)))
    assert [f"{path}:1:1: nested too deeply to be a data file"] == lines


# --- parse_plan and decode ----------------------------------------------------------------


def test_decode_reports_the_line_and_column_of_the_first_bad_byte() -> None:
    with pytest.raises(DataError) as caught:
        decode(b"plan:\n  name: Caf\xe9\n", "f.yaml")
    (problem,) = caught.value.problems
    assert (2, 12) == (problem.line, problem.column)


def test_a_lone_surrogate_in_text_is_a_data_error() -> None:
    with pytest.raises(DataError, match="not UTF-8 text"):
        parse_plan("plan: {name: \ud800}\n", "f.yaml")


def test_a_control_character_is_located_after_wide_characters() -> None:
    # libyaml reports a byte offset; the line and column must count characters.
    with pytest.raises(DataError) as caught:
        parse_plan("plan:\n  name: 上海上海\x07\n", "f.yaml")
    (problem,) = caught.value.problems
    assert (2, 13) == (problem.line, problem.column)


def test_every_problem_is_one_line_even_when_the_value_is_not() -> None:
    text = "plan:\n  name: x\n  target_year: |\n    20\n    25\nindicators: {}\n"
    with pytest.raises(DataError) as caught:
        parse_plan(text, "f.yaml")
    assert [1] == [len(line.splitlines()) for line in caught.value.lines()]


def test_a_long_value_is_cut_short_in_the_message() -> None:
    text = "plan:\n  name: x\n  target_year: " + "y" * 10_000 + "\nindicators: {}\n"
    with pytest.raises(DataError) as caught:
        parse_plan(text, "f.yaml")
    assert len(caught.value.lines()[0]) < 200


# --- good files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in GOOD.glob("*.yaml")))
def test_good_files_pass_check(name: str) -> None:
    code, stdout, stderr = check_with_runner(str(GOOD / name))
    assert 0 == code
    assert [] == [line for line in stderr.splitlines() if not line.startswith("warning: ")]
    assert stdout.startswith(f"{GOOD / name}: ok: ")


def load(name: str) -> Plan:
    return load_plan(str(GOOD / name))


def test_a_byte_order_mark_is_ignored() -> None:
    assert load("crlf.yaml") == load("bom.yaml")


def test_crlf_line_endings_load_like_lf() -> None:
    lf = parse_plan((GOOD / "crlf.yaml").read_bytes().decode().replace("\r\n", "\n"), "x")
    assert lf == load("crlf.yaml")


def test_crlf_line_endings_give_the_right_line_numbers() -> None:
    text = "plan:\r\n  name: x\r\n  target_year: 20x5\r\nindicators: {}\r\n"
    with pytest.raises(DataError) as caught:
        parse_plan(text, "f.yaml")
    assert 3 == caught.value.problems[0].line


def test_flow_style_loads_the_same_values() -> None:
    rd = load("flow_style.yaml").by_id["rd_intensity"]
    assert (4.17, 4.5, 0.05, [4.21, 4.2, 4.44]) == (
        rd.baseline.value if rd.baseline else None,
        rd.target.value,
        rd.target.tolerance,
        [r.value for r in rd.actuals],
    )


def test_bare_numbers_load_as_final_reports_without_source() -> None:
    net = load("bare_numbers.yaml").by_id["net_flow"]
    assert [(-1, Quality.FINAL, None), (-0.5, Quality.FINAL, None)] == [
        (r.value, r.quality, r.source) for r in net.actuals[:2]
    ]


def test_signed_and_bare_point_numbers_load() -> None:
    net = load("bare_numbers.yaml").by_id["net_flow"]
    assert [-1, -0.5, 0, 0.5, -13.0] == [r.value for r in net.actuals]


def test_characters_of_anchors_aliases_and_tags_inside_text_are_just_text() -> None:
    plan = load("unicode_and_symbols.yaml")
    assert "上海科创中心 *plan* & !targets" == plan.name
    assert "&*!" == plan.by_id["rd_intensity"].actuals[1].source


def test_an_empty_indicators_mapping_is_a_plan_without_indicators() -> None:
    assert () == load("no_indicators.yaml").indicators


# --- defaults the loader resolves ---------------------------------------------------------


def test_years_default_to_the_plans() -> None:
    rd = load("bom.yaml").by_id["rd_intensity"]
    assert (2020, 2025) == (rd.baseline.year if rd.baseline else None, rd.target.year)


def test_an_about_target_defaults_to_a_tolerance_of_2_pct() -> None:
    assert 0.09 == load("bom.yaml").by_id["rd_intensity"].target.tolerance  # 2% of 4.5


def test_the_direction_is_inferred_from_the_baseline_and_target() -> None:
    assert Direction.DECREASE is load("multiple_and_partial.yaml").by_id["halving"].direction


def test_the_kind_defaults_to_at_least_when_rising() -> None:
    assert Kind.AT_LEAST is load("flow_style.yaml").by_id["pct"].target.kind


def test_the_kind_defaults_to_at_most_when_falling() -> None:
    assert Kind.AT_MOST is load("multiple_and_partial.yaml").by_id["halving"].target.kind


def test_a_multiple_resolves_to_multiple_times_the_baseline() -> None:
    ic = load("multiple_and_partial.yaml").by_id["ic_industry_output"]
    assert (414.0, 2.0) == (ic.target.value, ic.target.multiple)


def test_a_bare_number_baseline_is_a_final_report() -> None:
    ic = load("multiple_and_partial.yaml").by_id["ic_industry_output"]
    assert ic.baseline is not None
    assert (207, Quality.FINAL) == (ic.baseline.value, ic.baseline.quality)


def test_reports_keep_their_quality_note_and_reported_date() -> None:
    rd = load("bom.yaml").by_id["rd_intensity"]
    assert (Quality.PRELIMINARY, Quality.FINAL, "2023-09-18") == (
        rd.actuals[1].quality,
        rd.actuals[2].quality,
        rd.actuals[2].reported,
    )


def test_a_tag_is_found_after_a_bom_crlf_and_wide_characters() -> None:
    # Node marks are character offsets; the check must look at the right character.
    text = (
        "\ufeffplan:\r\n  name: 上海😀\r\n  region: 'R&D *x* !y'\r\n"
        "  target_year: !!int 2025\r\nindicators: {}\r\n"
    )
    with pytest.raises(DataError) as caught:
        parse_plan(text, "f.yaml")
    assert ["f.yaml:4:16: tags are not allowed in a data file"] == caught.value.lines()


@pytest.mark.parametrize(
    "text",
    [
        "# see [1\nplan: {name: P, target_year: 2025}\n",
        'plan: {name: P, target_year: 2025, source: "table [3"}\n',
        "plan: {name: P, target_year: 2025, source: 'it''s [open'}\n",
        "plan:\n  name: P  # {unbalanced\n  target_year: 2025\n",
    ],
)
def test_a_bracket_in_a_comment_or_string_keeps_the_fast_loader(text: str) -> None:
    assert False is may_nest_deeply(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 5000 + "]" * 5000,
        "a: [x, 'b [[[[', " + "[" * 5000 + "]" * 5000 + "]",
        "a: [x' " + "[" * 5000 + " c']" + "]" * 5000,
        "- " * 200 + "x",
    ],
)
def test_deep_nesting_hidden_among_quotes_still_takes_the_careful_loader(text: str) -> None:
    assert True is may_nest_deeply(text)


def test_a_cap_the_baseline_meets_keeps_its_declared_direction() -> None:
    unemployment = load("cap_and_floor.yaml").by_id["unemployment"]
    assert (Direction.DECREASE, Kind.AT_MOST) == (
        unemployment.direction,
        unemployment.target.kind,
    )


def test_a_floor_without_a_kind_takes_the_kind_of_its_declared_direction() -> None:
    forest = load("cap_and_floor.yaml").by_id["forest_cover"]
    assert (Direction.INCREASE, Kind.AT_LEAST) == (forest.direction, forest.target.kind)

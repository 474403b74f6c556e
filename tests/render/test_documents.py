"""The machine formats: the `status --json` contract and the CSV rows."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import pytest
from typer.testing import CliRunner

from shtracker.cli.app import app
from shtracker.core.assess import assess
from shtracker.core.model import Status
from shtracker.core.periods import implicit_period
from shtracker.datafile.reader import load_plan, parse_plan
from shtracker.render.documents.status import indicator_record, status_document, summary, to_json
from shtracker.render.documents.table import CSV_FIELDS, to_csv
from tests.conftest import GOLDEN, GOOD, ONE_PERIOD, TARGETS, run

NUMBER = (int, float)
TEXT = (str,)
NOTHING = (type(None),)

POINT_TYPES = {"year": (int,), "value": NUMBER, "quality": TEXT, "source": TEXT + NOTHING}
MEASURE_KEYS = (
    "progress_pct",
    "attainment_pct",
    "expected_value",
    "gap",
    "years_ahead",
    "observed_growth_pct",
    "required_growth_pct",
    "pace_ratio",
    "remaining_growth_pct",
    "projected_value",
)
INDICATOR_TYPES: dict[str, tuple[type, ...]] = {
    "id": TEXT,
    "name": TEXT,
    "local_name": TEXT + NOTHING,
    "unit": TEXT,
    "group": TEXT + NOTHING,
    "direction": TEXT,
    "series": TEXT,
    "baseline": (dict, type(None)),
    "start": (dict, type(None)),
    "series_break": (int, type(None)),
    "target": (dict,),
    "latest": (dict, type(None)),
    "maintain": (bool,),
    **dict.fromkeys(MEASURE_KEYS, (float, type(None))),
    "method": TEXT + NOTHING,
    "years_met": (int, type(None)),
    "years_judged": (int, type(None)),
    "status": TEXT,
    "warnings": (list,),
}
TARGET_TYPES = {
    "year": (int,),
    "value": NUMBER,
    "kind": TEXT,
    "tolerance": NUMBER + NOTHING,
    "multiple": NUMBER + NOTHING,
    "growth": NUMBER + NOTHING,
    "each_year": (bool,),
    "source": TEXT + NOTHING,
}
WARNING_TYPES = {"code": TEXT, "year": (int, type(None)), "message": TEXT}

#: Indicators that exercise the null paths: no data, linear form, a falling target.
EDGE_FILE = """\
plan: {name: Edges, baseline_year: 2020, target_year: 2025}
indicators:
  nothing_yet:
    name: Nothing yet
    unit: u
    direction: increase
    target: {value: 10}
    actuals: {2021: {value: 3, quality: partial}}
  from_zero:
    name: From zero
    unit: u
    baseline: 0
    target: {value: 10}
    actuals: {2022: 4}
  falling:
    name: Falling
    unit: t
    baseline: {value: 100, quality: estimate}
    target: {value: 80, kind: at_most}
    actuals: {2021: 90}
  single:
    name: Single point
    unit: u
    direction: increase
    target: {value: 5, kind: about, tolerance: 0.5}
    actuals: {2022: 3}
"""


def no_constants(name: str) -> float:
    raise AssertionError(f"{name} in JSON output")


def run_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["status", "--json", *args])
    assert 0 == result.exit_code, result.stderr
    document: dict[str, Any] = json.loads(result.stdout, parse_constant=no_constants)
    return document


@pytest.fixture(scope="module")
def one_period() -> dict[str, Any]:
    return run_json("--file", ONE_PERIOD, "--as-of", "2026")


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("edges") / "edges.yaml"
    path.write_text(EDGE_FILE)
    return run_json("--file", str(path), "--as-of", "2026")


@pytest.fixture(scope="module")
def forms() -> dict[str, Any]:
    return run_json("--file", str(GOOD / "every_form.yaml"), "--as-of", "2024")


@pytest.fixture(scope="module")
def periods() -> dict[str, Any]:
    return run_json("--file", TARGETS, "--as-of", "2026")


@pytest.fixture(params=["one_period", "edges", "periods", "forms"])
def document(request: pytest.FixtureRequest) -> dict[str, Any]:
    doc: dict[str, Any] = request.getfixturevalue(request.param)
    return doc


def assert_types(record: dict[str, Any], types: dict[str, tuple[type, ...]]) -> None:
    wrong = {
        k: type(v).__name__
        for k, v in record.items()
        if not isinstance(v, types[k]) or (isinstance(v, bool) and bool not in types[k])
    }
    assert {} == wrong


# --- the JSON contract --------------------------------------------------------------------


def test_the_document_has_exactly_the_contracted_top_level_keys(document: dict[str, Any]) -> None:
    keys = {"schema_version", "as_of", "file", "plan", "period", "indicators", "summary"}
    assert keys == set(document)


def test_the_schema_version_is_3(document: dict[str, Any]) -> None:
    assert 3 == document["schema_version"]


PERIOD_TYPES = {
    "id": TEXT,
    "name": TEXT,
    "baseline_year": (int, type(None)),
    "target_year": (int,),
    "source": TEXT + NOTHING,
    "implicit": (bool,),
}


def test_the_period_has_exactly_its_contracted_keys_and_types(document: dict[str, Any]) -> None:
    assert list(PERIOD_TYPES) == list(document["period"])
    assert_types(document["period"], PERIOD_TYPES)


def test_a_file_without_periods_names_its_implicit_period(one_period: dict[str, Any]) -> None:
    expected = {
        "id": "plan",
        "name": "Shanghai 14th Five-Year Plan for the Sci-Tech Innovation Centre",
        "baseline_year": 2020,
        "target_year": 2025,
        "implicit": True,
    }
    assert expected == {k: v for k, v in one_period["period"].items() if k != "source"}


def test_the_bundled_file_is_assessed_in_the_15th_plan_as_of_2026(periods: dict[str, Any]) -> None:
    period = periods["period"]
    assert ("fyp15", 2025, 2030, False) == (
        period["id"],
        period["baseline_year"],
        period["target_year"],
        period["implicit"],
    )
    assert {2030} == {i["target"]["year"] for i in periods["indicators"]}


#: What version 3 adds to every indicator of a file that uses none of the target forms.
NEUTRAL_FORM_KEYS = {
    "series": "stock",
    "series_break": None,
    "years_met": None,
    "years_judged": None,
}


def without_target_forms(record: dict[str, Any]) -> dict[str, Any]:
    """Return the record as version 2 wrote it, checking the version 3 keys are neutral."""
    assert NEUTRAL_FORM_KEYS == {k: record.pop(k) for k in NEUTRAL_FORM_KEYS}
    start, baseline = record.pop("start"), record["baseline"]
    assert start == (None if baseline is None else {k: baseline[k] for k in POINT_TYPES})
    target = record["target"]
    assert (None, False) == (target.pop("growth"), target.pop("each_year"))
    return record


@pytest.mark.parametrize("as_of", [2023, 2026])
def test_a_file_without_periods_gives_the_version_1_document_plus_its_period(as_of: int) -> None:
    # The golden files were written by the version before periods (schema 1, methodology
    # second edition: with `maintain`); version 3's target-form keys are neutral here.
    golden = (GOLDEN / f"one_period_status_v1_{as_of}.json").read_text(encoding="utf-8")
    result = run("status", "--json", "--file", ONE_PERIOD, "--as-of", str(as_of))
    document = json.loads(result.stdout)
    assert "plan" == document.pop("period")["id"]
    document["indicators"] = [without_target_forms(r) for r in document["indicators"]]
    document["schema_version"], document["file"] = 1, "FILE"
    assert golden == to_json(document) + "\n"


def test_as_of_and_file_are_given(one_period: dict[str, Any]) -> None:
    assert (2026, ONE_PERIOD) == (one_period["as_of"], one_period["file"])


def test_the_plan_has_exactly_its_contracted_keys(document: dict[str, Any]) -> None:
    assert {"name", "region", "source", "baseline_year", "target_year"} == set(document["plan"])


def test_the_plan_values_have_their_types(document: dict[str, Any]) -> None:
    types = {
        "name": TEXT,
        "region": TEXT + NOTHING,
        "source": TEXT + NOTHING,
        "baseline_year": (int, type(None)),
        "target_year": (int,),
    }
    assert_types(document["plan"], types)


def test_every_indicator_has_exactly_the_contracted_keys(document: dict[str, Any]) -> None:
    assert [set(INDICATOR_TYPES)] * len(document["indicators"]) == [
        set(i) for i in document["indicators"]
    ]


def test_every_indicator_value_has_its_type(document: dict[str, Any]) -> None:
    for record in document["indicators"]:
        assert_types(record, INDICATOR_TYPES)


def test_every_point_has_exactly_its_keys_and_types(document: dict[str, Any]) -> None:
    for record in document["indicators"]:
        if record["latest"] is not None:
            assert set(POINT_TYPES) == set(record["latest"])
            assert_types(record["latest"], POINT_TYPES)
        if record["start"] is not None:
            assert set(POINT_TYPES) == set(record["start"])
            assert_types(record["start"], POINT_TYPES)
        if record["baseline"] is not None:
            assert set(POINT_TYPES) | {"from_actuals"} == set(record["baseline"])
            assert_types(record["baseline"], {**POINT_TYPES, "from_actuals": (bool,)})


def test_every_target_has_exactly_its_keys_and_types(document: dict[str, Any]) -> None:
    for record in document["indicators"]:
        assert set(TARGET_TYPES) == set(record["target"])
        assert_types(record["target"], TARGET_TYPES)


def test_every_warning_has_exactly_its_keys_and_types(document: dict[str, Any]) -> None:
    warnings = [w for record in document["indicators"] for w in record["warnings"]]
    assert warnings
    for warning in warnings:
        assert set(WARNING_TYPES) == set(warning)
        assert_types(warning, WARNING_TYPES)


def test_words_are_from_their_documented_sets(document: dict[str, Any]) -> None:
    for record in document["indicators"]:
        assert record["direction"] in ("increase", "decrease")
        assert record["series"] in ("stock", "rate", "flow")
        assert record["method"] in ("compound", "linear", None)
        assert record["status"] in {s.value for s in Status}
        assert record["target"]["kind"] in ("about", "at_least", "at_most")


def test_the_summary_counts_every_status(document: dict[str, Any]) -> None:
    assert {s.value for s in Status} == set(document["summary"])


def test_the_summary_counts_add_up_to_the_indicators(document: dict[str, Any]) -> None:
    counts = document["summary"].values()
    assert all(type(n) is int for n in counts)
    assert len(document["indicators"]) == sum(counts)


def test_the_summary_matches_the_statuses(one_period: dict[str, Any]) -> None:
    expected = {s.value: 0 for s in Status} | {"met": 7, "achieved": 2, "on_track": 2}
    assert expected == one_period["summary"]


def test_a_no_data_indicator_has_null_points_measures_and_method(edges: dict[str, Any]) -> None:
    record = edges["indicators"][0]
    nulls = [record[k] for k in ("baseline", "latest", "method", *MEASURE_KEYS)]
    assert ("no_data", [None] * 13) == (record["status"], nulls)


def test_the_linear_form_has_null_growth_percentages_and_a_pace_ratio(
    edges: dict[str, Any],
) -> None:
    record = edges["indicators"][1]
    growths = [record[k] for k in MEASURE_KEYS if k.endswith("_growth_pct")]
    # 0 (2020) -> 10 (2025), 4 in 2022: 2 units a year observed and required.
    assert ("linear", [None] * 3, 1.0) == (record["method"], growths, record["pace_ratio"])


def test_numbers_carry_full_precision(edges: dict[str, Any]) -> None:
    record = edges["indicators"][2]  # falling: 100 -> 80, 90 in 2021
    assert 800 / 9 == record["attainment_pct"]


def test_json_never_holds_nan_or_infinity(document: dict[str, Any]) -> None:
    numbers = [
        v for record in document["indicators"] for v in record.values() if isinstance(v, float)
    ]
    assert all(math.isfinite(v) for v in numbers)


def test_json_output_is_utf8_text_not_escapes() -> None:
    result = CliRunner().invoke(app, ["status", "--json", "--file", ONE_PERIOD, "--as-of", "2026"])
    assert "全社会研发经费支出" in result.stdout


def test_to_json_refuses_nan() -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        to_json({"x": float("nan")})


def test_status_document_is_built_from_assessments() -> None:
    plan = load_plan(ONE_PERIOD)
    assessments = [assess(i, 2023) for i in plan.indicators[:2]]
    doc = status_document(plan, "f.yaml", 2023, assessments, implicit_period(plan))
    assert ["rd_intensity", "basic_research_share"] == [i["id"] for i in doc["indicators"]]


def test_summary_counts_statuses() -> None:
    plan = parse_plan(EDGE_FILE, "edges.yaml")
    counts = summary([assess(i, 2026) for i in plan.indicators])
    assert {"no_data": 1, "on_track": 2, "insufficient_data": 1} == {
        k: v for k, v in counts.items() if v
    }


# --- CSV ----------------------------------------------------------------------------------

NUMERIC_COLUMNS = (
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "target_tolerance",
    "target_multiple",
    "latest_year",
    "latest_value",
    *MEASURE_KEYS,
)


@pytest.fixture(scope="module")
def csv_text() -> str:
    args = ["status", "--format", "csv", "--file", ONE_PERIOD, "--as-of", "2026"]
    result = CliRunner().invoke(app, args)
    assert 0 == result.exit_code
    return result.stdout


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_starts_with_the_header_row(csv_text: str) -> None:
    assert list(CSV_FIELDS) == rows(csv_text)[0]


def test_csv_has_one_row_per_indicator(csv_text: str) -> None:
    assert 1 + 11 == len(rows(csv_text))


def test_csv_rows_have_as_many_cells_as_the_header(csv_text: str) -> None:
    assert [len(CSV_FIELDS)] * 12 == [len(r) for r in rows(csv_text)]


def test_csv_numbers_have_no_thousands_separators(csv_text: str) -> None:
    table = list(csv.DictReader(io.StringIO(csv_text)))
    cells = [row[c] for row in table for c in NUMERIC_COLUMNS if row[c]]
    assert [] == [c for c in cells if "," in c]
    assert all(math.isfinite(float(c)) for c in cells)


def test_csv_writes_large_values_plainly(csv_text: str) -> None:
    table = {row["id"]: row for row in csv.DictReader(io.StringIO(csv_text))}
    assert "26000" == table["high_tech_enterprises"]["target_value"]


def test_csv_leaves_undefined_values_empty() -> None:
    plan = parse_plan(EDGE_FILE, "edges.yaml")
    table = list(csv.DictReader(io.StringIO(to_csv([assess(plan.indicators[0], 2026)]))))
    assert ("", "", "no_data") == (table[0]["latest_value"], table[0]["method"], table[0]["status"])


def test_csv_booleans_are_written_as_in_the_json(csv_text: str) -> None:
    table = {row["id"]: row for row in csv.DictReader(io.StringIO(csv_text))}
    cells = {row["baseline_from_actuals"] for row in table.values()} | {
        row["maintain"] for row in table.values()
    }
    assert {"true", "false"} == cells


def test_json_says_maintain_for_a_target_the_baseline_already_meets() -> None:
    plan = parse_plan((GOOD / "cap_and_floor.yaml").read_text(encoding="utf-8"), "caps.yaml")
    records = [indicator_record(assess(i, 2022)) for i in plan.indicators]
    assert [True, True, True] == [r["maintain"] for r in records]
    assert [None, None, None] == [r["progress_pct"] for r in records]


# --- the forms of target-kinds.md (schema version 3) -------------------------------------


def by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in document["indicators"]}


def test_a_growth_target_carries_its_rate_and_the_level_it_resolves_to(
    forms: dict[str, Any],
) -> None:
    # 200 * 1.07**5 = 280.51034614
    target = by_id(forms)["spending_level"]["target"]
    assert (7, 280.51034614, False) == (target["growth"], target["value"], target["each_year"])


def test_a_rate_series_is_assessed_on_its_index(forms: dict[str, Any]) -> None:
    # 2021: 9.6% -> index 109.6; 2022 is missing, so 2023's 12% is not used.
    record = by_id(forms)["output_growth"]
    start, latest = record["start"], record["latest"]
    assert ("rate", 2020, 100) == (record["series"], start["year"], start["value"])
    assert (2021, 109.6) == (latest["year"], pytest.approx(latest["value"]))
    assert ["series_gap"] == [w["code"] for w in record["warnings"]]


def test_a_flow_series_is_assessed_on_its_running_total(forms: dict[str, Any]) -> None:
    # 50,000 + 70,000 (preliminary) = 120,000 of 300,000: 40%, on the straight path (R 1).
    record = by_id(forms)["trained"]
    assert (120000, "preliminary") == (record["latest"]["value"], record["latest"]["quality"])
    assert (40, 1, "linear") == (record["progress_pct"], record["pace_ratio"], record["method"])


def test_an_every_year_target_counts_its_years_and_has_no_measures(forms: dict[str, Any]) -> None:
    # 6.53 (2021) and 6.58 (2024) both meet about 6 (from 5.88).
    record = by_id(forms)["rd_share"]
    assert (2, 2, "achieved") == (record["years_met"], record["years_judged"], record["status"])
    assert [None] * len(MEASURE_KEYS) == [record[k] for k in MEASURE_KEYS]


def test_a_level_target_has_no_year_counts(forms: dict[str, Any]) -> None:
    record = by_id(forms)["spending_level"]
    assert (None, None) == (record["years_met"], record["years_judged"])


def test_a_break_moves_the_start_and_keeps_the_declared_baseline(forms: dict[str, Any]) -> None:
    record = by_id(forms)["skills"]
    assert (2019, 2021, 2021) == (
        record["baseline"]["year"],
        record["start"]["year"],
        record["series_break"],
    )


def test_a_period_record_of_a_rate_series_starts_at_100_in_the_period_baseline_year(
    periods: dict[str, Any],
) -> None:
    # The bundled fyp15 target: at least 10% a year, 100 * 1.1**5 = 161.051 by 2030.
    record = by_id(periods)["leading_industries_mfg_growth"]
    start, target = record["start"], record["target"]
    assert ("rate", 2025, 100, 10, 161.051) == (
        record["series"],
        start["year"],
        start["value"],
        target["growth"],
        target["value"],
    )


def test_a_period_record_of_a_flow_series_starts_at_0_in_the_period_baseline_year(
    periods: dict[str, Any],
) -> None:
    record = by_id(periods)["high_skilled_talent_new"]
    assert ("flow", 2025, 0, 300000, "insufficient_data") == (
        record["series"],
        record["start"]["year"],
        record["start"]["value"],
        record["target"]["value"],
        record["status"],
    )

"""The benchmark still works: its generator writes valid files and its harness runs.

No timing is asserted here; the performance goals live in bench/run.py.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from shtracker.datafile.reader import load_plan

BENCH = Path(__file__).resolve().parent.parent / "bench"
CONSOLE_SCRIPT = Path(sys.executable).parent / "shtracker"


def bench_module(name: str) -> ModuleType:
    """Return a module of bench/, which is a folder of scripts rather than a package."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_writes_a_file_that_check_accepts(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "20", "--out", str(path)], check=True
    )
    result = subprocess.run(
        [sys.executable, "-m", "shtracker", "check", "--file", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    # check lists the warnings (some generated indicators have no declared baseline)
    assert all(line.startswith("warning: ") for line in result.stderr.splitlines())
    assert ": ok: 20 indicators" in result.stdout


def test_generated_indicators_have_ten_years_of_reports(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(bench_module("generate").generate(20), encoding="utf-8")
    plan = load_plan(str(path))
    assert [10] * 20 == [len({r.year for r in i.actuals}) for i in plan.indicators]


def test_generator_is_deterministic() -> None:
    generate = bench_module("generate").generate
    assert generate(20) == generate(20)


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason="shtracker is not installed beside python")
def test_harness_runs_once_on_the_bundled_file(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHTRACKER")}
    command = [sys.executable, str(BENCH / "run.py"), "--quick", "--runs", "1"]
    options = ["--sizes", "bundled", "--json", "--cache", str(tmp_path)]
    result = subprocess.run(command + options, capture_output=True, text=True, env=env, check=False)
    assert 0 == result.returncode, result.stderr
    document = json.loads(result.stdout)
    rows = document["results"]
    assert {"floor", "status --json", "status", "check", "complete", "report"} <= {
        r["command"] for r in rows
    }
    measured = {g["goal"]: g["value"] for g in document["goals"]}
    assert measured["report / status --json, bundled"] is not None


def test_batch_rows_are_a_csv_that_import_takes_in_full(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(bench_module("generate").generate(30), encoding="utf-8")
    sys.path.insert(0, str(BENCH))
    try:
        batch = bench_module("batch")
    finally:
        sys.path.remove(str(BENCH))
    rows = batch.pairs(str(path), 20)
    batch.write_csv(rows, str(tmp_path / "rows.csv"))
    done = subprocess.run(
        [sys.executable, "-m", "shtracker", "import", str(tmp_path / "rows.csv"), "--json",
         "--file", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert 0 == done.returncode, done.stderr
    assert (20, 20) == (len(rows), json.loads(done.stdout)["added"])


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason="shtracker is not installed beside python")
def test_batch_comparison_runs_once_on_the_bundled_file(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHTRACKER")}
    command = [sys.executable, str(BENCH / "run.py"), "--batch", "bundled", "--batch-sample", "2"]
    options = ["--runs", "1", "--json", "--cache", str(tmp_path)]
    result = subprocess.run(command + options, capture_output=True, text=True, env=env, check=False)
    assert 0 == result.returncode, result.stderr
    rows = json.loads(result.stdout)["batch"]
    assert rows[0]["command"].startswith("import ")
    assert 2 == rows[1]["runs"]

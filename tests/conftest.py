"""What the tests share: paths, the small plan most of them edit, and ways to run the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from shtracker.cli.app import app

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
#: The bundled data file, as a string path for `--file`.
TARGETS = str(ROOT / "targets.yaml")
README = ROOT / "README.md"
CORPUS = TESTS / "corpus"
GOOD = CORPUS / "good"
BAD = CORPUS / "bad"
GOLDEN = TESTS / "golden"
#: Real plans written in the forms of target-kinds.md, shipped beside the code.
EXAMPLES = ROOT / "examples"
SNAPSHOTS = TESTS / "snapshots"
#: The bundled data as it was before periods (14th plan only): a realistic one-period file.
ONE_PERIOD = str(GOOD / "shanghai_one_period.yaml")

#: A small plan for tests that edit or break a file: a rising indicator with
#: reports, and a falling one with none.
SMALL_PLAN = """\
# A small plan for the tests.
plan:
  name: Test plan
  baseline_year: 2020
  target_year: 2025
indicators:
  rd_intensity:
    name: R&D intensity
    unit: "% of GDP"
    baseline: {value: 4.17, source: "plan"}
    target: {value: 4.5, kind: about}
    actuals:
      2021: {value: 4.21, source: "communiqué"}
      2022: 4.44
  emissions:
    name: Emissions change
    unit: "%"
    direction: decrease
    baseline: {value: 0}
    target: {value: -10}
"""


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    """Run the CLI in this process; stdout and stderr stay apart."""
    return CliRunner().invoke(app, list(args), env=env)


def run_process(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m shtracker` as a whole process (real streams, real exit code)."""
    return subprocess.run(
        [sys.executable, "-m", "shtracker", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
        check=False,
    )


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """Return a writable copy of `SMALL_PLAN` as targets.yaml in a temporary folder."""
    path = tmp_path / "targets.yaml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path

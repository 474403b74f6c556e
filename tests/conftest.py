"""What the tests share: paths, the small plan most of them edit, and ways to run the CLI."""

from __future__ import annotations

import locale
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from shtracker.cli.app import app
from shtracker.core.model import Direction, Indicator, Report, Target
from tests.zygote import ZYGOTE, shtracker_process

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
#: The bundled data file, as a string path for `--file`.
TARGETS = str(ROOT / "targets.yaml")
README = ROOT / "README.md"
DOCS = ROOT / "docs"
CORPUS = TESTS / "corpus"
GOOD = CORPUS / "good"
BAD = CORPUS / "bad"
GOLDEN = TESTS / "golden"
#: A valid file whose texts hold terminal escapes, bidi overrides and spreadsheet formulas.
HOSTILE_STRINGS = GOOD / "hostile_strings.yaml"
#: Real plans written in the forms of target-kinds.md, shipped beside the code.
EXAMPLES = ROOT / "examples"
SNAPSHOTS = TESTS / "snapshots"
#: The as-of year of every HTML page in the tests, so that they do not change with the calendar.
REPORT_AS_OF = 2026
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


def indicator_x(target: Target, *actuals: Report, **fields: Any) -> Indicator:
    """Return an indicator "x" (name "X", unit "u", rising unless `direction` says) with
    these reports: the model's tests build their cases on it."""
    fields.setdefault("direction", Direction.INCREASE)
    return Indicator(id="x", name="X", unit="u", target=target, actuals=actuals, **fields)


#: Three indicators in two groups, one of them spelled two ways ("core" first).
GROUPED_PLAN = """\
plan: {name: P, baseline_year: 2020, target_year: 2025}
indicators:
  a: {name: A, unit: n, group: core, baseline: 1, target: {value: 2}}
  b: {name: B, unit: n, group: Core, baseline: 1, target: {value: 2}}
  c: {name: C, unit: n, group: industry, baseline: 1, target: {value: 2}}
"""


def documentation() -> str:
    """Return the README and every document in docs/, one after the other: the samples of
    real output that the tests keep current live in all of them."""
    texts = [README.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))]
    return "\n".join(texts)


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    """Run the CLI in this process; stdout and stderr stay apart."""
    return CliRunner().invoke(app, list(args), env=env)


def run_process(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdin: str = "",
    fresh: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m shtracker` as a whole process (real streams, real exit code), forked
    from the tests' server (tests/zygote.py) unless it must start afresh; text as
    `subprocess.run(text=True)` gives it."""
    done = shtracker_process(args, env=env, cwd=cwd, stdin=stdin.encode(), fresh=fresh)
    return subprocess.CompletedProcess(
        done.args, done.returncode, text(done.stdout), text(done.stderr)
    )


def text(data: bytes) -> str:
    """Decode output as `subprocess.run(text=True)` does: the locale's encoding, universal
    newlines."""
    decoded = data.decode(locale.getpreferredencoding(False))
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


# Hypothesis fails an example that takes over 200 ms by default: a time target, which a
# loaded machine misses. No test here asserts a time (performance lives in bench/).
settings.register_profile("shtracker", deadline=None)
settings.load_profile("shtracker")

#: How long a call may block before `no_hang` fails the test: a guard against a hang that
#: would stop the suite, not a time target (those live in bench/).
HANG_SECONDS = 60


class Hung(BaseException):
    """Raised by `no_hang`'s alarm: a BaseException, so that no `except Exception` (or
    `except OSError`) in the code under test can take it for an ordinary failure."""


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail the test if it blocks (on a FIFO, say) for HANG_SECONDS: an alarm interrupts
    the blocking call, where the test would otherwise wait for ever. The test fails even if
    the code under test swallowed the interruption."""
    fired = []

    def hung(signum: int, frame: object) -> None:
        fired.append(signum)
        raise Hung(f"blocked for {HANG_SECONDS} s: the call hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    if fired:
        pytest.fail(f"blocked for {HANG_SECONDS} s: the call hangs")


@pytest.fixture(scope="session", autouse=True)
def _zygote() -> Iterator[None]:
    """Stop this worker's fork server (tests/zygote.py), if it started, when the tests end."""
    yield
    ZYGOTE.stop()


def report_page(path: Path | str, as_of: int = REPORT_AS_OF, *args: str) -> str:
    """Return the HTML report of a data file, as `shtracker report -o -` writes it."""
    result = run("report", "-o", "-", "--file", str(path), "--as-of", str(as_of), *args)
    assert 0 == result.exit_code, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def bundled_page() -> str:
    """Return the report of the bundled data (the period in force as of 2026)."""
    return report_page(TARGETS)


@pytest.fixture(scope="session")
def hostile_page() -> str:
    """Return the report of the hostile-strings file."""
    return report_page(HOSTILE_STRINGS)


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """Return a writable copy of `SMALL_PLAN` as targets.yaml in a temporary folder."""
    path = tmp_path / "targets.yaml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


#: git without the user's configuration: a fixed author, no pager, no signing.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(folder: Path, *args: str) -> str:
    """Run git in `folder` and return its stdout."""
    import os

    done = subprocess.run(
        ["git", *args],
        cwd=folder,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(plan_file: Path) -> Path:
    """Return `plan_file` committed once in a new git repository (its folder)."""
    folder = plan_file.parent
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "targets.yaml")
    git(folder, "commit", "-q", "-m", "the small plan")
    return plan_file

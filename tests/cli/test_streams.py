"""A full, closed or abandoned stdout: one line on stderr at most, a documented exit code,
never a traceback, and `--fail-on` keeps its code."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SMALL_PLAN, TARGETS, text
from tests.zygote import shtracker_process

SHTRACKER = f"{shlex.quote(sys.executable)} -m shtracker"
COMMANDS = [
    f"status --file {TARGETS}",
    f"status --json --file {TARGETS}",
    f"status --format csv --file {TARGETS}",
    f"status --format markdown --file {TARGETS}",
    f"check --file {TARGETS}",
    f"show rd_intensity --file {TARGETS}",
    "--version",
]


def shell(script: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a bash script (real file descriptors, real pipes)."""
    return subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=60, cwd=cwd, check=False
    )


def redirected(args: str, stdout: str | None) -> subprocess.CompletedProcess[str]:
    """Run `shtracker ARGS` with stdout on a file (/dev/full) or closed (None, as `>&-`):
    real file descriptors, in a process forked from the tests' server (tests/zygote.py)."""
    done = shtracker_process(shlex.split(args), stdout=stdout)
    return subprocess.CompletedProcess(done.args, done.returncode, "", text(done.stderr))


def without_warnings(stderr: str) -> str:
    """Return stderr without the `warning:` lines that `check` lists before its summary."""
    return "".join(
        line for line in stderr.splitlines(keepends=True) if not line.startswith("warning: ")
    )


@pytest.mark.parametrize("args", COMMANDS)
def test_a_full_stdout_says_so_in_one_line_and_exits_1(args: str) -> None:
    done = redirected(args, "/dev/full")
    assert (1, "shtracker: cannot write the output: No space left on device\n") == (
        done.returncode,
        without_warnings(done.stderr),
    )


@pytest.mark.parametrize("args", COMMANDS)
def test_a_closed_stdout_says_so_in_one_line_and_exits_1(args: str) -> None:
    done = redirected(args, None)
    assert (1, "shtracker: cannot write the output: standard output is closed\n") == (
        done.returncode,
        without_warnings(done.stderr),
    )


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_fail_on_keeps_exit_code_3_when_the_reader_of_a_pipe_leaves(fmt: str) -> None:
    done = shell(
        f"set -o pipefail; {SHTRACKER} status --file {TARGETS} --as-of 2024 --format {fmt} "
        "--fail-on on_track | true"
    )
    assert 3 == done.returncode
    assert done.stderr.startswith("--fail-on: ")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("target", ["/dev/full", None], ids=["full", "closed"])
def test_fail_on_keeps_exit_code_3_with_a_full_or_closed_stdout(target: str | None) -> None:
    done = redirected(f"status --file {TARGETS} --as-of 2024 --fail-on on_track", target)
    assert 3 == done.returncode
    assert "Traceback" not in done.stderr


def test_a_reader_that_leaves_ends_the_output_silently_with_exit_0() -> None:
    done = shell(f"set -o pipefail; {SHTRACKER} status --file {TARGETS} | true")
    assert (0, "") == (done.returncode, done.stderr)


def test_record_with_a_closed_stdout_says_recorded_first_and_a_rerun_changes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    command = f"record rd_intensity 2023 4.5 --source s --json --file {path}"
    first = redirected(command, None)
    assert first.stderr.startswith("shtracker: recorded rd_intensity 2023 = 4.5")
    assert first.stderr.endswith("shtracker: cannot write the output: standard output is closed\n")
    assert 1 == first.returncode
    written = path.read_bytes()
    assert 1 == written.count(b"2023: {value: 4.5")
    again = redirected(command, "/dev/null")
    assert 0 == again.returncode, again.stderr
    assert written == path.read_bytes()

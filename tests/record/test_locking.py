"""The lock, the size limit and long names: `record` waits a bounded time and writes
nothing it could not read back."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shtracker.datafile import reader
from shtracker.datafile.writer import lock_path
from tests.conftest import SMALL_PLAN, run


@pytest.fixture
def held_lock(plan_file: Path) -> Iterator[int]:
    """Hold the data file's lock as another process would, with our pid written in it."""
    fd = os.open(lock_path(str(plan_file)), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    yield fd
    os.close(fd)


def test_a_held_lock_times_out_with_exit_4_naming_the_lock_and_its_holder(
    plan_file: Path, held_lock: int
) -> None:
    before = plan_file.read_bytes()
    started = time.monotonic()
    result = run("record", "rd_intensity", "2023", "4.4", "--wait", "1.5", "--file", str(plan_file))
    waited = time.monotonic() - started
    lock = lock_path(str(plan_file))
    assert 4 == result.exit_code
    assert [
        f"shtracker: waiting for the lock {lock} (held by process {os.getpid()}), at most 1.5 s",
        f"{plan_file}: gave up after 1.5 s waiting for the lock {lock} (held by process "
        f"{os.getpid()}); nothing written (another record is running; --wait longer?)",
    ] == result.stderr.splitlines()
    assert 1.5 <= waited < 10
    assert before == plan_file.read_bytes()


def test_wait_0_gives_up_at_once_and_says_nothing_about_waiting(
    plan_file: Path, held_lock: int
) -> None:
    result = run("record", "rd_intensity", "2023", "4.4", "--wait", "0", "--file", str(plan_file))
    assert 4 == result.exit_code
    assert 1 == len(result.stderr.splitlines())
    assert "gave up after 0 s" in result.stderr


def test_a_short_wait_for_a_lock_released_meanwhile_records(plan_file: Path) -> None:
    fd = os.open(lock_path(str(plan_file)), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    pid = os.fork()
    if pid == 0:  # the child releases the lock after 0.3 s
        time.sleep(0.3)
        os._exit(0)
    os.close(fd)  # the child's copy holds it until it exits
    result = run("record", "rd_intensity", "2023", "4.4", "--file", str(plan_file))
    os.waitpid(pid, 0)
    assert 0 == result.exit_code, result.stderr
    assert "waiting" not in result.stderr


def test_a_negative_wait_is_a_usage_error(plan_file: Path) -> None:
    result = run("record", "rd_intensity", "2023", "4.4", "--wait", "-1", "--file", str(plan_file))
    assert 2 == result.exit_code


def test_an_edit_that_would_pass_the_size_limit_is_refused_and_writes_nothing(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = plan_file.read_bytes()
    monkeypatch.setattr(reader, "MAX_BYTES", len(before) + 5)
    result = run("record", "rd_intensity", "2023", "4.4", "--source", "s", "--file", str(plan_file))
    assert 1 == result.exit_code
    assert result.stderr.startswith(f"{plan_file}: refusing to record: the file would be ")
    assert result.stderr.endswith("; nothing written\n")
    assert before == plan_file.read_bytes()
    assert ["targets.yaml"] == sorted(os.listdir(plan_file.parent))


@pytest.mark.parametrize("length", [200, 240, 250, 255])
def test_a_file_name_as_long_as_the_folder_allows_can_be_recorded(
    tmp_path: Path, length: int
) -> None:
    name = ("t" * length)[: length - 5] + ".yaml"
    path = tmp_path / name
    path.write_text(SMALL_PLAN)
    result = run("record", "rd_intensity", "2023", "4.4", "--file", str(path))
    assert 0 == result.exit_code, result.stderr
    assert "2023: 4.4" in path.read_text()
    assert [name] == os.listdir(tmp_path)

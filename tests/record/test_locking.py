"""The lock, the size limit and long names: `record` waits a bounded time and writes
nothing it could not read back. The waits run on a stand-in clock: deterministic, and no
test asserts how long anything took (the lock between real processes is
tests/record/test_record_processes.py's)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from shtracker.datafile import reader, writer
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


class Clock:
    """Stands for `time` in the writer: `sleep` moves `now` on at once, so a wait of
    seconds takes none, and the same polls happen on every machine under any load."""

    def __init__(self, at_each_sleep: Callable[[float], None] = lambda now: None) -> None:
        self.now = 1000.0
        self.started = self.now
        self.at_each_sleep = at_each_sleep

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.at_each_sleep(self.now - self.started)

    def waited(self) -> float:
        return self.now - self.started


def test_a_held_lock_times_out_with_exit_4_naming_the_lock_and_its_holder(
    plan_file: Path, held_lock: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = plan_file.read_bytes()
    clock = Clock()
    monkeypatch.setattr(writer, "time", clock)
    result = run("record", "rd_intensity", "2023", "4.4", "--wait", "1.5", "--file", str(plan_file))
    lock = lock_path(str(plan_file))
    assert 4 == result.exit_code
    assert [
        f"shtracker: waiting for the lock {lock} (held by process {os.getpid()}), at most 1.5 s",
        f"{plan_file}: gave up after 1.5 s waiting for the lock {lock} (held by process "
        f"{os.getpid()}); nothing written (another record is running; --wait longer?)",
    ] == result.stderr.splitlines()
    assert 1.5 <= clock.waited() < 1.5 + 2 * writer._POLL  # gave up as soon as it was due
    assert before == plan_file.read_bytes()


def test_wait_0_gives_up_at_once_and_says_nothing_about_waiting(
    plan_file: Path, held_lock: int
) -> None:
    result = run("record", "rd_intensity", "2023", "4.4", "--wait", "0", "--file", str(plan_file))
    assert 4 == result.exit_code
    assert 1 == len(result.stderr.splitlines())
    assert "gave up after 0 s" in result.stderr


def test_a_short_wait_for_a_lock_released_meanwhile_records(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = os.open(lock_path(str(plan_file)), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(held, fcntl.LOCK_EX)

    def release_at_0_3_s(waited: float) -> None:
        nonlocal held
        if waited >= 0.3 and held >= 0:
            os.close(held)  # the other holder is done
            held = -1

    clock = Clock(release_at_0_3_s)
    monkeypatch.setattr(writer, "time", clock)
    result = run("record", "rd_intensity", "2023", "4.4", "--file", str(plan_file))
    assert 0 == result.exit_code, result.stderr
    assert "waiting" not in result.stderr  # released before TELL_AFTER: nothing said
    assert 0.3 <= clock.waited() < writer.TELL_AFTER
    assert "2023: 4.4" in plan_file.read_text()


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


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["import", "import --dry-run"])
def test_an_import_that_would_pass_the_size_limit_is_refused_as_a_record_is(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dry_run: list[str]
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("id,year,value,source\nrd_intensity,2023,4.4,s\n", encoding="utf-8")
    before = plan_file.read_bytes()
    monkeypatch.setattr(reader, "MAX_BYTES", len(before) + 5)
    result = run("import", str(rows), *dry_run, "--file", str(plan_file))
    assert 1 == result.exit_code
    assert result.stderr.startswith(f"{plan_file}: refusing to import: the file would be ")
    assert result.stderr.endswith("; nothing written\n")
    assert before == plan_file.read_bytes()
    assert ["rows.csv", "targets.yaml"] == sorted(os.listdir(plan_file.parent))


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

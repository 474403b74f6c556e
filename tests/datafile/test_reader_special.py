"""Files that are not what they say: swapped for a FIFO, /proc, too many values."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shtracker.cli.complete import indicator_ids
from shtracker.core.errors import DataError
from shtracker.datafile import reader
from shtracker.datafile.precheck import MAX_NODES
from tests.conftest import SMALL_PLAN, run, run_process


def test_a_file_swapped_for_a_fifo_after_the_check_is_refused_not_waited_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_hang: None
) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text(SMALL_PLAN)
    checked = reader.regular_file

    def swap_after_check(shown: str, real: str) -> os.stat_result:
        info = checked(shown, real)
        path.unlink()
        os.mkfifo(path)
        return info

    monkeypatch.setattr(reader, "regular_file", swap_after_check)
    with pytest.raises(DataError) as caught:  # opening a FIFO to read would block: no_hang
        reader.read_bytes(str(path), str(path))
    assert [f"{path}: is not a regular file"] == caught.value.lines()


@pytest.mark.skipif(not os.path.exists("/proc/kmsg"), reason="no /proc/kmsg here")
def test_proc_kmsg_is_refused_at_once_not_read() -> None:
    done = run_process("check", "--file", "/proc/kmsg")
    assert 1 == done.returncode
    assert done.stderr.startswith("/proc/kmsg")
    assert "Traceback" not in done.stderr


def test_a_file_reporting_no_size_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    result = run("check", "--file", str(path))
    assert (1, f"{path}:1:1: the file is empty\n") == (result.exit_code, result.stderr)


def test_completion_from_a_fifo_returns_nothing_and_does_not_block(
    tmp_path: Path, no_hang: None
) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    assert [] == indicator_ids(str(fifo))


def test_a_flow_list_of_more_values_than_the_limit_is_refused_before_composing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("x: [" + "1," * (MAX_NODES + 5) + "1]\n")
    composed: list[str] = []

    class NeverComposed:
        """Stands for both YAML loaders and records that the file reached one (completion
        swallows any error, so a record tells, not an exception)."""

        def __init__(self, *args: object) -> None:
            composed.append("composed")
            raise AssertionError("the file was handed to the YAML composer")

    monkeypatch.setattr(reader, "_FastLoader", NeverComposed)
    monkeypatch.setattr(reader, "_DepthLimitedLoader", NeverComposed)
    result = run("check", "--file", str(path))
    assert (1, f"{path}: holds more than 2,000,000 values; a data file needs far fewer\n") == (
        result.exit_code,
        result.stderr,
    )
    assert [] == indicator_ids(str(path))
    assert [] == composed

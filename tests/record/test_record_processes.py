"""Real processes: concurrent `record`s lose no update; a killed one never leaves a bad file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from shtracker.datafile.locate import bundled_path
from shtracker.datafile.reader import load_plan
from shtracker.record.apply import recorded
from shtracker.record.request import new_report

INDICATORS = 8
YEARS = (2021, 2022, 2023, 2024, 2025)  # 8 x 5 = 40 distinct (id, year) pairs


def record_command(path: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "shtracker", "record", *args, "--file", str(path)]


def plan_without_actuals() -> str:
    lines = ["plan: {name: Concurrency, baseline_year: 2020, target_year: 2025}", "indicators:"]
    for n in range(INDICATORS):
        lines += [
            f"  indicator_{n}:  # no actuals yet: the first writer adds the key",
            f"    name: Indicator {n}",
            "    unit: things",
            "    baseline: {value: 100}",
            "    target: {value: 200}",
        ]
    return "\n".join(lines) + "\n"


def test_forty_concurrent_records_all_land(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text(plan_without_actuals())
    pairs = [(f"indicator_{n}", year) for n in range(INDICATORS) for year in YEARS]
    value = {pair: f"{100 + 10 * i}.5" for i, pair in enumerate(pairs)}
    processes = [
        subprocess.Popen(
            record_command(path, ident, str(year), value[ident, year]),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for ident, year in pairs
    ]
    outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in processes]
    for process in processes:
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()
    assert [code for code, _ in outcomes] == [0] * len(pairs), outcomes
    plan = load_plan(str(path))
    found = {(i.id, r.year): r.value for i in plan.indicators for r in i.actuals}
    assert found == {pair: float(text) for pair, text in value.items()}
    assert sorted(os.listdir(tmp_path)) == ["targets.yaml"]  # no lock or temporary file left


#: Run `shtracker record` in a child that SIGKILLs itself around its `n`-th call of one
#: file-system step (`os.<name>`), before or after the call: a kill at a chosen point, where
#: a kill after a random delay would depend on the scheduler (and once failed under load).
KILLER = """
import os, signal, sys
name, when, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
real, calls = getattr(os, name), [0]
def step(*args, **kwargs):
    calls[0] += 1
    if calls[0] == n and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    result = real(*args, **kwargs)
    if calls[0] == n and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
    return result
setattr(os, name, step)
sys.argv = ["shtracker", *sys.argv[4:]]
from shtracker.cli.app import main
main()
"""

#: (step, before or after, which call, the file the kill must leave: old or new). The
#: steps are the lock, the temporary file's write and sync, the mode, the rename and the
#: folder's sync; `os.fsync` is called for the temporary file, then for the folder.
KILL_POINTS = [
    ("open", "before", 1, "old"),
    ("open", "after", 1, "old"),
    ("open", "after", 2, "old"),
    ("fsync", "before", 1, "old"),
    ("fsync", "after", 1, "old"),
    ("chmod", "before", 1, "old"),
    ("chmod", "after", 1, "old"),
    ("replace", "before", 1, "old"),
    ("replace", "after", 1, "new"),
    ("fsync", "before", 2, "new"),
    ("fsync", "after", 2, "new"),
    ("unlink", "before", 1, "new"),
]


def killed_record(folder: Path, step: str, when: str, n: int) -> subprocess.CompletedProcess[str]:
    """Run one `record` in `folder` that kills itself at the given point."""
    args = record_command(folder / "targets.yaml", "rd_intensity", "2026", "4.6")[3:]
    return subprocess.run(
        [sys.executable, "-c", KILLER, step, when, str(n), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(("step", "when", "n", "expected"), KILL_POINTS)
def test_a_record_killed_at_any_step_leaves_the_old_file_or_the_new_one(
    tmp_path: Path, step: str, when: str, n: int, expected: str
) -> None:
    old = bundled_path().read_bytes()
    report = new_report("2026", "4.6", "final", None, None, 2026)
    new = recorded(old.decode(), "targets.yaml", "rd_intensity", report, False).new_text.encode()
    (tmp_path / "targets.yaml").write_bytes(old)

    done = killed_record(tmp_path, step, when, n)

    assert -signal.SIGKILL == done.returncode, done.stderr  # the kill point was reached
    assert {"old": old, "new": new}[expected] == (tmp_path / "targets.yaml").read_bytes()
    again = subprocess.run(  # a lock or temporary file left by the kill blocks nothing
        record_command(tmp_path / "targets.yaml", "rd_intensity", "2026", "4.7"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == again.returncode, again.stderr
    assert b"4.7" in (tmp_path / "targets.yaml").read_bytes()

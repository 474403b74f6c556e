"""Real processes: concurrent `record`s lose no update; a killed one never leaves a bad file.

Each run is a whole process forked from the tests' server (tests/zygote.py): its own lock,
file descriptors and exit status, without an interpreter's start-up each time."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from shtracker.datafile.locate import bundled_path
from shtracker.datafile.reader import load_plan
from shtracker.record.apply import recorded
from shtracker.record.request import new_report
from tests.zygote import ZYGOTE, shtracker_process

INDICATORS = 8
YEARS = (2021, 2022, 2023, 2024, 2025)  # 8 x 5 = 40 distinct (id, year) pairs


def record_command(path: Path, *args: str) -> list[str]:
    return ["record", *args, "--file", str(path)]


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
    # All 40 start before any is waited for: they race for the lock. Forked, they reach it
    # together, so one may wait for all the others: --wait 600 keeps the outcome from
    # depending on how fast the machine is.
    children = [
        ZYGOTE.spawn(
            record_command(path, ident, str(year), value[ident, year], "--wait", "600"),
            env=os.environ,
        )
        for ident, year in pairs
    ]
    outcomes = [(done.returncode, done.stderr) for done in map(ZYGOTE.wait, children)]
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


def killed_record(folder: Path, step: str, when: str, n: int) -> subprocess.CompletedProcess[bytes]:
    """Run one `record` in `folder` that kills itself at the given point."""
    args = record_command(folder / "targets.yaml", "rd_intensity", "2026", "4.6")
    return shtracker_process([step, when, str(n), *args], code=KILLER)


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
    # a lock or temporary file left by the kill blocks nothing
    again = shtracker_process(
        record_command(tmp_path / "targets.yaml", "rd_intensity", "2026", "4.7")
    )
    assert 0 == again.returncode, again.stderr
    assert b"4.7" in (tmp_path / "targets.yaml").read_bytes()

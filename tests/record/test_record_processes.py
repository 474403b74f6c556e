"""Real processes: concurrent `record`s lose no update; a killed one never leaves a bad file."""

from __future__ import annotations

import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from shtracker.datafile.locate import bundled_path
from shtracker.datafile.reader import load_plan, parse_plan
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


def kill_one_record(folder: Path, delay: float) -> tuple[bytes, list[str]]:
    """Start a `record`, SIGKILL it after `delay` seconds; return the file and the folder."""
    path = folder / "targets.yaml"
    process = subprocess.Popen(
        record_command(path, "rd_intensity", "2026", "4.6", "--source", "kill test"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return path.read_bytes(), sorted(os.listdir(folder))


def timed_run(folder: Path) -> float:
    """Return how long one uninterrupted `record` takes."""
    started = time.perf_counter()
    command = record_command(folder / "targets.yaml", "rd_intensity", "2026", "4.6")
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def test_a_killed_record_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    runs, workers = 200, 4
    source = bundled_path()
    old = source.read_bytes()
    report = new_report("2026", "4.6", "final", "kill test", None, 2026)
    new = recorded(old.decode(), "targets.yaml", "rd_intensity", report, False).new_text.encode()
    old_plan, new_plan = parse_plan(old.decode(), "old"), parse_plan(new.decode(), "new")
    folders = []
    for n in range(runs):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        shutil.copyfile(source, folder / "targets.yaml")
        folders.append(folder)

    with ThreadPoolExecutor(workers) as pool:  # how long a whole run takes under this load
        whole_run = statistics.median(pool.map(timed_run, folders[:workers]))
    for folder in folders[:workers]:
        shutil.copyfile(source, folder / "targets.yaml")
    rng = random.Random(20260101)  # noqa: S311 - reproducible delays, not secrets
    delays = [rng.uniform(0, min(max(0.15, 1.1 * whole_run), 1.5)) for _ in range(runs)]
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(kill_one_record, folders, delays))

    outcomes = {"old": 0, "new": 0}
    for data, _ in results:
        assert data in (old, new)  # never empty, partial or anything else
        plan = parse_plan(data.decode(), "after the kill")
        assert plan in (old_plan, new_plan)
        outcomes["old" if data == old else "new"] += 1
    left = [name for _, names in results for name in names if name != "targets.yaml"]
    temporary = sum(name.endswith(".tmp") for name in left)
    print(
        f"\n{runs} kills within {whole_run:.3f} s: {outcomes}; left over: "
        f"{temporary} temporary files (killed while writing), {len(left) - temporary} lock files"
    )
    assert outcomes["old"] > 0
    assert outcomes["new"] > 0

    # A lock file left by a killed process does not block the next one.
    for folder in folders[:: runs // 10]:
        done = subprocess.run(
            record_command(folder / "targets.yaml", "rd_intensity", "2026", "4.7"),
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0

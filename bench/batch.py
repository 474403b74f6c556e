"""Import a batch of rows against recording them one by one: whole processes, time and memory.

`import` of ROWS rows into one file (a fresh copy per run, made outside the
timed region) against ROWS separate `record` calls. A thousand records on a
large file take too long to run in full, so a sample of them is timed and the
total extrapolated (median x ROWS), and the output says so.
"""

from __future__ import annotations

import datetime
import os
import shutil
import statistics
from collections.abc import Callable

import yaml

ROWS = 1000
#: run_once(argv) -> (seconds, peak bytes, exit code, CPU seconds)
Runner = Callable[[list[str]], tuple[float, int, int, float]]


def pairs(path: str, count: int) -> list[tuple[str, int]]:
    """Return (id, year) pairs spread over the file, each a year the indicator has no report for."""
    with open(path, encoding="utf-8") as handle:
        indicators = yaml.load(handle.read(), Loader=yaml.CSafeLoader)["indicators"]
    ids = list(indicators)
    step = max(1, len(ids) // count)
    year = datetime.date.today().year
    found = []
    for k in range(0, len(ids), step):
        actuals = indicators[ids[k]].get("actuals") or {}
        free = next((y for y in range(year, year - 30, -1) if y not in actuals), None)
        if free is not None:
            found.append((ids[k], free))
        if len(found) == count:
            break
    return found


def write_csv(rows: list[tuple[str, int]], path: str) -> None:
    """Write the rows as the CSV `import` reads, a preliminary figure with a source each."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("id,year,value,quality,source\n")
        for n, (ident, year) in enumerate(rows):
            handle.write(f"{ident},{year},{100 + n * 0.25:g},preliminary,benchmark communique\n")


def _timed(run_once: Runner, argv: list[str], source: str, copy: str) -> tuple[float, int]:
    shutil.copyfile(source, copy)  # untimed: every run edits a fresh copy
    seconds, peak, code, _ = run_once(argv)
    if code != 0:
        raise RuntimeError(f"bench: {' '.join(argv)} exited {code}")
    return seconds, peak


def compare(
    path: str, shtracker: str, work: str, runs: int, sample: int, run_once: Runner
) -> list[dict[str, object]]:
    """Return one row for `import` of ROWS rows and one for ROWS records (extrapolated)."""
    os.makedirs(work, exist_ok=True)
    rows = pairs(path, ROWS)
    csv_path, copy = os.path.join(work, "batch.csv"), os.path.join(work, "batch.yaml")
    write_csv(rows, csv_path)
    imports = [
        _timed(run_once, [shtracker, "import", csv_path, "--file", copy], path, copy)
        for _ in range(runs)
    ]
    records = []
    for ident, year in rows[:: max(1, len(rows) // sample)][:sample]:
        argv = [shtracker, "record", ident, str(year), "100.25", "--quality", "preliminary",
                "--source", "benchmark communique", "--file", copy]  # fmt: skip
        records.append(_timed(run_once, argv, path, copy))
    one_record = statistics.median(s for s, _ in records)
    import_s = statistics.median(s for s, _ in imports)
    return [
        {
            "command": f"import {len(rows):,} rows",
            "runs": runs,
            "total_s": round(import_s, 2),
            "peak_mb": round(max(p for _, p in imports) / 2**20, 1),
        },
        {
            "command": f"{len(rows):,} x record (extrapolated from {len(records)})",
            "runs": len(records),
            "one_s": round(one_record, 2),
            "total_s": round(one_record * len(rows), 1),
            "peak_mb": round(max(p for _, p in records) / 2**20, 1),
            "speedup": round(one_record * len(rows) / import_s, 1),
        },
    ]


def table(size: str, results: list[dict[str, object]]) -> str:
    """Return the comparison for people."""
    lines = [f"batch on {size} indicators:", f"  {'command':<42} {'total s':>9} {'peak MB':>8}"]
    for r in results:
        lines.append(f"  {r['command']:<42} {r['total_s']:>9} {r['peak_mb']:>8}")
    record = results[-1]
    lines.append(
        f"  one record: median {record['one_s']} s; import is {record['speedup']}x faster "
        "than the records it replaces"
    )
    return "\n".join(lines)

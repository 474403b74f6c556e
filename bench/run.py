"""Time whole runs of shtracker against the floor, side by side in one run.

Every figure is the median wall time of whole processes (start-up included),
with the CPU time (user and system) and the peak resident memory of each child
from `os.wait4`, and its ratio to the floor (bench/floor.py) on the same file.
Commands alternate round-robin within each repetition, so drift in the machine
affects them all alike; on a machine others are using, CPU time moves less.

A size is 'bundled', a number of indicators, or a number followed by '-periods'
(each indicator with a target in three periods).

Usage: .venv/bin/python bench/run.py [--runs N] [--sizes bundled,1000,10000] [--quick] [--json]
       .venv/bin/python bench/run.py --batch 10000 [--batch-sample 50] [--runs N]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata

import batch
import generate

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CACHE = os.path.join(ROOT, ".bench")
BIN = os.path.dirname(sys.executable)
SHTRACKER = os.path.join(BIN, "shtracker")
FLOOR = "floor"
DEFAULT_SIZES = "bundled,1000,10000,10000-periods"
PERIODS_SUFFIX = "-periods"
QUICK_SIZES = "bundled,1000"

#: (label, figure, size, command, limit, against): the command's median time over that of
#: `against` ("ratio"), or its median in seconds ("seconds"), must stay at most `limit`.
GOALS = (
    ("status --json, bundled", "ratio", "bundled", "status --json", 1.15, FLOOR),
    ("status --json, 10,000", "ratio", "10000", "status --json", 1.3, FLOOR),
    ("status --json, 10,000 x 3 periods", "ratio", "10000-periods", "status --json", 1.3, FLOOR),
    ("status (table), bundled", "ratio", "bundled", "status", 1.4, FLOOR),
    ("complete (a Tab press), bundled", "ratio", "bundled", "complete", 1.15, FLOOR),
    ("record, 10,000", "ratio", "10000", "record", 2.5, FLOOR),
    ("report / status --json, bundled", "ratio", "bundled", "report", 1.5, "status --json"),
    ("report, 1,000 (seconds)", "seconds", "1000", "report", 10.0, None),
)
#: The files `report` is timed on: a page of 10,000 cards (about 80 MB) is no use to anyone.
REPORT_SIZES = ("bundled", "1000")
SCALING_LIMIT = 12.0
#: Libraries each path should import only when it draws with them.
WATCHED = ("rich", "plotext")
#: (command, libraries it must not import): no Rich on the JSON path, no plotting outside `show`.
IMPORT_RULES = (
    ("status --json", ("rich", "plotext")),
    ("report", ("rich", "plotext")),
    ("check", ("rich", "plotext")),
    ("record", ("rich", "plotext")),
    ("status", ("plotext",)),
    ("complete", ("rich", "plotext")),
)
IMPORTS: dict[str, list[str]] = {}


@dataclass
class Command:
    """One command line to time; `prepare` runs before each run, outside the timed region."""

    name: str
    argv: list[str]
    prepare: object = None  # a callable taking the run number and returning the argv, or None
    env: dict[str, str] = field(default_factory=dict)  # added to the children's environment
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    failures: int = 0
    imports: list[str] = field(default_factory=list)

    def argv_for(self, run: int) -> list[str]:
        """Return the command line of run number `run`, after preparing its input."""
        return self.prepare(run) if callable(self.prepare) else self.argv


def child_environment() -> dict[str, str]:
    """Return the environment for the children: no PYTHON* or SHTRACKER* overrides."""
    return {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SHTRACKER", "COV_"))
    }


ENV = child_environment()


def run_once(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int, float]:
    """Return wall seconds, peak RSS in bytes, exit code and CPU seconds of one whole run."""
    start = time.perf_counter()
    proc = subprocess.Popen(  # noqa: S603 - our own commands
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**ENV, **(env or {})},
        cwd=CACHE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss * 1024, proc.returncode, usage.ru_utime + usage.ru_stime


def run_captured(
    argv: list[str], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run once with output captured, to check that a command works before timing it."""
    return subprocess.run(  # noqa: S603 - our own commands
        argv, capture_output=True, text=True, env={**ENV, **(env or {})}, cwd=CACHE, check=False
    )


def watched_imports(argv: list[str], env: dict[str, str] | None = None) -> list[str]:
    """Return which of the watched libraries a run imports (`python -X importtime`)."""
    result = run_captured([sys.executable, "-X", "importtime", *argv], env)
    found = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:"):
            found.add(line.rsplit("|", 1)[-1].strip().split(".")[0])
    return [name for name in WATCHED if name in found]


def has_record() -> bool:
    """Return whether this shtracker has a `record` command yet."""
    return run_captured([SHTRACKER, "record", "--help"]).returncode == 0


def data_file(size: str) -> str:
    """Return the path of the file of a size: the bundled one or a generated one."""
    if size == "bundled":
        return os.path.join(ROOT, "targets.yaml")
    periods = size.endswith(PERIODS_SUFFIX)
    return generate.cached(int(size.removesuffix(PERIODS_SUFFIX)), CACHE, periods)


def record_plan(data: dict[str, object]) -> list[tuple[str, int]]:
    """Return (id, year) pairs, a year without reports for each, spread over the file."""
    this_year = datetime.date.today().year
    indicators = data.get("indicators")
    pairs: list[tuple[str, int]] = []
    if not isinstance(indicators, dict):
        return pairs
    ids = list(indicators)
    step = max(1, len(ids) // 7)
    for k in range(len(ids)):
        ident = ids[(k * step + k // 7) % len(ids)]
        body = indicators[ident]
        actuals = body.get("actuals") if isinstance(body, dict) else None
        taken = {str(y) for y in actuals} if isinstance(actuals, dict) else set()
        free = [y for y in range(this_year, this_year - 30, -1) if str(y) not in taken]
        if free:
            pairs.append((ident, free[0]))
        if len(pairs) >= 64:
            break
    return pairs


def record_command(path: str, pairs: list[tuple[str, int]], size: str) -> Command:
    """Return the `record` command: a fresh copy of the file per run, a new year each time."""
    work = os.path.join(CACHE, "work")
    os.makedirs(work, exist_ok=True)
    copy = os.path.join(work, f"record-{size}.yaml")

    def prepare(run: int) -> list[str]:
        shutil.copyfile(path, copy)
        ident, year = pairs[run % len(pairs)]
        value = f"{100 + (run % 50) * 1.25:g}"
        return [SHTRACKER, "record", ident, str(year), value, "--file", copy]

    return Command("record", [], prepare)


def completion_environment(path: str) -> dict[str, str]:
    """Return what bash's completion function sets to complete `shtracker record ` on `path`."""
    return {
        "_SHTRACKER_COMPLETE": "complete_bash",
        "COMP_WORDS": "shtracker record ",
        "COMP_CWORD": "2",
        "SHTRACKER_FILE": path,
    }


def commands_for(size: str, path: str, with_record: bool, notes: list[str]) -> list[Command]:
    """Return the commands to time on one file, each checked once (untimed) first."""
    floor_argv = [sys.executable, os.path.join(HERE, "floor.py"), "--file", path]
    floor = run_captured(floor_argv)
    if floor.returncode != 0:
        sys.exit(f"bench: the floor fails on {path}:\n{floor.stderr}")
    commands = [
        Command(FLOOR, floor_argv),
        Command("status --json", [SHTRACKER, "status", "--json", "--file", path]),
        Command("status", [SHTRACKER, "status", "--file", path]),
        Command("check", [SHTRACKER, "check", "--file", path]),
        # A Tab after `shtracker record `: bash's completion function runs the program so.
        Command("complete", [SHTRACKER], env=completion_environment(path)),
    ]
    if size in REPORT_SIZES:
        page = os.path.join(CACHE, "work", f"report-{size}.html")
        os.makedirs(os.path.dirname(page), exist_ok=True)
        commands.append(Command("report", [SHTRACKER, "report", "--file", path, "-o", page]))
    if with_record:
        pairs = record_plan(json.loads(floor.stdout))
        if pairs:
            commands.append(record_command(path, pairs, size))
        else:
            notes.append(f"record skipped on {size}: no indicator has a free year")
    working = [commands[0]]
    for command in commands[1:]:
        result = run_captured(command.argv_for(-1), command.env)
        if result.returncode != 0:
            message = (result.stderr.strip().splitlines() or ["no message"])[-1]
            notes.append(f"{command.name} skipped on {size}: exit {result.returncode}: {message}")
            continue
        if command.name == "status --json":
            json.loads(result.stdout)  # the JSON path must print JSON and nothing else
        if command.name == "complete" and not result.stdout.split():
            notes.append(f"complete skipped on {size}: it offered no id")
            continue
        if command.name not in IMPORTS:  # the same on every file: looked at once
            IMPORTS[command.name] = watched_imports(command.argv_for(-1), command.env)
        command.imports = IMPORTS[command.name]
        working.append(command)
    return working


def measure(commands: list[Command], runs: int, label: str) -> None:
    """Run every command `runs` times, round-robin, rotating the starting command."""
    for run in range(runs):
        order = commands[run % len(commands) :] + commands[: run % len(commands)]
        for command in order:
            argv = command.argv_for(run)
            elapsed, peak, code, cpu = run_once(argv, command.env)
            if code != 0:
                command.failures += 1
                continue
            command.times.append(elapsed)
            command.peaks.append(peak)
            command.cpus.append(cpu)
        sys.stderr.write(f"\rbench: {label}: {run + 1}/{runs}")
        sys.stderr.flush()
    sys.stderr.write("\n")


def summarise(size: str, path: str, commands: list[Command]) -> list[dict[str, object]]:
    """Return one row per command: medians and their ratios to the floor."""
    floor = commands[0]
    floor_ms = statistics.median(floor.times) * 1000 if floor.times else None
    floor_mb = statistics.median(floor.peaks) / 2**20 if floor.peaks else None
    rows = []
    for command in commands:
        if not command.times:
            rows.append({"size": size, "command": command.name, "failures": command.failures})
            continue
        ms = statistics.median(command.times) * 1000
        mb = statistics.median(command.peaks) / 2**20
        rows.append(
            {
                "size": size,
                "file": os.path.relpath(path, ROOT),
                "bytes": os.path.getsize(path),
                "command": command.name,
                "runs": len(command.times),
                "failures": command.failures,
                "median_ms": round(ms, 1),
                "min_ms": round(min(command.times) * 1000, 1),
                "max_ms": round(max(command.times) * 1000, 1),
                "ratio": round(ms / floor_ms, 3) if floor_ms else None,
                "cpu_ms": round(statistics.median(command.cpus) * 1000, 1),
                "peak_mb": round(mb, 1),
                "peak_ratio": round(mb / floor_mb, 3) if floor_mb else None,
                "imports": command.imports,
            }
        )
    return rows


def goals(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Return each goal with its measured figure and whether it is met (None: not measured)."""
    found = {(r["size"], r["command"]): r for r in rows if "median_ms" in r}
    results: list[dict[str, object]] = []
    for label, figure, size, command, limit, against in GOALS:
        row, base = found.get((size, command)), found.get((size, against))
        value = None
        if row and figure == "seconds":
            value = round(float(row["median_ms"]) / 1000, 2)
        elif row and against == FLOOR:
            value = row["ratio"]
        elif row and base:
            value = round(float(row["median_ms"]) / float(base["median_ms"]), 3)
        results.append({**goal(label, value, limit), "unit": "s" if figure == "seconds" else "x"})
    for command in ("status --json", "status", "check", "record"):
        small, large = found.get(("1000", command)), found.get(("10000", command))
        value = None
        if small and large:
            value = round(float(large["median_ms"]) / float(small["median_ms"]), 2)
        results.append(goal(f"{command}: 10,000 / 1,000 indicators", value, SCALING_LIMIT))
    for command, banned in IMPORT_RULES:
        seen = [r for r in rows if r["command"] == command and "imports" in r]
        wrong = sorted({name for r in seen for name in r["imports"] if name in banned})
        label = f"{command} imports no {' or '.join(banned)}"
        results.append({"goal": label, "value": wrong, "met": not wrong if seen else None})
    return results


def goal(label: str, value: object, limit: float) -> dict[str, object]:
    """Return one goal's outcome."""
    met = None if value is None else float(value) <= limit  # type: ignore[arg-type]
    return {"goal": label, "limit": limit, "value": value, "met": met}


def machine() -> dict[str, object]:
    """Return what the figures were measured on."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = {}
    for package in ("shtracker", "typer", "PyYAML", "rich"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu": model,
        "nproc": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "packages": versions,
    }


def table(rows: list[dict[str, object]], outcomes: list[dict[str, object]], info: dict) -> str:
    """Return the results for people: one block per file, then the goals."""
    lines = [
        f"machine: {info['cpu']}, {info['nproc']} CPUs, Python {info['python']}, {info['system']}",
        f"load average before: {info['load_before']}, after: {info['load_average']}",
        "",
        f"{'file':<10} {'command':<15} {'median ms':>10} {'x floor':>8} "
        f"{'min ms':>9} {'cpu ms':>9} {'peak MB':>8} {'MB x floor':>11}  imports",
    ]
    for row in rows:
        if "median_ms" not in row:
            lines.append(f"{row['size']:<10} {row['command']:<15} {'all runs failed':>10}")
            continue
        ratio = "" if row["command"] == FLOOR else f"{row['ratio']:.2f}x"
        peak_ratio = "" if row["command"] == FLOOR else f"{row['peak_ratio']:.2f}x"
        lines.append(
            f"{row['size']:<10} {row['command']:<15} {row['median_ms']:>10.1f} {ratio:>8} "
            f"{row['min_ms']:>9.1f} {row['cpu_ms']:>9.1f} {row['peak_mb']:>8.1f} {peak_ratio:>11}  "
            f"{', '.join(row.get('imports', [])) or '-'}"
        )
    lines += ["", "goals (medians, same run):"]
    for outcome in outcomes:
        verdict = {None: "not measured", True: "met", False: "MISSED"}[outcome["met"]]
        if "limit" not in outcome:
            found = ", ".join(outcome["value"]) or "none"  # type: ignore[arg-type]
            lines.append(f"  {outcome['goal']:<42} {'':>8} (imports {found})  {verdict}")
            continue
        unit = outcome.get("unit", "x")
        value = "-" if outcome["value"] is None else f"{outcome['value']:.2f}{unit}"
        lines.append(f"  {outcome['goal']:<42} {value:>8} (<= {outcome['limit']}{unit})  {verdict}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Return the options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, help="repetitions of every command (default 15)")
    parser.add_argument(
        "--sizes", help=f"files to time: 'bundled' and indicator counts (default {DEFAULT_SIZES})"
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"5 runs on {QUICK_SIZES} unless told otherwise"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--cache", metavar="DIR", default=CACHE, help="where generated files go (default .bench/)"
    )
    parser.add_argument(
        "--shtracker",
        metavar="PATH",
        default=SHTRACKER,
        help="the shtracker to time (default: the console script beside this Python)",
    )
    parser.add_argument(
        "--check-goals", action="store_true", help="exit 1 when a measured goal is missed"
    )
    parser.add_argument(
        "--batch",
        metavar="SIZE",
        help="only compare `import` of 1,000 rows with 1,000 `record`s on this file size",
    )
    parser.add_argument(
        "--batch-sample",
        type=int,
        default=50,
        metavar="N",
        help="records timed and extrapolated to 1,000 (default 50)",
    )
    args = parser.parse_args(argv)
    args.runs = args.runs or (5 if args.quick else 15)
    args.sizes = [
        s.strip()
        for s in (args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)).split(",")
        if s.strip()
    ]
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    for size in args.sizes:
        count = size.removesuffix(PERIODS_SUFFIX)
        if size != "bundled" and not (count.isdigit() and int(count) > 0):
            parser.error(f"--sizes: '{size}' is neither 'bundled' nor a number of indicators")
    return args


def main(argv: list[str] | None = None) -> int:
    """Time every command on every file and print the results."""
    global CACHE, SHTRACKER  # noqa: PLW0603 - settings read by every helper of this script
    args = parse_args(argv)
    CACHE = os.path.abspath(args.cache)
    SHTRACKER = os.path.abspath(args.shtracker)
    if not os.path.exists(SHTRACKER):
        sys.exit(f"bench: no {SHTRACKER}; run with the project's venv python")
    os.makedirs(CACHE, exist_ok=True)
    if args.batch:
        return batch_main(args)
    notes: list[str] = []
    with_record = has_record()
    if not with_record:
        notes.append("record skipped: this shtracker has no `record` command yet")
    load_before = [round(x, 2) for x in os.getloadavg()]
    rows: list[dict[str, object]] = []
    for size in args.sizes:
        path = data_file(size)
        commands = commands_for(size, path, with_record, notes)
        measure(commands, args.runs, f"{size} ({len(commands)} commands)")
        rows += summarise(size, path, commands)
    outcomes = goals(rows)
    info = {**machine(), "load_before": load_before, "shtracker": SHTRACKER}
    failures = sum(int(r.get("failures", 0)) for r in rows)  # type: ignore[call-overload]
    if args.json:
        document = {
            "schema_version": 1,
            "machine": info,
            "runs": args.runs,
            "results": rows,
            "goals": outcomes,
            "notes": notes,
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        print(table(rows, outcomes, info))
        for note in notes:
            print(f"note: {note}")
    if failures:
        sys.stderr.write(f"bench: {failures} timed runs failed\n")
        return 1
    if args.check_goals and any(o["met"] is False for o in outcomes):
        return 1
    return 0


def batch_main(args: argparse.Namespace) -> int:
    """Compare `import` with separate `record`s on one file, and print the comparison."""
    load_before = [round(x, 2) for x in os.getloadavg()]
    path = data_file(args.batch)
    work = os.path.join(CACHE, "work")
    runs = args.runs if args.runs != 15 else 3  # a run takes seconds: 3 unless told
    results = batch.compare(path, SHTRACKER, work, runs, args.batch_sample, run_once)
    info = {**machine(), "load_before": load_before}
    if args.json:
        document = {"schema_version": 1, "machine": info, "batch": results}
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        print(f"machine: {info['cpu']}, {info['nproc']} CPUs, Python {info['python']}")
        print(f"load average before: {load_before}, after: {info['load_average']}")
        print(batch.table(args.batch, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

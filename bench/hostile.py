"""The hostile-input campaign: time whole runs of shtracker on files and arguments meant to
break it, and check that each one ends quickly, cleanly, with its exit code, writing nothing.

Builds every hostile file in a temporary folder (a 50 MB file, a billion-laughs file,
100,000-deep nesting, a FIFO, a symlink loop, read-only files and folders, ...), runs each
invocation as a whole process several times, and prints one row per case: the exit code,
the median and the slowest wall time, the first line on stderr (Typer's `Error:` line for a
usage error; paths shown relative to the case's folder), and whether every file in the
folder is byte for byte as before. Valid but unusual files (a BOM, CRLF line endings)
are in the table too: they must load, and `record` must keep the BOM and the CRLF.

Exits 1 when a case takes more than the target (1 s) in any run, exits with another code than
documented, prints on stdout when it fails, prints a traceback, or changes a file.
The permission cases run as the user nobody when this runs as root (root is not stopped by
mode bits) and setpriv is there; otherwise they are skipped with a note.

Usage: .venv/bin/python bench/hostile.py [--runs N] [--target SECONDS]
Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BILLION_LAUGHS = os.path.join(ROOT, "tests", "corpus", "bad", "billion_laughs.yaml")
NOBODY = 65534
SETPRIV = shutil.which("setpriv")
AS_ROOT = os.geteuid() == 0
TIMEOUT = 30.0  # a hang guard: a run this long is reported as a failure

PLAN = """\
plan:
  name: Hostile-input plan
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
"""
BOM = b"\xef\xbb\xbf"
BOM_CRLF = BOM + PLAN.replace("\n", "\r\n").encode()

# -- the hostile things; each makes its file in `folder` and returns the path to pass --------


def plan(folder: str) -> str:
    return put(folder, "targets.yaml", PLAN.encode())


def put(folder: str, name: str, data: bytes) -> str:
    path = os.path.join(folder, name)
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def data(name: str, content: bytes) -> Callable[[str], str]:
    return lambda folder: put(folder, name, content)


def billion_laughs(folder: str) -> str:
    with open(BILLION_LAUGHS, "rb") as handle:
        return put(folder, "laughs.yaml", handle.read())


def fifty_megabytes(folder: str) -> str:
    path = plan(folder)
    with open(path, "r+b") as handle:  # the plan, then a hole up to 50 MB
        handle.truncate(50_000_000)
    return path


def fifo(folder: str) -> str:
    path = os.path.join(folder, "fifo.yaml")
    os.mkfifo(path)
    return path


def symlink_loop(folder: str) -> str:
    os.symlink("b.yaml", os.path.join(folder, "a.yaml"))
    os.symlink("a.yaml", os.path.join(folder, "b.yaml"))
    return os.path.join(folder, "a.yaml")


def directory(folder: str) -> str:
    path = os.path.join(folder, "dir.yaml")
    os.mkdir(path)
    return path


def missing(folder: str) -> str:
    return os.path.join(folder, "missing.yaml")


def read_only_file(folder: str) -> str:
    path = plan(folder)
    os.chmod(path, 0o444)
    return path


def read_only_folder(folder: str) -> str:
    path = plan(folder)
    os.chmod(folder, 0o555)  # noqa: S103 - read-only is the point
    return path


def unreadable_file(folder: str) -> str:
    path = plan(folder)
    os.chmod(path, 0)
    return path


def not_my_folder(folder: str) -> str:
    """A file the user nobody owns, in a folder (root's, 0755) nobody may not write."""
    path = plan(folder)
    if AS_ROOT:
        os.chown(path, NOBODY, NOBODY)
    else:
        os.chmod(folder, 0o555)  # noqa: S103 - read-only is the point
    return path


def not_my_file(folder: str) -> str:
    """A file nobody may read but not write (root's, 0644) in a folder nobody owns."""
    path = plan(folder)
    if AS_ROOT:
        os.chown(folder, NOBODY, NOBODY)
    else:
        os.chmod(path, 0o444)
    return path


# -- the cases -------------------------------------------------------------------------------


@dataclass
class Case:
    """One invocation; `{file}` in `args` is the path `make` returns."""

    name: str
    args: tuple[str, ...]
    make: Callable[[str], str]
    code: int
    writes: bool = False  # a valid record: the file changes, its BOM and CRLF must stay
    nobody: bool = False  # run as the user nobody when running as root
    times: list[float] = field(default_factory=list)
    codes: set[int] = field(default_factory=set)
    first_line: str = ""
    problems: list[str] = field(default_factory=list)


def on(*args: str) -> tuple[str, ...]:
    return (*args, "--file", "{file}")


STATUS, CHECK, SHOW = on("status"), on("check"), on("show", "rd_intensity")
RECORD = on("record", "rd_intensity", "2023", "4.5")


def cases() -> list[Case]:
    deep = b"[" * 100_000 + b"]" * 100_000 + b"\n"
    compact = b"- " * 100_000 + b"x\n"
    return [
        Case("billion laughs, status", STATUS, billion_laughs, 1),
        Case("billion laughs, record", RECORD, billion_laughs, 1),
        Case("billion laughs, show", SHOW, billion_laughs, 1),
        Case("50 MB file, status", STATUS, fifty_megabytes, 1),
        Case("50 MB file, check", CHECK, fifty_megabytes, 1),
        Case("50 MB file, record", RECORD, fifty_megabytes, 1),
        Case("100k-deep [[[...]]], check", CHECK, data("deep.yaml", deep), 1),
        Case("100k-deep [[[...]]], record", RECORD, data("deep.yaml", deep), 1),
        Case("100k-deep - - - ..., status", STATUS, data("compact.yaml", compact), 1),
        Case("FIFO as --file, status", STATUS, fifo, 1),
        Case("FIFO as --file, record", RECORD, fifo, 1),
        Case("/dev/zero, check", CHECK, lambda folder: "/dev/zero", 1),
        Case("symlink loop, status", STATUS, symlink_loop, 1),
        Case("symlink loop, record", RECORD, symlink_loop, 1),
        Case("directory as --file, status", STATUS, directory, 1),
        Case("directory as --file, record", RECORD, directory, 1),
        Case("missing file, check", CHECK, missing, 1),
        Case("missing file, record", RECORD, missing, 1),
        Case("empty file, status", STATUS, data("empty.yaml", b""), 1),
        Case("only a BOM, record", RECORD, data("bom.yaml", BOM), 1),
        Case("not UTF-8 (Latin-1), check", CHECK, data("latin1.yaml", b"name: Caf\xe9\n"), 1),
        Case("not UTF-8 (UTF-16), status", STATUS, data("utf16.yaml", PLAN.encode("utf-16")), 1),
        Case("read-only file, record", RECORD, read_only_file, 1),
        Case("read-only folder, record", RECORD, read_only_folder, 1),
        Case("init --force over a FIFO", ("init", "--force", "{file}"), fifo, 1),
        Case("unreadable file (nobody), status", STATUS, unreadable_file, 1, nobody=True),
        Case("file not writable (nobody), record", RECORD, not_my_file, 1, nobody=True),
        Case("folder not writable (nobody), record", RECORD, not_my_folder, 1, nobody=True),
        Case("--as-of abc", (*STATUS, "--as-of", "abc"), plan, 2),
        Case("--as-of 99999", (*STATUS, "--as-of", "99999"), plan, 2),
        Case("--format xml", (*STATUS, "--format", "xml"), plan, 2),
        Case("status of an unknown id", (*STATUS, "nope"), plan, 1),
        Case("show of an unknown id", on("show", "nope"), plan, 1),
        Case("record nan", on("record", "rd_intensity", "2023", "nan"), plan, 2),
        Case("record 1e999", on("record", "rd_intensity", "2023", "1e999"), plan, 2),
        Case("record a value of --", (*on("record", "rd_intensity", "2023"), "--", "--"), plan, 2),
        Case("BOM + CRLF, status --json", (*STATUS, "--json"), data("b.yaml", BOM_CRLF), 0),
        Case("BOM + CRLF, check", CHECK, data("b.yaml", BOM_CRLF), 0),
        Case("BOM + CRLF, record", RECORD, data("b.yaml", BOM_CRLF), 0, writes=True),
    ]


# -- running them ----------------------------------------------------------------------------


def snapshot(folder: str) -> dict[str, str]:
    """Return every entry under `folder`: type, mode, owner and content or link target."""
    found = {}
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(top, name)
            info = os.lstat(path)
            what = f"{info.st_mode:o} {info.st_uid}"
            if os.path.islink(path):
                what += " -> " + os.readlink(path)
            elif os.path.isfile(path) and (AS_ROOT or os.access(path, os.R_OK)):
                digest = hashlib.sha256()
                with open(path, "rb") as handle:
                    while chunk := handle.read(1 << 20):
                        digest.update(chunk)
                what += " " + digest.hexdigest()
            found[os.path.relpath(path, folder)] = what
    return found


def command() -> list[str]:
    """Return how to start shtracker: the console script beside this Python, else -m."""
    script = os.path.join(os.path.dirname(sys.executable), "shtracker")
    return [script] if os.path.exists(script) else [sys.executable, "-m", "shtracker"]


def nobody_prefix() -> list[str] | None:
    """Return the prefix that runs a command as nobody, [] when not root, None if impossible."""
    if not AS_ROOT:
        return []
    if not SETPRIV:
        return None
    prefix = [SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe = subprocess.run(  # noqa: S603 - our own command
        [*prefix, *command(), "--version"], capture_output=True, timeout=TIMEOUT, check=False
    )
    return prefix if probe.returncode == 0 else None


def fresh_folder(base: str, case: Case, index: int) -> tuple[str, str]:
    """Return a new folder for the case (that nobody may enter) and the path to pass."""
    folder = os.path.join(base, f"case{index:02d}")
    if os.path.lexists(folder):
        os.chmod(folder, 0o755)  # noqa: S103 - a read-only case's folder, to remove it
        shutil.rmtree(folder)
    os.mkdir(folder)
    os.chmod(folder, 0o755)  # noqa: S103 - the user nobody must enter it
    return folder, case.make(folder)


def run_case(case: Case, base: str, index: int, runs: int, prefix: list[str]) -> None:
    """Run one case `runs` times; record times, exit codes, the first line and any problem."""
    folder, path = fresh_folder(base, case, index)
    before = snapshot(folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHTRACKER", "PYTHON"))}
    env.update({"COLUMNS": "80", "NO_COLOR": "1"})
    for run in range(runs):
        if case.writes and run:
            folder, path = fresh_folder(base, case, index)  # outside the timed region
        argv = [*prefix, *command(), *(path if a == "{file}" else a for a in case.args)]
        start = time.perf_counter()
        try:
            done = subprocess.run(  # noqa: S603 - our own command
                argv, cwd=folder, env=env, capture_output=True, timeout=TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            case.times.append(TIMEOUT)
            case.problems.append(f"no end after {TIMEOUT:.0f} s")
            return
        case.times.append(time.perf_counter() - start)
        case.codes.add(done.returncode)
        stderr = done.stderr.decode("utf-8", "backslashreplace")
        stderr = stderr.replace(folder + os.sep, "").replace(folder, ".")
        if not case.first_line:
            case.first_line = (stderr.splitlines() or [""])[0]
            if stderr.startswith("Usage:"):  # Typer's usage lines, then `Error: ...`
                case.first_line = next(
                    (x for x in stderr.splitlines() if x.startswith("Error:")), case.first_line
                )
        if "Traceback" in stderr:
            case.problems.append("a traceback")
        if done.returncode != case.code:
            case.problems.append(f"exit {done.returncode}, not {case.code}")
        if done.returncode and done.stdout:
            case.problems.append("output on stdout")
        if case.writes:
            with open(path, "rb") as handle:
                after = handle.read()
            if not after.startswith(BOM) or after.count(b"\n") != after.count(b"\r\n"):
                case.problems.append("the BOM or CRLF was not kept")
            if sorted(os.listdir(folder)) != sorted(before):
                case.problems.append("files left beside the data file")
        elif snapshot(folder) != before:
            case.problems.append("a file changed")


def unchanged(case: Case) -> str:
    if case.writes:
        return "BOM+CRLF kept" if "the BOM or CRLF was not kept" not in case.problems else "NO"
    return "no" if "a file changed" in case.problems else "yes"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each case (default 5)")
    parser.add_argument("--target", type=float, default=1.0, help="seconds (default 1)")
    options = parser.parse_args()
    prefix = nobody_prefix()
    table = cases()
    print(
        f"shtracker hostile-input campaign: {len(table)} cases x {options.runs} runs, "
        f"target {options.target:g} s each; Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs, "
        f"{'root' if AS_ROOT else 'user'}"
    )
    base = tempfile.mkdtemp(prefix="shtracker-hostile-")
    os.chmod(base, 0o755)  # noqa: S103 - the user nobody must enter it
    skipped = []
    try:
        for index, case in enumerate(table):
            if case.nobody and prefix is None:
                skipped.append(case.name)
                continue
            as_user = (prefix or []) if case.nobody else []
            run_case(case, base, index, options.runs, as_user)
            if case.times and max(case.times) > options.target:
                case.problems.append(f"slower than {options.target:g} s")
    finally:
        for top, dirs, _ in os.walk(base):
            for name in dirs:
                os.chmod(os.path.join(top, name), 0o755)  # noqa: S103 - to remove them
        shutil.rmtree(base)
    header = (
        f"{'case':38} {'exit':>4} {'median':>7} {'max':>6}  {'unchanged':13} first line on stderr"
    )
    print(header)
    print("-" * len(header))
    for case in table:
        if not case.times:
            continue
        codes = ",".join(str(c) for c in sorted(case.codes))
        line = case.first_line if len(case.first_line) <= 90 else case.first_line[:87] + "..."
        print(
            f"{case.name:38} {codes:>4} {statistics.median(case.times):6.3f}s "
            f"{max(case.times):5.3f}s  {unchanged(case):13} {line}"
        )
    failed = [case for case in table if case.problems]
    for name in skipped:
        print(f"skipped: {name} (running as root without a way to run as nobody)")
    for case in failed:
        print(f"FAILED: {case.name}: {'; '.join(dict.fromkeys(case.problems))}")
    slowest = max((max(c.times), c.name) for c in table if c.times)
    print(
        f"{len(table) - len(skipped) - len(failed)} of {len(table) - len(skipped)} cases ok; "
        f"slowest run {slowest[0]:.3f} s ({slowest[1]})"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

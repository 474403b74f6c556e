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
import fcntl
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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


def flow_list_33mb(folder: str) -> str:
    """`x: [1,1,1,...]` up to the 32 MiB limit: 16 million values."""
    count = (32 * 1024 * 1024 - 8) // 2
    return put(folder, "flow.yaml", b"x: [" + b"1," * (count - 1) + b"1]\n")


def comment_lines(folder: str) -> str:
    """31 MB of `# - - - ...` comment lines after a valid plan."""
    line = b"# " + b"- " * 60 + b"\n"
    head = b"plan: {name: P, target_year: 2025}\nindicators: {}\n"
    return put(folder, "comments.yaml", head + line * (31_000_000 // len(line)))


_GENERATED: dict[int, bytes] = {}


def generated(count: int, extra: str = "") -> Callable[[str], str]:
    """The benchmark file of `count` indicators, `extra` lines added to the first one."""

    def make(folder: str) -> str:
        if count not in _GENERATED:
            sys.path.insert(0, HERE)
            from generate import generate

            _GENERATED[count] = generate(count).encode()
        data = _GENERATED[count]
        if extra:
            marker = b"    local_name: "
            at = data.index(b"\n", data.index(marker)) + 1
            data = data[:at] + extra.encode() + data[at:]
        return put(folder, f"g{count}.yaml", data)

    return make


def held_lock(folder: str) -> str:
    """A plan whose lock another process holds for longer than the run."""
    path = plan(folder)
    fd = os.open(os.path.join(folder, ".targets.yaml.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    _HELD.append(fd)
    return path


def fifo_swap(folder: str) -> str:
    """A plan whose lock is held for 0.3 s, during which the file becomes a FIFO."""
    path = held_lock(folder)
    fd = _HELD[-1]

    def swap() -> None:
        os.unlink(path)
        os.mkfifo(path)
        os.close(fd)
        _HELD.remove(fd)

    threading.Timer(0.3, swap).start()
    return path


_HELD: list[int] = []


def release_locks() -> None:
    while _HELD:
        os.close(_HELD.pop())


COMPLETE = {
    "_SHTRACKER_COMPLETE": "complete_bash",
    "COMP_WORDS": "shtracker status ",
    "COMP_CWORD": "2",
}


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
    stdout: str = "pipe"  # or "full" (/dev/full) or "closed" (started without fd 1)
    env: dict[str, str] = field(default_factory=dict)
    target: float | None = None  # seconds, instead of --target (the resource cases)
    runs: int | None = None  # at most this many runs (the large files)
    changes: bool = False  # the harness itself changes the folder (a FIFO swapped in)
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)  # peak RSS of each run, MB
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
        # -- streams, locks, special files ---------------------------------------------------
        Case("status > /dev/full", STATUS, plan, 1, stdout="full"),
        Case("status --json, stdout closed", (*STATUS, "--json"), plan, 1, stdout="closed"),
        Case(
            "record --json, stdout closed",
            (*RECORD, "--json"),
            plan,
            1,
            stdout="closed",
            changes=True,
        ),
        Case(
            "--fail-on met > /dev/full",
            (*STATUS, "--fail-on", "met,on_track,achieved"),
            plan,
            3,
            stdout="full",
        ),
        Case("record, lock held (--wait 1)", (*RECORD, "--wait", "1"), held_lock, 4, target=3.0),
        Case(
            "record, FIFO swapped in under the lock", RECORD, fifo_swap, 1, target=3.0, changes=True
        ),
        Case("/proc/kmsg, check", CHECK, lambda folder: "/proc/kmsg", 1),
        Case(
            "completion, SHTRACKER_FILE a FIFO",
            ("status",),
            fifo,
            0,
            env={**COMPLETE, "SHTRACKER_FILE": "{file}"},
        ),
        # -- resource cliffs (limits: about 10 s and 1 GiB) ------------------------------------
        Case("33 MB flow list [1,1,...], check", CHECK, flow_list_33mb, 1, target=10.0, runs=2),
        Case(
            "33 MB flow list, completion",
            ("status",),
            flow_list_33mb,
            0,
            target=10.0,
            runs=2,
            env={**COMPLETE, "SHTRACKER_FILE": "{file}"},
        ),
        Case("31 MB of '# - - -' lines, check", CHECK, comment_lines, 0, target=10.0, runs=2),
        Case("10,000 indicators, check", CHECK, generated(10_000), 0, target=10.0, runs=2),
        Case(
            "10,000 + 'note: see [1', check",
            CHECK,
            generated(10_000, "    note: see table [1\n"),
            0,
            target=10.0,
            runs=2,
        ),
        Case(
            "10,000 + block scalar '[1 {2', check",
            CHECK,
            generated(10_000, "    note: |\n      see table [1\n      and {2\n"),
            0,
            target=10.0,
            runs=2,
        ),
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


def execute(
    argv: list[str], folder: str, env: dict[str, str], stdout: str
) -> tuple[int, bytes, bytes, float, float]:
    """Run one whole process: its exit code, stdout, stderr, wall time and peak RSS (MB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sink = open(os.devnull if stdout == "closed" else "/dev/full", "wb")  # noqa: SIM115
        target = out if stdout == "pipe" else sink
        start = time.perf_counter()
        proc = subprocess.Popen(  # noqa: S603 - our own command
            argv,
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=target,
            stderr=err,
            preexec_fn=(lambda: os.close(1)) if stdout == "closed" else None,  # noqa: PLW1509
        )
        timer = threading.Timer(TIMEOUT, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        sink.close()
        out.seek(0)
        err.seek(0)
        return proc.returncode, out.read(), err.read(), seconds, usage.ru_maxrss / 1024


def run_case(case: Case, base: str, index: int, runs: int, prefix: list[str]) -> None:
    """Run one case `runs` times; record times, exit codes, the first line and any problem."""
    folder, path = fresh_folder(base, case, index)
    before = snapshot(folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHTRACKER", "PYTHON"))}
    env.update({"COLUMNS": "80", "NO_COLOR": "1"})
    for run in range(min(runs, case.runs or runs)):
        if (case.writes or case.changes) and run:
            release_locks()
            folder, path = fresh_folder(base, case, index)  # outside the timed region
        argv = [*prefix, *command(), *(path if a == "{file}" else a for a in case.args)]
        env_run = {**env, **{k: path if v == "{file}" else v for k, v in case.env.items()}}
        code, stdout, raw_err, seconds, peak = execute(argv, folder, env_run, case.stdout)
        if seconds >= TIMEOUT:
            case.problems.append(f"no end after {TIMEOUT:.0f} s")
        case.times.append(seconds)
        case.peaks.append(peak)
        case.codes.add(code)
        stderr = raw_err.decode("utf-8", "backslashreplace")
        stderr = stderr.replace(folder + os.sep, "").replace(folder, ".")
        if not case.first_line:
            case.first_line = (stderr.splitlines() or [""])[0]
            if stderr.startswith("Usage:"):  # Typer's usage lines, then `Error: ...`
                case.first_line = next(
                    (x for x in stderr.splitlines() if x.startswith("Error:")), case.first_line
                )
        if "Traceback" in stderr:
            case.problems.append("a traceback")
        if code != case.code:
            case.problems.append(f"exit {code}, not {case.code}")
        if code and stdout:
            case.problems.append("output on stdout")
        if case.writes:
            with open(path, "rb") as handle:
                after = handle.read()
            if not after.startswith(BOM) or after.count(b"\n") != after.count(b"\r\n"):
                case.problems.append("the BOM or CRLF was not kept")
            if sorted(os.listdir(folder)) != sorted(before):
                case.problems.append("files left beside the data file")
        elif not case.changes and snapshot(folder) != before:
            case.problems.append("a file changed")
    release_locks()


def unchanged(case: Case) -> str:
    if case.changes:
        return "(by design)"
    if case.writes:
        return "BOM+CRLF kept" if "the BOM or CRLF was not kept" not in case.problems else "NO"
    return "no" if "a file changed" in case.problems else "yes"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each case (default 5)")
    parser.add_argument("--target", type=float, default=1.0, help="seconds (default 1)")
    parser.add_argument("--only", metavar="TEXT", help="only the cases whose name holds TEXT")
    parser.add_argument(
        "--race", action="store_true", help="run the hand-edit race instead (see race())"
    )
    parser.add_argument(
        "--every", type=float, default=2.0, metavar="MS", help="--race: ms between edits (2)"
    )
    options = parser.parse_args()
    if options.race:
        return race(every=options.every / 1000)
    prefix = nobody_prefix()
    table = [c for c in cases() if not options.only or options.only in c.name]
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
            target = case.target or options.target
            if case.times and max(case.times) > target:
                case.problems.append(f"slower than {target:g} s")
            if case.peaks and max(case.peaks) > 1024:
                case.problems.append("more than 1 GiB of memory")
    finally:
        for top, dirs, _ in os.walk(base):
            for name in dirs:
                os.chmod(os.path.join(top, name), 0o755)  # noqa: S103 - to remove them
        shutil.rmtree(base)
    header = (
        f"{'case':38} {'exit':>4} {'median':>7} {'max':>7} {'peak MB':>7}  {'unchanged':13} "
        "first line on stderr"
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
            f"{max(case.times):6.3f}s {max(case.peaks):7.0f}  {unchanged(case):13} {line}"
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


def race(records: int = 60, every: float = 0.002) -> int:
    """A hand editor appends a comment line every 2 ms while `records` records run one
    after the other; count the appended lines the final file lacks (lost hand edits)."""
    folder = tempfile.mkdtemp(prefix="shtracker-race-")
    path = plan(folder)
    stop = threading.Event()
    written: list[str] = []

    def editor() -> None:
        n = 0
        while not stop.is_set():
            line = f"# hand edit {n}\n"
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(line)
            written.append(line)
            n += 1
            time.sleep(every)

    thread = threading.Thread(target=editor)
    thread.start()
    codes = []
    try:
        for k in range(records):
            value = f"4.{500 + k}"
            argv = [*command(), "record", "rd_intensity", "2023", value, "--file", path]
            done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT, check=False)  # noqa: S603
            codes.append(done.returncode)
    finally:
        stop.set()
        thread.join()
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lost = [line for line in written if line not in text]
    recorded = sum(f"4.{500 + k}" in text for k in range(records))
    shutil.rmtree(folder)
    print(
        f"hand-edit race: {len(written)} lines appended every {every * 1000:g} ms during "
        f"{records} records (exit codes {sorted(set(codes))}); {recorded} records in the file; "
        f"{len(lost)} appended lines lost"
    )
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())

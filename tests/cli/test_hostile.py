"""Hostile input: every bad invocation ends with one line per problem and its exit code, and
nothing in the folder changes.

Each case builds its hostile file (or folder, FIFO, link, ...) in a fresh folder, hashes the
whole folder, runs one command, and checks: the documented exit code (1 a data or file
problem, 2 a usage error), nothing on stdout, no traceback, one line per problem in the form
the case names, and the folder byte for byte as it was, with no temporary or lock file left.
Large and generated files (50 MB, deep nesting, FIFOs, links, modes) are made here, never
committed. The cases where the process itself matters (a hang, a crash in C) run as a real
`python -m shtracker`; the timeout is only a guard against a hang, the time targets live in
bench/hostile.py. Permission cases run as the user `nobody` when the tests run as root (root
reads and writes whatever the mode bits say), and as root too: `record` and `init` refuse a
file or folder marked read-only even for root.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shtracker.cli.app import app
from tests.conftest import CORPUS, ONE_PERIOD, SMALL_PLAN, text
from tests.conftest import run_process as conftest_run_process
from tests.zygote import setpriv, shtracker_process

NOBODY = 65534
AS_ROOT = os.geteuid() == 0
SETPRIV = shutil.which("setpriv")

RECORD = ("record", "rd_intensity", "2023", "4.5")

# -- the hostile things, each made in the case's folder; each returns the path to use ------


def plan(folder: Path) -> str:
    path = folder / "targets.yaml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return str(path)


def written(data: bytes, name: str = "hostile.yaml") -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        (folder / name).write_bytes(data)
        return str(folder / name)

    return make


def billion_laughs(folder: Path) -> str:
    shutil.copy(CORPUS / "bad" / "billion_laughs.yaml", folder / "laughs.yaml")
    return str(folder / "laughs.yaml")


def fifty_megabytes(folder: Path) -> str:
    path = folder / "big.yaml"
    with path.open("wb") as handle:  # a valid plan, then a 50 MB hole of NUL bytes
        handle.write(SMALL_PLAN.encode())
        handle.truncate(50_000_000)
    return str(path)


def flow_nesting(folder: Path) -> str:
    return written(b"[" * 100_000 + b"]" * 100_000 + b"\n", "deep.yaml")(folder)


def compact_nesting(folder: Path) -> str:
    return written(b"- " * 100_000 + b"x\n", "compact.yaml")(folder)


def directory(folder: Path) -> str:
    (folder / "dir.yaml").mkdir()
    return str(folder / "dir.yaml")


def empty_path(folder: Path) -> str:
    plan(folder)
    return ""


def missing(folder: Path) -> str:
    return str(folder / "missing.yaml")


def missing_with_a_line_break(folder: Path) -> str:
    return str(folder / "no\nsuch.yaml")


def fifo(folder: Path) -> str:
    os.mkfifo(folder / "fifo.yaml")
    return str(folder / "fifo.yaml")


def fifo_here(folder: Path) -> str:
    """A FIFO found as ./targets.yaml, without --file."""
    os.mkfifo(folder / "targets.yaml")
    return "targets.yaml"


def symlink_loop(folder: Path) -> str:
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")
    return str(folder / "a.yaml")


def dev_zero(folder: Path) -> str:
    return "/dev/zero"


def link_to_dev_zero(folder: Path) -> str:
    (folder / "zero.yaml").symlink_to("/dev/zero")
    return str(folder / "zero.yaml")


def read_only_file(folder: Path) -> str:
    path = plan(folder)
    os.chmod(path, 0o444)
    return path


def read_only_folder(folder: Path) -> str:
    path = plan(folder)
    folder.chmod(0o555)
    return path


def lock_is_a_directory(folder: Path) -> str:
    path = plan(folder)
    (folder / ".targets.yaml.lock").mkdir()
    return path


# -- as the user nobody: permissions that really deny (a chmod does not stop root) ---------


def unreadable_file(folder: Path) -> str:
    path = plan(folder)
    os.chmod(path, 0o000)
    return path


def not_my_file(folder: Path) -> str:
    """A file nobody may read but not write (root's, 0644), in a folder nobody owns."""
    path = plan(folder)
    if AS_ROOT:
        os.chown(folder, NOBODY, NOBODY)
    else:  # the same denial for a user who cannot give files away
        os.chmod(path, 0o444)
    return path


def not_my_folder(folder: Path) -> str:
    """A file nobody owns, in a folder nobody may not write (root's, 0755)."""
    path = plan(folder)
    if AS_ROOT:
        os.chown(path, NOBODY, NOBODY)
    else:
        folder.chmod(0o555)
    return path


def in_folder(folder: Path) -> str:
    """No file yet: where `init` is to write one."""
    return str(folder / "targets.yaml")


def in_read_only_folder(folder: Path) -> str:
    folder.chmod(0o555)
    return in_folder(folder)


# -- the table --------------------------------------------------------------------------------

LOCATED = "located"  # file:line:column: message
FILE = "file"  # file: message
PLAIN = "plain"  # one line about a word the user typed
USAGE = "usage"  # Typer's usage lines, then one `Error: ...` line


@dataclass(frozen=True)
class Case:
    """One hostile invocation: `{file}` in the arguments is the path `make` returns."""

    name: str
    args: tuple[str, ...]
    make: Callable[[Path], str]
    code: int
    form: str
    message: str
    lines: int = 1
    process: bool = False  # run `python -m shtracker` (a hang, a crash in C)
    nobody: bool = False  # run as the user nobody (skipped as root without setpriv)


def on(command: tuple[str, ...]) -> tuple[str, ...]:
    return (*command, "--file", "{file}")


STATUS = on(("status",))
CHECK = on(("check",))
SHOW = on(("show", "rd_intensity"))
REC = on(RECORD)
TOO_DEEP = "nested too deeply to be a data file"
ALIASES = "anchors and aliases are not allowed in a data file"
LIMIT = "is 47.7 MiB; the limit is 32 MiB"
NOT_A_NUMBER = "VALUE must be a plain decimal number"

CASES = [
    # files that would explode, hang or crash a careless loader
    Case("billion laughs, status", STATUS, billion_laughs, 1, LOCATED, ALIASES, 10, True),
    Case("billion laughs, record", REC, billion_laughs, 1, LOCATED, ALIASES, 10, True),
    Case("billion laughs, show", SHOW, billion_laughs, 1, LOCATED, ALIASES, 10),
    Case("50 MB file, status", STATUS, fifty_megabytes, 1, FILE, LIMIT, process=True),
    Case("50 MB file, check", CHECK, fifty_megabytes, 1, FILE, LIMIT, process=True),
    Case("50 MB file, record", REC, fifty_megabytes, 1, FILE, LIMIT, process=True),
    Case("100,000-deep flow nesting, check", CHECK, flow_nesting, 1, LOCATED, TOO_DEEP, 1, True),
    Case("100,000-deep flow nesting, record", REC, flow_nesting, 1, LOCATED, TOO_DEEP, 1, True),
    Case("100,000-deep - - - nesting, status", STATUS, compact_nesting, 1, LOCATED, TOO_DEEP),
    Case("FIFO as the file, status", STATUS, fifo, 1, FILE, "is not a regular file", 1, True),
    Case("FIFO as the file, record", REC, fifo, 1, FILE, "is not a regular file", 1, True),
    Case("FIFO as ./targets.yaml, status", ("status",), fifo_here, 1, FILE, "regular", 1, True),
    Case("/dev/zero, check", CHECK, dev_zero, 1, FILE, "is not a regular file", 1, True),
    Case("link to /dev/zero, record", REC, link_to_dev_zero, 1, FILE, "not a regular file"),
    Case("symlink loop, status", STATUS, symlink_loop, 1, FILE, "cannot read:", 1, True),
    Case("symlink loop, record", REC, symlink_loop, 1, FILE, "cannot read:"),
    # what the file is
    Case("directory as --file, status", STATUS, directory, 1, FILE, "is a directory"),
    Case("directory as --file, record", REC, directory, 1, FILE, "is a directory"),
    Case("missing file, check", CHECK, missing, 1, FILE, "cannot read: No such file"),
    Case("missing file, record", REC, missing, 1, FILE, "cannot read: No such file"),
    Case(
        "missing file named with a line break", CHECK, missing_with_a_line_break, 1, FILE, "cannot"
    ),
    Case("empty path", CHECK, empty_path, 1, FILE, "an empty path names no data file"),
    Case("empty file, status", STATUS, written(b""), 1, LOCATED, "the file is empty"),
    Case("only a BOM, check", CHECK, written(b"\xef\xbb\xbf"), 1, LOCATED, "the file is empty"),
    Case("only a BOM, record", REC, written(b"\xef\xbb\xbf"), 1, LOCATED, "the file is empty"),
    Case("Latin-1, check", CHECK, written(b"plan:\n  name: Caf\xe9\n"), 1, LOCATED, "not UTF-8"),
    Case(
        "UTF-16, record",
        REC,
        written(SMALL_PLAN.encode("utf-16")),
        1,
        LOCATED,
        "not UTF-8 text (byte 0xff)",
    ),
    Case("NUL byte, show", SHOW, written(b"plan: a\x00b\n"), 1, LOCATED, "U+0000 is not allowed"),
    Case("a lock file that is a folder", REC, lock_is_a_directory, 1, FILE, "lock file"),
    # files that must not be written
    Case("read-only file, record", REC, read_only_file, 1, FILE, "is read-only"),
    Case("read-only folder, record", REC, read_only_folder, 1, FILE, "is read-only"),
    Case("read-only folder, init", ("init", "{file}"), in_read_only_folder, 1, FILE, "read-only"),
    Case("init --force over a FIFO", ("init", "--force", "{file}"), fifo, 1, FILE, "regular"),
    Case(
        "init --force over a loop",
        ("init", "--force", "{file}"),
        symlink_loop,
        1,
        FILE,
        "cannot write",
    ),
    Case("init --force, read-only", ("init", "--force", "{file}"), read_only_file, 1, FILE, "read"),
    Case(
        "unreadable file, status",
        STATUS,
        unreadable_file,
        1,
        FILE,
        "Permission denied",
        1,
        True,
        True,
    ),
    Case("unreadable file, record", REC, unreadable_file, 1, FILE, "read-only", 1, True, True),
    Case("file not writable, record", REC, not_my_file, 1, FILE, "is read-only", 1, True, True),
    Case("folder not writable, record", REC, not_my_folder, 1, FILE, "folder", 1, True, True),
    Case(
        "folder not writable, init",
        ("init", "{file}"),
        in_folder,
        1,
        FILE,
        "cannot write",
        1,
        True,
        True,
    ),
    # arguments
    Case("--as-of abc", (*STATUS, "--as-of", "abc"), plan, 2, USAGE, "'--as-of'"),
    Case("--as-of 99999", (*STATUS, "--as-of", "99999"), plan, 2, USAGE, "9999"),
    Case("--format xml", (*STATUS, "--format", "xml"), plan, 2, USAGE, "'xml'"),
    Case("--fail-on nonsense", (*STATUS, "--fail-on", "late"), plan, 2, PLAIN, "'late'"),
    Case("status of an unknown id", (*STATUS, "rd"), plan, 1, PLAIN, "unknown indicator 'rd'"),
    Case("status of an id with a line break", (*STATUS, "rd\nx"), plan, 1, PLAIN, r"'rd\nx'"),
    Case("show of an unknown id", on(("show", "nope")), plan, 1, PLAIN, "unknown indicator"),
    Case("unknown group", (*STATUS, "--group", "nope"), plan, 1, PLAIN, "unknown group 'nope'"),
    Case("record nan", on((*RECORD[:3], "nan")), plan, 2, PLAIN, NOT_A_NUMBER),
    Case("record 1e999", on((*RECORD[:3], "1e999")), plan, 2, PLAIN, "not '1e999'"),
    Case("record a value of --", (*on(RECORD[:3]), "--", "--"), plan, 2, PLAIN, "not '--'"),
    Case("record without a value", (*on(RECORD[:3]), "--"), plan, 2, USAGE, "VALUE"),
    Case("record year 99999", on((*RECORD[:2], "99999", "4")), plan, 2, PLAIN, "four-digit"),
    Case(
        "record --quality with a line break",
        (*REC, "--quality", "fi\nnal"),
        plan,
        2,
        PLAIN,
        r"'fi\nnal'",
    ),
]


def test_the_campaign_has_at_least_25_bad_invocations() -> None:
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


# -- running a case ------------------------------------------------------------------------


@pytest.fixture
def folder() -> Iterator[Path]:
    """A fresh folder that the user nobody may enter (pytest's tmp_path is root's own)."""
    base = Path(tempfile.mkdtemp(prefix="shtracker-hostile-"))
    base.chmod(0o755)
    work = base / "work"
    work.mkdir()
    try:
        yield work
    finally:
        work.chmod(0o755)
        shutil.rmtree(base)


def snapshot(folder: Path) -> dict[str, str]:
    """Return every entry under the folder: its type, mode and content (or link target)."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(root, name)
            info = os.lstat(path)
            kind = stat.S_IFMT(info.st_mode)
            what = f"{kind:o} {stat.S_IMODE(info.st_mode):o} {info.st_uid}"
            if stat.S_ISLNK(info.st_mode):
                what += " -> " + os.readlink(path)
            elif stat.S_ISREG(info.st_mode) and (AS_ROOT or os.access(path, os.R_OK)):
                digest = hashlib.sha256()
                with open(path, "rb") as handle:
                    while chunk := handle.read(1 << 20):
                        digest.update(chunk)
                what += " " + digest.hexdigest()
            found[os.path.relpath(path, folder)] = what
    return found


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SHTRACKER_FILE"}
    env.update({"COLUMNS": "80", "NO_COLOR": "1", **(extra or {})})
    return env


@functools.cache
def why_nobody_cannot_run() -> str | None:
    """Return why the permission cases cannot run as the user nobody, or None."""
    if not AS_ROOT:
        return None  # they run as this user, whom the mode bits do stop
    if not SETPRIV:
        return "running as root without setpriv: root is not denied by the mode bits"
    done = subprocess.run(
        [*setpriv((NOBODY, NOBODY)), sys.executable, "-c", "import shtracker.cli.app"],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    last = (done.stderr.strip().splitlines() or ["?"])[-1]
    return None if done.returncode == 0 else f"the user nobody cannot run {sys.executable}: {last}"


def run_process(args: list[str], cwd: Path, nobody: bool = False) -> tuple[int, str, str]:
    """Run `python -m shtracker ARGS` as a whole process (forked from the tests' server, as
    the user nobody if asked, as setpriv would: tests/zygote.py)."""
    done = shtracker_process(
        args,
        cwd=cwd,
        env=environment(),
        user=(NOBODY, NOBODY) if nobody and AS_ROOT else None,
        timeout=20,  # a guard against a hang only: times are measured by bench/hostile.py
    )
    return done.returncode, text(done.stdout), text(done.stderr)


def run_in_process(
    args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, args, env={"SHTRACKER_FILE": None, "COLUMNS": "80"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def shown(path: str) -> str:
    """Return a path as messages show it (line breaks escaped, an empty one quoted)."""
    return path.replace("\n", "\\n") or "''"


def assert_form(case: Case, path: str, stderr: str) -> None:
    lines = stderr.splitlines()
    if case.form == USAGE:  # Usage: ..., Try '... --help' for help., a blank line, Error: ...
        errors = [line for line in lines if line.startswith("Error: ")]
        assert 1 == len(errors), stderr
        assert case.message in errors[0]
        assert lines[0].startswith("Usage: ")
        return
    assert case.lines == len(lines), stderr
    for line in lines:
        if case.form == LOCATED:
            assert re.fullmatch(re.escape(shown(path)) + r":\d+:\d+: .+", line), line
        elif case.form == FILE:
            assert line.startswith(f"{shown(path)}: "), line
            assert not re.match(r"\d+:\d+: ", line[len(shown(path)) + 2 :]), line
        assert case.message in line, line


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_invocation_ends_with_one_line_per_problem_and_writes_nothing(
    case: Case, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if case.nobody and why_nobody_cannot_run():
        pytest.skip(str(why_nobody_cannot_run()))
    path = case.make(folder)
    args = [path if a == "{file}" else a for a in case.args]
    before = snapshot(folder)
    if case.process or case.nobody:
        code, stdout, stderr = run_process(args, folder, case.nobody)
    else:
        code, stdout, stderr = run_in_process(args, folder, monkeypatch)
    assert "Traceback" not in stderr, stderr
    assert (case.code, "") == (code, stdout), stderr
    assert_form(case, path, stderr)
    assert before == snapshot(folder)


# -- immutable files and folders: refused even for root --------------------------------------


def immutable(path: Path) -> None:
    if not shutil.which("chattr"):
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {done.stderr.strip()}")


@pytest.mark.parametrize("what", ["file", "folder"])
def test_record_refuses_an_immutable_file_or_folder(
    what: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plan(folder)
    target = Path(path) if what == "file" else folder
    immutable(target)
    before = snapshot(folder)
    try:
        code, stdout, stderr = run_in_process([*RECORD, "--file", path], folder, monkeypatch)
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)
    assert (1, "", 1) == (code, stdout, len(stderr.splitlines())), stderr
    assert "read-only; nothing written" in stderr
    assert before == snapshot(folder)


# -- unusual but valid: a BOM, CRLF line endings, a file name that is not UTF-8 ----------------

BOM_CRLF = b"\xef\xbb\xbf" + SMALL_PLAN.replace("\n", "\r\n").encode()


@pytest.mark.parametrize("command", [("status", "--json"), ("check",), ("show", "rd_intensity")])
@pytest.mark.parametrize(
    "data",
    [BOM_CRLF, SMALL_PLAN.encode("utf-8-sig"), SMALL_PLAN.replace("\n", "\r\n").encode()],
    ids=["BOM and CRLF", "BOM", "CRLF"],
)
def test_a_bom_and_crlf_load_and_nothing_is_written(
    command: tuple[str, ...], data: bytes, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = written(data)(folder)
    before = snapshot(folder)
    code, stdout, stderr = run_in_process([*command, "--file", path], folder, monkeypatch)
    assert 0 == code
    assert [] == [line for line in stderr.splitlines() if not line.startswith("warning: ")]
    assert stdout
    assert before == snapshot(folder)


def test_record_keeps_the_bom_and_crlf_and_leaves_nothing_else(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = written(BOM_CRLF)(folder)
    code, _, stderr = run_in_process([*RECORD, "--file", path], folder, monkeypatch)
    assert 0 == code, stderr
    after = Path(path).read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n")
    assert b"      2023: 4.5\r\n" in after
    assert ["hostile.yaml"] == os.listdir(folder)  # no lock or temporary file left


def test_a_file_name_that_is_not_utf8_is_escaped_in_json_not_a_traceback(folder: Path) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")
    (folder / name).write_text(SMALL_PLAN, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "shtracker", "status", "--json", "--file", name],
        cwd=folder,
        env=environment({"PYTHONIOENCODING": "utf-8"}),  # strict, as in most UTF-8 locales
        capture_output=True,
        timeout=20,
        check=False,
    )
    assert (0, b"") == (done.returncode, done.stderr)
    assert name == json.loads(done.stdout)["file"]


def test_a_symlink_planted_as_the_lock_file_is_refused_and_its_target_untouched(
    tmp_path: Path,
) -> None:
    data = tmp_path / "targets.yaml"
    data.write_bytes(Path(ONE_PERIOD).read_bytes())
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (tmp_path / ".targets.yaml.lock").symlink_to(victim)
    before = data.read_bytes()
    result = conftest_run_process("record", "rd_intensity", "2023", "4.5", "-f", str(data))
    assert (1, "") == (result.returncode, result.stdout)
    assert "lock file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert before == data.read_bytes()
    assert "keep me\n" == victim.read_text()

"""The tests' fork server (tests/zygote.py) runs `shtracker` as a fresh interpreter would:
the same stdout, stderr and exit status, byte for byte, for every command, errors, help, a
full or closed stdout, stdin, and a run that kills itself; and it never harms the folder it
runs in."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import GOOD, SMALL_PLAN, TARGETS
from tests.zygote import ZYGOTE, Zygote, shtracker_process, startup_environment

ENV = {**os.environ, "COLUMNS": "80"}
ENV.pop("SHTRACKER_FILE", None)

RUNS = [
    ("--help",),
    ("--version",),
    ("status", "--file", TARGETS, "--as-of", "2026"),
    ("status", "--json", "--file", TARGETS, "--period", "fyp14"),
    ("status", "--format", "markdown", "--file", str(GOOD / "hostile_strings.yaml")),
    ("show", "rd_intensity", "--file", TARGETS, "--as-of", "2026"),
    ("report", "-o", "-", "--file", TARGETS, "--as-of", "2026"),
    ("check", "--file", TARGETS),
    ("status", "--help"),
    ("record", "--help"),
    ("import", "--help"),
    ("diff", "--help"),
    ("init", "--help"),
    ("status", "--as-of", "abc"),  # a usage error: exit 2, click names `python -m shtracker`
    ("status", "--file", "/nonexistent/targets.yaml"),  # a file error: exit 1
    ("status", "--fail-on", "far_behind", "--file", TARGETS, "--period", "fyp14"),
]


@pytest.mark.parametrize("args", RUNS, ids=[" ".join(a)[:50] for a in RUNS])
def test_a_forked_run_gives_the_bytes_and_status_of_a_fresh_interpreter(
    args: tuple[str, ...],
) -> None:
    forked = shtracker_process(args, env=ENV)
    fresh = shtracker_process(args, env=ENV, fresh=True)
    assert (fresh.returncode, fresh.stdout, fresh.stderr) == (
        forked.returncode,
        forked.stdout,
        forked.stderr,
    )


#: Commands that write: each runs forked in one folder and fresh in another, on the same file.
EDITS = [
    ("record", "rd_intensity", "2023", "4.5", "--source", "s", "--file", "targets.yaml"),
    ("record", "rd_intensity", "2021", "4.3", "--file", "targets.yaml"),  # already there: exit 1
    ("import", "rows.csv", "--json", "--file", "targets.yaml"),
    ("init", "new/"),  # makes the folder
    ("diff", "HEAD", "--file", "targets.yaml"),  # not in a git repository: exit 1
]


@pytest.mark.parametrize("args", EDITS, ids=[" ".join(a[:3]) for a in EDITS])
def test_a_forked_edit_writes_and_says_what_a_fresh_one_does(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    results = []
    for fresh in (False, True):
        folder = tmp_path / ("fresh" if fresh else "forked")
        folder.mkdir()
        (folder / "targets.yaml").write_text(SMALL_PLAN, encoding="utf-8")
        (folder / "rows.csv").write_text("id,year,value\nrd_intensity,2024,4.6\n")
        done = shtracker_process(args, env=ENV, cwd=folder, fresh=fresh)
        files = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        results.append((done.returncode, done.stdout, done.stderr, files))
    assert results[1] == results[0]


@pytest.mark.parametrize("stdout", ["/dev/full", None], ids=["full", "closed"])
def test_a_full_or_closed_stdout_ends_the_same_forked_or_fresh(stdout: str | None) -> None:
    args = ("status", "--json", "--file", TARGETS)
    forked = shtracker_process(args, env=ENV, stdout=stdout)
    fresh = shtracker_process(args, env=ENV, stdout=stdout, fresh=True)
    assert 1 == fresh.returncode
    assert (fresh.returncode, fresh.stderr) == (forked.returncode, forked.stderr)


@pytest.mark.parametrize(
    "code",
    [
        "print('x')",  # a failing last flush: 120 and CPython's "Exception ignored" line
        "import sys; sys.stdout.close()",  # a closed stream is not flushed: 0
        "raise SystemExit('bye')",  # a message: printed on stderr, exit 1
        "raise SystemExit(300)",  # the status is taken modulo 256
    ],
)
def test_python_c_ends_with_the_status_and_stderr_of_a_fresh_interpreter(code: str) -> None:
    forked = shtracker_process((), env=ENV, code=code, stdout="/dev/full")
    fresh = shtracker_process((), env=ENV, code=code, stdout="/dev/full", fresh=True)
    assert (fresh.returncode, fresh.stderr) == (forked.returncode, forked.stderr)


def test_stdin_the_folder_and_the_environment_are_the_childs_own(tmp_path: Path) -> None:
    (tmp_path / "targets.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    rows = b"id,year,value\nrd_intensity,2023,4.5\n"
    env = {**ENV, "SHTRACKER_FILE": str(tmp_path / "targets.yaml")}
    done = shtracker_process(("import", "-", "--json"), env=env, cwd=tmp_path, stdin=rows)
    assert 0 == done.returncode, done.stderr
    assert b"4.5" in (tmp_path / "targets.yaml").read_bytes()
    assert os.environ.get("SHTRACKER_FILE") != env["SHTRACKER_FILE"]  # ours is unchanged


def test_a_child_that_kills_itself_ends_with_the_signal() -> None:
    code = "import os, signal; print('x', flush=True); os.kill(os.getpid(), signal.SIGKILL)"
    done = shtracker_process((), env=ENV, code=code)
    assert (-signal.SIGKILL, b"x\n") == (done.returncode, done.stdout)


def test_a_run_whose_start_up_differs_gets_a_fresh_interpreter() -> None:
    def other(name: str) -> dict[str, str]:
        return {**ENV, name: ENV.get(name, "") + "x"}  # differs whatever the session has

    assert ZYGOTE.can_fork({**other("COLUMNS"), **other("NO_COLOR")})  # read as it runs
    assert not ZYGOTE.can_fork(other("PYTHONIOENCODING"))  # read at start-up
    assert not ZYGOTE.can_fork(other("FORCE_COLOR"))  # read by typer at import
    assert not ZYGOTE.can_fork(other("TZ"))  # cached by libc
    assert {"LANG": "C"} == startup_environment({"LANG": "C", "COLUMNS": "80"})


def test_a_lazy_import_of_shtracker_is_the_runs_own(tmp_path: Path) -> None:
    """Only the libraries are imported ahead: a module a command imports as it runs is
    imported by the run, so an import missing from it fails forked as it would fresh."""
    code = "import sys; print('shtracker.render.html_report' in sys.modules)"
    assert b"False\n" == shtracker_process((), env=ENV, code=code).stdout


def test_the_childs_umask_is_the_tests(tmp_path: Path) -> None:
    code = "import os; print(oct(os.umask(0)))"
    old = os.umask(0o077)
    try:
        done = shtracker_process((), env=ENV, code=code)
    finally:
        os.umask(old)
    assert b"0o77\n" == done.stdout


def test_a_nul_in_an_argument_is_refused_as_subprocess_refuses_it() -> None:
    with pytest.raises(ValueError, match="null byte"):
        shtracker_process(("status", "a\0b"), env=ENV)


def test_a_server_that_cannot_start_leaves_the_folder_it_was_asked_from_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "keep.txt").write_text("keep me\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("tests.zygote.SERVER", Path(sys.executable).parent / "no-such-server")
    broken = Zygote()
    with pytest.raises(RuntimeError, match="did not start"):
        broken.spawn(("--version",), env=ENV)
    broken.stop()
    assert ["keep.txt"] == os.listdir(tmp_path)
    assert "keep me\n" == (tmp_path / "keep.txt").read_text()


def test_a_server_found_dead_is_replaced_and_one_dying_mid_run_says_so() -> None:
    own = Zygote()
    try:
        own.can_fork(ENV)  # started
        assert own._server is not None
        own._server.kill()
        own._server.wait()
        assert 0 == own.wait(own.spawn(("--version",), env=ENV)).returncode  # a new server
        child = own.spawn((), env=ENV, code="import time; time.sleep(600)")
        assert own._server is not None
        own._server.kill()
        with pytest.raises(RuntimeError, match="died"):
            own.wait(child)
    finally:
        own.stop()


def test_stopping_the_server_ends_the_children_not_waited_for() -> None:
    own = Zygote()
    child = own.spawn((), env=ENV, code="import time; time.sleep(600)")
    own.stop()
    assert ended(child.pid)


def test_a_forked_copy_of_the_test_process_leaves_the_server_and_its_folder_alone() -> None:
    own = Zygote()
    try:
        own.can_fork(ENV)
        folder = own._folder
        assert folder is not None
        pid = os.fork()
        if pid == 0:  # what an atexit handler would do in a forked copy of this process
            own.stop()
            os._exit(0)
        os.waitpid(pid, 0)
        assert folder.is_dir()
        assert 0 == own.wait(own.spawn(("--version",), env=ENV)).returncode
    finally:
        own.stop()


def test_stopping_a_server_that_was_killed_ends_its_orphaned_children() -> None:
    own = Zygote()
    child = own.spawn((), env=ENV, code="import time; time.sleep(600)")
    assert own._server is not None
    own._server.kill()  # it cannot end its children now
    own._server.wait()
    own.stop()
    assert ended(child.pid)


def ended(pid: int) -> bool:
    """Return whether a process has ended (gone, or a zombie whose parent is gone), waiting
    for a SIGKILL already sent to take effect; the bound is a guard against a hang only."""
    for _ in range(3000):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.01)
    return False

"""Whole `shtracker` processes for the tests, without paying for an interpreter each time.

A test that needs a real process (its own exit code, file descriptors, locks, signals, a
SIGKILL halfway through a write, a crash in C) used to start `python -m shtracker`: about
0.2 s of CPU each, nearly all of it the interpreter starting and importing typer, click,
rich and yaml. The suite starts a few hundred. Here one server process per test worker
imports, once, what every run imports before it parses its options (`shtracker.cli.app`)
and the libraries commands import as they run; each run is then a child forked from it: a
real, separate process with its own fds 0-2 (files the test reads afterwards), working
folder, umask, environment, user, exit status and signals. shtracker's own lazy imports
happen in the child, as in a fresh interpreter. Only the interpreter's start-up is shared.

What a fork cannot reproduce, a run gets from a fresh interpreter instead (`fresh=True`,
or automatically): a run whose environment differs from the server's in anything but the
variables read only while a command runs (`RUNTIME_NAMES`: the width, colour, completion,
the data file, git's). Python reads `PYTHON*`, `LANG` and `LC_*` at start-up, typer reads
`FORCE_COLOR` and `TERMINAL_WIDTH` at import, libc caches `TZ`: all of those start afresh.
Tests about start-up itself (which modules a command imports, the console script) start
their own interpreter. `tests/test_zygote.py` checks that forked and fresh runs of every
command give the same bytes.

What stays different, on purpose: every run of one server shares its hash seed (the
servers of two workers do not); the child's stdin and stdout are files, not pipes; as
another user (`user=`), a child uses the modules the server imported, where a fresh
interpreter would need to read them as that user; a crash's traceback shows the server's
frames above shtracker's.

The server speaks JSON lines on a pipe: `spawn` forks a child and answers its pid, `wait`
waits for one (with a timeout, after which the child is killed). Spawning several before
waiting runs them at once.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SERVER = Path(__file__).resolve()
#: The prefix of the one folder a client makes (and removes) for its children's streams.
FOLDER_PREFIX = "shtracker-zygote-"

#: Environment variables read only while a command runs, never while Python starts or a
#: module is imported: a forked run may set them as it likes.
RUNTIME_NAMES = frozenset(
    {
        "COLUMNS",  # shtracker's console and help
        "LINES",
        "NO_COLOR",
        "TERM",
        "_SHTRACKER_COMPLETE",  # shell completion (read when the app runs)
        "COMP_WORDS",
        "COMP_CWORD",
        "_TYPER_COMPLETE_ARGS",
        "PWD",
        "OLDPWD",
        "PYTEST_CURRENT_TEST",  # pytest changes it for every test
    }
)
RUNTIME_PREFIXES = ("SHTRACKER_", "GIT_")  # the data file; git, run as a subprocess


def startup_environment(env: Mapping[str, str]) -> dict[str, str]:
    """Return the part of an environment that may be read before a command runs."""
    return {
        k: v
        for k, v in env.items()
        if k not in RUNTIME_NAMES and not k.startswith(RUNTIME_PREFIXES)
    }


# -- the server: runs in its own interpreter, never imported by the tests' process ----------

#: Runs whose imports the server makes before it forks: every command's own.
WARM_UP = [
    ["status", "--help"],
    ["status", "--file", "{bundled}"],
    ["status", "--json", "--file", "{bundled}"],
    ["show", "rd_intensity", "--file", "{bundled}"],
    ["report", "-o", "-", "--file", "{bundled}"],
    ["diff", "--help"],
    ["record", "--help"],
]


def _imported_by(runs: list[list[str]]) -> list[str]:  # pragma: no cover - in the server
    """Return the modules that `runs` import, found in a forked child (which then ends)."""
    import runpy

    from shtracker.datafile.locate import bundled_path

    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(reader)
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            before = set(sys.modules)
            for run in runs:
                sys.argv = ["shtracker", *(a.format(bundled=bundled_path()) for a in run)]
                with contextlib.suppress(SystemExit):
                    runpy.run_module("shtracker", run_name="__main__", alter_sys=True)
            os.write(writer, "\n".join(sorted(set(sys.modules) - before)).encode())
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as names:
        found = names.read().decode().split()
    os.waitpid(pid, 0)
    return [name for name in found if name != "__main__"]


def _serve(root: str) -> None:  # pragma: no cover - runs in the server process
    import atexit as exit_handlers
    import importlib
    import runpy
    import traceback

    # The shtracker of the tests' own checkout, whatever else the venv points at.
    sys.path.insert(0, root)
    import shtracker.cli.app  # what every run imports before it parses its options

    if Path(shtracker.__file__).resolve().parent != Path(root, "shtracker").resolve():
        sys.exit(f"tests/zygote.py: imported {shtracker.__file__}, not the one in {root}")
    # What commands import from other packages as they run (Rich's tables, plotext, what
    # typer imports to parse options: pydantic, importlib.metadata, ...): learnt from a
    # child that runs a few, then imported here once. shtracker's own lazy imports are
    # left to each run, as in a fresh interpreter: a missing import there still fails.
    for name in _imported_by(WARM_UP):
        if name.split(".")[0] != "shtracker":
            with contextlib.suppress(ImportError):
                importlib.import_module(name)

    # The pipe to the tests moves off fds 0 and 1, which become /dev/null until a child
    # takes them for its own streams.
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    control = (requests.fileno(), answers.fileno())
    # Every child's streams use what this interpreter chose at its start-up (the encoding and
    # error handler come from the environment, which a child shares: see startup_environment).
    formats = {
        name: (stream.encoding, stream.errors)
        for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))
    }
    # -u or PYTHONUNBUFFERED (which the children share too) made stdout write through.
    buffered = not sys.stdout.write_through

    def stream(fd: int, name: str) -> Any:
        """Build sys.stdin, sys.stdout or sys.stderr as CPython's create_stdio does."""
        try:
            os.fstat(fd)
        except OSError:
            return None  # started without it: CPython sets the stream to None
        encoding, errors = formats[name]
        write = name != "stdin"
        buffering = 0 if write and not buffered else -1  # stdin is always buffered
        binary = open(fd, "wb" if write else "rb", buffering=buffering, closefd=False)  # noqa: SIM115
        raw = binary.raw if buffering else binary
        raw.name = f"<{name}>"
        text = io.TextIOWrapper(
            binary,
            encoding=encoding,
            errors=errors,
            newline="\n",
            line_buffering=buffered and (raw.isatty() or name == "stderr"),
            write_through=not buffered,
        )
        text.mode = "w" if write else "r"
        return text

    def exit_status(error: BaseException | None) -> int:
        """Return the exit status CPython gives an ending `error` (None: it ran to the end)."""
        if error is None:
            return 0
        if isinstance(error, SystemExit):
            code = error.code
            if code is None:
                return 0
            if isinstance(code, int):
                return code & 0xFF
            print(code, file=sys.stderr)
            return 1
        trace = error.__traceback__  # without the server's own frames above the run's
        while trace is not None and trace.tb_frame.f_code.co_filename == __file__:
            trace = trace.tb_next
        sys.excepthook(type(error), error.with_traceback(trace), trace)
        return 1

    def become(request: dict[str, Any]) -> None:
        """Take the request's streams, folder, user and environment, as a process starting."""
        for fd in control:
            os.close(fd)
        # In the order of a shell running `cd DIR && setpriv ... python <IN >OUT 2>ERR`:
        # the streams and the folder first, then the user.
        for fd, path, flags in (
            (0, request["stdin"], os.O_RDONLY),
            (1, request["stdout"], os.O_WRONLY | os.O_TRUNC | os.O_CREAT),  # as `>` does
            (2, request["stderr"], os.O_WRONLY | os.O_TRUNC | os.O_CREAT),
        ):
            if path is None:
                os.close(fd)  # started without it, as `>&-` does
                continue
            opened = os.open(path, flags)
            os.dup2(opened, fd)
            os.close(opened)
        os.chdir(request["cwd"])
        os.umask(request["umask"])
        if request["user"] is not None:  # as setpriv --reuid --regid --clear-groups
            uid, gid = request["user"]
            os.setgroups([])
            os.setresgid(gid, gid, gid)
            os.setresuid(uid, uid, uid)
        os.environ.clear()
        os.environ.update(request["env"])
        sys.stdin = sys.__stdin__ = stream(0, "stdin")
        sys.stdout = sys.__stdout__ = stream(1, "stdout")
        sys.stderr = sys.__stderr__ = stream(2, "stderr")

    def run(request: dict[str, Any]) -> BaseException | None:
        """Run `python -c CODE ARGS` or `python -m shtracker ARGS`; return what ended it."""
        try:
            if request["code"] is not None:
                sys.argv = ["-c", *request["argv"]]
                sys.path[0] = ""
                exec(compile(request["code"], "<string>", "exec"), {"__name__": "__main__"})  # noqa: S102
            else:
                sys.argv = ["shtracker", *request["argv"]]
                sys.path[0] = os.getcwd()
                runpy.run_module("shtracker", run_name="__main__", alter_sys=True)
        except BaseException as ended:
            return ended
        return None

    def finish(status: int, error: BaseException | None) -> int:
        """End as CPython's finalisation does: atexit, then the last flush of stdout and
        stderr (a failure makes the status 120); an interrupt ends by SIGINT."""
        exit_handlers._run_exitfuncs()
        for name in ("stdout", "stderr"):
            out = getattr(sys, name)
            try:
                if out is not None and not out.closed:
                    out.flush()
            except Exception as failed:
                status = 120
                if name == "stdout":  # as PyErr_WriteUnraisable words it
                    with contextlib.suppress(Exception):
                        sys.stderr.write(f"Exception ignored in: {out!r}\n")
                        sys.stderr.writelines(traceback.format_exception_only(failed))
                        sys.stderr.flush()
        if isinstance(error, KeyboardInterrupt):
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        return status

    def child(request: dict[str, Any]) -> None:
        """Become the run the request describes; never returns."""
        try:
            become(request)
            error = run(request)
            status = exit_status(error)
        except BaseException:  # the child could not start: say why, exit 1
            with contextlib.suppress(OSError):
                os.write(2, f"tests/zygote.py: {traceback.format_exc()}".encode())
            os._exit(1)
        try:
            status = finish(status, error)
        finally:
            os._exit(status)

    live: set[int] = set()  # children not yet waited for

    def wait(pid: int, timeout: float) -> dict[str, Any]:
        if pid not in live:
            return {"error": f"no child {pid} of this server to wait for"}
        handle = os.pidfd_open(pid)
        try:
            ready, _, _ = select.select([handle], [], [], timeout)
        finally:
            os.close(handle)
        timed_out = not ready
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, raw = os.waitpid(pid, 0)
        live.discard(pid)
        return {"returncode": os.waitstatus_to_exitcode(raw), "timed_out": timed_out}

    answers.write("ready\n")
    answers.flush()
    try:
        for line in requests:
            request = json.loads(line)
            if request["op"] == "spawn":
                pid = os.fork()
                if pid == 0:
                    child(request)
                live.add(pid)
                answer: dict[str, Any] = {"pid": pid}
            else:
                answer = wait(request["pid"], request["timeout"])
            answers.write(json.dumps(answer) + "\n")
            answers.flush()
    finally:  # the tests are gone: so are the children they did not wait for
        for pid in live:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


# -- the client: used by the tests -------------------------------------------------------


@dataclass
class Child:
    """A run that has been started and not yet waited for."""

    pid: int
    args: list[str]
    folder: Path


class Zygote:
    """One server per test process, started on first use, stopped at the end of the tests
    (conftest) or at exit; a server found dead is replaced."""

    def __init__(self) -> None:
        self._server: subprocess.Popen[str] | None = None
        self._startup: dict[str, str] = {}
        self._folder: Path | None = None  # made with the server, for the children's streams
        self._owner = os.getpid()  # a forked copy of the test process owns nothing of this
        self._runs = 0
        atexit.register(self.stop)

    def _started(self) -> tuple[subprocess.Popen[str], Path]:
        if self._owner != os.getpid():
            raise RuntimeError("the tests' fork server belongs to another process")
        if self._server is None or self._folder is None or self._server.poll() is not None:
            self.stop()
            self._start()
        assert self._server is not None
        assert self._folder is not None
        return self._server, self._folder

    def _start(self) -> None:
        import shtracker

        env = dict(os.environ)
        root = Path(shtracker.__file__).resolve().parent.parent  # the checkout under test
        folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
        try:
            server = subprocess.Popen(
                [sys.executable, str(SERVER), "--serve", str(root)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
                cwd=folder,  # the server never needs the tests' folder
                start_new_session=True,  # one process group: stop() can end it with its children
            )
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._server, self._folder = server, folder
        assert server.stdout is not None
        try:
            ready = server.stdout.readline() == "ready\n"
        except BaseException:
            self.stop()
            raise
        if not ready:
            self.stop()
            raise RuntimeError(f"the tests' fork server did not start (exit {server.poll()})")
        self._startup = startup_environment(env)

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        server, _ = self._started()
        assert server.stdin is not None
        assert server.stdout is not None
        try:
            server.stdin.write(json.dumps(request) + "\n")
            server.stdin.flush()
            answer = server.stdout.readline()
        except OSError:
            answer = ""
        except BaseException:  # an interrupt between question and answer: start again
            self.stop()
            raise
        if not answer:  # the next run starts a new server
            self.stop()
            raise RuntimeError(f"the tests' fork server died (exit {server.poll()})")
        result: dict[str, Any] = json.loads(answer)
        if "error" in result:
            raise RuntimeError(f"the tests' fork server: {result['error']}")
        return result

    def stop(self) -> None:
        """Stop the server (it ends when its pipe closes, killing the children not waited
        for) and remove the children's folder: always the one this client made with
        mkdtemp, never anything else, and only in the process that made it."""
        if self._owner != os.getpid():
            return
        server, folder = self._server, self._folder
        self._server = self._folder = None
        if server is not None:
            for pipe in (server.stdin, server.stdout):
                with contextlib.suppress(OSError):
                    if pipe is not None:
                        pipe.close()
            try:
                server.wait(timeout=30)
            finally:  # whatever is left of its process group: children of a killed server
                with contextlib.suppress(OSError):
                    os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        if folder is not None and folder.name.startswith(FOLDER_PREFIX):
            shutil.rmtree(folder, ignore_errors=True)

    def can_fork(self, env: Mapping[str, str]) -> bool:
        """Tell whether a forked run would start as a fresh interpreter would."""
        self._started()
        return startup_environment(env) == self._startup

    def spawn(
        self,
        args: Sequence[str],
        *,
        env: Mapping[str, str],
        cwd: Path | str | None = None,
        stdin: bytes = b"",
        stdout: str | None = "",
        code: str | None = None,
        user: tuple[int, int] | None = None,
    ) -> Child:
        """Start `python -m shtracker ARGS` (or `python -c CODE ARGS`) in a forked child.

        `stdout` "" captures it, a path (such as /dev/full) is opened in its place, and
        None starts the child without fd 1.
        """
        for text in (*args, *env, *env.values(), str(cwd or "")):
            if "\0" in text:  # as subprocess refuses it
                raise ValueError("embedded null byte")
        _, streams = self._started()
        self._runs += 1
        folder = streams / str(self._runs)
        folder.mkdir()
        (folder / "stdin").write_bytes(stdin)
        paths: dict[str, str | None] = {"stdin": str(folder / "stdin")}
        for name, given in (("stdout", stdout), ("stderr", "")):
            if given == "":
                (folder / name).write_bytes(b"")
                paths[name] = str(folder / name)
            else:
                paths[name] = given
        answer = self._ask(
            {
                "op": "spawn",
                "argv": list(args),
                "env": dict(env),
                "cwd": str(Path(cwd) if cwd is not None else Path.cwd()),
                "code": code,
                "user": list(user) if user is not None else None,
                "umask": current_umask(),
                **paths,
            }
        )
        return Child(answer["pid"], list(args), folder)

    def wait(self, child: Child, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
        """Wait for a child; return its exit status (negative: the signal) and output."""
        answer = self._ask({"op": "wait", "pid": child.pid, "timeout": timeout})
        outputs = []
        for name in ("stdout", "stderr"):
            path = child.folder / name
            outputs.append(path.read_bytes() if path.exists() else b"")
        shutil.rmtree(child.folder, ignore_errors=True)
        if answer["timed_out"]:
            raise subprocess.TimeoutExpired(child.args, timeout, outputs[0], outputs[1])
        return subprocess.CompletedProcess(child.args, answer["returncode"], *outputs)


ZYGOTE = Zygote()


def shtracker_process(
    args: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | str | None = None,
    stdin: bytes = b"",
    stdout: str | None = "",
    code: str | None = None,
    user: tuple[int, int] | None = None,
    timeout: float = 60,
    fresh: bool = False,
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m shtracker ARGS` (or `python -c CODE ARGS`) as a whole process.

    `stdout` "" captures it; a path (such as /dev/full) is opened in its place; None starts
    the process without fd 1, as `>&-` does. The run is forked from the server when it starts
    as a fresh interpreter would; it is a fresh interpreter otherwise, or when `fresh` is set.
    """
    environment = dict(os.environ if env is None else env)
    if fresh or not ZYGOTE.can_fork(environment):
        return _fresh(args, environment, cwd, stdin, stdout, code, user, timeout)
    child = ZYGOTE.spawn(
        args, env=environment, cwd=cwd, stdin=stdin, stdout=stdout, code=code, user=user
    )
    return ZYGOTE.wait(child, timeout)


def _fresh(
    args: Sequence[str],
    env: dict[str, str],
    cwd: Path | str | None,
    stdin: bytes,
    stdout: str | None,
    code: str | None,
    user: tuple[int, int] | None,
    timeout: float,
) -> subprocess.CompletedProcess[bytes]:
    """Run in a fresh interpreter, with the same streams as a forked run would have."""
    command = ["-c", code] if code is not None else ["-m", "shtracker"]
    prefix = [] if user is None else setpriv(user)
    with contextlib.ExitStack() as stack:
        out: Any = subprocess.PIPE
        if stdout:
            out = stack.enter_context(open(stdout, "wb"))
        done = subprocess.run(
            [*prefix, sys.executable, *command, *args],
            input=stdin,
            stdout=out,
            stderr=subprocess.PIPE,
            env=env,
            cwd=cwd,
            timeout=timeout,
            check=False,
            preexec_fn=(lambda: os.close(1)) if stdout is None else None,
        )
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout or b"", done.stderr)


def current_umask() -> int:
    """Return this process's umask (reading it means setting it: set it back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def setpriv(user: tuple[int, int]) -> list[str]:
    """Return the command prefix that runs a program as `user` (uid, gid)."""
    uid, gid = user
    return ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]


if __name__ == "__main__" and sys.argv[1:2] == ["--serve"] and len(sys.argv) == 3:
    _serve(sys.argv[2])

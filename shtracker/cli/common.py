"""What every command shares: stdout and stderr, errors and exit codes, the data file."""

from __future__ import annotations

import datetime
import errno
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import typer

from shtracker.core.assess import Assessment
from shtracker.core.errors import ShtrackerError, UnknownIdError
from shtracker.core.model import Period, Plan
from shtracker.datafile.locate import DataFile, locate


def say(message: str) -> None:
    """Print one line for people on stderr."""
    from shtracker.render.safe_text import printable

    sys.stderr.write(f"shtracker: {printable(message)}\n")


class _Output:
    """What happened to stdout in this run: None, or why it could not be written."""

    failed: str | None = None


def _stdout_to_devnull() -> None:
    """Point fd 1 at /dev/null, so that nothing left in a buffer fails again at exit."""
    null = os.open(os.devnull, os.O_WRONLY)
    with suppress(OSError):
        os.dup2(null, 1)
    if null != 1:
        os.close(null)


@contextmanager
def output() -> Iterator[None]:
    """Write results; a reader that left (`| head`) ends them silently, a full or closed
    stdout with one line on stderr, and either way the command goes on to its exit code."""
    try:
        yield
    except BrokenPipeError:
        _Output.failed = _Output.failed or ""
        _stdout_to_devnull()
    except OSError as exc:
        if _Output.failed is None:
            say(f"cannot write the output: {exc.strerror or exc}")
        _Output.failed = exc.strerror or str(exc)
        _stdout_to_devnull()


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn the project's errors into one-line messages and exit codes.

    A full or closed stdout exits 1 (after one line on stderr), a reader that left a
    pipe exits 0 silently, unless an error or `--fail-on` decides the code.
    """
    _Output.failed = None
    try:
        with output():
            yield
    except ShtrackerError as exc:
        for line in exc.lines():
            sys.stderr.write(f"{line}\n")
        raise typer.Exit(exc.exit_code) from None
    if _Output.failed:
        raise typer.Exit(1)


def this_year() -> int:
    """Return the current calendar year."""
    return datetime.date.today().year


def as_of_year(as_of: int | None) -> int:
    """Return the year `--as-of` names, this year by default."""
    return as_of if as_of is not None else this_year()


def open_plan(option: str | None) -> tuple[DataFile, Plan]:
    """Return the data file in use and its plan; say so when it is the bundled copy."""
    from shtracker.datafile.reader import load_plan

    data_file = locate(option)
    if data_file.bundled:
        say(
            "no ./targets.yaml here: using the bundled Shanghai data (read-only); "
            "`shtracker init` writes an editable copy"
        )
    return data_file, load_plan(data_file.path)


def pick(plan: Plan, ids: list[str] | None) -> list[str]:
    """Return the ids asked for (all by default), refusing unknown ones with suggestions."""
    if not ids:
        return [i.id for i in plan.indicators]
    from shtracker.core.errors import unknown as unknown_message

    unknown = [i for i in ids if i not in plan.by_id]
    if unknown:
        hints = "; ".join(unknown_message("indicator", u, plan.by_id) for u in unknown)
        raise UnknownIdError(hints)
    return list(dict.fromkeys(ids))


def chosen_period(plan: Plan, option: str | None, as_of: int) -> Period:
    """Return the period `--period` names, else the one in force as of the year."""
    from shtracker.core.periods import find_period, period_in_force, periods_of

    return find_period(plan, option) if option else period_in_force(periods_of(plan), as_of)


def assess_ids(
    plan: Plan, ids: list[str], period: Period, as_of: int, named: bool
) -> list[Assessment]:
    """Return the assessments in `period` of the ids that have a target there.

    An id the user named (`named`) without a target in the period is refused.
    """
    from shtracker.core.periods import assess_in_period, periods_with_target

    found = []
    for ident in ids:
        a = assess_in_period(plan.by_id[ident], period, as_of)
        if a is not None:
            found.append(a)
        elif named:
            has = ", ".join(p.id for p in periods_with_target(plan.by_id[ident], plan))
            raise UnknownIdError(
                f"indicator '{ident}' has no target in period '{period.id}' (it has: {has})"
            )
    return found


def other_periods(
    plan: Plan, ids: list[str], shown: Period, as_of: int
) -> list[tuple[Period, list[Assessment]]]:
    """Return every declared period but the one shown, with its assessments of `ids`."""
    return [(p, assess_ids(plan, ids, p, as_of, named=False)) for p in plan.periods if p != shown]


def indicator_story(
    plan: Plan, ident: str, option: str | None, as_of: int
) -> tuple[Period, Assessment, list[tuple[Period, Assessment]]]:
    """Return the period `show` shows (`--period`, else the one in force among those the
    indicator has a target in), the assessment there, and the assessment in each period.
    """
    from shtracker.core.periods import assess_in_period, period_in_force, periods_with_target

    mine = periods_with_target(plan.by_id[ident], plan)
    period = chosen_period(plan, option, as_of) if option else period_in_force(mine, as_of)
    shown = assess_ids(plan, [ident], period, as_of, named=True)[0]
    stories = [  # the period shown is assessed once
        (p, shown if p == period else assess_in_period(plan.by_id[ident], p, as_of)) for p in mine
    ]
    return period, shown, [(p, a) for p, a in stories if a is not None]


def write(text: str) -> None:
    """Write a result on stdout, ending with one newline."""
    if _Output.failed is not None:
        return  # said once already
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def write_bytes(data: bytes, destination: str) -> None:
    """Write a whole document to stdout (`-`) or, atomically, to the file named."""
    if destination == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from shtracker.datafile.writer import write_new

    write_new(destination, data, overwrite=True)


class ClosedStream(io.TextIOBase):
    """Stands for a stdout the program was started without (`>&-`): every write fails."""

    def write(self, text: str) -> int:
        """Refuse, as writing to a closed file descriptor does."""
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        """Return False: no terminal."""
        return False


def guard_standard_streams() -> None:
    """Keep fds 0-2 taken, so that no file this run opens becomes its stdout or stderr."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            if name == "stdout":
                sys.stdout = ClosedStream()
            elif name == "stderr":
                sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the run

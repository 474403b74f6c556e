"""What every command shares: stdout and stderr, errors and exit codes, the data file."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from shtracker.core.errors import ShtrackerError, UnknownIdError
from shtracker.core.model import Plan
from shtracker.datafile.locate import DataFile, locate


def say(message: str) -> None:
    """Print one line for people on stderr."""
    from shtracker.render.safe_text import printable

    sys.stderr.write(f"shtracker: {printable(message)}\n")


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn the project's errors into one-line messages and exit codes."""
    try:
        yield
    except ShtrackerError as exc:
        for line in exc.lines():
            sys.stderr.write(f"{line}\n")
        raise typer.Exit(exc.exit_code) from None
    except BrokenPipeError:  # `shtracker status | head`: the reader left
        sys.stderr.close()
        raise typer.Exit(0) from None


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


def write(text: str) -> None:
    """Write a result on stdout, ending with one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()

"""What every command shares: stdout and stderr, errors and exit codes, the data file."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from shtracker.core.assess import Assessment
from shtracker.core.errors import ShtrackerError, UnknownIdError
from shtracker.core.model import Period, Plan
from shtracker.datafile.locate import DataFile, locate


def say(message: str) -> None:
    """Print one line for people on stderr."""
    sys.stderr.write(f"shtracker: {message}\n")


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
    stories = [(p, assess_in_period(plan.by_id[ident], p, as_of)) for p in mine]
    return period, shown, [(p, a) for p, a in stories if a is not None]


def write(text: str) -> None:
    """Write a result on stdout, ending with one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()

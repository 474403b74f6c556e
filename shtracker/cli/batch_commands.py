"""The commands of a communiqué day: `import` a CSV of new figures, and `diff` what changed.

Registered on the app in cli/app.py; thin like the others: parse, call, render.
"""

import enum
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from shtracker.cli.app import app
from shtracker.cli.common import reported_errors, say, this_year, write
from shtracker.cli.helptext import ReadableCommand
from shtracker.cli.params import (
    AsOfOption,
    ChangesJsonOption,
    Color,
    ColorOption,
    DryRunOption,
    FileOption,
    NoColorOption,
)
from shtracker.core.errors import ShtrackerError, UsageError
from shtracker.datafile.locate import locate

if TYPE_CHECKING:
    from shtracker.core.compare import Comparison
    from shtracker.core.model import Period, Plan, Status

#: More rows than this, and stderr a terminal: a progress bar while the rows go in.
PROGRESS_ROWS = 300


def _csv_text(source: str) -> tuple[str, str]:
    """Return the name to show for a CSV and its text (`-` reads stdin)."""
    from shtracker.datafile.reader import MAX_BYTES, read_bytes, refuse_large
    from shtracker.record.csvrows import decode_csv

    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        refuse_large("stdin", len(data))
        return "stdin", decode_csv(data, "stdin")
    return source, decode_csv(read_bytes(source, source), source)


@contextmanager
def _progress_bar(rows: int) -> Iterator[Callable[[int], None]]:
    """Yield a callback showing rows done on stderr, when there are many and it is a terminal."""
    if rows <= PROGRESS_ROWS or not sys.stderr.isatty():
        yield lambda _done: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("importing rows", total=rows)
        yield lambda done: progress.update(task, completed=done)


@app.command(
    "import",
    cls=ReadableCommand,
    short_help="Import a CSV of reported figures in one go: every row lands, or none does.",
)
def import_csv(
    csv_file: Annotated[
        str, typer.Argument(metavar="CSV", help="CSV file of new figures, or - for stdin.")
    ],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Each row replaces its year's reports (as in record)."),
    ] = False,
    dry_run: DryRunOption = False,
    json_flag: ChangesJsonOption = False,
    file: FileOption = None,
) -> None:
    """Import a CSV of reported figures in one go: every row lands, or none does.

    Columns: id,year,value, then optional quality,source,note,reported, in any
    order; the header is required. Rows already in the file change nothing.

    \b
    Example:
      shtracker import communique-2025.csv --dry-run
    """
    with reported_errors():
        from shtracker.core.periods import assess_in_force
        from shtracker.record.batch import import_file
        from shtracker.record.csvrows import read_rows

        now = this_year()
        name, text = _csv_text(csv_file)
        batch = read_rows(text, name, now)
        data_file = locate(file)
        if data_file.bundled:
            raise ShtrackerError(
                "no ./targets.yaml here: the bundled data is read-only; "
                "run `shtracker init` to write an editable copy, or pass --file"
            )
        with _progress_bar(len(batch.rows)) as progress:
            result = import_file(data_file.path, batch, replace, dry_run, progress)
        before, after = result.before, result.after
        moves = [  # in the period in force, as `record` says it
            (
                assess_in_force(before.by_id[i], before.periods, now),
                assess_in_force(after.by_id[i], after.periods, now),
            )
            for i in result.changed_ids()
        ]
        if json_flag:
            from shtracker.render.documents.edits import import_document
            from shtracker.render.documents.status import to_json

            write(to_json(import_document(result, name, now, moves, dry_run)))
        elif dry_run and result.new_text != result.old_text:
            sys.stdout.write(result.diff())
        from shtracker.render.messages import imported_lines

        statuses = [(b.indicator.id, b.status, a.status) for b, a in moves]
        first, *moved = imported_lines(result, statuses, dry_run)
        say(first)
        sys.stderr.write("".join(f"{line}\n" for line in moved))


class DiffFormat(str, enum.Enum):
    """Output formats of `diff`."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


@dataclass(frozen=True, slots=True)
class Side:
    """One state `diff` compares: the file's text, where it came from, and the as-of year."""

    label: str  # "HEAD~1:targets.yaml", or the path of the working file
    revision: str | None
    text: str
    as_of: int


def _in_force(plan: "Plan", as_of: int) -> "Period | None":
    """Return the declared period in force as of a year (None for a file without periods)."""
    from shtracker.core.periods import period_in_force

    return period_in_force(plan.periods, as_of) if plan.periods else None


def _sides(rev: str | None, path: str, from_as_of: int | None, as_of: int) -> tuple[Side, Side]:
    """Return the state before and the state after."""
    from shtracker.datafile.git import file_at, revisions
    from shtracker.datafile.reader import read_text

    old_rev, new_rev = revisions(rev) if rev is not None else (None, None)
    old_as_of = from_as_of if from_as_of is not None else as_of
    if old_rev is None:
        text = read_text(path)
        return Side(path, None, text, old_as_of), Side(path, None, text, as_of)
    old_label, old_text = file_at(old_rev, path)
    old = Side(old_label, old_rev, old_text, old_as_of)
    if new_rev is None:
        return old, Side(path, None, read_text(path), as_of)
    new_label, new_text = file_at(new_rev, path)
    return old, Side(new_label, new_rev, new_text, as_of)


@app.command(
    cls=ReadableCommand,
    short_help="Show what changed between two revisions or two as-of years: statuses, reports.",
)
def diff(
    rev: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Argument(
            metavar="REV",
            help="A git revision (compared with the working file), or REV..REV.",
        ),
    ] = None,
    from_as_of: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--from-as-of", metavar="YEAR", min=1000, max=9999, help="Compare from this as-of year."
        ),
    ] = None,
    as_of: AsOfOption = None,
    json_flag: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    output: Annotated[
        DiffFormat, typer.Option("--format", help="Output format.")
    ] = DiffFormat.TABLE,
    fail_on: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--fail-on",
            metavar="STATUS[,STATUS...]",
            help="After the output, exit 3 if an indicator moved into one of these statuses.",
        ),
    ] = None,
    file: FileOption = None,
    color: ColorOption = Color.AUTO,
    no_color: NoColorOption = False,
) -> None:
    """Show what changed: statuses, reports, targets, progress and pace, per indicator.

    Compares the data file at a git revision with the working file (REV), two
    revisions (REV..REV), or one file at two as-of years (--from-as-of).

    \b
    Example:
      shtracker diff HEAD --format markdown --fail-on missed
    """
    with reported_errors():
        from shtracker.cli.common import as_of_year
        from shtracker.cli.options import parse_statuses
        from shtracker.core.compare import compare
        from shtracker.datafile.reader import parse_plan

        failing = parse_statuses(fail_on, "--fail-on")
        if rev is None and from_as_of is None:
            raise UsageError("give a revision to compare with (diff HEAD) or --from-as-of YEAR")
        path = locate(file).path
        year = as_of_year(as_of)
        before, after = _sides(rev, path, from_as_of, year)
        old_plan, new_plan = (parse_plan(s.text, s.label) for s in (before, after))
        comparison = compare(old_plan, before.as_of, new_plan, after.as_of)
        # Each side is assessed in its period in force: say which, so a switch is visible.
        periods = [_in_force(p, s.as_of) for p, s in ((old_plan, before), (new_plan, after))]
        labels = [
            f"{s.label} (as of {s.as_of}{'' if p is None else f', {p.name}'})"
            for s, p in zip((before, after), periods, strict=True)
        ]
        fmt = DiffFormat.JSON if json_flag else output
        if fmt is DiffFormat.JSON:
            from shtracker.render.documents.diff import diff_document
            from shtracker.render.documents.shapes import SideDoc
            from shtracker.render.documents.status import to_json

            old, new = (
                SideDoc(
                    file=s.label,
                    revision=s.revision,
                    as_of=s.as_of,
                    period=None if p is None else p.id,
                )
                for s, p in zip((before, after), periods, strict=True)
            )
            write(to_json(diff_document(comparison, old, new)))
        elif fmt is DiffFormat.MARKDOWN:
            from shtracker.render.diff_view import diff_markdown

            write(diff_markdown(comparison, labels[0], labels[1]))
        else:
            from shtracker.render.diff_table import print_diff

            colour = Color.NEVER.value if no_color else color.value
            print_diff(comparison, labels[0], labels[1], color=colour)
        _check_moved_into(comparison, failing)


def _check_moved_into(comparison: "Comparison", failing: "set[Status]") -> None:
    """Raise FailOnStatusError (exit 3) when an indicator moved into a status of `failing`."""
    from shtracker.core.errors import FailOnStatusError

    hits = comparison.moved_into(failing)
    if hits:
        listed = ", ".join(
            f"{c.id} ({c.status_before.value if c.status_before else 'new'} -> "
            f"{c.status_after.value if c.status_after else ''})"
            for c in hits
        )
        raise FailOnStatusError(
            f"--fail-on: {len(hits)} indicator{'s' if len(hits) > 1 else ''} "
            f"moved into a status asked for: {listed}"
        )

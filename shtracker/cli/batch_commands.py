"""The commands of a communiqué day: `import` a CSV of new figures, and `diff` what changed.

Registered on the app in cli/app.py; thin like the others: parse, call, render.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from shtracker.cli.app import FileOption, app
from shtracker.cli.common import reported_errors, say, this_year, write
from shtracker.core.errors import ShtrackerError
from shtracker.datafile.locate import locate

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


@app.command("import")
def import_csv(
    csv_file: Annotated[
        str, typer.Argument(metavar="FILE.csv", help="CSV of new figures, or - for stdin.")
    ],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Each row replaces its year's reports (as in record)."),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the diff on stdout; write nothing.")
    ] = False,
    json_flag: Annotated[bool, typer.Option("--json", help="Print what changed as JSON.")] = False,
    file: FileOption = None,
) -> None:
    """Import a CSV of reported figures in one go: every row lands, or none does.

    Columns: id,year,value, then optional quality,source,note,reported, in any
    order; the header is required. Rows already in the file change nothing.

    Example: shtracker import communique-2025.csv --dry-run
    """
    with reported_errors():
        from shtracker.core.assess import assess
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
        moves = [
            (assess(result.before.by_id[i], now), assess(result.after.by_id[i], now))
            for i in result.changed_ids()
        ]
        if json_flag:
            from shtracker.render.documents import import_document, to_json

            write(to_json(import_document(result, name, now, moves, dry_run)))
        elif dry_run and result.new_text != result.old_text:
            sys.stdout.write(result.diff())
        from shtracker.render.messages import imported_lines

        statuses = [(b.indicator.id, b.status, a.status) for b, a in moves]
        first, *moved = imported_lines(result, statuses, dry_run)
        say(first)
        sys.stderr.write("".join(f"{line}\n" for line in moved))

"""The commands that write the data file: `record` one figure, `init` an editable copy.

Registered on the app in cli/app.py; thin like the others: parse, call, render.
"""

import sys
from typing import Annotated, Optional

import typer

from shtracker.cli.app import app
from shtracker.cli.common import reported_errors, say, this_year, write
from shtracker.cli.helptext import ReadableCommand
from shtracker.cli.params import (
    ChangesJsonOption,
    DryRunOption,
    FileOption,
    complete_ids,
    complete_qualities,
)
from shtracker.core.errors import ShtrackerError
from shtracker.datafile.locate import locate


@app.command(
    cls=ReadableCommand,
    short_help="Record a reported figure, changing only the lines it must.",
    context_settings={"ignore_unknown_options": True},  # VALUE may be -3.5
)
def record(
    indicator: Annotated[
        str, typer.Argument(metavar="ID", help="Indicator id.", autocompletion=complete_ids)
    ],
    year: Annotated[str, typer.Argument(metavar="YEAR", help="The year the figure is for.")],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="A plain decimal number: 4.52, 26000, -3.5.")
    ],
    quality: Annotated[
        str,
        typer.Option(
            "--quality",
            metavar="QUALITY",
            help="final, preliminary, estimate or partial.",
            autocompletion=complete_qualities,
        ),
    ] = "final",
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--source", metavar="TEXT", help="Where the figure was published."),
    ] = None,
    note: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--note", metavar="TEXT", help="Anything a reader should know."),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the year's reports instead of adding one.")
    ] = False,
    dry_run: DryRunOption = False,
    json_flag: ChangesJsonOption = False,
    file: FileOption = None,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            metavar="SECONDS",
            min=0,
            max=86400,
            help="Wait this long for another record's lock, then exit 4.",
        ),
    ] = 10.0,
) -> None:
    """Record a reported figure; only the lines that must change in the file change.

    A year that already has reports gets one more (the revision history stays);
    --replace replaces them. A negative VALUE works as is, or after `--`.

    \b
    Example:
      shtracker record rd_intensity 2025 4.52 --quality preliminary --source "..."
    """
    with reported_errors():
        from shtracker.core.periods import assess_in_force
        from shtracker.record.apply import record_file
        from shtracker.record.request import new_report

        now = this_year()
        new = new_report(year, value, quality, source, note, now)
        data_file = locate(file)
        if data_file.bundled:
            raise ShtrackerError(
                "no ./targets.yaml here: the bundled data is read-only; "
                "run `shtracker init` to write an editable copy, or pass --file"
            )
        result = record_file(data_file.path, indicator, new, replace, dry_run, wait, say)
        before = assess_in_force(result.before, result.periods, now)
        after = assess_in_force(result.after, result.periods, now)
        from shtracker.record.plausibility import plausibility_warnings
        from shtracker.render.messages import recorded_sentence

        for warning in (
            [] if result.already else plausibility_warnings(result.before, result.report)
        ):
            say(warning)
        # First on stderr: a stdout that fails next cannot make a landed record look failed.
        say(recorded_sentence(result, before.status, after.status, dry_run))
        if json_flag:
            from shtracker.render.documents.edits import record_document
            from shtracker.render.documents.status import to_json

            write(to_json(record_document(result, before, after, dry_run)))
        elif dry_run:
            sys.stdout.write(result.diff())
            sys.stdout.flush()


@app.command(
    cls=ReadableCommand,
    short_help="Write an editable copy of the bundled Shanghai data to ./targets.yaml (or PATH).",
)
def init(
    path: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="PATH", help="File or folder/ to write to [default: ./targets.yaml]."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write an editable copy of the bundled Shanghai data to ./targets.yaml (or PATH).

    PATH/ (with a slash) is a folder, created when missing: PATH/targets.yaml is written.

    \b
    Example:
      shtracker init && shtracker record rd_intensity 2025 4.52
    """
    from shtracker.datafile.locate import LOCAL_NAME, bundled_path, init_target
    from shtracker.datafile.writer import write_new

    with reported_errors():
        target = init_target(path or LOCAL_NAME)
        with open(bundled_path(), "rb") as handle:
            write_new(target, handle.read(), overwrite=force)
        say(f"wrote {target}, a copy of the bundled Shanghai data; edit it, or `shtracker record`")

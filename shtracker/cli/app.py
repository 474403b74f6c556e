"""The command line: parse options, call the core, hand results to a renderer.

Rich is imported only by the renderers that draw for people, so the JSON and
CSV paths start fast. The modules that define commands (this one, edit_commands,
batch_commands) keep their annotations as objects, without `from __future__ import
annotations`: typer reads every command's signature on every run, and string annotations
cost it an `eval` each, 20 of the 30 ms it took to build the commands (docs/performance.md).
"""

import gc
import io
import sys
from typing import Annotated, Optional

import typer

from shtracker import __version__
from shtracker.cli.common import (
    as_of_year,
    guard_standard_streams,
    open_plan,
    pick,
    reported_errors,
    say,
    this_year,
    write,
    write_bytes,
)
from shtracker.cli.common import output as stdout_output
from shtracker.cli.helptext import CONTEXT_SETTINGS, ReadableCommand
from shtracker.cli.params import (
    STATUS_WORDS,
    AsOfOption,
    Color,
    ColorOption,
    FileOption,
    Format,
    GroupsOption,
    NoColorOption,
    PeriodOption,
    StatusesOption,
    complete_ids,
    complete_statuses,
)

app = typer.Typer(
    name="shtracker",
    help="Track a plan's targets against what was actually reported.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=True,
    rich_markup_mode=None,  # usage errors as one plain `Error: ...` line, never a wrapped box
    context_settings=CONTEXT_SETTINGS,
)


@app.command(
    cls=ReadableCommand,
    short_help="Show progress and status of every indicator (or of the ids given).",
)
def status(
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID", help="Indicator ids (default: all).", autocompletion=complete_ids
        ),
    ] = None,
    as_of: AsOfOption = None,
    period_id: PeriodOption = None,
    json_flag: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    output: Annotated[
        Optional[Format],  # noqa: UP045
        typer.Option("--format", help="Output format [default: table]."),
    ] = None,
    file: FileOption = None,
    color: ColorOption = Color.AUTO,
    no_color: NoColorOption = False,
    only: StatusesOption = None,
    group: GroupsOption = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS[,STATUS...]",
            help="After the output, exit 3 if an indicator shown has one of these statuses: "
            f"{STATUS_WORDS}.",
            autocompletion=complete_statuses,
        ),
    ] = None,
) -> None:
    """Show progress and status of every indicator (or of the ids given).

    \b
    Example:
      shtracker status --as-of 2024 --period fyp14 --fail-on behind,far_behind,regressing
    """
    from shtracker.cli import options as filters

    with reported_errors():
        chosen = filters.output_format(json_flag, output and output.value)
        failing = filters.parse_statuses(fail_on, "--fail-on")
        # Only the formats for people have a line for each other period.
        people = chosen in (Format.TABLE.value, Format.MARKDOWN.value)
        s = filters.shown(file, ids, period_id, as_of, only, group, with_others=people)
        from shtracker.cli.output import print_status_as

        with stdout_output():  # whatever happens to stdout, --fail-on decides the exit code
            print_status_as(
                chosen,
                s.path,
                s.plan,
                s.as_of,
                s.assessments,
                _color(color, no_color),
                s.period,
                s.others,
            )
        filters.check_fail_on(s.assessments, failing)


def _color(color: Color, no_color: bool) -> str:
    return Color.NEVER.value if no_color else color.value


@app.command(
    cls=ReadableCommand,
    short_help="Show the story behind one indicator: every report and source, the path, a chart.",
)
def show(
    indicator: Annotated[
        str, typer.Argument(metavar="ID", help="Indicator id.", autocompletion=complete_ids)
    ],
    as_of: AsOfOption = None,
    period_id: PeriodOption = None,
    json_flag: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    file: FileOption = None,
    color: ColorOption = Color.AUTO,
    no_color: NoColorOption = False,
) -> None:
    """Show the story behind one indicator: every report and source, each period, a chart.

    \b
    Example:
      shtracker show rd_intensity --as-of 2026 --period fyp15
    """
    from shtracker.cli.common import indicator_story

    with reported_errors():
        data_file, plan = open_plan(file)
        year = as_of_year(as_of)
        ident = pick(plan, [indicator])[0]
        period, assessment, stories = indicator_story(plan, ident, period_id, year)
        if json_flag:
            from shtracker.render.documents.show import show_document
            from shtracker.render.documents.status import to_json

            document = show_document(assessment, data_file.path, period, stories)
            write(to_json(document))
            return
        from shtracker.render.show_page import print_show

        print_show(assessment, color=_color(color, no_color), period=period, stories=stories)


@app.command(
    cls=ReadableCommand,
    short_help="Write one self-contained HTML page: a card and a chart per indicator.",
)
def report(
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Where to write the page; - for stdout."
        ),
    ] = "report.html",
    as_of: AsOfOption = None,
    period_id: PeriodOption = None,
    file: FileOption = None,
    only: StatusesOption = None,
    group: GroupsOption = None,
) -> None:
    """Write one self-contained HTML page: a card and a chart per indicator.

    \b
    Example:
      shtracker report --as-of 2026 --period fyp15 -o report.html
    """
    import os

    from shtracker.cli import options as filters

    with reported_errors():
        s = filters.shown(file, None, period_id, as_of, only, group)
        from shtracker.render.html_report import report_html, report_periods

        periods = report_periods(s.plan, s.period, s.others)
        name = os.path.basename(s.path)
        page = report_html(s.plan, s.as_of, s.assessments, periods, name).encode("utf-8")
        write_bytes(page, output)
        if output != "-":
            say(f"wrote {output}: {len(s.assessments)} indicators, {len(page):,} bytes")


@app.command(
    cls=ReadableCommand,
    short_help="Validate the data file: every problem with file:line:column, then its warnings.",
)
def check(
    file: FileOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only problems: no warnings, no summary.")
    ] = False,
) -> None:
    """Validate the data file: every problem (exit 1), else its warnings and one summary line.

    Problems and warnings go to stderr with file:line where they have one; the
    summary line goes to stdout.

    \b
    Example:
      shtracker check --file targets.yaml
    """
    from shtracker.render.formatting import check_warning_lines
    from shtracker.render.safe_text import printable

    with reported_errors():
        data_file, plan = open_plan(file)
        reports = sum(len(i.actuals) for i in plan.indicators)
        lines = check_warning_lines(plan, data_file.path, this_year())
        if quiet:
            return
        for line in lines:
            sys.stderr.write(f"warning: {printable(line)}\n")
        write(
            f"{printable(data_file.path)}: ok: {len(plan.indicators)} indicators, "
            f"{reports} reports, {len(lines)} warnings"
        )


def _version(value: bool) -> None:
    if value:
        with reported_errors():
            write(f"shtracker {__version__}")
        raise typer.Exit


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Track a plan's targets against what was actually reported."""


def main() -> None:
    """Run the command line."""
    if isinstance(sys.stdout, io.TextIOWrapper):  # a file name that is not UTF-8, in JSON
        sys.stdout.reconfigure(errors="backslashreplace")
    # A run is short and its objects hold no cycles worth collecting: reference
    # counting frees them. The cyclic collector would re-scan the objects built from
    # the YAML as they pile up (6 of the 10 s of `status` on 10,000 indicators), and
    # at exit everything the imports made (20 ms of a 140 ms run): so it is off, and
    # what is left at exit is frozen, out of the last collection's way.
    gc.disable()
    guard_standard_streams()
    try:
        app()
    finally:
        gc.freeze()


# The commands of a communiqué day live in their own module; importing it registers them.
from shtracker.cli import batch_commands, edit_commands  # noqa: E402, F401

"""What several commands share in their signatures: options, their words, and completion."""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import typer

from shtracker.core.model import Quality, Status

#: Words of the status names, as `--status` and `--fail-on` accept them.
STATUS_WORDS = ", ".join(s.value for s in Status)


class Format(str, enum.Enum):
    """Output formats of `status`."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    MARKDOWN_TABLE = "markdown-table"


class Color(str, enum.Enum):
    """When to colour the output for people."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


FileOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Option(
        "--file",
        "-f",
        metavar="PATH",
        help="Data file (default: $SHTRACKER_FILE, ./targets.yaml, else the bundled one).",
    ),
]
AsOfOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--as-of",
        metavar="YEAR",
        min=1000,
        max=9999,
        help="Assess as of this year; later reports are ignored. [default: this year]",
    ),
]


def complete_periods(ctx: typer.Context, incomplete: str) -> list[str]:
    """Return the period ids of the file in use that complete what was typed."""
    from shtracker.cli.complete import matching_periods

    file = ctx.params.get("file")
    return matching_periods(file if isinstance(file, str) else None, incomplete)


PeriodOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--period",
        metavar="ID",
        help="Assess against this period's targets. [default: the period in force as of the year]",
        autocompletion=complete_periods,
    ),
]


def _file_typed(ctx: typer.Context) -> str | None:
    file = ctx.params.get("file")
    return file if isinstance(file, str) else None


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Return the indicator ids that complete what was typed (shell completion)."""
    from shtracker.cli.complete import matching_ids

    return matching_ids(_file_typed(ctx), incomplete)


def complete_groups(ctx: typer.Context, incomplete: str) -> list[str]:
    """Return the group names of the file in use that complete what was typed."""
    from shtracker.cli.complete import matching_groups

    return matching_groups(_file_typed(ctx), incomplete)


def complete_statuses(incomplete: str) -> list[str]:
    """Return the status names that complete the last name of a comma-separated list."""
    from shtracker.cli.complete import matching_words

    return matching_words([s.value for s in Status], incomplete)


def complete_qualities(incomplete: str) -> list[str]:
    """Return the qualities that complete what was typed."""
    from shtracker.cli.complete import matching_words

    return matching_words([q.value for q in Quality], incomplete)


ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        help="Colour: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always, never.",
    ),
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="Same as --color never.")]

StatusesOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--status",
        metavar="STATUS",
        help=f"Show only these statuses (repeatable, or a list): {STATUS_WORDS}.",
        autocompletion=complete_statuses,
    ),
]
GroupsOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--group",
        metavar="GROUP",
        help="Show only these groups (repeatable, or a list; any case).",
        autocompletion=complete_groups,
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the diff on stdout; write nothing.")
]
ChangesJsonOption = Annotated[bool, typer.Option("--json", help="Print what changed as JSON.")]

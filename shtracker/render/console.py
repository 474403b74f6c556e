"""Consoles for people: when to colour (`--color`, NO_COLOR, FORCE_COLOR), and clean lines.

Only the renderers that draw for people import this module, and with it Rich.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from rich.console import Console

from shtracker.core.model import Status

#: One colour per status, for its label and its progress bar alike.
STATUS_COLOR = {
    Status.MET: "green",
    Status.ACHIEVED: "green",
    Status.ON_TRACK: "green",
    Status.BEHIND: "yellow",
    Status.FAR_BEHIND: "red",
    Status.REGRESSING: "red",
    Status.MISSED: "red",
    Status.INSUFFICIENT_DATA: "bright_black",
    Status.NO_DATA: "bright_black",
}
STATUS_STYLE = {
    s: f"bold {color}" if s in (Status.MET, Status.REGRESSING, Status.MISSED) else color
    for s, color in STATUS_COLOR.items()
}


def wants_color(stream: IO[str], color: str = "auto") -> bool:
    """Return whether to colour: `--color`, then NO_COLOR, FORCE_COLOR, TERM=dumb, a terminal.

    NO_COLOR (no-color.org) and FORCE_COLOR (force-color.org) count when set and not
    empty; CLICOLOR_FORCE when set and not "0". `--color always|never` overrides them.
    """
    if color != "auto":
        return color == "always"
    env = os.environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR") or env.get("CLICOLOR_FORCE", "0") != "0":
        return True
    if env.get("TERM") == "dumb":
        return False
    return stream.isatty()


def make_console(stream: IO[str] | None = None, color: str = "auto") -> Console:
    """Return a console for `stream` that colours only when `wants_color` says so."""
    out = stream or sys.stdout
    colored = wants_color(out, color)
    columns = os.environ.get("COLUMNS", "").strip()
    environ = dict(os.environ)
    if columns.lstrip("-").isdigit() and int(columns) <= 0:  # as if unset, not 0 wide
        del environ["COLUMNS"]
    return Console(
        _environ=environ,
        file=out,
        force_terminal=colored,
        no_color=not colored,
        color_system="auto" if colored else None,
        highlight=False,
        emoji=False,
    )


def write_lines(text: str, out: IO[str]) -> None:
    """Write text with each line's trailing blanks removed (Rich pads cells to their width).
    A reader that left, or a full stdout, is the CLI's to handle (cli.common.output)."""
    out.write("".join(line.rstrip() + "\n" for line in text.splitlines()))
    out.flush()

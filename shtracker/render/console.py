"""Consoles for people: when to colour (`--color`, NO_COLOR, FORCE_COLOR), and clean lines.

Only the renderers that draw for people import this module, and with it Rich.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from rich.console import Console

#: `--color` choices.
COLOR_CHOICES = ("auto", "always", "never")


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
    return Console(
        file=out,
        force_terminal=colored,
        no_color=not colored,
        color_system="auto" if colored else None,
        highlight=False,
        emoji=False,
    )


def write_lines(text: str, out: IO[str]) -> None:
    """Write text with each line's trailing blanks removed (Rich pads cells to their width)."""
    try:
        out.write("".join(line.rstrip() + "\n" for line in text.splitlines()))
        out.flush()
    except BrokenPipeError:  # `| head` left: quiet at exit too, then exit 0 like the JSON path
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        raise

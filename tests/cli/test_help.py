"""`--help` as people read it: `-h`, plain argument names, whole summaries, whole examples."""

from __future__ import annotations

import os
import re

import pytest

from shtracker.core.model import Status
from tests.conftest import run_process

COMMANDS = ["status", "show", "check", "record", "init"]


def help_text(*args: str, columns: int = 80) -> str:
    """Return the help as a whole process prints it into a pipe, `columns` wide."""
    result = run_process(*args, env={**os.environ, "COLUMNS": str(columns)})
    assert (0, "") == (result.returncode, result.stderr)
    return result.stdout.replace("python -m shtracker", "shtracker")


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_dash_h_is_the_same_as_dash_dash_help(command: list[str]) -> None:
    assert help_text(*command, "--help") == help_text(*command, "-h")


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("status", "Usage: shtracker status [OPTIONS] [ID]..."),
        ("show", "Usage: shtracker show [OPTIONS] ID"),
        ("record", "Usage: shtracker record [OPTIONS] ID YEAR VALUE"),
        ("init", "Usage: shtracker init [OPTIONS] [PATH]"),
        ("check", "Usage: shtracker check [OPTIONS]"),
    ],
)
def test_usage_lines_name_arguments_plainly(command: str, usage: str) -> None:
    assert usage == help_text(command, "--help").splitlines()[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_no_python_types_or_braces_in_the_help(command: str) -> None:
    text = help_text(command, "--help")
    assert [] == re.findall(r"<(?:str|int|list\[str\])>|\{[A-Z]+\}|\[\[", text)


def test_the_top_level_help_gives_each_summary_whole() -> None:
    text = help_text("--help", columns=160)
    assert "..." not in text.split("Commands:")[1]
    assert (
        "show    Show the story behind one indicator: every report and source, the path, a chart."
        in text
    )


@pytest.mark.parametrize("command", ["status", "show", "record", "init", "check"])
def test_an_example_stays_on_one_line_on_a_wide_terminal(command: str) -> None:
    lines = help_text(command, "--help", columns=160).splitlines()
    example = lines[lines.index("  Example:") + 1]
    assert example.startswith(f"    shtracker {command}")
    assert lines[lines.index("  Example:") + 2] == ""  # nothing wrapped onto a next line


def test_an_example_is_never_rewrapped_into_its_neighbours_on_a_narrow_terminal() -> None:
    lines = help_text("status", "--help", columns=60).splitlines()
    example = "shtracker status --as-of 2024 --period fyp14 --fail-on behind,far_behind,regressing"
    assert f"    {example}" in lines


@pytest.mark.parametrize("option", ["--status", "--fail-on"])
def test_status_and_fail_on_list_the_status_names(option: str) -> None:
    text = " ".join(help_text("status", "--help", columns=300).split("Options:")[1].split())
    entry = text[text.index(f"{option} ") :]
    entry = entry[: entry.index("--", 2)]
    assert all(s.value in entry for s in Status)

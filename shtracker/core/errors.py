"""The project's own errors: every expected failure is one of these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def one_line(text: str) -> str:
    """Return text fit for one line of a message: line breaks and control characters escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return "; did you mean 'x'?" for the closest choice, or "" when none is close."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def unknown(what: str, word: str, choices: Iterable[str], where: str = "") -> str:
    """Return the message for a name that does not exist: "unknown X 'w'; did you mean 'y'?".

    `where` ("in plan") goes between the name and the suggestion.
    """
    place = f" {where}" if where else ""
    return f"unknown {what} '{one_line(word)}'{place}{did_you_mean(word, choices)}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a data file, at a 1-based line and column when known."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        message = one_line(" ".join(self.message.splitlines()))  # one problem, one line
        file = one_line(self.file)  # a file name may hold a line break too
        if self.line is None:
            return f"{file}: {message}"
        return f"{file}:{self.line}:{self.column or 1}: {message}"


class ShtrackerError(Exception):
    """Base of every error the CLI turns into a message and an exit code."""

    exit_code = 1

    def lines(self) -> list[str]:
        """Return the one-line messages to print on stderr (words the user typed escaped)."""
        return [one_line(str(self))]


class DataError(ShtrackerError):
    """A data file that cannot be used: every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        """Return one line per problem."""
        return [str(p) for p in self.problems]


class UnknownIdError(ShtrackerError):
    """An indicator id, or another name the user gave, that does not exist."""


class UsageError(ShtrackerError):
    """A command-line value that is not acceptable (exit code 2, as Typer's own)."""

    exit_code = 2


class FailOnStatusError(ShtrackerError):
    """An indicator has a status the user asked `--fail-on` to report (exit code 3)."""

    exit_code = 3


class LockTimeoutError(ShtrackerError):
    """Another process held the data file's lock for longer than `--wait` (exit code 4)."""

    exit_code = 4

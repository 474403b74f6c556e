"""What the user typed into `record`, checked: the report it describes, or a usage error.

The checks of each word return a message (or None), so that `import` gives the
same hints for the cells of a CSV row as `record` gives for its arguments.
"""

from __future__ import annotations

import re

from shtracker.core.errors import UsageError, did_you_mean
from shtracker.core.model import Quality
from shtracker.datafile.nodes import YEAR_PATTERN, parse_number
from shtracker.record.yamltext import NewReport

QUALITIES = tuple(q.value for q in Quality)
_SURROGATE = re.compile("[\ud800-\udfff]")


def value_problem(value: str, name: str = "VALUE") -> str | None:
    """Return why `value` is not a plain decimal number, or None when it is."""
    if parse_number(value) is None:
        return (
            f"{name} must be a plain decimal number like 4.5, -3.5 or 26000 (no thousands "
            f"separators, %, exponent, NaN or infinity), not '{value}'"
        )
    return None


def year_problem(year: str, now: int, name: str = "YEAR") -> str | None:
    """Return why `year` is not a four-digit year up to `now`, or None when it is."""
    if not YEAR_PATTERN.match(year) or year.startswith("0"):
        return f"{name} must be a four-digit year like 2024, not '{year}'"
    if int(year) > now:
        return f"{name} {year} is in the future; it is {now} now"
    return None


def quality_problem(quality: str, name: str = "--quality") -> str | None:
    """Return why `quality` is not a quality name, or None when it is."""
    if quality not in QUALITIES:
        listed = ", ".join(QUALITIES)
        return f"{name} must be one of {listed}, not '{quality}'{did_you_mean(quality, QUALITIES)}"
    return None


def text_problem(text: str | None, name: str) -> str | None:
    """Return why a source or note is not usable text, or None when it is (or absent)."""
    if text is not None and not text.strip():
        return f"{name} must not be empty"
    if text is not None and _SURROGATE.search(text):
        return f"{name} is not valid text (it holds bytes that are not UTF-8)"
    return None


def new_report(
    year: str, value: str, quality: str, source: str | None, note: str | None, now: int
) -> NewReport:
    """Return the report the command's words describe, or a `UsageError` saying what is wrong."""
    for problem in (
        value_problem(value),
        year_problem(year, now),
        quality_problem(quality),
        text_problem(source, "--source"),
        text_problem(note, "--note"),
    ):
        if problem is not None:
            raise UsageError(problem)
    return NewReport(int(year), plain_decimal(value), Quality(quality), source, note)


def plain_decimal(value: str) -> str:
    """Return a checked number as YAML reads it back: '-.5' as '-0.5', '+.5' as '0.5'."""
    sign = "-" if value.startswith("-") else ""
    digits = value.lstrip("+-")
    return sign + ("0" + digits if digits.startswith(".") else digits)

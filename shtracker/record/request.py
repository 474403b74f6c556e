"""What the user typed into `record`, checked: the report it describes, or a usage error."""

from __future__ import annotations

import re

from shtracker.core.errors import UsageError, did_you_mean
from shtracker.core.model import Quality
from shtracker.datafile.nodes import YEAR_PATTERN, parse_number
from shtracker.record.yamltext import NewReport

QUALITIES = tuple(q.value for q in Quality)
_SURROGATE = re.compile("[\ud800-\udfff]")


def new_report(
    year: str, value: str, quality: str, source: str | None, note: str | None, now: int
) -> NewReport:
    """Return the report the command's words describe, or a `UsageError` saying what is wrong."""
    if parse_number(value) is None:
        raise UsageError(
            f"VALUE must be a plain decimal number like 4.5, -3.5 or 26000 (no thousands "
            f"separators, %, exponent, NaN or infinity), not '{value}'"
        )
    if not YEAR_PATTERN.match(year) or year.startswith("0"):
        raise UsageError(f"YEAR must be a four-digit year like 2024, not '{year}'")
    if int(year) > now:
        raise UsageError(f"YEAR {year} is in the future; it is {now} now")
    if quality not in QUALITIES:
        listed = ", ".join(QUALITIES)
        raise UsageError(
            f"--quality must be one of {listed}, not '{quality}'{did_you_mean(quality, QUALITIES)}"
        )
    for name, text in (("--source", source), ("--note", note)):
        if text is not None and not text.strip():
            raise UsageError(f"{name} must not be empty")
        if text is not None and _SURROGATE.search(text):
            raise UsageError(f"{name} is not valid text (it holds bytes that are not UTF-8)")
    return NewReport(int(year), plain_decimal(value), Quality(quality), source, note)


def plain_decimal(value: str) -> str:
    """Return a checked number as YAML reads it back: '-.5' as '-0.5', '+.5' as '0.5'."""
    sign = "-" if value.startswith("-") else ""
    digits = value.lstrip("+-")
    return sign + ("0" + digits if digits.startswith(".") else digits)

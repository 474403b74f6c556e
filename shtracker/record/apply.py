"""Record one report into a data file: edit the text, verify it, replace the file under a lock.

`recorded` is pure (text in, result out); `record_file` adds the lock and the
atomic write. The command's words are checked by `new_report`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from shtracker.core.errors import DataError, Problem, UnknownIdError, UsageError
from shtracker.core.model import Indicator, Quality, Report
from shtracker.datafile.nodes import YEAR_PATTERN, parse_number, suggest
from shtracker.datafile.reader import decode, parse_with_nodes, read_text
from shtracker.datafile.writer import (
    check_writable,
    locked,
    read_bytes,
    real_path,
    replace_atomically,
)
from shtracker.record.edit import recorded_text, report_line
from shtracker.record.yamltext import NewReport

#: How often the edit is redone when the file changes between reading and replacing.
ATTEMPTS = 3
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
            f"--quality must be one of {listed}, not '{quality}'{suggest(quality, QUALITIES)}"
        )
    for name, text in (("--source", source), ("--note", note)):
        if text is not None and not text.strip():
            raise UsageError(f"{name} must not be empty")
        if text is not None and _SURROGATE.search(text):
            raise UsageError(f"{name} is not valid text (it holds bytes that are not UTF-8)")
    return NewReport(int(year), value, Quality(quality), source, note)


@dataclass(frozen=True, slots=True)
class Recorded:
    """What recording one report did (or would do) to one file."""

    path: str
    report: Report
    before: Indicator
    after: Indicator
    line: int
    replaced: int  # how many reports of the year `--replace` removed
    old_text: str
    new_text: str

    def diff(self) -> str:
        """Return the change as a unified diff with a/ and b/ labels."""
        label = self.path.lstrip("/")
        lines = difflib.unified_diff(
            self.old_text.splitlines(keepends=True),
            self.new_text.splitlines(keepends=True),
            f"a/{label}",
            f"b/{label}",
        )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )

    def sentence(self, as_of: int, dry_run: bool) -> str:
        """Return the one line for people: what, where, and the status before and after."""
        from shtracker.core.assess import assess

        r = self.report
        what = f"{r.year} = {_number(r.value)} ({r.quality.value})"
        if self.replaced:
            what += f", replacing {self.replaced} report{'s' if self.replaced > 1 else ''},"
        verb = "would record" if dry_run else "recorded"
        before, after = assess(self.before, as_of).status, assess(self.after, as_of).status
        tail = "; dry run: nothing written" if dry_run else ""
        return (
            f"{verb} {self.before.id} {what} in {self.path}:{self.line}; "
            f"status {before.value} -> {after.value}{tail}"
        )

    def document(self, as_of: int, dry_run: bool) -> dict[str, Any]:
        """Return the `record --json` document."""
        from shtracker.core.assess import assess
        from shtracker.render.documents import SCHEMA_VERSION, indicator_record

        r = self.report
        return {
            "schema_version": SCHEMA_VERSION,
            "as_of": as_of,
            "recorded": {
                "id": self.before.id,
                "year": r.year,
                "value": r.value,
                "quality": r.quality.value,
                "source": r.source,
                "note": r.note,
                "file": self.path,
                "line": self.line,
                "replaced": self.replaced > 0,
            },
            "before": indicator_record(assess(self.before, as_of)),
            "after": indicator_record(assess(self.after, as_of)),
            "dry_run": dry_run,
            "diff": self.diff() if dry_run else None,
        }


def _number(value: float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def _refused(path: str, why: str) -> DataError:
    return DataError([Problem(path, f"refusing to record: {why}; nothing written")])


def recorded(text: str, path: str, ident: str, new: NewReport, replace: bool) -> Recorded:
    """Return the result of recording `new` into `text`, verified; nothing is written."""
    from shtracker.record.verify import check_recorded

    old_root, old_plan = parse_with_nodes(text, path)
    before = old_plan.by_id.get(ident)
    if before is None:
        raise UnknownIdError(f"unknown indicator '{ident}'{suggest(ident, list(old_plan.by_id))}")
    value = parse_number(new.value_text)
    assert value is not None  # checked by new_report
    report = Report(new.year, value, new.quality, new.source, new.note)
    new_text = recorded_text(text, old_root, ident, new, replace)
    del old_root  # a large file's nodes take hundreds of MB; only the new ones are needed now
    try:
        new_root, new_plan = parse_with_nodes(new_text, path)
    except DataError as exc:
        first = exc.problems[0]
        why = f"the edited file would not load (line {first.line}: {first.message})"
        raise _refused(path, why) from None
    check_recorded(old_plan, new_plan, ident, report, replace, path)
    replaced = sum(1 for r in before.actuals if r.year == new.year) if replace else 0
    line = report_line(new_root, ident, new.year)
    after = new_plan.by_id[ident]
    return Recorded(path, report, before, after, line, replaced, text, new_text)


def record_file(path: str, ident: str, new: NewReport, replace: bool, dry_run: bool) -> Recorded:
    """Record `new` into the file at `path` (a dry run only computes it)."""
    if dry_run:
        return recorded(read_text(path), path, ident, new, replace)
    real = real_path(path)
    check_writable(path, real)
    with locked(path, real):
        for _ in range(ATTEMPTS):
            data = read_bytes(path, real)
            result = recorded(decode(data, path), path, ident, new, replace)
            if read_bytes(path, real) == data:  # else edited by hand meanwhile: redo
                replace_atomically(path, real, result.new_text.encode("utf-8"))
                return result
    raise _refused(path, "the file kept changing while the report was being recorded")

"""Record one report into a data file: edit the text, verify it, replace the file under a lock.

`recorded` is pure (text in, result out); `record_file` adds the lock and the
atomic write. The command's words are checked by `record.request`. The result
is plain data: the CLI hands it to `render` for people or as JSON.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from shtracker.core.errors import (
    DataError,
    Problem,
    UnknownIdError,
    unknown,
)
from shtracker.core.model import Indicator, Period, Report
from shtracker.datafile.nodes import parse_number
from shtracker.datafile.reader import decode, parse_with_nodes, read_bytes, read_text
from shtracker.datafile.writer import check_writable, locked, real_path, replace_atomically
from shtracker.record.edit import recorded_text, report_line
from shtracker.record.yamltext import NewReport

#: How often the edit is redone when the file changes between reading and replacing.
ATTEMPTS = 3


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
    periods: tuple[Period, ...] = ()  # the file's declared periods, to assess before and after

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


def _refused(path: str, why: str) -> DataError:
    return DataError([Problem(path, f"refusing to record: {why}; nothing written")])


def recorded(text: str, path: str, ident: str, new: NewReport, replace: bool) -> Recorded:
    """Return the result of recording `new` into `text`, verified; nothing is written."""
    from shtracker.record.verify import check_recorded

    old_root, old_plan = parse_with_nodes(text, path)
    before = old_plan.by_id.get(ident)
    if before is None:
        raise UnknownIdError(unknown("indicator", ident, old_plan.by_id))
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
    return Recorded(path, report, before, after, line, replaced, text, new_text, new_plan.periods)


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

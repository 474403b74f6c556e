"""Record one report into a data file: edit the text, verify it, replace the file under a lock.

`recorded` is pure (text in, result out); `record_file` adds the lock and the
atomic write. The command's words are checked by `record.request`. The result
is plain data: the CLI hands it to `render` for people or as JSON.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from shtracker.core.errors import (
    DataError,
    Problem,
    UnknownIdError,
    unknown,
)
from shtracker.core.model import Indicator, Period, Report
from shtracker.datafile import reader
from shtracker.datafile.nodes import parse_number
from shtracker.datafile.reader import decode, parse_with_nodes, read_bytes, read_text
from shtracker.datafile.writer import (
    WAIT_SECONDS,
    check_writable,
    locked,
    real_path,
    replace_atomically,
)
from shtracker.record.duplicates import already_recorded, revised_report
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
    already: bool = False  # the same report was there: nothing changes
    revises: Report | None = None  # the year's report of the same quality it revises

    def diff(self) -> str:
        """Return the change as a unified diff with a/ and b/ labels."""
        from shtracker.record.textdiff import unified_diff

        return unified_diff(self.path, self.old_text, self.new_text)


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
    if already_recorded(before.actuals, report, replace):
        line = report_line(old_root, ident, new.year)
        periods = old_plan.periods
        return Recorded(path, report, before, before, line, 0, text, text, periods, already=True)
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
    revises = None if replace else revised_report(before.actuals, report)
    return Recorded(
        path,
        report,
        before,
        after,
        line,
        replaced,
        text,
        new_text,
        new_plan.periods,
        revises=revises,
    )


def record_file(
    path: str,
    ident: str,
    new: NewReport,
    replace: bool,
    dry_run: bool,
    wait: float = WAIT_SECONDS,
    waiting: Callable[[str], None] | None = None,
) -> Recorded:
    """Record `new` into the file at `path` (a dry run only computes it).

    Under the lock (waited for at most `wait` seconds), the file is read, edited and
    verified; the new bytes go to disk, and the file is compared once more (size,
    modification time, content) right before the rename: a hand edit saved meanwhile
    makes it start over on the new text.
    """
    if dry_run:
        return _within_limit(recorded(read_text(path), path, ident, new, replace))
    real = real_path(path)
    check_writable(path, real)
    with locked(path, real, wait, waiting):
        for _ in range(ATTEMPTS):
            data = read_bytes(path, real)
            seen = os.stat(real)
            result = _within_limit(recorded(decode(data, path), path, ident, new, replace))
            if result.already:
                return result
            if write_unless_changed(path, real, data, seen, result.new_text):
                return result
    raise _refused(path, "the file kept changing while the report was being recorded")


def write_unless_changed(
    path: str, real: str, data: bytes, seen: os.stat_result, new_text: str
) -> bool:
    """Replace the file read as `data` (with `seen` its stat) by `new_text`, unless it has
    changed by the moment of the rename: then nothing is written (False), read it again."""
    new_bytes = new_text.encode("utf-8")
    return replace_atomically(path, real, new_bytes, partial(_unchanged, real, data, seen))


def _unchanged(real: str, data: bytes, seen: os.stat_result) -> bool:
    """Return whether the file at `real` still has the size, time and bytes it was read with."""
    try:
        now = os.stat(real)
        if (now.st_ino, now.st_size, now.st_mtime_ns) != (
            seen.st_ino,
            seen.st_size,
            seen.st_mtime_ns,
        ):
            return False
        with open(real, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def _within_limit(result: Recorded) -> Recorded:
    refuse_oversize(result.path, result.new_text, "record")
    return result


def refuse_oversize(path: str, new_text: str, doing: str) -> None:
    """Refuse an edit (`doing`: record, import) that would make the file larger than the
    reader accepts."""
    size = len(new_text.encode("utf-8"))
    if size > reader.MAX_BYTES:
        limit = reader.MAX_BYTES // 2**20
        why = f"the file would be {size / 2**20:.1f} MiB; the limit is {limit} MiB"
        raise DataError([Problem(path, f"refusing to {doing}: {why}; nothing written")])

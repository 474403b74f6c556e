"""Import many reports as one transaction: every row lands, or none does.

`imported` is pure (text in, result out): it applies `record`'s minimal text
edit once per new row (a round of edits per composed tree: one round unless an
indicator gets several rows), re-reads the result once and checks it holds exactly
the old data plus those rows. `import_file` adds the lock and one atomic write.
Rows already in the file change nothing (`record.duplicates`).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from yaml.nodes import Node

from shtracker.core.errors import DataError, Problem
from shtracker.core.model import Plan, Report
from shtracker.datafile.nodes import parse_number
from shtracker.datafile.reader import BOM, compose, decode, parse_with_nodes, read_bytes, read_text
from shtracker.datafile.writer import check_writable, locked, real_path
from shtracker.record.apply import ATTEMPTS, refuse_oversize, write_unless_changed
from shtracker.record.csvrows import CsvRows, Row
from shtracker.record.duplicates import already_recorded
from shtracker.record.edit import Editor, Splice, apply
from shtracker.record.layout import FileLayout
from shtracker.record.verify import check_imported

#: Called with the number of rows edited in so far.
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What importing one row did: `added`, `replaced` (with --replace) or `present`."""

    row: Row
    outcome: str


@dataclass(frozen=True, slots=True)
class Imported:
    """What importing a batch of rows did (or would do) to one file."""

    path: str
    rows: tuple[RowOutcome, ...]
    before: Plan
    after: Plan
    old_text: str
    new_text: str

    def changed_ids(self) -> list[str]:
        """Return the indicators that gained a report, in file order."""
        changed = {o.row.ident for o in self.rows if o.outcome != "present"}
        return [i.id for i in self.before.indicators if i.id in changed]

    def diff(self) -> str:
        """Return the whole change as one unified diff."""
        from shtracker.record.textdiff import unified_diff

        return unified_diff(self.path, self.old_text, self.new_text)

    def count(self, outcome: str) -> int:
        """Return how many rows had this outcome."""
        return sum(1 for o in self.rows if o.outcome == outcome)


def as_report(new: Row) -> Report:
    """Return the report a row adds, as the loader will read it back."""
    r = new.report
    value = parse_number(r.value_text)
    assert value is not None  # checked when the row was read
    return Report(r.year, value, r.quality, r.source, r.note, r.reported)


def _outcomes(rows: Sequence[Row], plan: Plan, replace: bool) -> list[RowOutcome]:
    """Return each row's outcome: present rows are in the file already and change nothing."""
    outcomes = []
    for row in rows:
        if already_recorded(plan.by_id[row.ident].actuals, as_report(row), replace):
            outcomes.append(RowOutcome(row, "present"))
        elif replace and any(r.year == row.report.year for r in plan.by_id[row.ident].actuals):
            outcomes.append(RowOutcome(row, "replaced"))
        else:
            outcomes.append(RowOutcome(row, "added"))
    return outcomes


def _rounds(rows: Sequence[Row], plan: Plan) -> list[list[Row]]:
    """Return the rows in rounds: round k holds each indicator's k-th row, in file order.

    Within a round no two rows touch the same indicator, so their edits never
    overlap and can all be made against one composed tree.
    """
    order = {i.id: n for n, i in enumerate(plan.indicators)}
    per_id: dict[str, list[Row]] = {}
    for row in rows:
        per_id.setdefault(row.ident, []).append(row)
    rounds: list[list[Row]] = []
    for ident in sorted(per_id, key=order.__getitem__):
        for k, row in enumerate(per_id[ident]):
            if k == len(rounds):
                rounds.append([])
            rounds[k].append(row)
    return rounds


def _edited(text: str, root: Node | None, rows: Sequence[Row], replace: bool, path: str) -> str:
    """Return the text with one round of rows recorded; `root` is the text's composed tree."""
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    file_layout = FileLayout.of(root)  # scanned once for the whole round
    splices: list[Splice] = []
    for row in rows:
        splices += Editor(body, root, row.report, replace, file_layout).splices(row.ident)
    ordered = sorted(splices, key=lambda s: s.start)
    if any(b.start < a.end for a, b in itertools.pairwise(ordered)):  # pragma: no cover
        raise DataError([Problem(path, "refusing to import: two edits overlap; nothing written")])
    return bom + apply(body, splices)


def imported(text: str, path: str, batch: CsvRows, replace: bool, progress: Progress) -> Imported:
    """Return the result of importing a CSV's rows into `text`, verified; nothing is written.

    Every problem of the CSV (its cells, unknown ids, clashing rows) is raised at once.
    """
    root, old_plan = parse_with_nodes(text, path)
    batch.check(old_plan, replace)
    outcomes = _outcomes(batch.rows, old_plan, replace)
    new_rows = [o.row for o in outcomes if o.outcome != "present"]
    if not new_rows:
        return Imported(path, tuple(outcomes), old_plan, old_plan, text, text)
    new_text, done = text, 0
    for k, round_rows in enumerate(_rounds(new_rows, old_plan)):
        if k:
            root = compose(new_text, path)
        new_text = _edited(new_text, root, round_rows, replace, path)
        done += len(round_rows)
        progress(done)
    del root  # a large file's nodes take hundreds of MB
    try:
        _, new_plan = parse_with_nodes(new_text, path)
    except DataError as exc:
        first = exc.problems[0]
        why = f"the edited file would not load (line {first.line}: {first.message})"
        raise DataError([Problem(path, f"refusing to import: {why}; nothing written")]) from None
    added: dict[str, list[Report]] = {}
    for row in new_rows:
        added.setdefault(row.ident, []).append(as_report(row))
    check_imported(old_plan, new_plan, added, replace, path)
    return Imported(path, tuple(outcomes), old_plan, new_plan, text, new_text)


def import_file(
    path: str,
    batch: CsvRows,
    replace: bool,
    dry_run: bool,
    progress: Progress = lambda _: None,
) -> Imported:
    """Import a CSV's rows into the file at `path` under its lock, in one atomic replace."""
    if dry_run:
        result = imported(read_text(path), path, batch, replace, progress)
        refuse_oversize(path, result.new_text, "import")
        return result
    real = real_path(path)
    check_writable(path, real)
    with locked(path, real):
        for _ in range(ATTEMPTS):
            data = read_bytes(path, real)
            seen = os.stat(real)
            result = imported(decode(data, path), path, batch, replace, progress)
            if result.new_text == result.old_text:
                return result  # every row was there already: the file is not touched
            refuse_oversize(path, result.new_text, "import")
            if write_unless_changed(path, real, data, seen, result.new_text):
                return result  # else edited by hand meanwhile: redo on the new text
    message = "refusing to import: the file kept changing while importing; nothing written"
    raise DataError([Problem(path, message)])

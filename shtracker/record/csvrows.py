"""Read a CSV of new figures into checked rows; every bad row reported as `FILE.csv:LINE: ...`.

The CSV that spreadsheets write is accepted: UTF-8 with or without a byte order
mark, CRLF line endings, quoted cells, a `;` or tab separator (Excel in locales
whose decimal mark is a comma), trailing empty cells and blank rows. No I/O here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from shtracker.core.errors import DataError, Problem, unknown
from shtracker.core.model import Plan, Quality
from shtracker.datafile.nodes import is_date, parse_number, shorten
from shtracker.record.request import plain_decimal, quality_problem, value_problem, year_problem
from shtracker.record.yamltext import NewReport

COLUMNS = ("id", "year", "value", "quality", "source", "note", "reported")
REQUIRED = ("id", "year", "value")
_SEPARATORS = (",", ";", "\t")


@dataclass(frozen=True, slots=True)
class Row:
    """One checked CSV row: where it is, which indicator, and the report it adds."""

    line: int
    ident: str
    report: NewReport

    def key(self) -> tuple[object, ...]:
        """Return what two rows share when one duplicates the other."""
        r = self.report
        return (self.ident, r.year, parse_number(r.value_text), r.quality, r.source, r.note)


def _problem(name: str, line: int | None, message: str) -> Problem:
    """Return a problem at a CSV line: `FILE.csv:LINE: message` (a CSV row has no column)."""
    return Problem(name if line is None else f"{name}:{line}", message)


def decode_csv(data: bytes, name: str) -> str:
    """Return the text of a CSV file: strict UTF-8, a byte order mark dropped."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        hint = "save it as 'CSV UTF-8' (Excel) or with the UTF-8 character set (LibreOffice)"
        raise DataError([_problem(name, line, f"not UTF-8 text (byte 0x{byte}); {hint}")]) from None


def _separator(text: str) -> str:
    """Return the separator the header line uses: the most frequent of `,`, `;` and tab."""
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _records(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Yield each CSV record with the line it starts on; blank records are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    line = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise DataError([_problem(name, line, f"not valid CSV: {exc}")]) from None


def _header(cells: list[str], name: str) -> list[str]:
    """Return the column names of the header row, or a `DataError` naming what is wrong."""
    names = [cell.strip().lower() for cell in cells]
    while names and not names[-1]:
        names.pop()  # trailing empty cells, as spreadsheets write them
    bad = [n for n in names if n not in COLUMNS]
    problems = []
    if bad:
        listed = "; ".join(unknown("column", n, COLUMNS) for n in bad)
        hint = "" if set(names) & set(COLUMNS) else " (the first line must be the header)"
        problems.append(f"{listed}{hint}; the columns are {', '.join(COLUMNS)}")
    twice = sorted({n for n in names if names.count(n) > 1 and n in COLUMNS})
    problems += [f"column '{n}' appears more than once" for n in twice]
    missing = [n for n in REQUIRED if n not in names]
    if missing and not bad:
        problems.append(f"missing column {', '.join(repr(n) for n in missing)}")
    if problems:
        raise DataError([_problem(name, 1, p) for p in problems])
    return names


def _optional(cell: str | None) -> str | None:
    return cell if cell is not None and cell.strip() else None


def _report(cells: dict[str, str], now: int) -> tuple[NewReport | None, list[str]]:
    """Return the report a row's cells describe, or the problems with them."""
    year, value = cells.get("year", "").strip(), cells.get("value", "").strip()
    quality = (cells.get("quality") or "").strip().lower() or Quality.FINAL.value
    reported = (cells.get("reported") or "").strip() or None
    problems = [
        p
        for p in (
            "id is empty" if not cells.get("id", "").strip() else None,
            year_problem(year, now, "year"),
            value_problem(value, "value"),
            quality_problem(quality, "quality"),
        )
        if p is not None
    ]
    if reported is not None and not is_date(reported):
        problems.append(f"reported must be a date like 2025-01-31, not '{shorten(reported)}'")
    if problems:
        return None, problems
    source, note = _optional(cells.get("source")), _optional(cells.get("note"))
    return NewReport(int(year), plain_decimal(value), Quality(quality), source, note, reported), []


@dataclass(frozen=True, slots=True)
class CsvRows:
    """A CSV file read: its good rows, and every problem found in its lines so far."""

    name: str
    rows: tuple[Row, ...]
    ids: tuple[tuple[int, str], ...]  # each data line's id, good row or not
    problems: tuple[tuple[int, str], ...]  # (line, message)

    def check(self, plan: Plan, replace: bool) -> None:
        """Raise a `DataError` with every problem, by line: the cells', the ids', the clashes."""
        found = list(self.problems)
        found += [
            (line, unknown("indicator", ident, plan.by_id))
            for line, ident in self.ids
            if ident and ident not in plan.by_id
        ]
        found += _clashes([r for r in self.rows if r.ident in plan.by_id], replace)
        if found:
            found.sort(key=lambda p: p[0])
            raise DataError([_problem(self.name, line, message) for line, message in found])


def read_rows(text: str, name: str, now: int) -> CsvRows:
    """Return the rows of a CSV text, with the problems of its bad rows (checked later)."""
    records = _records(text, name)
    first = next(records, None)
    if first is None:
        message = "holds no header; the first line must name the columns, e.g. id,year,value"
        raise DataError([_problem(name, None, message)])
    columns = _header(first[1], name)
    rows: list[Row] = []
    ids: list[tuple[int, str]] = []
    problems: list[tuple[int, str]] = []
    for line, cells in records:
        extra = [c for c in cells[len(columns) :] if c.strip()]
        if extra:
            message = f"has {len(cells)} cells; the header names {len(columns)} columns"
            problems.append((line, message))
            continue
        named = dict(zip(columns, cells, strict=False))  # fewer cells: the rest are empty
        ids.append((line, named["id"].strip()))
        report, found = _report(named, now)
        problems += [(line, p) for p in found]
        if report is not None:
            rows.append(Row(line, named["id"].strip(), report))
    return CsvRows(name, tuple(rows), tuple(ids), tuple(problems))


def _clash(row: Row, earlier: Row, replace: bool) -> str | None:
    """Return why `row` may not go in the same batch as `earlier`, or None."""
    if row.key() == earlier.key():
        return f"duplicate of line {earlier.line}"
    a, b = earlier.report, row.report
    if replace:
        return (
            f"conflicts with line {earlier.line}: --replace keeps one report per year, "
            f"and both give {row.ident} {b.year}"
        )
    if a.quality is b.quality and parse_number(a.value_text) != parse_number(b.value_text):
        return (
            f"conflicts with line {earlier.line}: {row.ident} {b.year} ({b.quality.value}) "
            f"is {a.value_text} there and {b.value_text} here"
        )
    return None


def _clashes(rows: Sequence[Row], replace: bool) -> list[tuple[int, str]]:
    """Return the rows that duplicate or contradict an earlier row of the same id and year."""
    problems = []
    seen: dict[tuple[str, int], list[Row]] = {}
    for row in rows:
        same_year = seen.setdefault((row.ident, row.report.year), [])
        clash = next((c for c in (_clash(row, e, replace) for e in same_year) if c), None)
        if clash:
            problems.append((row.line, clash))
        same_year.append(row)
    return problems

"""Compute the smallest text edit that records one report; no file I/O.

Works on the text itself with the composed nodes' marks: it replaces one
value's span or inserts lines at the siblings' indent, so every other byte
(comments, quoting, blank lines, line endings) stays as it was. The caller
re-parses the result and checks it (see verify.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, SequenceNode

from shtracker.datafile.reader import BOM
from shtracker.record.layout import Entry, FileLayout, Layout, entry
from shtracker.record.layout import is_block as _block
from shtracker.record.yamltext import NewReport


@dataclass(frozen=True, slots=True)
class Splice:
    """Replace `text[start:end]` with `new`."""

    start: int
    end: int
    new: str


def indicator_entry(root: Node | None, ident: str) -> Entry:
    """Return the key and value nodes of one indicator (the caller checked it exists)."""
    indicators = entry(root, "indicators") if root is not None else None
    found = entry(indicators[1], ident) if indicators else None
    if found is None:  # pragma: no cover - the plan was loaded from this text
        raise LookupError(ident)
    return found


class Editor:
    """The splices that record one report into one text."""

    def __init__(
        self,
        body: str,
        root: Node | None,
        report: NewReport,
        replace: bool,
        file_layout: FileLayout | None = None,
    ) -> None:
        self.body = body
        self.root = root
        # A batch passes the layout of the tree it edits, scanned once for all its reports.
        self.file_layout = file_layout
        self.report = report
        self.replace = replace
        first_break = body.find("\n")
        self.eol = "\r\n" if first_break > 0 and body[first_break - 1] == "\r" else "\n"

    # -- positions -------------------------------------------------------------

    def content_end(self, node: Node) -> int:
        """Return where a node's own text ends (a block collection's end takes in comments)."""
        while _block(node) and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(node, MappingNode) else last
        end: int = node.end_mark.index
        while end > node.start_mark.index and self.body[end - 1] in "\r\n":
            end -= 1
        return end

    def line_start(self, index: int) -> int:
        """Return the index where the line holding `index` starts."""
        return self.body.rfind("\n", 0, index) + 1

    def next_line(self, index: int) -> int:
        """Return the index where the line after the one holding `index` starts."""
        found = self.body.find("\n", index)
        return len(self.body) if found < 0 else found + 1

    def colon_end(self, key: Node) -> int:
        """Return the index just after a block key's colon."""
        return self.body.index(":", key.end_mark.index) + 1

    def value_head(self, key: Node, value: Node) -> tuple[int, str]:
        """Return where a rewrite of a year's value starts, and what goes before new lines.

        Right after the colon, unless comments stand between the key and the value: then
        at the start of the value's own line, so that they stay.
        """
        colon = self.colon_end(key)
        if "#" in self.body[colon : value.start_mark.index]:
            return self.line_start(value.start_mark.index), ""
        return colon, self.eol

    def insert_lines(self, index: int, lines: list[str]) -> Splice:
        """Return a splice inserting whole lines at a line start (EOF without a break too)."""
        if index == len(self.body) and self.body and not self.body.endswith("\n"):
            return Splice(index, index, self.eol + self.eol.join(lines))
        return Splice(index, index, "".join(line + self.eol for line in lines))

    # -- what the new report looks like -----------------------------------------

    def entry_lines(self, col: int, layout: Layout) -> list[str]:
        """Return the lines of a new `YEAR: report` entry of a block mapping at `col`."""
        head = f"{' ' * col}{self.report.year}:"
        if self.report.bare or not layout.block:
            return [f"{head} {self.report.inline()}"]
        return [head, *self.report.block_lines(col + layout.field)]

    def item_lines(self, dash: int, layout: Layout) -> list[str]:
        """Return the lines of a new block list item whose dash is at column `dash`."""
        if self.report.bare or not layout.block:
            return [f"{' ' * dash}- {self.report.inline()}"]
        first, *rest = self.report.block_lines(dash + layout.item)
        return [f"{' ' * dash}-{' ' * (layout.item - 1)}{first.lstrip(' ')}", *rest]

    # -- the edit ------------------------------------------------------------

    def splices(self, ident: str) -> list[Splice]:
        """Return the splices that record the report into indicator `ident`."""
        file_layout = self.file_layout or FileLayout.of(self.root)
        if ident not in file_layout.indicators:  # pragma: no cover - the plan was loaded from it
            raise LookupError(ident)
        key, indicator = file_layout.indicators[ident]
        own = entry(indicator, "actuals")
        fields = indicator.value if _block(indicator) else []
        fallback = fields[0][0].start_mark.column - key.start_mark.column if fields else 2
        layout = file_layout.layout(own, fallback)
        if own is None:
            return [self.new_actuals(indicator, layout)]
        actuals = own[1]
        assert isinstance(actuals, MappingNode)  # the loader refuses anything else
        years: list[Entry] = list(actuals.value)
        year = self.report.year
        found = next(((k, v) for k, v in years if int(k.value) == year), None)
        if found is None:  # before the first later year in file order, else at the end
            at = next((i for i, (k, _) in enumerate(years) if int(k.value) > year), None)
            return [self.new_year(actuals, years, at, layout)]
        year_key, value = found
        if actuals.flow_style or (isinstance(value, SequenceNode) and value.flow_style):
            return [self.flow_append_or_replace(value)]
        return self.existing_year(year_key, value, layout)

    def new_actuals(self, indicator: Node, layout: Layout) -> Splice:
        """Return the splice adding an `actuals:` field after the indicator's last field."""
        last = indicator.value[-1][1]
        end = self.content_end(last)
        if not _block(indicator):
            return Splice(end, end, f", actuals: {{{self.report.year}: {self.report.inline()}}}")
        col = indicator.value[0][0].start_mark.column
        lines = [f"{' ' * col}actuals:", *self.entry_lines(col + layout.step, layout)]
        return self.insert_lines(self.next_line(end), lines)

    def new_year(
        self, actuals: MappingNode, years: list[Entry], at: int | None, layout: Layout
    ) -> Splice:
        """Return the splice adding a year's entry in year order."""
        if actuals.flow_style:
            text = f"{self.report.year}: {self.report.inline()}"
            if not years:
                return Splice(actuals.start_mark.index + 1, actuals.start_mark.index + 1, text)
            if at == 0:
                start = years[0][0].start_mark.index
                return Splice(start, start, text + ", ")
            end = years[-1 if at is None else at - 1][1].end_mark.index
            return Splice(end, end, ", " + text)
        lines = self.entry_lines(years[0][0].start_mark.column, layout)
        if at == 0:
            return self.insert_lines(self.line_start(years[0][0].start_mark.index), lines)
        before = years[-1 if at is None else at - 1][1]
        return self.insert_lines(self.next_line(self.content_end(before)), lines)

    def flow_append_or_replace(self, value: Node) -> Splice:
        """Return the splice recording into a year written inside flow brackets."""
        start, end = value.start_mark.index, value.end_mark.index
        new = self.report.inline()
        if self.replace:
            return Splice(start, end, new)
        if isinstance(value, SequenceNode):
            if not value.value:
                return Splice(start + 1, start + 1, new)
            last_end = value.value[-1].end_mark.index
            return Splice(last_end, last_end, ", " + new)
        return Splice(start, end, f"[{self.body[start:end]}, {new}]")

    def existing_year(self, key: Node, value: Node, layout: Layout) -> list[Splice]:
        """Return the splices replacing or adding to a year of a block `actuals` mapping."""
        col = key.start_mark.column
        end = self.content_end(value)
        if self.replace:
            return [self.replacement(key, value, end, layout)]
        if isinstance(value, SequenceNode):  # a block list: one more item after the last
            lines = self.item_lines(value.start_mark.column, layout)
            return [self.insert_lines(self.next_line(end), lines)]
        dash = col + layout.dash
        new_item = self.insert_lines(self.next_line(end), self.item_lines(dash, layout))
        start = value.start_mark.index
        if not _block(value):  # `2023: 4.4` -> a list of the old report and the new one
            at, lead = self.value_head(key, value)
            head = Splice(at, end, lead + " " * dash + "- " + self.body[start:end])
            return [head, new_item]
        return [*self.indented_as_item(value, dash, layout), new_item]

    def replacement(self, key: Node, value: Node, end: int, layout: Layout) -> Splice:
        """Return the splice replacing a year's reports with the new one, in place."""
        start, col = value.start_mark.index, value.start_mark.column
        if isinstance(value, SequenceNode):  # a block list stays a list, now of one
            lines = self.item_lines(col, layout)
            return Splice(start, end, self.eol.join(lines)[col:])
        inline = self.report.bare or not layout.block
        if inline and not _block(value):
            return Splice(start, end, self.report.inline())
        at, lead = self.value_head(key, value)
        if inline:  # a block mapping report becomes one line, where it started
            return Splice(at, end, (" " if lead else " " * col) + self.report.inline())
        if _block(value):  # a block mapping report: the new fields at its column
            return Splice(start, end, self.eol.join(self.report.block_lines(col))[col:])
        lines = self.report.block_lines(key.start_mark.column + layout.field)
        return Splice(at, end, lead + self.eol.join(lines))

    def indented_as_item(self, value: Node, dash: int, layout: Layout) -> list[Splice]:
        """Return the splices turning a block mapping report into a block list's first item."""
        col, start, end = value.start_mark.column, value.start_mark.index, self.content_end(value)
        shift = dash + layout.item - col
        first = self.line_start(start)
        splices = [Splice(first, start, f"{' ' * dash}-{' ' * (layout.item - 1)}")]
        line = self.next_line(first)
        while line < end:
            text = self.body[line : self.next_line(line)]
            indent = len(text) - len(text.lstrip(" "))
            if indent >= col and text.strip():
                if shift > 0:
                    splices.append(Splice(line, line, " " * shift))
                elif shift < 0:
                    splices.append(Splice(line, line - shift, ""))
            line = self.next_line(line)
        return splices


def apply(body: str, splices: list[Splice]) -> str:
    """Return `body` with non-overlapping splices applied."""
    out, at = [], 0
    for splice in sorted(splices, key=lambda s: s.start):
        out += [body[at : splice.start], splice.new]
        at = splice.end
    out.append(body[at:])
    return "".join(out)


def recorded_text(
    text: str, root: Node | None, ident: str, report: NewReport, replace: bool
) -> str:
    """Return the text with `report` recorded for indicator `ident`; `root` is its composed tree."""
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    return bom + apply(body, Editor(body, root, report, replace).splices(ident))


def report_line(root: Node | None, ident: str, year: int) -> int:
    """Return the 1-based line of the last report of `year` in the indicator's actuals."""
    _, indicator = indicator_entry(root, ident)
    actuals = entry(indicator, "actuals")
    year_entry = entry(actuals[1], str(year)) if actuals else None
    if year_entry is None:  # pragma: no cover - verified before this is asked
        raise LookupError(year)
    node = year_entry[1]
    if isinstance(node, SequenceNode) and node.value:
        node = node.value[-1]
    return int(node.start_mark.line) + 1

"""Spell a new report as YAML text that the loader reads back exactly.

Strings are always double-quoted: YAML's double-quoted style has escapes for
every character, so no text a user types can turn into a number, a date, a
comment or a key.
"""

from __future__ import annotations

from dataclasses import dataclass

from shtracker.core.model import Quality

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
# Characters PyYAML's reader accepts as is, minus the ones it treats as line
# breaks (U+2028, U+2029) and the byte order mark.
_PRINTABLE = ((0x20, 0x7E), (0xA0, 0x2027), (0x202A, 0xD7FF), (0xE000, 0xFEFE), (0xFF00, 0xFFFD))


def _printable(code: int) -> bool:
    return code >= 0x10000 or any(low <= code <= high for low, high in _PRINTABLE)


def quote(text: str) -> str:
    """Return `text` as a YAML double-quoted scalar, escaping whatever needs it."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _printable(code):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


@dataclass(frozen=True, slots=True)
class NewReport:
    """A report to write: the value exactly as typed (already checked), and its fields."""

    year: int
    value_text: str
    quality: Quality = Quality.FINAL
    source: str | None = None
    note: str | None = None
    reported: str | None = None  # an ISO date, already checked

    @property
    def bare(self) -> bool:
        """Return whether a bare number says it all (final, no source, note or date)."""
        return (
            self.quality is Quality.FINAL
            and self.source is None
            and self.note is None
            and self.reported is None
        )

    def fields(self) -> list[tuple[str, str]]:
        """Return the report's keys and their YAML text, in the data file's usual order."""
        fields = [("value", self.value_text)]
        if self.quality is not Quality.FINAL:
            fields.append(("quality", self.quality.value))
        if self.source is not None:
            fields.append(("source", quote(self.source)))
        if self.note is not None:
            fields.append(("note", quote(self.note)))
        if self.reported is not None:
            fields.append(("reported", self.reported))
        return fields

    def inline(self) -> str:
        """Return the report on one line: a bare number, else a flow mapping."""
        if self.bare:
            return self.value_text
        return "{" + ", ".join(f"{key}: {text}" for key, text in self.fields()) + "}"

    def block_lines(self, indent: int) -> list[str]:
        """Return the report as block mapping lines, each indented by `indent` spaces."""
        return [f"{' ' * indent}{key}: {text}" for key, text in self.fields()]

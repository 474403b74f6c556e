"""Text from a data file made safe to show people: no character may drive the terminal.

A YAML double-quoted string can hold any character (`"\\e]52;c;...\\e\\\\"` writes the
reader's clipboard, `"\\e[2J"` clears the screen, U+202E reverses what follows). Every
human output passes data-file text through `printable`; JSON keeps it exact (it escapes
control characters itself) and CSV goes through `spreadsheet_safe` as well.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, C1 controls, the Unicode bidi embeddings,
#: overrides, isolates and marks (the "Trojan Source" characters), and lone surrogates
#: (not UTF-8): as a character class, for the HTML's link pattern too.
UNSAFE_CHARACTERS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
)
UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
#: What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Return `text` with every control, bidi character and lone surrogate shown as an
    escape (`\\x1b`, `\\u202e`)."""
    return UNSAFE.sub(_escaped, text)


def spreadsheet_safe(text: str) -> str:
    """Return a text cell that no spreadsheet runs as a formula: `'=1+1` for `=1+1`."""
    return "'" + text if text.startswith(FORMULA_START) else text

"""Data-file text made safe for terminals and spreadsheets: hand-worked cases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shtracker.render.safe_text import UNSAFE, printable, spreadsheet_safe


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text, 中文 and ≈ ≥", "plain text, 中文 and ≈ ≥"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x1b]52;c;ZWNobyBwd25lZA==\x1b\\", "\\x1b]52;c;ZWNobyBwd25lZA==\\x1b\\"),
        ("\x1b]8;;http://e\x07x", "\\x1b]8;;http://e\\x07x"),
        ("\x00\x08\x0b\x0c\r\x7f", "\\x00\\x08\\x0b\\x0c\\x0d\\x7f"),
        ("\x85\x9b31m", "\\x85\\x9b31m"),  # C1: NEL and the one-byte CSI
        ("\u202egnp.exe\u202c", "\\u202egnp.exe\\u202c"),
        ("\u2066a\u2069 \u200e\u200f\u061c", "\\u2066a\\u2069 \\u200e\\u200f\\u061c"),
        ("\xa0non-breaking", "\xa0non-breaking"),
    ],
)
def test_printable_escapes_exactly_the_controls_and_bidi_characters(
    text: str, expected: str
) -> None:
    assert expected == printable(text)


@given(st.text())
def test_printable_leaves_no_unsafe_character(text: str) -> None:
    assert UNSAFE.search(printable(text)) is None


@given(st.text().filter(lambda t: UNSAFE.search(t) is None))
def test_printable_keeps_safe_text_as_it_is(text: str) -> None:
    assert text == printable(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://e","x")', '\'=HYPERLINK("http://e","x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("", ""),
    ],
)
def test_spreadsheet_safe_prefixes_what_would_start_a_formula(text: str, expected: str) -> None:
    assert expected == spreadsheet_safe(text)

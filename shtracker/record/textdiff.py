"""A change to a data file as a unified diff, the way `git diff` shows it."""

from __future__ import annotations

import difflib


def unified_diff(path: str, old_text: str, new_text: str) -> str:
    """Return the change from `old_text` to `new_text` as a unified diff with a/ and b/ labels."""
    label = path.lstrip("/")
    lines = difflib.unified_diff(
        old_text.splitlines(keepends=True),
        new_text.splitlines(keepends=True),
        f"a/{label}",
        f"b/{label}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )

"""Read a data file as of a git revision (`git show REV:PATH`), with one-line errors.

git's own output never reaches the terminal: it is captured and turned into a
`DataError` that says what went wrong in the words of this tool.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from shtracker.core.errors import DataError, Problem, UsageError
from shtracker.datafile.reader import MAX_BYTES, decode, refuse_large

#: What git says (with LC_ALL=C) and what we say instead.
_GIT_SAYS = (
    ("not a git repository", "is not in a git repository"),
    ("does not exist in", "is not in revision {rev}"),
    ("exists on disk, but not in", "is not in revision {rev}"),
    ("invalid object name", "unknown revision '{rev}'"),
    ("unknown revision", "unknown revision '{rev}'"),
    ("bad revision", "unknown revision '{rev}'"),
    ("ambiguous argument", "unknown revision '{rev}'"),
)


def revisions(spec: str) -> tuple[str, str | None]:
    """Return the two sides of `A..B` (an empty side is HEAD), or `(REV, None)` for one revision."""
    if "..." in spec:
        raise UsageError(f"REV: use REV or REV..REV, not '{spec}' (three dots)")
    old, dots, new = spec.partition("..")
    sides = [side or "HEAD" for side in (old, new)] if dots else [old]
    for side in sides:
        if not side.strip() or side.startswith("-") or any(c.isspace() for c in side):
            raise UsageError(f"REV: '{spec}' is not a revision")
    return (sides[0], sides[1]) if dots else (sides[0], None)


def _failure(path: str, rev: str, stderr: str) -> DataError:
    """Return the one-line error for what git said on failing."""
    said = stderr.strip().splitlines()
    for fragment, ours in _GIT_SAYS:
        if any(fragment in line for line in said):
            return DataError([Problem(path, ours.format(rev=rev))])
    first = said[-1] if said else "git failed"
    return DataError([Problem(path, f"git show {rev}: {first.removeprefix('fatal: ')}")])


def file_at(rev: str, path: str) -> tuple[str, str]:
    """Return the name to show (`REV:PATH`) and the text of the data file at `path` in `rev`."""
    git = shutil.which("git")
    if git is None:
        raise DataError([Problem(path, "git is not installed; comparing revisions needs it")])
    folder, name = os.path.split(os.path.abspath(path))
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"}
    try:
        done = subprocess.run(  # noqa: S603 - git, with a revision checked by `revisions`
            [git, "cat-file", "blob", f"{rev}:./{name}"],  # `show` reads REV[1] as a glob
            cwd=folder,
            env=env,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DataError([Problem(path, f"git show {rev} failed: {exc}")]) from None
    if done.returncode != 0:
        raise _failure(path, rev, done.stderr.decode("utf-8", "replace"))
    shown = f"{rev}:{path}"
    refuse_large(shown, len(done.stdout))
    return shown, decode(done.stdout[: MAX_BYTES + 1], shown)

"""Find the data file in use: --file, $SHTRACKER_FILE, ./targets.yaml, else the bundled one."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from shtracker.core.errors import ShtrackerError

ENV_VAR = "SHTRACKER_FILE"
LOCAL_NAME = "targets.yaml"


@dataclass(frozen=True, slots=True)
class DataFile:
    """The path of the data file in use, and whether it is the read-only bundled copy."""

    path: str
    bundled: bool = False


def bundled_path() -> Path:
    """Return the targets.yaml shipped with the package (the checkout's, in development)."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / LOCAL_NAME
    return packaged if packaged.is_file() else package.parent / LOCAL_NAME


def locate(option: str | None, environ: dict[str, str] | None = None) -> DataFile:
    """Return the data file the options and environment name, in documented order."""
    env = os.environ if environ is None else environ
    if option is not None:  # --file "" is a mistake to report, not a reason to fall back
        return DataFile(option)
    if env.get(ENV_VAR):
        return DataFile(env[ENV_VAR])
    if os.path.exists(LOCAL_NAME):
        return DataFile(LOCAL_NAME)
    return DataFile(str(bundled_path()), bundled=True)


def init_target(path: str) -> str:
    """Return the file `init` writes: PATH itself, or targets.yaml in the folder PATH names.

    A trailing slash names a folder, as for `git init` (created when missing) and `cp`.
    """
    if path.endswith(("/", os.sep)):
        try:
            os.makedirs(path, exist_ok=True)
        except OSError as exc:
            raise ShtrackerError(f"cannot create the folder {path}: {exc.strerror}") from None
    if os.path.isdir(path):
        return os.path.join(path, LOCAL_NAME)
    return path

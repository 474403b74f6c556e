"""Replace a data file safely: an exclusive lock, then an atomic, durable replace.

The lock lives on a sidecar file (`.NAME.lock` beside the real file), because
`os.replace` swaps the data file's inode and a lock on it would be lost. The
holder removes the sidecar before releasing it, and whoever locks checks that
the inode it locked is still the one at the path, so at most one process ever
holds the live lock and no lock file is left behind after a normal run.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator

from shtracker.core.errors import DataError, LockTimeoutError, Problem


def _fail(path: str, message: str) -> DataError:
    return DataError([Problem(path, message)])


def real_path(path: str) -> str:
    """Return the path with every symlink resolved, so a link stays a link."""
    return os.path.realpath(path)


def check_writable(path: str, real: str) -> None:
    """Refuse a missing, special, read-only file, or one in a read-only folder."""
    from shtracker.datafile.reader import regular_file

    info = regular_file(path, real)
    # The mode bits are checked as well as access(), so that a file marked read-only
    # stays unchanged even for root, who may write anywhere.
    if not info.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise _fail(path, "is read-only; nothing written (make it writable to record)")
    folder = os.path.dirname(real)
    folder_mode = os.stat(folder).st_mode
    if not folder_mode & 0o222 or not os.access(folder, os.W_OK | os.X_OK):
        raise _fail(path, f"its folder {folder} is read-only; nothing written")


def _side_name(folder: str, name: str, suffix: str) -> str:
    """Return `.NAME{suffix}`, or a shortened name with a hash of NAME when that is longer
    than the folder allows (NAME itself may be as long as allowed)."""
    try:
        limit = os.pathconf(folder or ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    side = f".{name}{suffix}"
    if len(os.fsencode(side)) <= limit:
        return side
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:16]
    return f".{name[:64]}.{digest}{suffix}"


def lock_path(real: str) -> str:
    """Return the sidecar lock file of a data file."""
    folder, name = os.path.split(real)
    return os.path.join(folder, _side_name(folder, name, ".lock"))


#: How long `record` waits for another's lock by default, and when it says it is waiting.
WAIT_SECONDS = 10.0
TELL_AFTER = 1.0
_POLL = 0.02


def _holder(fd: int) -> str:
    """Return ' (held by process N)' from the pid the holder wrote, or ''."""
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (held by process {pid})" if pid.isdigit() else ""


def _take(
    fd: int,
    where: tuple[str, str],
    started: float,
    wait: float,
    waiting: Callable[[str], None] | None,
) -> None:
    """Take the exclusive lock on `fd` by `wait` seconds after `started`, saying once that
    it waits; `where` is the data file's name as shown and the lock file's path."""
    path, sidecar = where
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        waited = time.monotonic() - started
        if waited >= wait:
            raise LockTimeoutError(
                f"{path}: gave up after {wait:g} s waiting for the lock {sidecar}{_holder(fd)}; "
                "nothing written (another record is running; --wait longer?)"
            )
        if waiting is not None and not told and waited >= TELL_AFTER:
            waiting(f"waiting for the lock {sidecar}{_holder(fd)}, at most {wait:g} s")
            told = True
        time.sleep(_POLL)


@contextlib.contextmanager
def locked(
    path: str,
    real: str,
    wait: float = WAIT_SECONDS,
    waiting: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the exclusive lock of the data file at `real` for the duration.

    Waits at most `wait` seconds for another holder (`LockTimeoutError` after that),
    calling `waiting` once with a line to show after `TELL_AFTER` seconds.
    """
    sidecar = lock_path(real)
    started = time.monotonic()
    while True:
        try:
            # O_NOFOLLOW: a symlink planted as the lock file must not redirect the open.
            fd = os.open(sidecar, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise _fail(path, f"cannot create the lock file {sidecar}: {exc.strerror}") from None
        try:
            _take(fd, (path, sidecar), started, wait, waiting)
            with contextlib.suppress(FileNotFoundError):
                if os.lstat(sidecar).st_ino == os.fstat(fd).st_ino:
                    break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder before us removed this lock file: lock the new one
    with contextlib.suppress(OSError):  # who holds it, for whoever waits
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(sidecar)
        os.close(fd)


@contextlib.contextmanager
def _synced_temp(path: str, folder: str, name: str, data: bytes) -> Iterator[str]:
    """Yield a temporary file beside the target, holding `data` on disk; remove it after."""
    try:
        # mkstemp adds 8 random characters and the suffix: keep the whole within the limit.
        prefix = _side_name(folder, name, "." + "X" * 8 + ".tmp")[: -len("X" * 8 + ".tmp")]
        fd, temp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
    except OSError as exc:
        raise _fail(path, f"cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        yield temp
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)  # already gone once renamed into place


def replace_atomically(
    path: str, real: str, data: bytes, unchanged: Callable[[], bool] = lambda: True
) -> bool:
    """Replace the file at `real` with `data`: whole or not at all, mode kept, durable.

    `unchanged` is asked last, after the new bytes are on disk and just before the
    rename; when it says the file changed (a hand edit), nothing is replaced: False.
    """
    folder, name = os.path.split(real)
    info = os.stat(real)
    try:
        with _synced_temp(path, folder, name, data) as temp:
            os.chmod(temp, stat.S_IMODE(info.st_mode))
            with contextlib.suppress(OSError):  # only root may give the file back to its owner
                os.chown(temp, info.st_uid, info.st_gid)
            if not unchanged():
                return False
            os.replace(temp, real)
    except OSError as exc:
        raise _fail(path, f"cannot write: {exc.strerror or exc}; nothing written") from None
    _sync_folder(folder)
    return True


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _refuse_read_only(path: str, real: str, folder: str) -> None:
    """Refuse, even for root, to replace a special or read-only file, or to write in a
    read-only folder (as `record` does)."""
    try:
        info = os.stat(real) if os.path.lexists(real) else None
    except OSError as exc:  # a symlink loop, say
        raise _fail(path, f"cannot write: {exc.strerror or exc}; nothing written") from None
    try:
        folder_mode = os.stat(folder).st_mode
    except OSError:
        return  # creating the file there fails and says why
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise _fail(path, "is not a regular file; nothing written")
    if info is not None and not info.st_mode & 0o222:
        raise _fail(path, "is read-only; nothing written")
    if not folder_mode & 0o222:
        raise _fail(path, f"its folder {folder} is read-only; nothing written")


def write_new(path: str, data: bytes, overwrite: bool) -> None:
    """Write a whole file at `path`; refuse an existing one unless `overwrite`."""
    real = real_path(path)
    if os.path.lexists(path) and not os.path.exists(path) and not overwrite:
        from shtracker.datafile.reader import missing

        raise _fail(path, f"{missing(path)}; nothing written (--force writes to its target)")
    if os.path.lexists(path) and not overwrite:
        raise _fail(path, "already exists; nothing written (--force overwrites it)")
    folder, name = os.path.split(real)
    _refuse_read_only(path, real, folder or ".")
    umask = os.umask(0)
    os.umask(umask)
    try:
        with _synced_temp(path, folder or ".", name, data) as temp:
            os.chmod(temp, 0o666 & ~umask)
            if overwrite:
                os.replace(temp, real)
            else:
                os.link(temp, real)  # fails if the file appeared meanwhile: never overwrite
    except OSError as exc:
        reason = "already exists" if isinstance(exc, FileExistsError) else exc.strerror or exc
        raise _fail(path, f"cannot write: {reason}; nothing written") from None
    _sync_folder(folder or ".")

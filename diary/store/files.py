"""Writing files the way a diary needs: private to the person, and never half-written."""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import ClassVar

try:
    import fcntl
except ImportError:  # Windows: the lock file beside the diary is the only lock
    fcntl = None  # type: ignore[assignment]

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: a crash leaves either the old file or the new one.

    The new file is readable by the owner only (on POSIX), whatever the umask. The folder
    must exist: a missing one is more likely a typing slip than a wish for a new folder.
    """
    with replaced_privately(path) as temporary:
        with temporary.open("wb") as file:
            file.write(data)
        # Made durable (fsync) by replaced_privately as the block ends.
        size = temporary.stat().st_size
        if size != len(data):
            raise _incomplete(temporary, f"{size} of {len(data)} bytes were written")


@contextmanager
def replaced_privately(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` for the caller to write; once the block ends without
    error it is flushed to disk, checked whole (a .json file parses, a .pdf ends with its
    trailer) and becomes `path` (owner-only, the rename made durable); on any error it goes,
    and an earlier file at `path` stays as it was."""
    path = Path(path)
    check_replaceable(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        sync_file(temporary)
        check_whole(temporary, path.suffix.lower())
        temporary.chmod(PRIVATE_FILE)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


class OutputIncomplete(OSError):
    """A file came out short or unfinished (its writer may not have said why)."""


def _incomplete(path: Path, why: str) -> OSError:
    from diary.store.errors import disk_is_full

    if disk_is_full(path):
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    return OutputIncomplete(errno.EIO, f"the file came out incomplete ({why})", str(path))


def check_whole(path: Path, suffix: str) -> None:
    """Raise OSError unless the file at `path` is whole for its kind (`suffix`: ".json", ".pdf")."""
    size = path.stat().st_size
    if suffix == ".pdf":
        with path.open("rb") as file:
            file.seek(max(0, size - 1024))
            if b"%%EOF" not in file.read():
                raise _incomplete(path, "the PDF has no trailer")
    elif suffix == ".json":
        try:
            json.loads(path.read_bytes())
        except ValueError:
            raise _incomplete(path, "the JSON does not parse") from None


def sync_file(path: Path) -> None:
    """Make what was written to `path` durable (fsync); raises OSError (e.g. ENOSPC)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class NotARegularFile(OSError):
    """A name that leads to a FIFO, a device, a socket or a folder: reading it could block
    forever or never end, so it is refused before it is opened for reading."""


def check_replaceable(path: Path) -> None:
    """Raise NotARegularFile when `path` names something other than a regular file (a
    device such as /dev/null, a FIFO, a folder): renaming a file over it would replace it."""
    try:
        mode = Path(path).stat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotARegularFile(errno.EINVAL, f"it is {_kind(mode)}, not a file", str(path))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    return "a device or a socket"


def check_regular(path: Path) -> None:
    """Raise NotARegularFile (or the OSError that stopped the look) unless `path` is a
    regular file. Opened without blocking, so a FIFO with no writer never hangs the look."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
    finally:
        os.close(descriptor)
    if not stat.S_ISREG(mode):
        raise NotARegularFile(errno.EINVAL, f"it is {_kind(mode)}, not a file", str(path))


class FileLock:
    """An OS lock (flock) on a file itself, held through an open descriptor: every name that
    leads to the file (a hard link, a symlink) meets it, and it goes with the process.

    Independent of SQLite's own locks (POSIX record locks), which it never touches. The
    locks this process holds are known by the diary's real path, so a restore that puts a
    new file in the diary's place can lock that file before it takes the diary's name.
    """

    held: ClassVar[dict[Path, FileLock]] = {}

    def __init__(self, descriptor: int) -> None:
        self.descriptor: int | None = descriptor

    @classmethod
    def take(cls, path: Path) -> FileLock | None:
        """The lock on the file at `path` (it must exist), or None when another holds it."""
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(path, flags)  # never blocks, even on a FIFO
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            raise NotARegularFile(errno.EINVAL, "it is not a file", str(path))
        if not lock_descriptor(descriptor):
            os.close(descriptor)
            return None
        return cls(descriptor)

    def release(self) -> None:
        if self.descriptor is not None:
            with suppress(OSError):
                os.close(self.descriptor)
            self.descriptor = None

    @classmethod
    def hold(cls, real_path: Path, lock: FileLock) -> None:
        """Hold `lock` as this process's lock on the diary at `real_path` (the one before goes)."""
        before = cls.held.pop(real_path, None)
        cls.held[real_path] = lock
        if before is not None and before is not lock:
            before.release()

    @classmethod
    def let_go(cls, real_path: Path) -> None:
        lock = cls.held.pop(real_path, None)
        if lock is not None:
            lock.release()


def lock_descriptor(descriptor: int) -> bool:
    """Take the exclusive OS lock on the open file, without waiting; False when another holds it."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True  # a file system without flock: the lock file beside the diary still holds
    return True


def left_by_a_crash(path: Path, stale_seconds: float = 3600) -> bool:
    """A temporary file no one is writing: its writer's lock is gone (or, without locks, it is old)."""
    import time

    if fcntl is None:
        return time.time() - path.stat().st_mtime > stale_seconds
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # being written now
    finally:
        os.close(descriptor)
    return True

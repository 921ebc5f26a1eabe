"""Writing files the way a diary needs: private to the person, and never half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: a crash leaves either the old file or the new one.

    The new file is readable by the owner only (on POSIX), whatever the umask. The folder
    must exist: a missing one is more likely a typing slip than a wish for a new folder.
    """
    with replaced_privately(path) as temporary, temporary.open("wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


@contextmanager
def replaced_privately(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` for the caller to write; once the block ends without
    error it becomes `path` (owner-only, the rename made durable); on any error it goes."""
    path = Path(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
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

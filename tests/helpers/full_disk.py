"""A full disk, made small: a real small filesystem (tmpfs, `small_disk`, needs root on
Linux) filled to the last byte (`fill`); or one diary action run in a process whose files
may not grow past a limit:

    python -m tests.helpers.full_disk LIMIT_BYTES backup|save DIARY

The file-size limit (RLIMIT_FSIZE) makes writes past it fail as a full disk does (SQLite
reports SQLITE_FULL for the short write). Prints "done", or the message the person would
see; a traceback means the program did not handle it.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from diary.core.entry import Entry
from diary.store import backups
from diary.store.diary import Diary
from diary.store.errors import DiaryUnavailable

BIG_NOTE = "A long day. " * 8000  # ~100 KB: more than the limit lets the log grow


@contextmanager
def small_disk(folder: Path, size: str = "256k", read_only: bool = False) -> Iterator[Path]:
    """A real small filesystem (tmpfs; needs root): a full disk is what the program sees."""
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Fill the disk holding `folder` to the last byte."""
    for name, chunk in (("filler", 4096), ("filler-2", 1)):
        descriptor = os.open(folder / name, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(descriptor, b"\0" * chunk)
        except OSError:
            pass
        finally:
            os.close(descriptor)


needs_tmpfs = pytest.mark.skipif(
    not (hasattr(os, "geteuid") and os.geteuid() == 0 and sys.platform == "linux"),
    reason="a small tmpfs needs root on Linux",
)


def main() -> None:
    limit, action, path = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    diary = Diary.open(path) if action == "save" else None
    # Past the limit the kernel would kill us with SIGXFSZ; ignored, the write fails instead.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    try:
        if action == "backup":
            backups.make_backup(path, backups.BY_HAND)
        else:
            assert diary is not None
            diary.save_entry(Entry(dt.date(2026, 5, 1), mood=5, note=BIG_NOTE))
    except DiaryUnavailable as error:
        print(error)
        return
    print("done")


if __name__ == "__main__":
    main()

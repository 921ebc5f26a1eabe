"""Run one diary action in a process whose files may not grow past a limit: a full disk, made small.

    python -m tests.helpers.full_disk LIMIT_BYTES backup|save DIARY

The file-size limit (RLIMIT_FSIZE) makes writes past it fail as a full disk does (SQLite
reports SQLITE_FULL for the short write). Prints "done", or the message the person would
see; a traceback means the program did not handle it.
"""

from __future__ import annotations

import datetime as dt
import resource
import signal
import sys
from pathlib import Path

from diary.core.entry import Entry
from diary.store import backups
from diary.store.diary import Diary
from diary.store.errors import DiaryUnavailable

BIG_NOTE = "A long day. " * 8000  # ~100 KB: more than the limit lets the log grow


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

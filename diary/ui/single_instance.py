"""One window per diary: the lock and the local socket now live in diary.instance (QtCore
only, shared with the commands); these names are kept for the window's older imports."""

from __future__ import annotations

from diary.instance import (  # noqa: F401
    ANSWER,
    CONNECT_TRIES,
    LOCK_SUFFIX,
    REQUEST,
    WAIT_MS,
    DiaryLock,
    LockState,
    SingleInstance,
    lock_path,
    server_name,
)

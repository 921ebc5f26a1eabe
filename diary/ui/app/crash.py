"""A crash is never silent: one hook for exceptions that reach Qt's event loop (a slot, an
event handler) and for Qt's own warnings, writing them to an owner-only log beside the
diary and telling the person plainly.

The log never holds diary content (issue 25: it lies unencrypted beside a protected diary):
it keeps where the program was (the error's type and the lines of code it passed through),
never the error's own words, which may quote a note or a value that was typed. The person
sees those words in the message on screen, which is not kept.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

LOG_NAME = "isodiary-errors.log"
TITLE = "Something went wrong"

_Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_path(folder: Path) -> Path:
    return Path(folder) / LOG_NAME


def append_to_log(folder: Path, text: str) -> Path:
    """Add `text` to the log (made owner-only, whatever the umask); returns its path."""
    path = log_path(folder)
    # Never through a link planted under the log's name: it would append to another file.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8", errors="replace") as log:
        log.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n{text.rstrip()}\n")
    path.chmod(0o600)
    return path


def where_it_broke(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
    """The traceback without any exception's message: types and code lines only (chained
    errors included, the first cause first)."""
    parts: list[str] = []
    current: BaseException | None = error
    current_trace, current_kind = trace, kind
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_tb(current_trace))
        parts.append(
            f"Traceback (most recent call last):\n{frames}"
            f"{current_kind.__module__}.{current_kind.__qualname__} (its words are not kept: "
            "they may quote what was written in the diary)\n"
        )
        current = current.__cause__ or current.__context__
        if current is not None:
            current_trace, current_kind = current.__traceback__, type(current)
    return "\nWhile handling the error above, another came:\n\n".join(reversed(parts))


class CrashHook:
    """Installed once by the window; chains to the hook it replaced (so tests fail as before)."""

    def __init__(self, folder: Path, previous: _Hook) -> None:
        self.folder = Path(folder)
        self.previous = previous
        self.previous_qt: Callable[[QtMsgType, QMessageLogContext, str], object] | None = None
        self._showing = False

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        details = where_it_broke(kind, error, trace)
        try:
            where = str(append_to_log(self.folder, details))
        except OSError as failure:
            where = f"(the log could not be written: {failure.strerror or failure})"
        if not self._showing and QApplication.instance() is not None:
            self._showing = True
            try:
                QMessageBox.critical(
                    QApplication.activeWindow(),
                    TITLE,
                    "Something went wrong. Everything you saved is safe.\n\n"
                    f"Details: {kind.__name__}: {error}\n\nThe full details are in {where}",
                )
            finally:
                self._showing = False
        self.previous(kind, error, trace)

    def qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            with suppress(OSError):
                append_to_log(self.folder, f"Qt: {message}")
        if self.previous_qt is not None:
            self.previous_qt(kind, context, message)
        else:
            print(message, file=sys.stderr)


def install_crash_hook(folder: Path) -> CrashHook:
    hook = CrashHook(folder, sys.excepthook)
    sys.excepthook = hook
    hook.previous_qt = qInstallMessageHandler(hook.qt_message)
    return hook


def uninstall_crash_hook(hook: CrashHook) -> None:
    if sys.excepthook is hook:
        sys.excepthook = hook.previous
    qInstallMessageHandler(hook.previous_qt)

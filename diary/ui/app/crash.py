"""A crash is never silent: one hook for exceptions that reach Qt's event loop (a slot, an
event handler) and for Qt's own warnings, writing them to an owner-only log beside the
diary and telling the person plainly.

The log never holds the diary's content: the diary may be encrypted, the log is not. It
keeps where the error happened (each frame's file, line and function) and the
error's kind, never its message (a refused value's words, a note, a file name) nor any
variable's value; quoted words in Qt's warnings are left out too. The message is shown on
screen, to the person who is using the diary.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import traceback
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

LOG_NAME = "isodiary-errors.log"
LEFT_OUT = "(its message is left out of this log: it may hold words from the diary)"
# Qt quotes what it names (a window's title, an object's name, a file): left out.
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'|“[^”]*”")
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


class CrashHook:
    """Installed once by the window; chains to the hook it replaced (so tests fail as before)."""

    def __init__(self, folder: Path, previous: _Hook) -> None:
        self.folder = Path(folder)
        self.previous = previous
        self.previous_qt: Callable[[QtMsgType, QMessageLogContext, str], object] | None = None
        self._showing = False

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        details = without_content(kind, error, trace)
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
                append_to_log(self.folder, f"Qt: {QUOTED.sub('“…”', message)}")
        if self.previous_qt is not None:
            self.previous_qt(kind, context, message)
        else:
            print(message, file=sys.stderr)


def without_content(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
    """The traceback as Python prints it, with every exception's message left out."""
    lines: list[str] = []
    seen: set[int] = set()
    part: traceback.TracebackException | None = traceback.TracebackException(kind, error, trace)
    while part is not None and id(part) not in seen:
        seen.add(id(part))
        lines.append("Traceback (most recent call last):\n")
        # Where, not what: no source line either (a literal in it could be anything).
        lines.extend(
            f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n' for frame in part.stack
        )
        name = getattr(part, "exc_type_str", None) or _type_name(part)
        lines.append(f"{name}: {LEFT_OUT}\n")
        following = part.__cause__ or (None if part.__suppress_context__ else part.__context__)
        if following is not None:
            lines.append("\nwhich came after:\n")
        part = following
    return "".join(lines)


def _type_name(part: traceback.TracebackException) -> str:
    kind = part.exc_type
    if kind is None:
        return "Exception"
    module = kind.__module__
    return kind.__qualname__ if module in ("builtins", "__main__") else f"{module}.{kind.__qualname__}"


def install_crash_hook(folder: Path) -> CrashHook:
    hook = CrashHook(folder, sys.excepthook)
    sys.excepthook = hook
    hook.previous_qt = qInstallMessageHandler(hook.qt_message)
    return hook


def uninstall_crash_hook(hook: CrashHook) -> None:
    if sys.excepthook is hook:
        sys.excepthook = hook.previous
    qInstallMessageHandler(hook.previous_qt)

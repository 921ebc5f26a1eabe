"""Starting the window: the Qt application, the diary, the look, and the first-run questions."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from diary import APP_NAME
from diary.paths import resources_folder
from diary.ui import theme


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName("")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("isodiary")
    icon = resources_folder() / "isodiary.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_window(path: Path, demo: bool = False) -> int:
    """Open the diary at `path` in the window and run until it closes. Returns the exit code."""
    app = make_application()
    from diary.store.database import DiaryUnavailable
    from diary.store.diary import Diary

    try:
        diary = Diary.open(path)
    except DiaryUnavailable as error:
        theme.apply_appearance(app)
        QMessageBox.critical(None, "IsoDiary cannot open the diary", str(error))
        return 2
    with diary:
        theme.apply_appearance(app, diary.preferences().appearance)
        from diary.ui.context import DiaryContext
        from diary.ui.main_window import MainWindow

        window = MainWindow(DiaryContext(diary), title_detail="demo diary" if demo else "")
        window.show()
        QTimer.singleShot(0, window.first_run)
        return app.exec()

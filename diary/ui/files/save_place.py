"""Where files are offered to be saved (the folder used last, else Documents; never the
program's own folder), and saying where a file went, with a way to open that folder."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from diary.settings import SAVE_FOLDER


def program_folders() -> list[Path]:
    """Where IsoDiary itself lives: its source or install folder and its Python's."""
    import diary

    return [Path(diary.__file__).resolve().parent.parent, Path(sys.prefix).resolve()]


def _usable(folder: Path) -> bool:
    if not folder.is_dir():
        return False
    resolved = folder.resolve()
    return not any(resolved == own or own in resolved.parents for own in program_folders())


def save_folder() -> Path:
    """The folder used last for a save, else Documents, else the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for candidate in (SAVE_FOLDER.read(), documents):
        if candidate and _usable(Path(str(candidate))):
            return Path(str(candidate))
    return Path.home()


def suggested(file_name: str) -> str:
    """What a save dialog is given: `file_name` in the folder to offer."""
    return str(save_folder() / file_name)


def remember(path: Path) -> None:
    """`path` was saved: its folder is offered next time."""
    SAVE_FOLDER.write(str(path.parent))


def open_folder(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def say_saved(parent: QWidget, title: str, words: str, path: Path) -> None:
    """A message that names where `path` went, with a button that opens its folder."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(words)
    box.setInformativeText(f"In the folder {path.parent}")
    open_button = box.addButton("&Open the folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if box.clickedButton() is open_button:
        open_folder(path)

"""Import and export from the window: file choosers, the conflict question, plain messages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from diary.core.interchange import InterchangeError
from diary.store.database import DiaryUnavailable
from diary.store.diary import Diary
from diary.store.transfer import ImportConflict, export_file, import_document, read_document

FILTERS = (
    "IsoDiary files (*.json *.csv);;JSON, the whole diary (*.json);;CSV, entries for spreadsheets (*.csv)"
)


def import_with_dialogs(diary: Diary, parent: QWidget) -> bool:
    """Ask for a file and import it whole; True when something was imported."""
    name, _ = QFileDialog.getOpenFileName(parent, "Import into the diary", str(Path.home()), FILTERS)
    if not name:
        return False
    path = Path(name)
    try:
        document = read_document(diary, path)
        try:
            summary = import_document(diary, document, path.name)
        except ImportConflict as conflict:
            answer = QMessageBox.question(
                parent,
                "Replace days?",
                f"{conflict}\n\nReplace those days with the ones in the file?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            summary = import_document(diary, document, path.name, replace=True)
    except (InterchangeError, DiaryUnavailable) as error:
        QMessageBox.warning(parent, "Nothing was imported", f"{error}.\n\nNothing was imported.")
        return False
    QMessageBox.information(parent, "Imported", summary.describe())
    return True


def export_with_dialogs(diary: Diary, parent: QWidget) -> None:
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export the diary", str(Path.home() / "isodiary-export.json"), FILTERS
    )
    if not name:
        return
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(".csv" if "CSV" in chosen else ".json")
    try:
        count = export_file(diary, path)
    except (InterchangeError, OSError, DiaryUnavailable) as error:
        QMessageBox.warning(parent, "Not exported", str(error))
        return
    QMessageBox.information(parent, "Exported", f"Wrote {count} days to {path}.")

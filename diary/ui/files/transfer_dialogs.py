"""Import and export from the window: file choosers, the conflict question, plain messages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from diary.core.interchange import InterchangeError
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.files import save_place

FILTERS = (
    "IsoDiary files (*.json *.csv);;JSON, the whole diary (*.json);;CSV, entries for spreadsheets (*.csv)"
)


def import_with_dialogs(context: DiaryContext, parent: QWidget) -> bool:
    """Ask for a file and import it whole; True when something was imported (the context
    then reloads every view)."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import into the diary", str(save_place.save_folder()), FILTERS
    )
    if not name:
        return False
    path = Path(name)

    def replace_days(conflict: str) -> bool:
        answer = QMessageBox.question(
            parent,
            "Replace days?",
            f"{conflict}\n\nReplace those days with the ones in the file?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    try:
        document = context.files.read_document(path)
        summary = context.import_document(document, path.name, replace_days)
        if summary is None:
            return False
    except (InterchangeError, DiaryUnavailable) as error:
        QMessageBox.warning(parent, "Nothing was imported", f"{error}.\n\nNothing was imported.")
        return False
    QMessageBox.information(parent, "Imported", summary.describe())
    return True


def export_with_dialogs(context: DiaryContext, parent: QWidget) -> None:
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export the diary", save_place.suggested("isodiary-export.json"), FILTERS
    )
    if not name:
        return
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(".csv" if "CSV" in chosen else ".json")
    try:
        count = context.files.export_file(path)
    except (InterchangeError, OSError, DiaryUnavailable) as error:
        QMessageBox.warning(parent, "Not exported", str(error))
        return
    save_place.remember(path)
    save_place.say_saved(parent, "Exported", f"Wrote {count} days to {path.name}.", path)

"""Import and export from the window: file choosers, the conflict question, plain messages.

Both offer the bundle (.isodiary), the one file that carries the photos' images; a diary
that holds photos is offered a bundle first when exporting."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from diary.core.interchange import InterchangeError
from diary.core.interchange.import_messages import PhotosWithoutImages
from diary.core.photos import left_out_of_export
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.files import save_place
from diary.ui.files.off_thread import run_apart

if TYPE_CHECKING:
    from diary.ui.app.context import FileToImport

BUNDLE_FILTER = "Bundle, the whole diary with its photos (*.isodiary)"
JSON_FILTER = "JSON, the whole diary without the photos' images (*.json)"
CSV_FILTER = "CSV, entries for spreadsheets (*.csv)"
IMPORT_FILTERS = ";;".join(
    ("IsoDiary files (*.isodiary *.json *.csv)", BUNDLE_FILTER, JSON_FILTER, CSV_FILTER)
)
# The filters offered when exporting, the first one chosen: a bundle when there are photos.
EXPORT_FILTERS = ";;".join(
    ("IsoDiary files (*.json *.csv *.isodiary)", JSON_FILTER, BUNDLE_FILTER, CSV_FILTER)
)
EXPORT_FILTERS_WITH_PHOTOS = ";;".join((BUNDLE_FILTER, JSON_FILTER, CSV_FILTER))
_SUFFIX_OF_FILTER = {BUNDLE_FILTER: ".isodiary", JSON_FILTER: ".json", CSV_FILTER: ".csv"}
BUNDLE_HINT = "To move the photos too, export again and choose a bundle (.isodiary)."


def import_with_dialogs(context: DiaryContext, parent: QWidget) -> bool:
    """Ask for a file and import it whole; True when something was imported (the context
    then reloads every view)."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import into the diary", str(save_place.save_folder()), IMPORT_FILTERS
    )
    if not name:
        return False
    path = Path(name)

    def replace_days(conflict: str) -> bool:
        return _asked(parent, "Replace days?", f"{conflict}\n\nReplace those days with the ones in the file?")

    summary = None
    kept: list[Path] = []
    try:
        read, kept = prepared(context, parent, path)
        try:
            summary = context.import_file(read, replace_days)
        except PhotosWithoutImages as missing:
            count = len(missing.photos)
            question = (
                f"{missing}.\n\nImport the rest of the file and leave out "
                f"{'this photo' if count == 1 else f'these {count} photos'}?"
            )
            if _asked(parent, "Photos without their images", question):
                summary = context.import_file(read, replace_days, without_photos=True)
    except (InterchangeError, DiaryUnavailable) as error:
        QMessageBox.warning(parent, "Nothing was imported", f"{error}.\n\nNothing was imported.")
    finally:
        if summary is None:
            context.files.forget_images(kept)  # a bundle's images, kept first, go again
    if summary is None:
        return False
    QMessageBox.information(parent, "Imported", summary.describe())
    return True


def prepared(context: DiaryContext, parent: QWidget | None, path: Path) -> tuple[FileToImport, list[Path]]:
    """The file read and checked whole, and a bundle's images kept in the diary's folder,
    both on a worker thread (a bundle of many photos takes seconds); returns the file to
    import and the images newly kept, which the caller forgets if the import is not made.
    Raises InterchangeError or DiaryUnavailable."""
    read = run_apart(parent, f"Checking {path.name}…", lambda: context.files.read_file_apart(path))
    if read.bundle is None:
        return read, []
    return run_apart(
        parent, f"Copying the photos of {path.name}…", lambda: context.files.keep_images_first(read)
    )


def _asked(parent: QWidget, title: str, question: str) -> bool:
    """A yes/no question whose safe answer, No, is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def export_with_dialogs(context: DiaryContext, parent: QWidget) -> None:
    photos = len(context.photos())
    offered = "isodiary-export.isodiary" if photos else "isodiary-export.json"
    filters = EXPORT_FILTERS_WITH_PHOTOS if photos else EXPORT_FILTERS
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export the diary", save_place.suggested(offered), filters
    )
    if not name:
        return
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(_SUFFIX_OF_FILTER.get(chosen, ".json"))
    try:
        count = context.files.export_file(path)
    except (InterchangeError, OSError, DiaryUnavailable) as error:
        QMessageBox.warning(parent, "Not exported", str(error))
        return
    save_place.remember(path)
    left_out = left_out_of_export(photos, path.suffix.lower().lstrip("."))
    with_photos = (
        f" and {photos} photo{'' if photos == 1 else 's'}" if path.suffix.lower() == ".isodiary" else ""
    )
    words = f"Wrote {count} day{'' if count == 1 else 's'}{with_photos} to {path.name}." + (
        f"\n\n{left_out} {BUNDLE_HINT}" if left_out else ""
    )
    save_place.say_saved(parent, "Exported", words, path)

"""When the diary file is damaged: say so plainly, and offer the newest good backup.

Nothing here writes to the damaged file. Restoring renames it aside, unchanged, and puts
the backup in its place; declining leaves it exactly where and as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from diary.ui.app.context import DiaryDamaged, DiaryUnavailable
from diary.ui.app.opening import keep_aside, newest_good_backup, restore_damaged, when_words

TITLE = "Your diary file is damaged"


def offer_restore(error: DiaryDamaged, parent: QWidget | None = None) -> bool:
    """Ask to restore the newest good backup; True when it was restored and the diary may be opened."""
    path = Path(error.path)
    found = newest_good_backup(path)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(TITLE)
    box.setText("<b>Your diary file is damaged.</b>")
    untouched = "IsoDiary has not written to it: it stays exactly as it was."
    box.setDetailedText(f"Diary file: {path}\n\nSQLite's check says:\n" + "\n".join(error.problems[:20]))
    if found is None:
        box.setInformativeText(
            f"{untouched}\n\nThere is no backup to restore. Please keep the file: someone who "
            "knows SQLite may be able to recover it. IsoDiary can set it aside, unchanged, and "
            "start a new diary beside it."
        )
        fresh = box.addButton("&Set it aside and start afresh", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not fresh:
            return False
        aside = keep_aside(path)
        QMessageBox.information(parent, "Set aside", f"The damaged file is kept, unchanged, as:\n{aside}")
        return True
    backup, facts = found
    box.setInformativeText(
        f"{untouched}\n\nThe newest good backup is from {when_words(backup.taken_at)}. "
        f"It holds {facts.describe()}.\n\n"
        "Restore it? The damaged file is kept beside your diary, unchanged. Anything logged "
        "after that backup is only in the damaged file."
    )
    restore = box.addButton("&Restore this backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        set_aside = restore_damaged(path, backup.path)
    except DiaryUnavailable as failure:
        QMessageBox.critical(parent, "The backup was not restored", str(failure))
        return False
    QMessageBox.information(
        parent,
        "Backup restored",
        f"Your diary is back as it was on {when_words(backup.taken_at)}.\n\n"
        f"The damaged file is kept as:\n{set_aside}",
    )
    return True

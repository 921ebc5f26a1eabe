"""The Backups dialog: the diary's backups with dates and sizes, "Back up now", and restoring one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.app.opening import when_words
from diary.ui.widgets import theme

EXPLANATION = (
    "IsoDiary backs up your diary once a day when it has changed, and before every update "
    "and every restore. It keeps the daily backups of the last 14 days, and one a month for a year."
)


class BackupsDialog(QDialog):
    """Lists the backups, newest first; makes one now; restores the chosen one after asking."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Backups")
        self.setAccessibleName("Backups of your diary")
        self.setMinimumWidth(620)

        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        folder = context.files.backups_folder()
        self.folder_label = QLabel(f"Kept in {folder}")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.make_quiet(self.folder_label)

        self.table = QTreeWidget()
        self.table.setHeaderLabels(["Made", "Why", "Size"])
        self.table.headerItem().setTextAlignment(
            2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAccessibleName("Backups, newest first")
        header = self.table.header()
        header.setStretchLastSection(False)  # the date takes the room, the size stays by its column
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel("No backups yet. “Back up now” makes one.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.make_quiet(self.empty_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.back_up_button = QPushButton("&Back up now")
        self.restore_button = QPushButton("&Restore…")
        self.folder_button = QPushButton("Show &folder")
        for button, name in (
            (self.back_up_button, "Back up the diary now"),
            (self.restore_button, "Restore the chosen backup"),
            (self.folder_button, "Show the backups folder"),
        ):
            button.setAccessibleName(name)
            button.setAutoDefault(False)
        buttons.addButton(self.back_up_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_chosen)
        self.folder_button.clicked.connect(self.show_folder)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemActivated.connect(lambda _item, _column: self.restore_chosen())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(explanation)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)  # in the table's place while there is none
        layout.addWidget(buttons)
        self.refresh()
        self.resize(680, 420)

    # The list ------------------------------------------------------------------------------

    def refresh(self, select: Path | None = None) -> None:
        self.table.clear()
        found = self.context.files.backups()
        for backup in found:
            item = QTreeWidgetItem([when_words(backup.taken_at), backup.kind_words, backup.size_words])
            item.setData(0, Qt.ItemDataRole.UserRole, str(backup.path))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, str(backup.path))
            self.table.addTopLevelItem(item)
            if backup.path == select:
                self.table.setCurrentItem(item)
        self.empty_label.setVisible(not found)
        self.table.setVisible(bool(found))
        first = self.table.topLevelItem(0)
        if first is not None and self.table.currentItem() is None:
            self.table.setCurrentItem(first)
        self._enable()

    def chosen(self) -> Path | None:
        item = self.table.currentItem()
        return None if item is None else Path(item.data(0, Qt.ItemDataRole.UserRole))

    def _enable(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    # Actions ---------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        try:
            made = self.context.files.back_up_now()
        except DiaryUnavailable as error:
            QMessageBox.warning(self, "No backup made", str(error))
            return
        self.refresh(select=made.path)

    def show_folder(self) -> None:
        folder = self.context.files.open_backups_folder()
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def restore_chosen(self) -> None:
        path, item = self.chosen(), self.table.currentItem()
        if path is None or item is None:
            return
        try:
            facts = self.context.files.check_backup(path)
        except DiaryUnavailable as error:
            QMessageBox.warning(self, "This backup cannot be restored", str(error))
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Restore this backup?", "", parent=self)
        box.setText(f"Restore the backup from {item.text(0)}?")
        box.setInformativeText(
            f"It holds {facts.describe()}.\n\nYour diary as it is now is backed up first, so nothing is lost."
        )
        restore = box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not restore:
            return
        try:
            restored = self.context.restore_backup(path)  # every view reloads
        except DiaryUnavailable as error:
            QMessageBox.warning(self, "The backup was not restored", str(error))
            self.refresh()
            return
        back = f"Your diary is back as it was on {item.text(0)}."
        if restored.missing_images:  # the records are back; some images are not
            QMessageBox.warning(
                self, "Backup restored, some photos' images missing", f"{back}\n\n{restored.images_words}"
            )
        else:
            QMessageBox.information(self, "Backup restored", back)
        self.accept()

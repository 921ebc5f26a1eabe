"""A new passphrase, or no passphrase at all: both ask for the current passphrase (or the
recovery code) first, so no one passing by an unlocked window can change either."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from diary.ui.app.context import DiaryContext
from diary.ui.settings.protection_dialogs import ProtectionDialog, passphrase_box, wrapped
from diary.ui.widgets import theme

CURRENT = "Current passphrase or recovery code"


class _AfterTheCurrentPassphrase(ProtectionDialog):
    """A change asked for with the current passphrase (or the recovery code) typed first: a
    refusal is said beside that box."""

    current: QLineEdit

    def failed(self, words: str) -> None:
        self.say(words, self.current)


class ChangePassphraseDialog(_AfterTheCurrentPassphrase):
    """The same key under a new passphrase (instant); the recovery code stays the same."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle("Change the passphrase")
        self.current = passphrase_box(CURRENT)
        self.passphrase = passphrase_box("New passphrase")
        self.again = passphrase_box("New passphrase again")
        form = QFormLayout()
        form.addRow("&Current passphrase\nor recovery code", self.current)
        form.addRow("&New passphrase", self.passphrase)
        form.addRow("Type it a&gain", self.again)
        note = wrapped("Your recovery code stays the same.")
        self.change_button = self.buttons.addButton("C&hange", QDialogButtonBox.ButtonRole.AcceptRole)
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self.change)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.SPACING)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.current.setFocus()

    def change(self) -> None:
        current, new = self.current.text(), self.passphrase.text()
        if not current.strip():
            self.say("Type your current passphrase or recovery code first.", self.current)
        elif not new.strip():
            self.say("Choose a new passphrase.", self.passphrase)
        elif self.again.text() != new:
            self.say("The two new passphrases are not the same. Please type them again.", self.again)
        else:
            from diary.ui.app.opening import change_passphrase, keys_from

            path = self.context.path
            self.run(
                lambda: change_passphrase(path, keys_from(path, current), new),
                "Checking… this takes a moment.",
                self._changed,
                let_go=False,
            )

    def _changed(self, _result: object) -> None:
        for box in (self.current, self.passphrase, self.again):
            box.clear()
        QMessageBox.information(self, "Passphrase changed", "Your passphrase is changed.")
        self.accept()


class RemoveProtectionDialog(_AfterTheCurrentPassphrase):
    """Decrypt the diary, its backups and photos, after saying what that means."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle("Remove the passphrase")
        warning = wrapped(
            "<b>Your diary, its backups and its photos will no longer be encrypted.</b> Anyone who "
            "can open files on this computer will be able to read them, and IsoDiary will no longer "
            "lock."
        )
        self.current = passphrase_box(CURRENT)
        form = QFormLayout()
        form.addRow("&Current passphrase\nor recovery code", self.current)
        self.remove_button = self.buttons.addButton(
            "&Remove protection", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.clicked.connect(self.remove)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        self.current.setFocus()

    def remove(self) -> None:
        current = self.current.text()
        if not current.strip():
            self.say("Type your current passphrase or recovery code first.", self.current)
            return
        from diary.ui.app.opening import keys_from, unprotect

        path = self.context.path
        self.run(
            lambda: unprotect(path, keys_from(path, current)),
            "Removing the protection… this takes a moment.",
            self._removed,
            let_go=True,
        )

    def _removed(self, _result: object) -> None:
        self.current.clear()
        self.context.protection_changed.emit()
        QMessageBox.information(
            self, "Protection removed", "Your diary is no longer protected by a passphrase."
        )
        self.accept()

"""Protecting the diary with a passphrase (issue 25): set one, see the recovery code once.

What protection means, and that without the passphrase or the recovery code the diary
cannot be read, is said before the person chooses, and they tick that they understand.
The work (a key derived from the passphrase, the diary and its backups encrypted) runs off
the window's thread, with the diary let go of meanwhile; the dialog says it is busy and
cannot be closed half-way (the store finishes or leaves the diary as it was).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diary.ui.app.context import DiaryContext
from diary.ui.widgets import speech, theme
from diary.ui.widgets.background import Background

CANNOT_BE_READ = (
    "Without the passphrase or the recovery code, this diary cannot be read: not by you, "
    "not by anyone, and IsoDiary cannot get it back."
)


def passphrase_box(name: str) -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setAccessibleName(name)
    box.setMinimumWidth(300)
    return box


def wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ProtectionDialog(QDialog):
    """What the protection dialogs share: a problem line, and slow work off the window's
    thread with the dialog busy (no second try, no closing half-way)."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.problem = wrapped("")
        speech.reads_as_shown(self.problem, "What went wrong")
        self.buttons = QDialogButtonBox()
        self.buttons.rejected.connect(self.reject)
        self.worker = Background(self)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self._then: Callable[[object], None] = lambda _result: None
        self._let_go = False

    def say(self, words: str, focus: QWidget | None = None) -> None:
        theme.make_alarming(self.problem)
        speech.show_and_announce(self.problem, words)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(focus, QLineEdit):
                focus.selectAll()

    def run(
        self, work: Callable[[], object], busy_words: str, then: Callable[[object], None], let_go: bool
    ) -> None:
        """`work()` in a worker, then `then(result)` here. With `let_go` the diary is let go
        of meanwhile (its file is rewritten) and taken back after, whatever happened."""
        self._then = then
        self._let_go = let_go
        self._set_busy(True)
        self.problem.setStyleSheet("")
        speech.show_and_announce(self.problem, busy_words)
        if let_go:
            self.context.protection.let_go()
        self.worker.run(work)

    def _set_busy(self, busy: bool) -> None:
        for kind in (QLineEdit, QCheckBox, QPushButton):
            for widget in self.findChildren(kind):
                widget.setEnabled(not busy)

    def _finish(self) -> None:
        self._set_busy(False)
        if self._let_go:
            self.context.protection.take_back()
            self._let_go = False

    def _done(self, result: object) -> None:
        self._finish()
        self.problem.setText("")
        self._then(result)

    def _failed(self, error: BaseException) -> None:
        from diary.ui.app.opening import refusal_words

        self._finish()
        words = refusal_words(error)
        if words is None:
            raise error  # a bug, not a refusal: the crash hook reports it
        self.failed(words)

    def failed(self, words: str) -> None:
        self.say(words)

    def reject(self) -> None:
        if self.worker.busy:
            return  # half-way through: the work finishes first (a second or so)
        super().reject()


class ProtectDialog(ProtectionDialog):
    """Set a passphrase: typed twice, after the warning, then the recovery code, once."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None, first_run: bool = False) -> None:
        super().__init__(context, parent)
        self.setWindowTitle("Protect this diary with a passphrase")
        self.recovery_code = ""
        intro = wrapped(
            "Anyone who uses this computer can open a diary that is not protected. With a "
            "passphrase, your diary, its backups and its photos are encrypted on the disk, and "
            "IsoDiary asks for the passphrase when it starts and after a while without use."
        )
        warning = wrapped(f"<b>{CANNOT_BE_READ}</b> You will get a recovery code to keep somewhere safe.")
        self.passphrase = passphrase_box("New passphrase")
        self.again = passphrase_box("New passphrase again")
        self.understood = QCheckBox(
            "I &understand: without the passphrase or the recovery code, my diary cannot be read"
        )
        form = QFormLayout()
        form.addRow("&Passphrase", self.passphrase)
        form.addRow("Type it a&gain", self.again)
        hint = wrapped("A few words you will remember is easier to type and harder to guess than one word.")
        self.protect_button = self.buttons.addButton("P&rotect", QDialogButtonBox.ButtonRole.AcceptRole)
        self.protect_button.clicked.connect(self.protect)
        self.protect_button.setDefault(True)
        cancel = self.buttons.addButton(
            "&Not now" if first_run else "Cancel", QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.SPACING)
        for widget in (intro, warning):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.understood)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.passphrase.setFocus()

    def protect(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase.strip():
            self.say("Choose a passphrase first.", self.passphrase)
        elif self.again.text() != passphrase:
            self.say("The two passphrases are not the same. Please type them again.", self.again)
        elif not self.understood.isChecked():
            self.say("Please tick that you understand first.", self.understood)
        else:
            from diary.ui.app.opening import protect

            path = self.context.path
            self.run(
                lambda: protect(path, passphrase),
                "Protecting your diary… this takes a moment.",
                self._protected,
                let_go=True,
            )

    def _protected(self, code: object) -> None:
        self.recovery_code = str(code)
        self.passphrase.clear()
        self.again.clear()
        self.context.protection_changed.emit()
        RecoveryCodeDialog(self.recovery_code, self).exec()
        self.accept()


class RecoveryCodeDialog(QDialog):
    """The recovery code, shown this once: to copy, print or write down."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your recovery code")
        self.code = QLineEdit(code)
        self.code.setReadOnly(True)
        self.code.setAccessibleName("Recovery code")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.Bold)
        self.code.setFont(font)
        self.code.setMinimumWidth(self.code.fontMetrics().horizontalAdvance(code) + 40)
        heading = QLabel("<b>Your diary is protected.</b>")
        about = wrapped(
            "If you forget your passphrase, this recovery code opens your diary. Write it down or "
            "print it, and keep it somewhere safe, away from this computer. "
            "IsoDiary shows it only this once."
        )
        warning = wrapped(CANNOT_BE_READ)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        self.print_button = QPushButton("&Print…")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_code)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.kept_button = buttons.addButton("I have &kept it", QDialogButtonBox.ButtonRole.AcceptRole)
        self.kept_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        self.copied = QLabel("")
        speech.reads_as_shown(self.copied, "Copied")
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.SPACING)
        for widget in (heading, about, self.code, self.copied, warning, buttons):
            layout.addWidget(widget)
        self.resize(max(520, self.sizeHint().width()), self.sizeHint().height())
        self.code.setFocus()
        self.code.selectAll()

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.code.text())
        speech.show_and_announce(self.copied, "Copied. Paste it where you keep it safe.")

    def print_code(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        page = QTextDocument()
        page.setHtml(
            "<h2>IsoDiary recovery code</h2>"
            f"<p style='font-size:20pt; font-family:monospace'><b>{self.code.text()}</b></p>"
            "<p>This code opens the diary if its passphrase is forgotten. Keep this page safe.</p>"
        )
        page.print_(printer)

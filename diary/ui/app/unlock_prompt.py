"""The passphrase box that opens a protected diary: at start (a dialog, before anything of
the diary is read) and on the locked window (diary/ui/app/lock_screen.py).

The key is derived from the passphrase off the window's thread (it takes about half a
second on purpose); meanwhile the form says so and takes no second try. A wrong
passphrase is said beside the box, which keeps what was typed, selected, to type over.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diary.ui.widgets import speech, theme
from diary.ui.widgets.background import Background

# attempt(text, is_recovery_code) -> the diary's keys; raises when they do not open it.
Attempt = Callable[[str, bool], object]
# refusal(error) -> the words for an expected refusal (a wrong passphrase), else None.
Refusal = Callable[[BaseException], str | None]

PASSPHRASE_WORDS = ("&Passphrase", "Use a &recovery code instead", "Type your passphrase first.")
CODE_WORDS = ("&Recovery code", "Use my &passphrase instead", "Type your recovery code first.")


def _default_attempt(diary_path: Path) -> Attempt:
    from diary.ui.app.opening import unlock_diary

    return lambda text, recovery: unlock_diary(diary_path, text, recovery_code=recovery)


def _default_refusal(error: BaseException) -> str | None:
    from diary.ui.app.opening import refusal_words

    return refusal_words(error)


class UnlockForm(QWidget):
    """The passphrase (or recovery code) box, Unlock, and what went wrong, beside the box.

    Signals:
        unlocked(object): the diary's keys, once what was typed opened it.
    """

    unlocked = Signal(object)

    def __init__(
        self,
        diary_path: Path,
        attempt: Attempt | None = None,
        refusal: Refusal | None = None,
        parent: QWidget | None = None,
        in_dialog: bool = False,
    ) -> None:
        """`in_dialog`: Enter presses the dialog's default button (Unlock); elsewhere the
        box itself answers Enter."""
        super().__init__(parent)
        self.attempt = attempt or _default_attempt(diary_path)
        self.refusal = refusal or _default_refusal
        self.using_code = False
        self.label = QLabel()
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMinimumWidth(320)
        self.label.setBuddy(self.field)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.clicked.connect(self.try_unlock)
        if in_dialog:
            self.unlock_button.setDefault(True)
        else:
            self.unlock_button.setAutoDefault(False)
            self.field.returnPressed.connect(self.try_unlock)
        self.switch_button = QPushButton()
        self.switch_button.setFlat(True)
        self.switch_button.setAutoDefault(False)
        self.switch_button.clicked.connect(self.switch)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        speech.reads_as_shown(self.problem, "What went wrong")
        self.field.textEdited.connect(lambda _text: self.problem.setText(""))
        self.worker = Background(self)
        self.worker.done.connect(self._opened)
        self.worker.failed.connect(self._refused)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # in line with the words above it
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._show_words()

    def _show_words(self) -> None:
        label, switch, _empty = CODE_WORDS if self.using_code else PASSPHRASE_WORDS
        self.label.setText(label)
        self.field.setAccessibleName(label.replace("&", ""))
        self.switch_button.setText(switch)
        # A recovery code is copied from paper: it is shown as typed.
        mode = QLineEdit.EchoMode.Normal if self.using_code else QLineEdit.EchoMode.Password
        self.field.setEchoMode(mode)

    def switch(self) -> None:
        """Between the passphrase and the recovery code."""
        self.using_code = not self.using_code
        self.field.clear()
        self.problem.setText("")
        self._show_words()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus(self) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.field.selectAll()

    @property
    def busy(self) -> bool:
        return self.worker.busy

    def try_unlock(self) -> None:
        if self.busy:
            return
        text = self.field.text()
        if not text.strip():
            self._say(CODE_WORDS[2] if self.using_code else PASSPHRASE_WORDS[2])
            return
        self._set_busy(True)
        self.problem.setStyleSheet("")
        speech.show_and_announce(self.problem, "Checking… this takes a moment.")
        recovery = self.using_code
        self.worker.run(lambda: self.attempt(text, recovery))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.field, self.unlock_button, self.switch_button):
            widget.setEnabled(not busy)

    def _opened(self, keys: object) -> None:
        self._set_busy(False)
        self.field.clear()  # the passphrase stays in no box once it has done its work
        self.problem.setText("")
        self.unlocked.emit(keys)

    def _refused(self, error: BaseException) -> None:
        self._set_busy(False)
        words = self.refusal(error)
        if words is None:
            raise error  # not a refusal: the crash hook reports it
        self._say(words)
        self.focus()

    def _say(self, words: str) -> None:
        theme.make_alarming(self.problem)
        speech.show_and_announce(self.problem, words)
        speech.announce(self.problem, words, urgent=True)


class UnlockDialog(QDialog):
    """At start, before the window: the diary stays unread until `keys` is set."""

    def __init__(
        self,
        diary_path: Path,
        attempt: Attempt | None = None,
        refusal: Refusal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unlock your diary")
        self.keys: object | None = None
        heading = QLabel("<b>This diary is protected with a passphrase.</b>")
        note = QLabel("Type it to open your diary.")
        self.form = UnlockForm(diary_path, attempt, refusal, self, in_dialog=True)
        self.form.unlocked.connect(self._unlocked)
        buttons = QDialogButtonBox()
        self.quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.form.focus()

    def _unlocked(self, keys: object) -> None:
        self.keys = keys
        self.accept()

    def reject(self) -> None:
        if self.form.busy:
            return  # Escape while the key is derived: wait for it (half a second)
        super().reject()


def ask_to_unlock(diary_path: Path, attempt: Attempt | None = None) -> object | None:
    """The keys to the diary at `diary_path`, or None when the person chose Quit."""
    dialog = UnlockDialog(diary_path, attempt)
    dialog.exec()
    return dialog.keys

"""A passphrase from the window (issue 25): the prompt at start on a protected diary, and
Settings' Privacy line: protect (typed twice, after the warning), the recovery code shown
once, change the passphrase, remove it. Through the store's real protection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.desktop.instance import SingleInstance
from diary.store import protection
from diary.store.diary import Diary
from diary.store.errors import DiaryLocked, WrongPassphrase
from diary.ui.app.application import _ask_for_passphrase, make_application
from diary.ui.app.unlock_prompt import UnlockDialog
from diary.ui.settings.protection_change import ChangePassphraseDialog, RemoveProtectionDialog
from diary.ui.settings.protection_dialogs import ProtectDialog, RecoveryCodeDialog
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 4, 15)
SECRET_NOTE = "wrote about the pregnancy test result"
PASSPHRASE = "quiet river morning"


@pytest.fixture(autouse=True)
def forget_keys() -> Iterator[None]:
    yield
    protection.lock()


def with_a_day(diary_path: Path) -> Path:
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(TODAY, dose_mg=40, note=SECRET_NOTE))
        diary.set_setting("first_run_done", True)
    return diary_path


def safely(handle: Callable[[QDialog], None]) -> Callable[[QDialog], None]:
    """A dialog handler that closes its dialog if it fails, so a failure cannot hang the test."""

    def run(dialog: QDialog) -> None:
        try:
            handle(dialog)
        except BaseException:
            dialog.reject()
            raise

    return run


def show(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def bytes_under(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def ok_of(box: QDialog) -> QWidget:
    assert isinstance(box, QMessageBox)
    button = box.button(QMessageBox.StandardButton.Ok)
    assert button is not None
    return button


# At start --------------------------------------------------------------------------------------


def test_a_protected_diary_asks_for_its_passphrase_before_anything_is_read(
    qtbot: QtBot, diary_path: Path
) -> None:
    protection.protect(with_a_day(diary_path), PASSPHRASE)
    protection.lock()
    app = make_application()
    instance = SingleInstance(diary_path)
    assert instance.start(listen=False)
    seen: list[str] = []
    focused: list[bool] = []

    def type_it(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        seen.append(dialog.windowTitle())
        form = dialog.form
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        focused.append(QApplication.focusWidget() is form.field)
        qtbot.keyClicks(form.field, "quiet river evening")
        qtbot.keyClick(form.field, Qt.Key.Key_Return)  # the dialog's default button: Unlock
        qtbot.waitUntil(lambda: form.problem.text() == "That passphrase does not open this diary.")
        assert dialog.isVisible() and form.field.selectedText() == "quiet river evening"
        qtbot.keyClicks(form.field, PASSPHRASE)
        qtbot.keyClick(form.field, Qt.Key.Key_Return)

    when_dialog_opens(safely(type_it))
    try:
        go_on, keys = _ask_for_passphrase(app, diary_path, instance)
    finally:
        instance.stop()
    assert seen == ["Unlock your diary"], "asked once, never told it is damaged"
    assert focused == [True], "the cursor starts in the passphrase box"
    assert go_on and keys is not None
    with Diary.open(diary_path, keys=keys) as opened:
        entry = opened.entry(TODAY)
    assert entry is not None and entry.note == SECRET_NOTE


def test_quit_at_the_prompt_opens_nothing(qtbot: QtBot, diary_path: Path) -> None:
    protection.protect(with_a_day(diary_path), PASSPHRASE)
    protection.lock()
    app = make_application()
    instance = SingleInstance(diary_path)
    assert instance.start(listen=False)
    when_dialog_opens(safely(lambda dialog: click(qtbot, dialog.quit_button)))  # type: ignore[attr-defined]
    try:
        assert _ask_for_passphrase(app, diary_path, instance) == (False, None)
    finally:
        instance.stop()
    with pytest.raises(DiaryLocked):
        Diary.open(diary_path)


# Settings ▸ Privacy ---------------------------------------------------------------------------


def test_protecting_says_what_it_means_first_then_shows_the_recovery_code_once(
    qtbot: QtBot, diary_path: Path
) -> None:
    window = open_window(qtbot, with_a_day(diary_path), TODAY)
    dialog = ProtectDialog(window.context, window)
    show(qtbot, dialog)
    text = "\n".join(label.text() for label in dialog.findChildren(type(dialog.problem)))
    assert "cannot be read" in text and "recovery code" in text  # before the person chooses
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.again, PASSPHRASE + "s")
    click(qtbot, dialog.protect_button)
    assert dialog.problem.text() == "The two passphrases are not the same. Please type them again."
    assert QApplication.focusWidget() is dialog.again and dialog.again.selectedText() == PASSPHRASE + "s"
    qtbot.keyClicks(dialog.again, PASSPHRASE)
    click(qtbot, dialog.protect_button)
    assert dialog.problem.text() == "Please tick that you understand first."
    assert not window.context.protection.protected
    qtbot.keyClick(dialog.understood, Qt.Key.Key_Space)
    shown: list[str] = []

    def keep_the_code(code_dialog: QDialog) -> None:
        assert isinstance(code_dialog, RecoveryCodeDialog)
        assert code_dialog.code.isReadOnly() and code_dialog.code.selectedText() == code_dialog.code.text()
        click(qtbot, code_dialog.copy_button)
        shown.append(code_dialog.code.text())
        click(qtbot, code_dialog.kept_button)

    when_dialog_opens(safely(keep_the_code), timeout_ms=60_000)
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.protect_button)
    (code,) = shown
    assert QGuiApplication.clipboard().text() == code
    assert window.context.protection.protected and dialog.result() == QDialog.DialogCode.Accepted
    # Encrypted at rest: not one byte of the note in any file beside the diary.
    window.context.close()
    assert SECRET_NOTE.encode() not in bytes_under(diary_path.parent)
    # The window reads on; the code opens the diary too.
    stored = window.context.entry(TODAY)
    assert stored is not None and stored.note == SECRET_NOTE
    assert (
        protection.unlock_with_recovery_code(diary_path, code).key_id
        == protection.unlock(diary_path, PASSPHRASE).key_id
    )
    close_window(window)


def test_changing_the_passphrase_asks_the_current_one_first(qtbot: QtBot, diary_path: Path) -> None:
    code = protection.protect(with_a_day(diary_path), PASSPHRASE)
    window = open_window(qtbot, diary_path, TODAY)
    dialog = ChangePassphraseDialog(window.context, window)
    show(qtbot, dialog)
    qtbot.keyClicks(dialog.current, "not it")
    qtbot.keyClicks(dialog.passphrase, "new words here")
    qtbot.keyClicks(dialog.again, "new words here")
    with qtbot.waitSignal(dialog.worker.failed):
        click(qtbot, dialog.change_button)
    qtbot.waitUntil(dialog.change_button.isEnabled)
    assert dialog.problem.text() == "That passphrase does not open this diary."
    assert QApplication.focusWidget() is dialog.current
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    when_dialog_opens(safely(lambda box: click(qtbot, ok_of(box))), timeout_ms=60_000)
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.change_button)
    assert protection.unlock(diary_path, "new words here") is not None
    with pytest.raises(WrongPassphrase):
        protection.unlock(diary_path, PASSPHRASE)
    assert protection.unlock_with_recovery_code(diary_path, code) is not None  # the code stays
    close_window(window)


def test_removing_the_passphrase_decrypts_the_diary(qtbot: QtBot, diary_path: Path) -> None:
    code = protection.protect(with_a_day(diary_path), PASSPHRASE)
    window = open_window(qtbot, diary_path, TODAY)
    dialog = RemoveProtectionDialog(window.context, window)
    show(qtbot, dialog)
    assert "will no longer be encrypted" in dialog.findChildren(type(dialog.problem))[0].text()
    click(qtbot, dialog.remove_button)
    assert dialog.problem.text() == "Type your current passphrase or recovery code first."
    qtbot.keyClicks(dialog.current, code)  # the recovery code does it too
    when_dialog_opens(safely(lambda box: click(qtbot, ok_of(box))), timeout_ms=60_000)
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.remove_button)
    assert not window.context.protection.protected and dialog.result() == QDialog.DialogCode.Accepted
    stored = window.context.entry(TODAY)
    assert stored is not None and stored.note == SECRET_NOTE
    close_window(window)
    protection.lock()
    with Diary.open(diary_path) as plain:  # no keys needed any more
        assert plain.entry(TODAY) == stored

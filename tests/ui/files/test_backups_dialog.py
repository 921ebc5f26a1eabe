"""Backups in the window: the list, "Back up now", restoring; the damaged-diary offer; the daily backup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDeadlineTimer, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.desktop.instance import lock_path
from diary.store import backups
from diary.store.diary import Diary
from diary.store.errors import DiaryDamaged
from diary.ui.app import application as app
from diary.ui.app.context import DiaryContext
from diary.ui.app.damaged_diary import offer_restore
from diary.ui.app.main_window import MainWindow
from diary.ui.files.backups_dialog import BackupsDialog
from diary.ui.models.daily_backup import DailyBackup
from tests.helpers.damage import damage
from tests.helpers.diaries import sample_course, sample_entries
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 4, 15)
NOW = dt.datetime(2026, 4, 15, 21, 4)
LATE_DAY = dt.date(2026, 4, 1)


@pytest.fixture
def filled(diary_path: Path) -> Path:
    """A diary with a course, two weeks of entries and first run done; a backup of it; then one more day."""
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        for entry in sample_entries():
            diary.save_entry(entry)
        diary.set_setting("first_run_done", True)
    backups.make_backup(diary_path, backups.DAILY, NOW - dt.timedelta(days=2))
    backups.make_backup(diary_path, backups.BEFORE_UPGRADE, NOW - dt.timedelta(days=1))
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(LATE_DAY, mood=3, note="After the backups"))
    return diary_path


def _button(box: QMessageBox, words: str) -> QPushButton:
    (button,) = [b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == words]
    return button


def answer(*steps: Callable[[QMessageBox], None]) -> list[str]:
    """Answer the next message boxes in turn; returns the texts they showed."""
    seen: list[str] = []
    remaining = list(steps)

    def handle(box: QMessageBox) -> None:
        seen.append(f"{box.text()}\n{box.informativeText()}")
        remaining.pop(0)(box)
        if remaining:
            when_dialog_opens(handle)

    when_dialog_opens(handle)
    return seen


def click(words: str) -> Callable[[QMessageBox], None]:
    return lambda box: _button(box, words).click()


def test_the_dialog_lists_backups_newest_first_with_date_kind_and_size(qtbot: QtBot, filled: Path) -> None:
    with Diary.open(filled) as diary:
        dialog = BackupsDialog(DiaryContext(diary, today=lambda: TODAY))
        qtbot.addWidget(dialog)
        rows = [
            [dialog.table.topLevelItem(row).text(column) for column in range(3)]
            for row in range(dialog.table.topLevelItemCount())
        ]
        size = backups.list_backups(filled)[0].size_words
        assert rows == [
            ["Tuesday 14 April 2026 at 21:04", "Before an update", size],
            ["Monday 13 April 2026 at 21:04", "Daily", size],
        ]
        assert dialog.chosen() == backups.list_backups(filled)[0].path
        assert dialog.restore_button.isEnabled() and not dialog.empty_label.isVisibleTo(dialog)
        assert str(backups.backups_folder(filled)) in dialog.folder_label.text()
        for button in (dialog.back_up_button, dialog.restore_button, dialog.folder_button):
            assert button.accessibleName()


def test_back_up_now_adds_a_backup_made_by_you_and_chooses_it(qtbot: QtBot, diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        dialog = BackupsDialog(DiaryContext(diary))
        qtbot.addWidget(dialog)
        assert dialog.table.topLevelItemCount() == 0 and not dialog.restore_button.isEnabled()
        assert dialog.empty_label.isVisibleTo(dialog)
        dialog.back_up_button.click()
        (made,) = backups.list_backups(diary_path)
        assert made.kind == backups.BY_HAND and dialog.chosen() == made.path
        assert dialog.table.currentItem().text(1) == "Made by you"


def test_restoring_from_the_window_keeps_the_diary_and_reloads_every_view(qtbot: QtBot, filled: Path) -> None:
    window = open_window(qtbot, filled, TODAY)
    window.day_view.go_to(LATE_DAY)
    assert window.day_view.form.entry().note == "After the backups"
    dialog = BackupsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.table.setCurrentItem(dialog.table.topLevelItem(1))  # the daily one

    seen = answer(click("Restore"), lambda box: box.accept())
    dialog.restore_chosen()

    assert "Restore the backup from Monday 13 April 2026 at 21:04?" in seen[0]
    assert f"It holds {len(sample_entries())} logged days" in seen[0] and "nothing is lost" in seen[0]
    assert "back as it was" in seen[1]
    assert window.context.entry(LATE_DAY) is None
    shown = window.day_view.form.entry()  # the day on screen was read again: not logged
    assert shown.note is None and shown.mood is None
    kept = [backup for backup in backups.list_backups(filled) if backup.kind == backups.BEFORE_RESTORE]
    assert len(kept) == 1
    with Diary.open(kept[0].path) as before:
        assert before.entry(LATE_DAY) is not None
    close_window(window)


def test_a_backup_from_an_older_version_is_brought_up_to_date_under_the_window(
    qtbot: QtBot, filled: Path
) -> None:
    from diary.store import migrations
    from tests.helpers.seeds import OLDER, build_at, check_seeds_up_to

    oldest = OLDER[0]
    old = backups.backups_folder(filled) / "diary-2025-12-01-090000-before-upgrade.sqlite3"
    build_at(old, oldest)
    window = open_window(qtbot, filled, TODAY)
    with qtbot.waitSignal(window.context.changed, timeout=5000):  # every view reloads
        assert window.context.restore(old) == ""
    with Diary.open(filled) as diary:  # the file itself, read apart from the window
        assert diary.revision() == migrations.HEAD_REVISION
        check_seeds_up_to(diary, oldest)
        assert window.context.courses == diary.courses()  # the window read it again
    close_window(window)


def test_cancelling_a_restore_changes_nothing(qtbot: QtBot, filled: Path) -> None:
    fingerprint = backups.content_digest(filled)
    with Diary.open(filled) as diary:
        dialog = BackupsDialog(DiaryContext(diary))
        qtbot.addWidget(dialog)
        answer(click("Cancel"))
        dialog.restore_chosen()
    assert backups.content_digest(filled) == fingerprint
    assert len(backups.list_backups(filled)) == 2


def test_the_file_menu_opens_the_backups(qtbot: QtBot, filled: Path) -> None:
    window = open_window(qtbot, filled, TODAY)
    (action,) = [action for action in window.file_menu.actions() if action.text() == "&Backups…"]
    titles: list[str] = []

    def close(dialog: BackupsDialog) -> None:
        titles.append(dialog.windowTitle())
        dialog.reject()

    when_dialog_opens(close)
    action.trigger()
    assert titles == ["Backups"]
    close_window(window)


# A damaged diary -----------------------------------------------------------------------------


def _damaged(path: Path) -> DiaryDamaged:
    damage(path)
    with pytest.raises(DiaryDamaged) as raised:
        Diary.open(path)
    return raised.value


def test_a_damaged_diary_is_restored_from_the_newest_good_backup_and_kept_aside(
    qtbot: QtBot, filled: Path
) -> None:
    error = _damaged(filled)
    original = filled.read_bytes()

    seen = answer(click("Restore this backup"), lambda box: box.accept())
    assert offer_restore(error)

    assert "Your diary file is damaged." in seen[0] and "stays exactly as it was" in seen[0]
    assert "The newest good backup is from Tuesday 14 April 2026 at 21:04" in seen[0]
    assert "only in the damaged file" in seen[0]
    (aside,) = filled.parent.glob("diary-damaged-*.sqlite3")
    assert aside.read_bytes() == original and str(aside) in seen[1]
    with Diary.open(filled) as diary:
        assert diary.entries() == sample_entries()


def test_declining_leaves_the_damaged_diary_where_and_as_it_was(qtbot: QtBot, filled: Path) -> None:
    error = _damaged(filled)
    original = filled.read_bytes()
    answer(click("Quit"))
    assert not offer_restore(error)
    assert filled.read_bytes() == original
    assert list(filled.parent.glob("diary-damaged-*")) == []


def test_without_a_good_backup_the_person_is_told_to_keep_the_file(qtbot: QtBot, diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(LATE_DAY, mood=5))
    error = _damaged(diary_path)
    original = diary_path.read_bytes()
    seen = answer(click("Quit"))
    assert not offer_restore(error)
    assert "There is no backup to restore. Please keep the file" in seen[0]
    assert diary_path.read_bytes() == original


def test_without_a_backup_an_emptied_diary_is_set_aside_before_a_new_one_starts(
    qtbot: QtBot, diary_path: Path, keep_look: None
) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(LATE_DAY, mood=5))
    diary_path.write_bytes(b"")  # a sync tool or a crash emptied it
    seen = answer(click("Set it aside and start afresh"), lambda box: box.accept())
    _close_window_when(lambda: True)
    assert app.run_window(diary_path) == 0
    assert "Your diary file is damaged." in seen[0] and "There is no backup" in seen[0]
    (aside,) = diary_path.parent.glob("diary-damaged-*.sqlite3")
    assert aside.read_bytes() == b""  # kept exactly as found, never written over
    with Diary.open(diary_path) as diary:
        assert diary.entries() == []


# Starting the window -----------------------------------------------------------------------


@pytest.fixture
def keep_look() -> Iterator[None]:
    """run_window sets the application's style and palette; put them back for the other tests."""
    application = QApplication.instance()
    style, palette = application.style().name(), application.palette()  # type: ignore[union-attr]
    yield
    application.setStyle(style)  # type: ignore[union-attr]
    application.setPalette(palette)  # type: ignore[union-attr]


def _close_window_when(ready: Callable[[], bool], timeout_ms: int = 30000) -> None:
    """Close the window run_window opened once `ready()`; after `timeout_ms` close it anyway,
    so a broken behaviour fails the test instead of hanging it."""
    deadline = QDeadlineTimer(timeout_ms)

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        # The window shows as an empty frame before the diary is checked: filled, it opened.
        opened = all(window.is_filled for window in windows)
        if windows and (
            deadline.hasExpired() or (opened and ready() and QApplication.activeModalWidget() is None)
        ):
            for window in windows:
                window.close()
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)


def test_the_window_makes_the_days_backup_after_it_opens_and_frees_the_lock(
    qtbot: QtBot, filled: Path, keep_look: None
) -> None:
    before = len(backups.list_backups(filled))
    _close_window_when(lambda: len(backups.list_backups(filled)) > before)
    assert app.run_window(filled) == 0
    newest = backups.list_backups(filled)[0]
    assert newest.kind == backups.DAILY and newest.taken_at.date() == dt.date.today()
    assert backups.content_digest(newest.path) == backups.content_digest(filled)
    assert not lock_path(filled).exists()


def test_starting_on_a_damaged_diary_offers_the_backup_then_opens_it(
    qtbot: QtBot, filled: Path, keep_look: None
) -> None:
    damage(filled)
    seen = answer(click("Restore this backup"), lambda box: box.accept())
    _close_window_when(lambda: True)
    assert app.run_window(filled) == 0
    assert "Your diary file is damaged." in seen[0]
    assert len(list(filled.parent.glob("diary-damaged-*.sqlite3"))) == 1


def test_starting_on_a_damaged_diary_and_declining_exits_1_without_writing(
    qtbot: QtBot, filled: Path, keep_look: None
) -> None:
    damage(filled)
    original = filled.read_bytes()
    answer(click("Quit"))
    _close_window_when(lambda: True)  # only if it wrongly opened
    assert app.run_window(filled) == 1
    assert filled.read_bytes() == original
    assert not lock_path(filled).exists()


def test_a_failed_daily_backup_is_reported_in_plain_words(
    qtbot: QtBot, filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object) -> None:
        raise backups.BackupFailed("IsoDiary could not back up the diary: the disk is full.")

    monkeypatch.setattr(backups, "make_daily_backup", disk_full)
    daily = DailyBackup(filled)
    with qtbot.waitSignal(daily.failed, timeout=10000) as failed:
        daily.start()
    daily.wait()
    assert failed.args == ["IsoDiary could not back up the diary: the disk is full."]


def test_a_diary_whose_damage_report_is_not_utf8_opens_the_damaged_diary_offer_not_a_crash(
    qtbot: QtBot, filled: Path, keep_look: None
) -> None:
    # Issue 22, 2: SQLite's corruption report quoted bytes that are not UTF-8, and the window
    # crashed at start with UnicodeDecodeError instead of offering the newest good backup.
    from tests.helpers.damage import damage_a_name

    damage_a_name(filled)
    original = filled.read_bytes()
    seen = answer(click("Quit"))
    assert app.run_window(filled) == 1
    assert "Your diary file is damaged." in seen[0]
    assert "The newest good backup is from Tuesday 14 April 2026 at 21:04" in seen[0]
    assert filled.read_bytes() == original


def test_restoring_a_backup_brings_its_photo_back_and_names_an_image_that_is_gone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from diary.store.photo_files import PhotoFiles
    from tests.helpers.bundles import diary_with_photos

    path, photos = diary_with_photos(tmp_path / "mine")
    with Diary.open(path) as diary:
        diary.set_setting("first_run_done", True)
    backups.make_backup(path, backups.BY_HAND, NOW)
    window = open_window(qtbot, path, TODAY)
    for photo in photos:
        window.context.delete_photo(photo)  # their images stay: the backup names them
    files = PhotoFiles(path)
    assert len(files.held()) == 2
    gone = files.path_of(photos[1].sha256, photos[1].media_type)
    gone.unlink()  # lost some other way
    dialog = BackupsDialog(window.context, window)
    qtbot.addWidget(dialog)
    seen = answer(click("Restore"), lambda box: box.accept())
    dialog.restore_button.click()
    assert "back as it was" in seen[1]
    assert (
        f"The backup names 1 photo image that is missing (or changed) in {files.folder}: {gone.name}"
        in seen[1]
    )
    assert window.context.photos() == sorted(photos, key=lambda photo: photo.identity)  # the records are back
    assert files.held() == {photos[0].sha256: photos[0].media_type}
    close_window(window)

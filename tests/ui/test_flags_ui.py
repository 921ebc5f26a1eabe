"""Mood flags in the window: the urgent message, the flags view, follow-ups and the badge."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.core.follow_up import DISCUSSED
from diary.core.preferences import Preferences
from diary.store.diary import Diary
from diary.ui.calendar import to_qdate
from diary.ui.flags_model import FlagsModel
from diary.ui.urgent_message import UrgentMessage
from tests.helpers.diaries import sample_course
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 4, 15)


def prepare(path: Path, *entries: Entry, preferences: Preferences | None = None) -> None:
    with Diary.open(path) as diary:
        diary.save_course(sample_course())
        diary.set_setting("first_run_done", True)
        if preferences:
            diary.save_preferences(preferences)
        for entry in entries:
            diary.save_entry(entry)


def test_saving_an_urgent_day_shows_the_message_at_once_and_only_once(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path, preferences=Preferences(emergency_number="112", crisis_line="116 123 (Samaritans)"))
    window = open_window(qtbot, diary_path, TODAY)
    shown: list[tuple[str, str]] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, UrgentMessage)
        shown.append((dialog.noticed.text(), dialog.emergency.text()))
        dialog.ok_button.click()

    signs = window.day_view.form.warning_signs
    when_dialog_opens(read)
    signs.item(10).setCheckState(Qt.CheckState.Checked)  # thoughts about hurting myself
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=3000)
    noticed, emergency = shown[0]
    assert "Thoughts about hurting myself or ending my life" in noticed
    assert "call 112 now" in emergency and "116 123 (Samaritans)" in emergency
    assert window.context.follow_ups()[("warning_sign", TODAY)].alerted

    # The same flag does not alert again when the day is saved again.
    window.day_view.form.mood.setValue(4)
    with qtbot.waitSignal(window.context.entry_saved, timeout=1000):
        window.day_view.save_now()
    assert len(shown) == 1  # the alert would have opened inside the save's signal
    close_window(window)


def test_the_message_without_settings_names_the_local_emergency_number(qtbot: QtBot) -> None:
    from diary.core.flags import mood_flags

    flags = mood_flags([Entry(TODAY, phq9=(0, 0, 0, 0, 0, 0, 0, 0, 1))])
    message = UrgentMessage(flags, TODAY, Preferences())
    qtbot.addWidget(message)
    assert "Question 9" in message.noticed.text()
    assert "local emergency number" in message.emergency.text()
    assert "add a crisis line in Settings" in message.emergency.text()
    words = " ".join(label.text() for label in message.findChildren(type(message.noticed))).lower()
    assert "medication guide" in words and "prescriber right away" in words
    assert "stop taking" not in words and "dose" not in words


def test_a_warning_day_does_not_interrupt(
    qtbot: QtBot, diary_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    opened: list[UrgentMessage] = []
    monkeypatch.setattr(UrgentMessage, "exec", lambda self: opened.append(self))  # noqa: PLW0108
    window.day_view.form.warning_signs.item(1).setCheckState(Qt.CheckState.Checked)  # felt sad
    window.day_view.save_now()
    assert opened == []
    window.day_view.form.warning_signs.item(12).setCheckState(Qt.CheckState.Checked)  # hallucinations
    window.day_view.save_now()
    assert len(opened) == 1
    window.flags.refresh()
    assert window.flag_badge.isVisible() and window.flag_badge.text() == "1 open flag · 1 urgent"
    close_window(window)


def test_marking_a_flag_discussed_keeps_it_listed_with_its_note(qtbot: QtBot, diary_path: Path) -> None:
    day = TODAY - dt.timedelta(days=5)
    prepare(diary_path, Entry(day, warning_signs=("withdrawn",)), Entry(TODAY, warning_signs=("sad",)))
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    window.show_flags()
    view = window.flags_view.content
    assert view.model.rowCount() == 2
    row = view.model.row_of(("warning_sign", day))
    view.select_row(row)
    view.state.setCurrentIndex(view.state.findData(DISCUSSED))
    view.discussed_on.setDate(to_qdate(TODAY))
    view.note.setText("Talked with Dr. Novak")
    view.save_button.click()
    assert view.model.rowCount() == 2, "a discussed flag stays listed"
    row = view.model.row_of(("warning_sign", day))
    assert view.model.index(row, 3).data() == "Discussed on 15 Apr 2026: Talked with Dr. Novak"
    assert window.flag_badge.text() == "1 open flag"
    assert view.days.count() == 1 and "Withdrew from friends or family" in view.days.item(0).text()
    close_window(window)
    with Diary.open(diary_path) as diary:
        assert diary.follow_ups()[("warning_sign", day)].note == "Talked with Dr. Novak"


def test_editing_the_entry_away_removes_the_flag(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path, Entry(TODAY, mood=8, warning_signs=("irritable",)))
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    window.show_flags()
    view = window.flags_view.content
    assert view.model.rowCount() == 1
    window.tabs.setCurrentIndex(0)
    window.day_view.form.warning_signs.set_keys(())
    window.day_view.form.warning_signs.edited.emit()
    window.day_view.save_now()
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=2000)
    assert not window.flag_badge.isVisible()
    assert view.empty.isVisible() or not view.table.isVisible()
    close_window(window)


def test_the_days_behind_a_flag_open_in_the_day_view(qtbot: QtBot, diary_path: Path) -> None:
    days = [TODAY - dt.timedelta(days=n) for n in (3, 2, 1)]
    prepare(diary_path, *(Entry(day, mood=2, note=f"low {day.day}") for day in days))
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    window.show_flags()
    view = window.flags_view.content
    view.select_row(0)
    assert [view.days.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.days.count())] == days
    assert "mood 2/10" in view.days.item(0).text() and "“low 12”" in view.days.item(0).text()
    view.days.setCurrentRow(0)
    view.open_button.click()
    assert window.tabs.currentWidget() is window.day_view
    assert window.day_view.day == days[0]
    close_window(window)


def test_the_flags_model_is_a_well_behaved_qt_model(qtbot: QtBot, qtmodeltester: object) -> None:
    from diary.core.flags import mood_flags
    from diary.core.follow_up import track, urgent_first_then_newest

    model = FlagsModel()
    entries = [
        Entry(TODAY, warning_signs=("hallucinations",)),
        *(Entry(TODAY - dt.timedelta(days=n), mood=1) for n in range(1, 5)),
    ]
    model.set_flags(urgent_first_then_newest(track(mood_flags(entries), {})))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["Urgent", "Warning"]


def test_the_phq9_check_in_is_offered_every_two_weeks_and_can_wait(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path, Entry(TODAY - dt.timedelta(days=14), phq9=(0,) * 9))
    window = open_window(qtbot, diary_path, TODAY)
    offer = window.day_view.phq9_offer
    assert offer.isVisible()
    offer.later.click()
    assert not offer.isVisible()
    window.day_view.previous_day()
    window.day_view.go_to_today()
    assert not offer.isVisible(), "not again today"
    close_window(window)
    prepare_recent = diary_path.parent / "recent.sqlite3"
    prepare(prepare_recent, Entry(TODAY - dt.timedelta(days=5), phq9=(0,) * 9))
    window = open_window(qtbot, prepare_recent, TODAY)
    assert not window.day_view.phq9_offer.isVisible()
    close_window(window)


def test_the_calendar_marks_flagged_days(qtbot: QtBot, diary_path: Path) -> None:
    from diary.ui import theme

    flagged, plain = TODAY - dt.timedelta(days=2), TODAY - dt.timedelta(days=1)
    prepare(diary_path, Entry(flagged, warning_signs=("withdrawn",)), Entry(plain, mood=7))
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    calendar = window.day_view.calendar
    assert calendar.dateTextFormat(to_qdate(flagged)).foreground().color() == theme.URGENT
    assert calendar.dateTextFormat(to_qdate(plain)).foreground().color() != theme.URGENT
    close_window(window)

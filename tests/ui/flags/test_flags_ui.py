"""Mood flags in the window: the urgent message, the flags view, follow-ups and the badge."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.core.flags import day_flags
from diary.core.follow_up import DISCUSSED
from diary.core.preferences import Preferences
from diary.store.diary import Diary
from diary.ui.app.main_window import MainWindow
from diary.ui.day.urgent_message import Noticed, UrgentMessage
from diary.ui.models.flags_table import FlagsModel
from diary.ui.widgets.calendar import to_qdate
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


def message_after_save(qtbot: QtBot, window: MainWindow) -> UrgentMessage:
    """Save the day on screen and take the message it brought up."""
    window.day_view.save_now()
    qtbot.waitUntil(lambda: bool(window.urgent_alerts.shown), timeout=3000)
    (message,) = window.urgent_alerts.shown
    assert message.isVisible()
    return message


def acknowledge(qtbot: QtBot, message: UrgentMessage) -> None:
    qtbot.waitUntil(message.ok_button.isEnabled, timeout=3000)
    qtbot.mouseClick(message.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not message.isVisible(), timeout=3000)


def test_saving_an_urgent_day_shows_the_message_at_once_and_only_once(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path, preferences=Preferences(emergency_number="112", crisis_line="116 123 (Samaritans)"))
    window = open_window(qtbot, diary_path, TODAY)
    signs = window.day_view.form.warning_signs
    signs.item(10).setCheckState(Qt.CheckState.Checked)  # thoughts about hurting myself
    message = message_after_save(qtbot, window)
    assert "Thoughts about hurting myself or ending my life" in message.noticed.text()
    assert "right away" in message.windowTitle() and "today" not in message.windowTitle().lower()
    assert (
        "The Medication Guide says to stop taking isotretinoin and call your prescriber right away "
        "if you notice these signs" in message.noticed.text()
    )
    assert "call 112 now" in message.emergency.text() and "116 123 (Samaritans)" in message.emergency.text()
    assert not window.context.follow_ups().get(("warning_sign", TODAY)), "recorded only once shown"
    acknowledge(qtbot, message)
    assert window.context.follow_ups()[("warning_sign", TODAY)].alerted

    # The same flag does not alert again when the day is saved again.
    window.day_view.form.mood.setValue(4)
    with qtbot.waitSignal(window.context.changed, timeout=3000):
        window.day_view.save_now()
    assert window.urgent_alerts.shown == []
    close_window(window)


def test_a_typed_key_cannot_dismiss_the_message(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    window.day_view.form.warning_signs.item(12).setCheckState(Qt.CheckState.Checked)  # hallucinations
    message = message_after_save(qtbot, window)
    assert not message.ok_button.isDefault() and not message.ok_button.autoDefault()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Escape, Qt.Key.Key_A):
        qtbot.keyClick(message, key)
    assert message.isVisible(), "keys typed in the first second do nothing"
    assert "thoughts of hurting yourself" not in message.emergency.text()
    assert "seeing or hearing things that are not real" in message.emergency.text()
    acknowledge(qtbot, message)
    close_window(window)


def test_a_non_urgent_sign_brings_the_message_without_the_emergency_part(
    qtbot: QtBot, diary_path: Path
) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    window.day_view.form.warning_signs.item(1).setCheckState(Qt.CheckState.Checked)  # felt sad
    message = message_after_save(qtbot, window)
    assert "Felt sad or had crying spells" in message.noticed.text()
    assert message.emergency.text() == ""
    acknowledge(qtbot, message)
    # Another non-urgent sign on the same day: not more serious, no message.
    window.day_view.form.warning_signs.item(2).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(window.context.changed, timeout=3000):
        window.day_view.save_now()
    assert window.urgent_alerts.shown == []
    # An urgent sign added: more serious, shown again, with the emergency part.
    window.day_view.form.warning_signs.item(10).setCheckState(Qt.CheckState.Checked)
    message = message_after_save(qtbot, window)
    assert " now." in message.emergency.text()
    acknowledge(qtbot, message)
    qtbot.waitUntil(lambda: window.flag_badge.text() == "1 open flag · 1 urgent", timeout=5000)
    close_window(window)


def test_the_message_is_shown_again_when_the_day_becomes_more_serious(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path, preferences=Preferences(emergency_number="999"))
    window = open_window(qtbot, diary_path, TODAY)
    signs = window.day_view.form.warning_signs
    signs.item(12).setCheckState(Qt.CheckState.Checked)  # hallucinations
    acknowledge(qtbot, message_after_save(qtbot, window))
    signs.item(10).setCheckState(Qt.CheckState.Checked)  # self-harm thoughts added
    message = message_after_save(qtbot, window)
    assert "Thoughts about hurting myself" in message.noticed.text()
    acknowledge(qtbot, message)
    close_window(window)


def test_the_message_without_settings_names_the_local_emergency_number(qtbot: QtBot) -> None:
    entry = Entry(TODAY, phq9=(0, 0, 0, 0, 0, 0, 0, 0, 1))
    items = [Noticed(flag, entry) for flag in day_flags(entry)]
    message = UrgentMessage(items, TODAY, Preferences(), shipped=None)
    qtbot.addWidget(message)
    noticed = message.noticed.text()
    assert "PHQ-9 questionnaire" in noticed and "question 9" in noticed
    assert "better off dead, or of hurting yourself" in noticed and "minimal" not in noticed
    assert "Separately, the Medication Guide says" in noticed
    assert "your local emergency number" in message.emergency.text()
    assert "Settings" not in message.emergency.text()


@pytest.mark.parametrize(
    ("country", "emergency", "crisis"),
    [
        ("US", "911", "988"),
        ("CA", "911", "988"),
        ("GB", "999", "116 123"),
        ("IE", "112", "116 123"),
        ("AU", "000", "13 11 14"),
        ("NZ", "111", "1737"),
        ("IT", "112", ""),
    ],
)
def test_the_message_uses_the_numbers_shipped_for_the_country(
    qtbot: QtBot, country: str, emergency: str, crisis: str
) -> None:
    from diary.ui.day.urgent_message import shipped_numbers

    entry = Entry(TODAY, warning_signs=("self_harm_thoughts",))
    items = [Noticed(flag, entry) for flag in day_flags(entry)]
    message = UrgentMessage(items, TODAY, Preferences(), shipped=shipped_numbers(country))
    qtbot.addWidget(message)
    text = message.emergency.text()
    assert f"call {emergency}" in text and crisis in text, text
    own = UrgentMessage(items, TODAY, Preferences(emergency_number="17"), shipped=shipped_numbers(country))
    qtbot.addWidget(own)
    assert "call 17 now" in own.emergency.text()


def test_a_serious_symptom_quotes_the_guide_for_it(qtbot: QtBot) -> None:
    entry = Entry(TODAY, serious_symptoms=("thirst_urination",))
    message = UrgentMessage([Noticed(f, entry) for f in day_flags(entry)], TODAY, Preferences(), shipped=None)
    qtbot.addWidget(message)
    assert "Tell your healthcare provider if you are very thirsty or urinate a lot." in message.noticed.text()
    assert message.emergency.text() == "" and "right away" not in message.windowTitle()
    urgent = Entry(TODAY, serious_symptoms=("allergic_reaction",))
    message = UrgentMessage(
        [Noticed(f, urgent) for f in day_flags(urgent)], TODAY, Preferences(), shipped=None
    )
    qtbot.addWidget(message)
    assert "get emergency care right away" in message.noticed.text() and "call " in message.emergency.text()


def test_fainting_quotes_the_guides_call_and_a_mild_day_has_no_heading_of_the_programs_own(
    qtbot: QtBot,
) -> None:
    from diary.ui.day.urgent_message import MILD_HEADING

    entry = Entry(TODAY, serious_symptoms=("faint_weak",))
    message = UrgentMessage([Noticed(f, entry) for f in day_flags(entry)], TODAY, Preferences(), shipped=None)
    qtbot.addWidget(message)
    assert "“Call your healthcare provider if you have trouble breathing, faint, or feel weak.”" in (
        message.noticed.text()
    )
    assert message.windowTitle() == MILD_HEADING
    skin = Entry(TODAY, serious_symptoms=("skin_reaction", "stomach_problem", "liver_signs"))
    message = UrgentMessage([Noticed(f, skin) for f in day_flags(skin)], TODAY, Preferences(), shipped=None)
    qtbot.addWidget(message)
    text = message.noticed.text()
    assert "sores in your mouth, throat, nose, eyes" in text and "conjunctivitis" in text
    assert text.count("rectal bleeding; yellowing of your skin or eyes; dark urine.”") == 1, "said once"


def test_marking_a_flag_discussed_keeps_it_listed_with_its_note(qtbot: QtBot, diary_path: Path) -> None:
    day = TODAY - dt.timedelta(days=5)
    prepare(diary_path, Entry(day, warning_signs=("withdrawn",)), Entry(TODAY, warning_signs=("sad",)))
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
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
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
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
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
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
    from diary.ui.widgets import theme

    flagged, plain = TODAY - dt.timedelta(days=2), TODAY - dt.timedelta(days=1)
    prepare(diary_path, Entry(flagged, warning_signs=("withdrawn",)), Entry(plain, mood=7))
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
    calendar = window.day_view.calendar
    urgent = theme.urgent_text_color(calendar)  # readable as text; italics tell it apart without colour
    assert calendar.dateTextFormat(to_qdate(flagged)).foreground().color() == urgent
    assert calendar.dateTextFormat(to_qdate(flagged)).fontItalic()
    assert calendar.dateTextFormat(to_qdate(plain)).foreground().color() != urgent
    assert not calendar.dateTextFormat(to_qdate(plain)).fontItalic()
    close_window(window)


def test_the_flags_are_counted_off_the_gui_thread(qtbot: QtBot, diary_path: Path) -> None:
    days = [TODAY - dt.timedelta(days=n) for n in range(400)]
    prepare(diary_path, *(Entry(day, mood=2 if day.day % 9 == 0 else 7) for day in days))
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    window.show_flags()
    view = window.flags_view.content
    assert not window.flags.is_ready() and view.empty.text() == "Counting flags…"
    qtbot.waitUntil(window.flags.is_ready, timeout=10000)
    assert view.model.rowCount() == 0 and "No flags" in view.empty.text()
    close_window(window)


def test_the_flags_view_says_where_each_flag_comes_from(qtbot: QtBot, diary_path: Path) -> None:
    days = [TODAY - dt.timedelta(days=n) for n in (3, 2, 1)]
    prepare(
        diary_path,
        *(Entry(day, mood=2) for day in days),
        Entry(TODAY, phq9=(0,) * 8 + (1,)),
        Entry(TODAY - dt.timedelta(days=10), warning_signs=("withdrawn",)),
    )
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
    window.show_flags()
    view = window.flags_view.content
    intro = " ".join(label.text() for label in view.findChildren(QLabel))
    assert "asks you to raise" not in intro
    rows = {
        view.model.index(r, 2).data(): view.model.index(r, 0).data() for r in range(view.model.rowCount())
    }
    assert [view.model.index(r, 0).data() for r in range(view.model.rowCount())] == [
        "Urgent",
        "Warning",
        "Warning",
    ]
    texts = list(rows)
    assert texts[0].startswith("From the PHQ-9 questionnaire")
    assert any("Medication Guide" in text for text in texts)
    assert any(text.startswith("From IsoDiary's reading of your mood scores") for text in texts)
    run = view.model.row_of(("low_mood_run", TODAY - dt.timedelta(days=1)))
    assert view.model.index(run, 1).data() == "14 Apr 2026"
    assert "based on 12–14 Apr 2026" in view.model.index(run, 2).data()
    close_window(window)


def test_the_first_start_asks_to_confirm_or_set_the_numbers(qtbot: QtBot, diary_path: Path) -> None:
    from diary.ui.settings.emergency_fields import NumbersDialog

    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
    window = open_window(qtbot, diary_path, TODAY)

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, NumbersDialog)
        assert "emergency" in dialog.fields.note.text()
        qtbot.keyClicks(dialog.fields.emergency_number, "112")
        qtbot.keyClicks(dialog.fields.crisis_line, "116 123")
        when_dialog_opens(lambda offer: offer.reject())  # then a passphrase: not now
        dialog.accept()

    when_dialog_opens(answer)
    window.first_run()
    preferences = window.context.diary.preferences()
    assert (preferences.emergency_number, preferences.crisis_line) == ("112", "116 123")
    close_window(window)


def test_settings_say_which_numbers_are_shown_while_none_are_set(qtbot: QtBot) -> None:
    from diary.ui.day.urgent_message import shipped_numbers
    from diary.ui.settings.dialog import SettingsDialog
    from diary.ui.settings.emergency_fields import shipped_words

    assert "911 (emergency services)" in shipped_words(shipped_numbers("US"))
    assert "988" in shipped_words(shipped_numbers("US"))
    unknown = shipped_words(shipped_numbers("ZZ"))
    assert "your local emergency number" in unknown and "Please type yours" in unknown
    dialog = SettingsDialog(Preferences(emergency_number="000"))
    qtbot.addWidget(dialog)
    dialog.crisis_line.clear()
    qtbot.keyClicks(dialog.crisis_line, "13 11 14")
    assert (dialog.preferences().emergency_number, dialog.preferences().crisis_line) == ("000", "13 11 14")


def test_imports_and_other_records_raise_no_message(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    window.context.diary.save_entry(Entry(TODAY, warning_signs=("self_harm_thoughts",)))  # as an import does
    window.context.reload()
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
    assert window.urgent_alerts.shown == []
    assert not window.context.diary.follow_ups().get(("warning_sign", TODAY))
    assert window.flag_badge.text() == "1 open flag · 1 urgent"
    close_window(window)


def test_a_flag_on_the_last_day_of_the_calendar_opens_in_the_flags_view(
    qtbot: QtBot, diary_path: Path
) -> None:
    last = dt.date.max
    prepare(
        diary_path,
        *(Entry(last - dt.timedelta(days=n), mood=1) for n in range(3)),
        Entry(last, mood=1, warning_signs=("sad",)),
    )
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
    window.show_flags()
    view = window.flags_view.content
    assert view.model.rowCount() == 2
    view.select_row(0)
    assert view.days.count() >= 1, "the days behind the flag are listed, with no overflow past 9999"
    close_window(window)


def test_after_a_restore_the_flags_view_shows_the_restored_diary(
    qtbot: QtBot, diary_path: Path, tmp_path: Path
) -> None:
    from diary.store.backups import make_backup

    prepare(diary_path)  # the backup: no flag at all
    backup = make_backup(diary_path, "daily")
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(TODAY, warning_signs=("sad",)))
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
    window.show_flags()
    view = window.flags_view.content
    assert view.model.rowCount() == 1
    window.context.restore_backup(backup.path)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5000)
    assert not window.flag_badge.isVisible()
    assert window.day_view.form.warning_signs.keys() is None  # the day view too
    close_window(window)


def test_flag_rows_fit_their_words_when_shown_also_after_a_change_while_hidden(
    qtbot: QtBot, diary_path: Path
) -> None:
    low_days = [Entry(TODAY - dt.timedelta(days=n), mood=1) for n in range(10, 6, -1)]
    prepare(diary_path, *low_days)
    window = open_window(qtbot, diary_path, TODAY)
    window.flags.refresh()
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
    window.resize(700, 700)  # narrow: the reasons wrap
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.flags_view.content
    table = view.table

    def fitted() -> bool:
        return all(table.rowHeight(row) == table.sizeHintForRow(row) for row in range(view.model.rowCount()))

    assert view.model.rowCount() == 1 and fitted()
    single_line = table.fontMetrics().lineSpacing() * 2
    assert table.rowHeight(0) > single_line  # the reason wraps over several lines
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    window.day_view.form.warning_signs.set_keys(("irritable",))  # a new flag, while the table is hidden
    window.day_view.form.warning_signs.edited.emit()
    window.day_view.save_now()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert fitted()
    close_window(window)

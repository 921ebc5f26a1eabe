"""Logging a day in the window: by keyboard, saved by itself, found again after reopening."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from diary.core import scales
from diary.core.entry import Entry
from diary.core.routine import DEFAULT_ROUTINE, RoutineStep
from diary.store.diary import Diary
from diary.store.errors import DiaryUnavailable
from diary.ui.models.autosave import DELAY_MS
from diary.ui.widgets.inputs import ChoiceBox, RatingBox
from tests.helpers.diaries import sample_course
from tests.helpers.window import close_window, focused, open_window, press, tab, type_text

TODAY = dt.date(2026, 4, 15)


def prepare(path: Path) -> None:
    with Diary.open(path) as diary:
        diary.save_course(sample_course())
        diary.save_routine(list(DEFAULT_ROUTINE))
        diary.set_setting("first_run_done", True)


def test_a_whole_day_logged_with_the_keyboard_alone(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    form.focus_first()
    assert focused() is form.dose
    type_text(qtbot, "30")
    tab(qtbot)
    assert focused() is form.missed_button  # a Tab stop where it is read, beside the dose
    tab(qtbot)
    for value in ("3", "4", "0", "2", "6"):  # lips, skin, eyes, joints, mood: a digit moves on
        type_text(qtbot, value)
    assert focused() is form.warning_signs
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # "Felt sad or had crying spells"
    tab(qtbot)
    assert focused() is form.serious_symptoms
    tab(qtbot)  # left not logged
    type_text(qtbot, "5")  # new spots: a count may have more digits, so Tab
    tab(qtbot)
    type_text(qtbot, "2")  # severity: "2 · mild", and on
    assert focused() is form.skincare
    for _ in range(2):  # cleanser, moisturizer
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Space)
    tab(qtbot)
    assert focused() is form.add_side_effect  # above its list ("Stop offering one" is off: none yet)
    tab(qtbot)
    assert focused() is form.side_effects
    press(qtbot, Qt.Key.Key_Space)  # side effects: none of these today
    tab(qtbot, 2)  # past the PHQ-9 button
    assert focused() is form.note
    type_text(qtbot, "Tired after work")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Saved"), timeout=DELAY_MS + 1000)
    close_window(window)

    with Diary.open(diary_path) as diary:
        assert diary.entry(TODAY) == Entry(
            date=TODAY,
            dose_mg=30,
            lips=3,
            skin=4,
            eyes=0,
            joint_pain=2,
            mood=6,
            warning_signs=("sad",),
            breakouts_new=5,
            breakout_severity=2,
            skincare=("cleanser", "moisturizer"),
            side_effects=(),
            phq9=None,
            note="Tired after work",
            serious_symptoms=None,
        )


def test_a_typical_evening_takes_at_most_twenty_keys(qtbot: QtBot, diary_path: Path) -> None:
    """The evening of issue 14, exactly as the README writes it, counted key by key."""
    prepare(diary_path)
    yesterday = TODAY - dt.timedelta(days=1)
    with Diary.open(diary_path) as diary:
        diary.save_entry(
            Entry(yesterday, dose_mg=40, skincare=("cleanser", "moisturizer", "lip_balm", "spf"))
        )
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    form.focus_first()
    assert focused() is form.dose and form.dose.dose() == 40  # as prescribed, pre-filled
    for checklist in (form.warning_signs, form.serious_symptoms, form.side_effects, form.skincare):
        assert checklist.keys() is None  # not logged until the person says so
    keys = [
        Qt.Key.Key_Tab,  # the dose stays as prescribed (Tab stops on "Missed today", which passes "3" on)
        "3", "2", "4", "0", "7",  # lips, skin, eyes, joints, mood: each digit moves on
        "n",  # warning signs: none of these today
        "n",  # serious symptoms: none of these today
        "2", Qt.Key.Key_Tab,  # new spots
        "1",  # severity 1 · clear to mild, moves on
        "y",  # skincare: same as yesterday
        "n",  # side effects: none of these today
    ]  # fmt: skip
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(focused(), key)
        else:
            qtbot.keyClick(focused(), key)
    assert len(keys) <= 20
    assert focused() is form.phq9_button
    window.day_view.save_now()
    skincare = tuple(
        step.key for step in DEFAULT_ROUTINE if step.key in ("cleanser", "moisturizer", "lip_balm", "spf")
    )
    expected = Entry(
        date=TODAY,
        dose_mg=40,
        lips=3,
        skin=2,
        eyes=4,
        joint_pain=0,
        mood=7,
        warning_signs=(),
        serious_symptoms=(),
        breakouts_new=2,
        breakout_severity=1,
        skincare=skincare,
        side_effects=(),
    )
    assert form.entry() == expected
    stored = window.context.diary.entry(TODAY)
    # serious_symptoms is stored once the store keeps the new column (issue 13's revision).
    assert stored == expected.changed(serious_symptoms=stored.serious_symptoms)
    close_window(window)


def test_1_then_5_is_two_values_and_nothing_is_refused(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    form.lips.setFocus()
    type_text(qtbot, "1")
    assert form.lips.rating() == 1 and focused() is form.lips  # a 1 waits for a possible 10
    type_text(qtbot, "5")
    assert (form.lips.rating(), form.skin.rating()) == (1, 5)
    assert focused() is form.eyes
    assert form.lips_word_label().text() == "mild"
    close_window(window)


def test_a_superscript_two_key_is_not_taken_for_a_digit(qtbot: QtBot) -> None:
    """A French keyboard types "²" with no modifier: the boxes leave it, rather than fail on it."""
    rating, choice = RatingBox(scales.SYMPTOM), ChoiceBox(scales.SEVERITY_WORDS)
    for box in (rating, choice):
        qtbot.addWidget(box)
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_twosuperior, Qt.KeyboardModifier.NoModifier, "²")
        QApplication.sendEvent(box, key)
    assert rating.rating() is None and choice.choice() is None


def test_same_as_yesterday_with_nothing_yesterday_says_so(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    assert not form.same_as_yesterday.isEnabled()
    form.skincare.setFocus()
    type_text(qtbot, "y")
    assert form.skincare.keys() is None and focused() is form.skincare
    assert "Nothing was logged yesterday" in form.skincare_hint.text()
    close_window(window)


def test_the_same_as_yesterday_button_ticks_yesterdays_steps(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(TODAY - dt.timedelta(days=1), skincare=("cleanser", "spf")))
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    qtbot.mouseClick(form.same_as_yesterday, Qt.MouseButton.LeftButton)
    assert set(form.skincare.keys() or ()) == {"cleanser", "spf"}
    assert focused() is form.skincare
    close_window(window)


def test_changing_day_puts_the_focus_back_on_the_dose(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    form.warning_signs.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.day_view.day == TODAY - dt.timedelta(days=1)
    assert focused() is form.dose
    press(qtbot, Qt.Key.Key_Space)
    assert form.warning_signs.keys() is None, "no sign ticked on the other day"
    close_window(window)


def test_missed_words_follow_the_day(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    assert form.missed_button.text() == "&Missed today"
    window.day_view.previous_day()
    assert form.missed_button.text() == "&Missed this day"
    assert "not today" in window.day_view.subtitle.text()
    qtbot.mouseClick(form.missed_button, Qt.MouseButton.LeftButton)
    assert form.dose.dose() == 0 and form.dose.text() == "missed"
    close_window(window)


def test_values_come_back_in_the_form_after_reopening(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    day = TODAY - dt.timedelta(days=3)
    entry = Entry(day, dose_mg=0, lips=0, mood=10, warning_signs=(), skincare=("spf",), note="n")
    with Diary.open(diary_path) as diary:
        diary.save_entry(entry)
    window = open_window(qtbot, diary_path, TODAY)
    window.day_view.go_to(day)
    form = window.day_view.form
    assert form.entry() == entry
    assert form.dose.text() == "missed" and "Missed" in form.dose_hint.text()
    assert form.lips.text() == "0" and form.skin.text() == "not logged"
    close_window(window)


def test_moving_to_another_day_saves_at_once(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    window.day_view.form.mood.setValue(4)
    window.day_view.previous_day()
    assert window.day_view.day == TODAY - dt.timedelta(days=1)
    assert window.context.entry(TODAY) is not None
    assert window.context.entry(TODAY).mood == 4
    window.day_view.next_day()
    assert window.day_view.form.mood.rating() == 4
    close_window(window)


def test_keyboard_shortcuts_move_between_days(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.day_view.day == TODAY - dt.timedelta(days=2)
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.day_view.day == TODAY
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.day_view.day == TODAY, "the future cannot be logged"
    assert not window.day_view.next_button.isEnabled()
    close_window(window)


def test_closing_saves_what_was_typed(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    window.day_view.form.note.setPlainText("typed just before closing")
    close_window(window)
    with Diary.open(diary_path) as diary:
        assert diary.entry(TODAY).note == "typed just before closing"


def test_a_day_never_logged_offers_the_scheduled_dose_but_saves_nothing(
    qtbot: QtBot, diary_path: Path
) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    assert form.dose.dose() == 40  # the schedule's dose since 30 March
    assert "schedule" in form.dose_hint.text()
    window.day_view.previous_day()
    assert window.context.entry(TODAY) is None
    assert window.day_view.subtitle.text().endswith("Not logged yet")
    close_window(window)


def test_not_logged_is_distinct_from_zero_in_every_control(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    for box in (form.lips, form.skin, form.eyes, form.joint_pain, form.mood, form.new_spots):
        assert box.rating() is None and box.text() == "not logged"
        box.setValue(0)
        assert box.rating() == 0 and box.text() == "0"
        box.lineEdit().clear()
        box.interpretText()
        assert box.rating() is None, box.accessibleName()
    assert form.severity.choice() is None
    assert form.warning_signs.keys() is None
    close_window(window)


def test_the_controls_cannot_produce_out_of_range_values(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    form.mood.setFocus()
    form.mood.selectAll()
    type_text(qtbot, "11")
    form.mood.interpretText()
    assert form.mood.rating() == 1
    form.dose.setValue(500)
    assert form.dose.dose() == 200
    close_window(window)


def test_none_of_these_and_a_sign_exclude_each_other(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    signs = window.day_view.form.warning_signs
    signs.set_keys(())
    assert signs.keys() == ()
    signs.item(3).setCheckState(Qt.CheckState.Checked)
    assert signs.keys() == ("sleep_change",)
    signs.item(0).setCheckState(Qt.CheckState.Checked)
    assert signs.keys() == ()
    close_window(window)


def test_a_step_no_longer_in_the_routine_is_kept_on_the_days_that_had_it(
    qtbot: QtBot, diary_path: Path
) -> None:
    prepare(diary_path)
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(TODAY, skincare=("eye_drops", "spf")))
        diary.save_routine([RoutineStep("spf", "Sunscreen SPF 30+")], today=TODAY)  # retired today
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    assert "no longer in your routine" in form.skincare.item(2).text()
    form.mood.setValue(7)
    window.day_view.save_now()
    assert set(window.context.entry(TODAY).skincare) == {"eye_drops", "spf"}
    close_window(window)


def test_a_failed_save_keeps_the_day_open_and_says_so(
    qtbot: QtBot, diary_path: Path, monkeypatch: object
) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)

    def full_disk(_entry: Entry) -> None:
        raise DiaryUnavailable("The disk holding the diary is full.")

    monkeypatch.setattr(Diary, "save_entry", lambda _diary, entry: full_disk(entry))
    # The form saves through the stale-day check, which fails the same way on a full disk.
    monkeypatch.setattr(Diary, "save_entry_over", lambda _diary, entry, _loaded: full_disk(entry))
    window.day_view.form.mood.setValue(5)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda *args, **kwargs: None)  # type: ignore[attr-defined]
    assert not window.day_view.go_to(TODAY - dt.timedelta(days=1))
    assert window.day_view.day == TODAY
    assert window.day_view.form.mood.rating() == 5
    assert "Not saved" in window.save_label.text() and "disk" in window.save_label.text()
    monkeypatch.undo()  # type: ignore[attr-defined]
    assert window.day_view.save_now()
    assert window.context.entry(TODAY).mood == 5
    close_window(window)


def test_the_header_says_when_the_day_shown_is_not_today(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    assert not window.course_line.text().startswith("On ")
    window.day_view.previous_day()
    assert window.course_line.text().startswith("On 14 Apr, not today: Day ")
    assert window.day_view.subtitle.text().startswith("Yesterday, not today")
    close_window(window)


def test_the_first_phq9_offer_does_not_speak_of_two_weeks(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    offer = window.day_view.phq9_offer
    assert offer.isVisible()
    assert offer.text.text().startswith("Would you like to do a first PHQ-9 check-in?")
    assert "Two weeks" not in offer.text.text()
    close_window(window)


def test_own_side_effects_are_added_and_retired_from_the_form(
    qtbot: QtBot, diary_path: Path, monkeypatch: object
) -> None:
    from diary.core.records import CustomSideEffect

    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    stored: list[CustomSideEffect] = []
    # The store's own list (helper h2's Diary.custom_side_effects) stands in as a plain list here.
    monkeypatch.setattr(window.context.diary, "custom_side_effects", lambda: list(stored), raising=False)  # type: ignore[attr-defined]

    def save(items: list[CustomSideEffect], today: dt.date | None = None) -> None:
        stored[:] = items

    monkeypatch.setattr(window.context.diary, "save_custom_side_effects", save, raising=False)  # type: ignore[attr-defined]
    form = window.day_view.form
    assert not form.retire_side_effect.isEnabled()
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("Itchy scalp", True))  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.context.changed):
        qtbot.mouseClick(form.add_side_effect, Qt.MouseButton.LeftButton)
    assert stored == [CustomSideEffect("itchy_scalp", "Itchy scalp")]
    labels = [form.side_effects.item(row).text() for row in range(form.side_effects.count())]
    assert labels[-1] == "Itchy scalp" and form.retire_side_effect.isEnabled()
    monkeypatch.setattr(  # type: ignore[attr-defined]
        "PySide6.QtWidgets.QInputDialog.getItem", lambda *a, **k: ("Itchy scalp", True)
    )
    with qtbot.waitSignal(window.context.changed):
        qtbot.mouseClick(form.retire_side_effect, Qt.MouseButton.LeftButton)
    assert stored == [CustomSideEffect("itchy_scalp", "Itchy scalp", active=False)]
    labels = [form.side_effects.item(row).text() for row in range(form.side_effects.count())]
    assert "Itchy scalp" not in labels and not form.retire_side_effect.isEnabled()
    close_window(window)


def test_a_pasted_note_longer_than_a_file_can_carry_is_cut_to_the_limit(
    qtbot: QtBot, diary_path: Path
) -> None:
    from diary.core.records import NOTE_MAX_LENGTH

    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    form.note.setFocus()
    form.note.insertPlainText("a" * (NOTE_MAX_LENGTH + 50))
    assert len(form.note.toPlainText()) == NOTE_MAX_LENGTH
    close_window(window)

"""Weights, lab results, pregnancy tests, other medicines and the person's own side effects:
kept exactly, one per identity, changed and removed by identity."""

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.store.diary import Diary
from tests.helpers.diaries import START

LATER = START + dt.timedelta(days=30)


def test_records_survive_closing_and_reopening(diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_weighing(Weighing(START, 64.5))
        diary.save_lab_result(LabResult(START, "ldl", 3.1, "mmol/L", None, None, 3.0, "fasting"))
        diary.save_pregnancy_test(PregnancyTest(START, "negative", "home"))
        diary.save_medicine(Medicine("St John's wort", "st_johns_wort", START, None, "stopped?"))
        diary.save_custom_side_effects([CustomSideEffect("chapped_hands", "Chapped hands")])
        diary.save_course(Course(START, pregnancy_prevention=True))
    with Diary.open(diary_path) as diary:
        assert diary.weights() == [Weighing(START, 64.5)]
        (result,) = diary.lab_results()
        assert result == LabResult(START, "ldl", 3.1, "mmol/L", None, None, 3.0, "fasting")
        assert result.outside_range
        assert diary.pregnancy_tests() == [PregnancyTest(START, "negative", "home")]
        assert diary.medicines() == [Medicine("St John's wort", "st_johns_wort", START, None, "stopped?")]
        assert diary.custom_side_effects() == [CustomSideEffect("chapped_hands", "Chapped hands")]
        assert diary.courses()[0].pregnancy_prevention is True


def test_a_weighing_and_a_pregnancy_test_are_one_per_day(diary: Diary) -> None:
    diary.save_weighing(Weighing(LATER, 63.0))
    diary.save_weighing(Weighing(START, 64.5))
    diary.save_weighing(Weighing(START, 64.0))  # the day's weighing, corrected
    assert diary.weights() == [Weighing(START, 64.0), Weighing(LATER, 63.0)]
    diary.delete_weighing(START)
    assert diary.weights() == [Weighing(LATER, 63.0)]
    diary.save_pregnancy_test(PregnancyTest(START, "invalid"))
    diary.save_pregnancy_test(PregnancyTest(START, "negative", "clinic"))
    assert diary.pregnancy_tests() == [PregnancyTest(START, "negative", "clinic")]
    diary.delete_pregnancy_test(START)
    assert diary.pregnancy_tests() == []


def test_a_medicine_is_one_per_name_and_start_and_may_be_renamed_or_moved(diary: Diary) -> None:
    doxy = Medicine("Doxycycline", "tetracycline", START)
    diary.save_medicine(doxy)
    diary.save_medicine(Medicine("Doxycycline", "tetracycline", START, LATER))  # it ended
    diary.save_medicine(Medicine("Doxycycline", "tetracycline", LATER + dt.timedelta(days=60)))  # again
    assert [(m.starts, m.ends) for m in diary.medicines()] == [
        (START, LATER),
        (LATER + dt.timedelta(days=60), None),
    ]
    renamed = Medicine("Minocycline", "tetracycline", START, LATER)
    diary.save_medicine(renamed, previous=Medicine("Doxycycline", "tetracycline", START, LATER))
    assert [m.name for m in diary.medicines()] == ["Minocycline", "Doxycycline"]
    diary.delete_medicine(renamed)
    assert [m.starts for m in diary.medicines()] == [LATER + dt.timedelta(days=60)]


def test_side_effects_left_out_of_the_list_are_retired_not_forgotten(diary: Diary) -> None:
    hands, heels = (
        CustomSideEffect("chapped_hands", "Chapped hands"),
        CustomSideEffect("heels", "Cracked heels"),
    )
    diary.save_entry(Entry(START, mood=4))  # a day already logged: later additions are dated
    added, retired, again = (START + dt.timedelta(days=n) for n in (1, 5, 9))
    diary.save_custom_side_effects([hands, heels], today=added)
    hands, heels = replace(hands, added_on=added), replace(heels, added_on=added)
    assert diary.custom_side_effects() == [hands, heels]
    diary.save_custom_side_effects([heels], today=retired)
    assert diary.custom_side_effects() == [heels, replace(hands, active=False, retired_on=retired)]
    # Offered again (version 3): added_on is that day and retired_on is cleared.
    diary.save_custom_side_effects([CustomSideEffect("chapped_hands", "Dry hands"), heels], today=again)
    assert diary.custom_side_effects() == [
        CustomSideEffect("chapped_hands", "Dry hands", added_on=again),
        heels,
    ]


def test_a_list_naming_a_side_effect_twice_changes_nothing(diary: Diary) -> None:
    hands = CustomSideEffect("chapped_hands", "Chapped hands")
    diary.save_custom_side_effects([hands])
    with pytest.raises(ValueError, match="twice"):
        diary.save_custom_side_effects([CustomSideEffect("heels", "Heels"), hands, hands])
    assert diary.custom_side_effects() == [hands]


def test_a_diary_holds_records_once_anything_but_its_routine_and_settings_is_in_it(diary: Diary) -> None:
    diary.set_setting("first_run_done", True)
    assert not diary.holds_records()
    diary.save_pregnancy_test(PregnancyTest(START, "negative"))
    assert diary.holds_records()
    diary.delete_pregnancy_test(START)
    assert not diary.holds_records()


def test_a_routine_step_retired_and_offered_again_keeps_its_days_right(diary: Diary) -> None:
    from diary.core.routine import RoutineStep

    diary.save_routine([RoutineStep("spf", "SPF"), RoutineStep("toner", "Toner")], today=START)
    assert [(s.added_on, s.retired_on) for s in diary.routine()] == [(None, None), (None, None)]
    diary.save_entry(Entry(START, mood=6))
    retired, again = START + dt.timedelta(days=4), START + dt.timedelta(days=9)
    diary.save_routine([RoutineStep("spf", "SPF")], today=retired)
    toner = diary.routine(include_retired=True)[1]
    assert (toner.active, toner.added_on, toner.retired_on) == (False, None, retired)
    diary.save_routine([RoutineStep("spf", "SPF"), RoutineStep("toner", "Toner")], today=again)
    toner = diary.routine(include_retired=True)[1]
    assert (toner.active, toner.added_on, toner.retired_on) == (True, again, None)
    # A step added once days are logged is dated, so earlier days never look skipped.
    diary.save_routine(
        [RoutineStep("spf", "SPF"), RoutineStep("toner", "Toner"), RoutineStep("mask", "Mask")], today=again
    )
    assert diary.routine()[2].added_on == again and diary.routine()[0].added_on is None

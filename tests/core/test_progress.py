"""Course arithmetic: cumulative dose from logged doses only, and the projected date."""

import datetime as dt

import pytest

from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.progress import course_progress, cumulative_mg_per_kg_by_day, progress_line
from tests.helpers.diaries import START, sample_course


def _days(doses: list[float | None]) -> list[Entry]:
    return [Entry(START + dt.timedelta(days=i), dose_mg=dose) for i, dose in enumerate(doses)]


def test_cumulative_dose_counts_logged_doses_and_nothing_for_unlogged_days() -> None:
    course = sample_course()
    entries = _days([20, 20, None, 0, 20])
    progress = course_progress(course, entries, START + dt.timedelta(days=4))
    assert progress.day == 5 and progress.week == 1
    assert progress.cumulative_mg == 60
    assert progress.cumulative_mg_per_kg == 60 / 64.5
    assert progress.missed_doses == 1
    assert progress.days_without_dose == 1
    assert progress.doses_logged == 4


def test_entries_outside_the_course_or_after_the_day_do_not_count() -> None:
    course = sample_course()
    entries = [Entry(START - dt.timedelta(days=1), dose_mg=40), *_days([20, 20, 20])]
    progress = course_progress(course, entries, START + dt.timedelta(days=1))
    assert progress.cumulative_mg == 40


def test_projection_at_the_current_scheduled_dose() -> None:
    course = Course(START, weight_kg=50, target_mg_per_kg=2, doses=(DoseChange(START, 20),))
    # target 100 mg; 40 mg taken by day 2; 60 mg left at 20 mg a day = 3 more days
    progress = course_progress(course, _days([20, 20]), START + dt.timedelta(days=1))
    assert progress.projected_target_date == START + dt.timedelta(days=4)
    assert progress.percent_of_target == 40


def test_a_reached_target_reports_the_day_it_was_reached() -> None:
    course = Course(START, weight_kg=50, target_mg_per_kg=1, doses=(DoseChange(START, 20),))
    progress = course_progress(course, _days([20, 20, 20, 20]), START + dt.timedelta(days=3))
    assert progress.target_reached_on == START + dt.timedelta(days=2)
    assert progress.projected_target_date == START + dt.timedelta(days=2)


def test_no_projection_without_weight_or_dose() -> None:
    no_weight = Course(START, doses=(DoseChange(START, 20),))
    assert course_progress(no_weight, _days([20]), START).projected_target_date is None
    no_schedule = Course(START, weight_kg=60)
    assert course_progress(no_schedule, _days([None]), START).projected_target_date is None
    assert course_progress(no_schedule, _days([30]), START).current_mg_per_day == 30


def test_an_ended_course_is_counted_to_its_end_date() -> None:
    course = sample_course(end_date=START + dt.timedelta(days=1))
    progress = course_progress(course, _days([20, 20, 20]), START + dt.timedelta(days=30))
    assert progress.on == START + dt.timedelta(days=1)
    assert progress.cumulative_mg == 40
    assert "course ended" in progress_line(progress)


def test_cumulative_series_is_a_running_total_per_day() -> None:
    course = Course(START, weight_kg=10, doses=(DoseChange(START, 20),))
    series = cumulative_mg_per_kg_by_day(course, _days([20, None, 0, 10]), START + dt.timedelta(days=3))
    assert [value for _, value in series] == [2, 2, 2, 3]


def test_the_header_line() -> None:
    course = sample_course()
    entries = _days([20] * 37)
    line = progress_line(course_progress(course, entries, START + dt.timedelta(days=36)))
    assert line == "Day 37 of ~140 · week 6 · 11.5 of 120 mg/kg"  # 740 / 64.5 = 11.47
    no_weight = progress_line(course_progress(Course(START), entries, START + dt.timedelta(days=1)))
    assert no_weight == "Day 2 · week 1 · 40 mg so far"


def test_only_days_in_the_course_and_up_to_today_count() -> None:
    course = sample_course()
    today = START + dt.timedelta(days=2)
    entries = [Entry(START - dt.timedelta(days=3), dose_mg=20), *_days([20, None, 20])]
    progress = course_progress(course, entries, START + dt.timedelta(days=40), today=today)
    assert progress.on == today and progress.day == 3
    assert progress.days_without_dose == 1, "the days after today are not 'not logged'"
    assert progress.cumulative_mg == 40


def test_the_if_taken_as_prescribed_bound() -> None:
    course = Course(START, weight_kg=50, doses=(DoseChange(START, 20),))
    progress = course_progress(course, _days([20, None, None, 0]), START + dt.timedelta(days=3))
    assert progress.cumulative_mg == 20 and progress.if_taken_mg == 60
    assert progress.if_taken_mg_per_kg == pytest.approx(60 / 50)
    complete = course_progress(course, _days([20, 20]), START + dt.timedelta(days=1))
    assert complete.if_taken_mg is None, "no bound when every day is logged"


def test_the_weight_in_force_divides_each_days_dose() -> None:
    from diary.core.records import Weighing

    course = Course(START, weight_kg=50, target_mg_per_kg=1, doses=(DoseChange(START, 20),))
    entries = _days([20, 20, 20, 20])
    weights = [Weighing(START + dt.timedelta(days=2), 100.0)]
    progress = course_progress(course, entries, START + dt.timedelta(days=3), weights=weights)
    # 20/50 + 20/50 + 20/100 + 20/100 = 1.2 mg/kg; the target of 1 is reached on day 3.
    assert abs(progress.cumulative_mg_per_kg - 1.2) < 1e-9
    assert progress.target_reached_on == START + dt.timedelta(days=2)
    assert progress.weight_kg == 100
    series = cumulative_mg_per_kg_by_day(course, entries, START + dt.timedelta(days=3), weights)
    assert [round(value, 2) for _, value in series] == [0.4, 0.8, 1.0, 1.2]
    # Without weighings, the course's weight as before.
    assert course_progress(course, entries, START + dt.timedelta(days=3)).cumulative_mg_per_kg == 80 / 50


def test_mg_per_kg_is_shown_with_one_decimal_and_never_rounded_up_to_the_target() -> None:
    from diary.core.progress import mg_per_kg_words

    assert mg_per_kg_words(119.6) == "119.6" and mg_per_kg_words(5.55) == "5.6"
    assert mg_per_kg_words(119.96) == "120.0", "ordinary rounding when no target is near"
    assert mg_per_kg_words(119.96, 120) == "119.9", "below the target never reads as reaching it"
    assert mg_per_kg_words(120.0, 120) == "120.0" and mg_per_kg_words(120.04, 120) == "120.0"
    course = Course(START, weight_kg=10, target_mg_per_kg=4, doses=(DoseChange(START, 20),))
    line = progress_line(course_progress(course, _days([20, 20, 20]), START + dt.timedelta(days=2)))
    assert "6.0 of 4 mg/kg (target reached)" in line


def test_a_later_courses_own_weight_beats_an_older_weighing() -> None:
    """The issue's diary: a 2022 weighing of 58 kg, then a 2026 course set to 72 kg with ten
    days of 40 mg: 400 / 72 = 5.6 mg/kg, not 400 / 58."""
    from diary.core.progress import mg_per_kg_words
    from diary.core.records import Weighing

    course = Course(dt.date(2026, 9, 1), weight_kg=72, doses=(DoseChange(dt.date(2026, 9, 1), 40),))
    entries = [Entry(dt.date(2026, 9, 1) + dt.timedelta(days=i), dose_mg=40) for i in range(10)]
    weights = [Weighing(dt.date(2022, 5, 3), 58.0)]
    progress = course_progress(course, entries, dt.date(2026, 9, 10), weights=weights)
    assert progress.cumulative_mg == 400
    assert progress.cumulative_mg_per_kg == 400 / 72
    assert mg_per_kg_words(progress.cumulative_mg_per_kg) == "5.6"
    assert progress.weight_kg == 72 and progress.weights_used == (72, 72)
    # A weighing inside the course then takes over from its day on.
    later = [*weights, Weighing(dt.date(2026, 9, 6), 70.0)]
    moved = course_progress(course, entries, dt.date(2026, 9, 10), weights=later)
    assert moved.cumulative_mg_per_kg == pytest.approx(200 / 72 + 200 / 70)
    assert moved.weights_used == (70, 72)


def test_every_other_day_has_no_false_missed_or_unlogged_days() -> None:
    course = Course(START, weight_kg=50, target_mg_per_kg=2, doses=(DoseChange(START, 20, every_days=2),))
    # Dosing days are START, +2, +4: logged 20, (nothing on +1), 0 on +3 (a non-dosing day), 20 on +4.
    entries = _days([20, None, None, 0, 20])
    progress = course_progress(course, entries, START + dt.timedelta(days=4))
    assert progress.missed_doses == 0, "0 on a day between doses is not a missed dose"
    assert progress.days_without_dose == 1, "only the unlogged dosing day (+2) is unknown"
    assert progress.if_taken_mg == 60
    # 40 mg of 100 taken; 3 more doses of 20, every other day from the next dosing day (+6).
    assert progress.projected_target_date == START + dt.timedelta(days=10)


def test_partial_and_larger_doses_are_named_and_kept_as_logged() -> None:
    course = Course(START, weight_kg=50, doses=(DoseChange(START, 40),))
    progress = course_progress(course, _days([40, 20, 60, 0]), START + dt.timedelta(days=3))
    assert progress.cumulative_mg == 120
    assert progress.partial_days == (START + dt.timedelta(days=1),)
    assert progress.above_days == (START + dt.timedelta(days=2),)
    assert progress.missed_doses == 1


def test_a_course_past_its_planned_length_says_by_how_many_days() -> None:
    from diary.core.progress import day_words

    course = sample_course()  # 20 weeks: about 140 days
    progress = course_progress(course, [], START + dt.timedelta(days=150))
    assert progress.day == 151 and progress.days_past_plan == 11
    assert day_words(progress) == "day 151 of about 140 planned (11 days past)"
    assert progress_line(progress).startswith("Day 151 of ~140 (11 days past)")


def test_the_header_names_a_schedule_that_is_not_daily_and_a_day_between_doses() -> None:
    course = Course(START, weight_kg=50, doses=(DoseChange(START, 20, every_days=2),))
    on_dose = progress_line(course_progress(course, _days([20, None, 20]), START + dt.timedelta(days=2)))
    assert on_dose.endswith("· 20 mg every other day")
    between = progress_line(course_progress(course, _days([20, None, 20]), START + dt.timedelta(days=3)))
    assert between.endswith("· 20 mg every other day, no dose today")

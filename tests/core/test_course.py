"""Courses: their days and weeks, the dose schedule, and the rule that they never overlap."""

import datetime as dt

import pytest

from diary.core.course import Course, DoseChange, course_on, overlapping_courses
from diary.core.entry import InvalidValue
from tests.helpers.diaries import START, sample_course


def test_day_one_is_the_start_date_and_week_two_starts_on_day_eight() -> None:
    course = sample_course()
    assert course.day_number(START) == 1
    assert course.week_number(START + dt.timedelta(days=6)) == 1
    assert course.week_number(START + dt.timedelta(days=7)) == 2
    assert course.planned_days == 140


def test_the_schedule_gives_the_dose_in_force_on_each_day() -> None:
    course = sample_course()
    assert course.scheduled_dose(START - dt.timedelta(days=1)) is None
    assert course.scheduled_dose(START) == 20
    assert course.scheduled_dose(dt.date(2026, 3, 29)) == 20
    assert course.scheduled_dose(dt.date(2026, 3, 30)) == 40
    assert course.scheduled_dose(dt.date(2027, 1, 1)) == 40


def test_dose_changes_are_kept_in_date_order_and_may_not_share_a_date() -> None:
    course = Course(START, doses=(DoseChange(dt.date(2026, 4, 1), 40), DoseChange(START, 20)))
    assert [change.mg_per_day for change in course.doses] == [20, 40]
    with pytest.raises(InvalidValue, match="two dose changes"):
        Course(START, doses=(DoseChange(START, 20), DoseChange(START, 30)))


def test_a_course_cannot_end_before_it_starts() -> None:
    with pytest.raises(InvalidValue) as raised:
        Course(START, end_date=START - dt.timedelta(days=1))
    assert raised.value.field == "end_date"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("weight_kg", 0),
        ("weight_kg", 700),
        ("planned_weeks", 0),
        ("planned_weeks", 4.5),
        ("target_mg_per_kg", -1),
    ],
)
def test_impossible_settings_are_refused(field: str, value: object) -> None:
    with pytest.raises(InvalidValue) as raised:
        Course(START, **{field: value})
    assert raised.value.field == field


def test_settings_may_be_left_out() -> None:
    course = Course(START, planned_weeks=None, weight_kg=None, target_mg_per_kg=None)
    assert course.planned_days is None and course.target_mg is None


def test_the_course_holding_a_day() -> None:
    first = sample_course(end_date=dt.date(2026, 7, 31))
    second = Course(dt.date(2027, 2, 1))
    courses = [first, second]
    assert course_on(courses, dt.date(2026, 7, 31)) is first
    assert course_on(courses, dt.date(2026, 9, 1)) is None
    assert course_on(courses, dt.date(2030, 1, 1)) is second


def test_overlapping_courses_are_found() -> None:
    running = sample_course()
    later = Course(dt.date(2026, 9, 1))
    assert overlapping_courses([later, running]) == (running, later)
    ended = sample_course(end_date=dt.date(2026, 8, 31))
    assert overlapping_courses([ended, later]) is None
    touching = sample_course(end_date=dt.date(2026, 9, 1))
    assert overlapping_courses([touching, later]) == (touching, later)


def test_a_schedule_that_starts_before_the_course_is_exported_from_the_course_start() -> None:
    import datetime as dt

    from diary.core.course import Course, DoseChange
    from diary.core.interchange import DiaryDocument, document_from_json, document_to_json

    start = dt.date(2026, 3, 10)
    course = Course(
        start,
        doses=(DoseChange(dt.date(2026, 3, 1), 20), DoseChange(dt.date(2026, 3, 20), 40)),
        end_date=dt.date(2026, 6, 30),
    )
    assert [(c.starts, c.mg_per_day) for c in course.schedule_inside()] == [
        (start, 20),
        (dt.date(2026, 3, 20), 40),
    ]
    text = document_to_json(DiaryDocument(courses=(course,)), dt.datetime(2026, 7, 1, tzinfo=dt.UTC))
    read_back = document_from_json(text, "moved.json").courses[0]
    for day in (start, dt.date(2026, 3, 19), dt.date(2026, 3, 20), dt.date(2026, 6, 30)):
        assert read_back.scheduled_dose(day) == course.scheduled_dose(day)


def test_a_step_every_other_day_prescribes_only_its_dosing_days() -> None:
    course = Course(
        START, doses=(DoseChange(START, 20, every_days=2), DoseChange(START + dt.timedelta(days=5), 40, 7))
    )
    assert [course.scheduled_dose(START + dt.timedelta(days=i)) for i in range(5)] == [20, None, 20, None, 20]
    assert course.scheduled_dose(START + dt.timedelta(days=5)) == 40
    assert course.scheduled_dose(START + dt.timedelta(days=6)) is None
    assert course.scheduled_dose(START + dt.timedelta(days=12)) == 40
    assert not course.is_dosing_day(START + dt.timedelta(days=1))
    assert (
        course.doses[0].words() == "20 mg every other day" and course.doses[1].words() == "40 mg once a week"
    )
    with pytest.raises(InvalidValue) as raised:
        DoseChange(START, 20, every_days=8)
    assert raised.value.field == "every_days"

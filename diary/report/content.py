"""What the appointment summary says, gathered from the diary for a date range (no drawing here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from diary.core import phq9
from diary.core.appointments import Question
from diary.core.course import Course, course_on
from diary.core.entry import Entry
from diary.core.flags import Flag, flags_between, mood_flags
from diary.core.follow_up import TrackedFlag, track, urgent_first_then_newest
from diary.core.progress import CourseProgress, course_progress
from diary.core.routine import RoutineStep
from diary.core.summary import (
    StepAdherence,
    SymptomLine,
    days_without_dose,
    missed_dose_days,
    side_effect_days,
    skincare_adherence,
    symptom_table,
)
from diary.store.diary import Diary


@dataclass(frozen=True)
class Phq9Line:
    day: dt.date
    total: int
    band: str
    item9: int


@dataclass(frozen=True)
class ReportContent:
    """Everything the summary shows, for `start`..`end`, as of `made_on`."""

    start: dt.date
    end: dt.date
    made_on: dt.date
    name: str
    course: Course | None
    progress: CourseProgress | None
    open_flags: list[TrackedFlag]
    open_questions: list[Question]
    symptoms: list[SymptomLine]
    side_effects: list[tuple[str, int]]
    adherence: list[StepAdherence]
    phq9: list[Phq9Line]
    flagged_notes: list[tuple[dt.date, str]]
    missed_doses: list[dt.date]
    days_without_dose: int
    days_logged: int
    # For the charts: the entries from before the range that rolling means need, and all flags.
    chart_entries: list[Entry] = field(default_factory=list)
    courses: list[Course] = field(default_factory=list)
    routine: list[RoutineStep] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def day_count(self) -> int:
        return (self.end - self.start).days + 1


def gather(diary: Diary, start: dt.date, end: dt.date, made_on: dt.date) -> ReportContent:
    """Read the diary once and work out every figure of the summary."""
    entries = diary.entries()
    courses = diary.courses()
    in_range = [entry for entry in entries if start <= entry.date <= end]
    flags = mood_flags(entries, courses)
    tracked = track(flags_between(flags, start, end), diary.follow_ups())
    open_flags = urgent_first_then_newest(item for item in tracked if item.is_open)
    course = course_on(courses, end) or _last_course_before(courses, end)
    progress = course_progress(course, entries, end) if course else None
    flagged_days = {day for item in tracked for day in item.flag.days() if start <= day <= end}
    return ReportContent(
        start=start,
        end=end,
        made_on=made_on,
        name=diary.preferences().name,
        course=course,
        progress=progress,
        open_flags=open_flags,
        open_questions=[question for question in diary.questions() if question.is_open],
        symptoms=symptom_table(entries, start, end),
        side_effects=side_effect_days(in_range),
        adherence=skincare_adherence(in_range, diary.routine(include_retired=True)),
        phq9=[
            Phq9Line(entry.date, phq9.total(entry.phq9), phq9.band(phq9.total(entry.phq9)), entry.phq9[8])
            for entry in in_range
            if entry.phq9 is not None
        ],
        flagged_notes=[
            (entry.date, entry.note) for entry in in_range if entry.date in flagged_days and entry.note
        ],
        missed_doses=missed_dose_days(in_range),
        days_without_dose=days_without_dose(in_range, start, end),
        days_logged=len(in_range),
        chart_entries=entries,
        courses=courses,
        routine=diary.routine(include_retired=True),
        flags=flags,
    )


def _last_course_before(courses: list[Course], day: dt.date) -> Course | None:
    earlier = [course for course in courses if course.start_date <= day]
    return earlier[-1] if earlier else None

"""What the appointment summary says, gathered from the diary for a date range (no drawing here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from diary.core import phq9, scales
from diary.core.appointments import Question
from diary.core.course import Course, course_on
from diary.core.entry import Entry
from diary.core.flags import Flag, mood_flags
from diary.core.follow_up import FollowUp, TrackedFlag, track, urgent_first_then_newest
from diary.core.photos import AREAS, Photo, first_and_latest
from diary.core.progress import CourseProgress, course_progress
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from diary.core.safety import (
    GuidedMedicine,
    LabComparison,
    PregnancyFacts,
    guided_medicines,
    lab_comparisons,
    pregnancy_facts,
)
from diary.core.summary import (
    Episode,
    StepAdherence,
    SymptomLine,
    days_in_course_until,
    discussed_between,
    episodes,
    side_effect_days,
    skincare_adherence,
    symptom_table,
)
from diary.store.diary import Diary
from diary.store.photo_files import PhotoFiles


@dataclass(frozen=True)
class Phq9Line:
    day: dt.date
    total: int
    band: str
    item9: int


@dataclass(frozen=True)
class ReportPhoto:
    """A photo on the summary's photo page, with what is written under it."""

    photo: Photo
    course_day: int | None
    new_spots: int | None  # as logged that day; None: not logged
    severity: int | None
    path: Path  # where its image file should be (it may be missing or changed)


@dataclass(frozen=True)
class AreaPhotos:
    """One area's first and latest photo in the range (latest None: only one photo)."""

    area: str
    first: ReportPhoto
    latest: ReportPhoto | None
    count: int

    @property
    def area_words(self) -> str:
        return AREAS[self.area]


@dataclass(frozen=True)
class ReportContent:
    """Everything the summary shows, for `start`..`end`, as of `made_on`."""

    start: dt.date
    end: dt.date
    made_on: dt.date
    name: str
    course: Course | None
    progress: CourseProgress | None
    # Every flag not yet discussed, whatever its date and the range: merged into episodes.
    to_discuss: list[Episode]
    open_questions: list[Question]
    symptoms: list[SymptomLine]
    side_effects: list[tuple[str, int]]
    adherence: list[StepAdherence]
    phq9: list[Phq9Line]
    missed_doses: list[dt.date]
    days_logged: int
    # Flags discussed (by discussed_on) within the range.
    discussed: list[TrackedFlag] = field(default_factory=list)
    open_flags: list[TrackedFlag] = field(default_factory=list)
    labs: list[LabResult] = field(default_factory=list)
    # Every weighing: the charts' mg/kg divides by the weight in force, as page 1 does.
    weights: list[Weighing] = field(default_factory=list)
    pregnancy_tests: list[PregnancyTest] = field(default_factory=list)
    medicines: list[Medicine] = field(default_factory=list)
    # For the charts: the entries from before the range that rolling means need, and all flags.
    chart_entries: list[Entry] = field(default_factory=list)
    courses: list[Course] = field(default_factory=list)
    routine: list[RoutineStep] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    # Page 1's safety facts about the course, whatever the range.
    pregnancy: PregnancyFacts | None = None
    lab_comparisons: list[LabComparison] = field(default_factory=list)
    guided_medicines: list[GuidedMedicine] = field(default_factory=list)
    # Doses logged after the course ended (outside every course), up to the range's end.
    after_end_doses: list[tuple[dt.date, float]] = field(default_factory=list)
    # Photos only when the patient asked for them (they are the diary's most private part).
    photos_asked: bool = False
    photos: list[AreaPhotos] = field(default_factory=list)
    photo_files: PhotoFiles | None = None  # reads the images (opening them in a protected diary)

    @property
    def day_count(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_empty(self) -> bool:
        """Nothing at all to report: no course, no entries, no flags, no records."""
        return (
            self.course is None
            and not self.chart_entries
            and not self.open_questions
            and not self.labs
            and not self.pregnancy_tests
            and not self.medicines
        )


def gather(
    diary: Diary, start: dt.date, end: dt.date, made_on: dt.date, *, photos: bool = False
) -> ReportContent:
    """Read the diary once and work out every figure of the summary; with `photos`, the first
    and latest photo of each area in the range too (their images are read when painted)."""
    content = build(
        start=start,
        end=end,
        made_on=made_on,
        name=diary.preferences().name,
        entries=diary.entries(),
        courses=diary.courses(),
        routine=diary.routine(include_retired=True),
        follow_ups=diary.follow_ups(),
        questions=diary.questions(),
        weights=diary.weights(),
        labs=diary.lab_results(),
        pregnancy_tests=diary.pregnancy_tests(),
        medicines=diary.medicines(),
        own_side_effects=diary.custom_side_effects(),
    )
    if not photos:
        return content
    return with_photos(content, diary.photos(), PhotoFiles(diary.path))


def with_photos(content: ReportContent, photos: Sequence[Photo], files: PhotoFiles) -> ReportContent:
    """`content` with the photo page asked for: each area's first and latest photo in range."""
    entries = {entry.date: entry for entry in content.chart_entries}

    def shown(photo: Photo) -> ReportPhoto:
        course = course_on(content.courses, photo.date)
        entry = entries.get(photo.date)
        return ReportPhoto(
            photo,
            course.day_number(photo.date) if course is not None else None,
            None if entry is None else entry.breakouts_new,
            None if entry is None else entry.breakout_severity,
            files.path_of(photo.sha256, photo.media_type),
        )

    areas = [
        AreaPhotos(area.area, shown(area.first), shown(area.latest) if area.latest else None, area.count)
        for area in first_and_latest(photos, content.start, content.end)
    ]
    return replace(content, photos_asked=True, photos=areas, photo_files=files)


def build(
    *,
    start: dt.date,
    end: dt.date,
    made_on: dt.date,
    name: str,
    entries: list[Entry],
    courses: list[Course],
    routine: list[RoutineStep],
    follow_ups: Mapping[tuple[str, dt.date], FollowUp],
    questions: Sequence[Question],
    weights: Sequence[Weighing] = (),
    labs: Sequence[LabResult] = (),
    pregnancy_tests: Sequence[PregnancyTest] = (),
    medicines: Sequence[Medicine] = (),
    own_side_effects: Sequence[CustomSideEffect] = (),
) -> ReportContent:
    """Every figure of the summary from the diary's lists (no store here, so tests give lists)."""
    in_range = [entry for entry in entries if start <= entry.date <= end]
    flags = mood_flags(entries, courses)
    tracked = track(flags, follow_ups)
    open_flags = urgent_first_then_newest(item for item in tracked if item.is_open)
    course = course_on(courses, end) or _last_course_before(courses, end)
    progress = course_progress(course, entries, end, today=made_on, weights=weights) if course else None
    counted = set(days_in_course_until(course, start, end, made_on)) if course else set()
    return ReportContent(
        start=start,
        end=end,
        made_on=made_on,
        name=name,
        course=course,
        progress=progress,
        to_discuss=episodes(open_flags, entries),
        open_flags=open_flags,
        discussed=discussed_between(tracked, start, end),
        open_questions=[question for question in questions if question.is_open],
        symptoms=symptom_table(entries, start, end),
        side_effects=side_effect_days(in_range, own_side_effects),
        adherence=skincare_adherence(in_range, routine),
        phq9=[
            Phq9Line(entry.date, phq9.total(entry.phq9), phq9.band(phq9.total(entry.phq9)), entry.phq9[8])
            for entry in in_range
            if entry.phq9 is not None
        ],
        # A 0 on a day between doses of a step that is not daily is not a missed dose.
        missed_doses=[
            entry.date
            for entry in in_range
            if entry.dose_mg == 0
            and entry.date in counted
            and course is not None
            and course.is_dosing_day(entry.date)
        ],
        days_logged=len(in_range),
        labs=sorted((r for r in labs if start <= r.date <= end), key=lambda r: (r.date, r.shown_as)),
        weights=list(weights),
        pregnancy_tests=sorted((t for t in pregnancy_tests if start <= t.date <= end), key=lambda t: t.date),
        # The guide's kinds first; other medicines and supplements after them.
        medicines=sorted(
            (m for m in medicines if m.overlaps(start, end)),
            key=lambda m: (m.kind == "other", list(scales.MEDICINE_KINDS).index(m.kind), m.starts, m.name),
        ),
        chart_entries=entries,
        courses=courses,
        routine=routine,
        flags=flags,
        pregnancy=pregnancy_facts(course, pregnancy_tests, made_on) if course else None,
        lab_comparisons=lab_comparisons(course, labs, made_on) if course else [],
        guided_medicines=guided_medicines(course, medicines, made_on) if course else [],
        after_end_doses=_after_the_end(course, courses, entries, min(end, made_on)) if course else [],
    )


def _after_the_end(
    course: Course, courses: list[Course], entries: list[Entry], until: dt.date
) -> list[tuple[dt.date, float]]:
    """Doses logged after `course` ended, on days no course holds, up to `until`."""
    if course.end_date is None:
        return []
    return [
        (entry.date, entry.dose_mg)
        for entry in sorted(entries, key=lambda entry: entry.date)
        if entry.dose_mg and course.end_date < entry.date <= until and course_on(courses, entry.date) is None
    ]


def _last_course_before(courses: list[Course], day: dt.date) -> Course | None:
    earlier = [course for course in courses if course.start_date <= day]
    return earlier[-1] if earlier else None

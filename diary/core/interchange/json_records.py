"""The records of an interchange JSON document other than entries, each read and checked:
preferences, courses and their doses, routine steps, custom side effects, follow-ups,
appointments, questions, weighings, lab results, pregnancy tests, medicines and photos."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from diary.core import flags, scales
from diary.core.appointments import Appointment, Question
from diary.core.course import Course, DoseChange, overlapping_courses
from diary.core.follow_up import DISCUSSED, STATES, FollowUp
from diary.core.interchange import rules
from diary.core.interchange.document import PREFERENCE_ORDER
from diary.core.interchange.json_strict import Fields, Problem, T, build, shown
from diary.core.photos import AREAS, EXTENSIONS, Photo, is_sha256
from diary.core.preferences import APPEARANCES, PAPER_SIZES, Preferences, is_reminder_time
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep

# Keys in the order of the spec's example (the writer's order too).
_PREFERENCE_TEXT = ("name", "emergency_number", "crisis_line")
_PREFERENCE_SWITCHES = ("remind_phq9", "remind_appointments", "remind_tests")
_COURSE_KEYS_V1 = ("start_date", "planned_weeks", "weight_kg", "target_mg_per_kg", "doses", "end_date")
_COURSE_KEYS = (*_COURSE_KEYS_V1, "pregnancy_prevention")
_COURSE_KEYS_V3 = (*_COURSE_KEYS, "clear_since")
_DOSE_KEYS = ("from", "mg_per_day")
_DOSE_KEYS_V3 = ("from", "mg", "every_days")
_STEP_KEYS_V1 = ("key", "label")
_STEP_KEYS = ("key", "label", "active")
_STEP_KEYS_V3 = (*_STEP_KEYS, "added_on", "retired_on")
# Version 3's `mg` is read on the scale `mg_per_day` had (fractions allowed), although the
# spec calls it an integer: its general rules say every diary stored before can be exported
# and read back, and diaries hold steps such as 22.5 mg. `every_days` is a whole number.
_MG_V3 = scales.MG_PER_DAY
_FOLLOW_UP_KEYS = ("rule", "date", "state", "discussed_on", "note", "alerted")
_APPOINTMENT_KEYS = ("date", "with", "note")
_QUESTION_KEYS = ("text", "added_on", "asked_on")
_WEIGHT_KEYS = ("date", "kg")
_LAB_KEYS = ("date", "test", "label", "value", "unit", "reference_low", "reference_high", "note")
_TEST_KEYS = ("date", "result", "where")
_MEDICINE_KEYS = ("name", "kind", "from", "to", "note")
_PHOTO_KEYS = ("date", "area", "sha256", "media_type", "note")


def preferences(data: dict[str, Any]) -> tuple[Preferences | None, frozenset[str] | None]:
    if "preferences" not in data:
        return None, None
    fields = Fields(data["preferences"], "preferences", None, PREFERENCE_ORDER)
    values: dict[str, object] = {}
    for key in PREFERENCE_ORDER:
        if not fields.has(key):
            continue
        if key in _PREFERENCE_TEXT:
            values[key] = _setting_text(fields, key)
        elif key in _PREFERENCE_SWITCHES:
            values[key] = fields.switch(key, True)
        elif key == "appearance":
            values[key] = fields.required_choice(key, APPEARANCES)
        elif key == "paper_size":
            values[key] = fields.required_choice(key, PAPER_SIZES)
        else:
            value = fields.value(key)
            if not is_reminder_time(value):
                raise fields.fail(key, f'must be a time written HH:MM, or "" for none, not {shown(value)}')
            values[key] = value
    return Preferences(**values), frozenset(values)  # type: ignore[arg-type]


def courses(items: list[object], version: int) -> tuple[Course, ...]:
    """The courses of a document of `version`: none starting on the same day, none overlapping."""
    known = _COURSE_KEYS_V3 if version >= 3 else _COURSE_KEYS if version >= 2 else _COURSE_KEYS_V1
    courses: list[Course] = []
    seen: dict[dt.date, int] = {}
    for index, item in enumerate(items):
        fields = Fields(item, f"courses[{index}]", None, known, dated_by="start_date", version=version)
        start = fields.identity_day
        where = f"courses[{start}]"
        if start in seen:
            raise Problem(
                where,
                "start_date",
                f"two courses start on {start} (courses[{seen[start]}] and [{index}])",
            )
        seen[start] = index
        end = fields.day("end_date", required=False)
        values: dict[str, Any] = {
            "start_date": start,
            "planned_weeks": fields.number("planned_weeks", scales.PLANNED_WEEKS),
            "weight_kg": fields.number("weight_kg", scales.WEIGHT_KG),
            "doses": _doses(fields.items("doses"), where, start, end, version),
            "end_date": end,
            "pregnancy_prevention": fields.switch("pregnancy_prevention", False),
            "clear_since": fields.day("clear_since", required=False),
        }
        if fields.has("target_mg_per_kg"):
            values["target_mg_per_kg"] = fields.number("target_mg_per_kg", scales.TARGET_MG_PER_KG)
        courses.append(build(Course, values, where))
    clash = overlapping_courses(courses)
    if clash is not None:
        first, second = clash
        raise Problem(
            "courses",
            None,
            f"the course starting {first.start_date} overlaps the course starting {second.start_date}",
        )
    return tuple(courses)


def _doses(
    items: list[object], course: str, start: dt.date, end: dt.date | None, version: int
) -> tuple[DoseChange, ...]:
    """A course's dose steps: version 3's `{from, mg, every_days}`, or before it
    `{from, mg_per_day}`, read as `mg` every day."""
    doses: list[DoseChange] = []
    for index, item in enumerate(items):
        known = _DOSE_KEYS_V3 if version >= 3 else _DOSE_KEYS
        fields = Fields(item, f"{course}.doses[{index}]", None, known, version=version)
        starts = fields.required_day("from")
        if starts < start or (end is not None and starts > end):
            ends = "" if end is None else f" to {end}"
            raise fields.fail("from", f"{starts} is outside the course ({start}{ends})")
        if any(change.starts == starts for change in doses):
            raise fields.fail("from", f"another dose change of the course starts on {starts}")
        if version >= 3:
            values = {
                "starts": starts,
                "mg_per_day": fields.number("mg", _MG_V3, required=True),
                "every_days": fields.number("every_days", scales.EVERY_DAYS, required=True),
            }
            names = {"starts": "from", "mg_per_day": "mg"}
        else:
            values = {
                "starts": starts,
                "mg_per_day": fields.number("mg_per_day", scales.MG_PER_DAY, required=True),
            }
            names = {"starts": "from"}
        doses.append(build(DoseChange, values, fields.where, names))
    return tuple(doses)


def routine(items: list[object], version: int) -> tuple[RoutineStep, ...]:
    known = _STEP_KEYS_V3 if version >= 3 else _STEP_KEYS if version >= 2 else _STEP_KEYS_V1
    return _steps(items, "routine", known, RoutineStep, version=version)


def custom_side_effects(items: list[object], version: int) -> tuple[CustomSideEffect, ...]:
    known = _STEP_KEYS_V3 if version >= 3 else _STEP_KEYS
    return _steps(items, "custom_side_effects", known, CustomSideEffect, scales.SIDE_EFFECTS, version=version)


def _steps(
    items: list[object],
    section: str,
    known: Sequence[str],
    kind: Callable[..., T],
    built_in: Iterable[str] = (),
    *,
    version: int,
) -> tuple[T, ...]:
    """Routine steps or custom side effects: a key (once each, and not a built-in side
    effect), a label and whether it is still offered."""
    steps: list[T] = []
    keys: set[str] = set()
    for index, item in enumerate(items):
        fields = Fields(item, f"{section}[{index}]", None, known, version=version)
        key = _key(fields)
        if key in built_in:
            raise fields.fail("key", f"{key!r} is a built-in side effect")
        if key in keys:
            raise fields.fail("key", f"{rules.shown_text(key)} is listed twice")
        keys.add(key)
        label = fields.required_text("label", rules.LABEL_MAX)
        values: dict[str, object] = {"key": key, "label": label, "active": fields.switch("active", True)}
        if version >= 3:
            values["added_on"] = fields.day("added_on", required=False)
            values["retired_on"] = fields.day("retired_on", required=False)
        steps.append(build(kind, values, fields.where))
    return tuple(steps)


def photos(items: list[object]) -> tuple[Photo, ...]:
    """Version 3's `photos[]`: each record checked, none twice (the same date, area and
    image), and no image named as two kinds. Named by their index (a day may hold many)."""
    found: list[Photo] = []
    seen: dict[tuple[object, ...], int] = {}
    kinds: dict[str, tuple[int, str]] = {}
    for index, item in enumerate(items):
        fields = Fields(item, f"photos[{index}]", None, _PHOTO_KEYS, version=3)
        values = {
            "date": fields.required_day("date"),
            "area": fields.required_choice("area", AREAS),
            "sha256": _sha256(fields),
            "media_type": fields.required_choice("media_type", EXTENSIONS),
            "note": fields.text("note", rules.NOTE_MAX, note=True),
        }
        photo = build(Photo, values, fields.where)
        if photo.identity in seen:
            raise fields.fail(
                None, f"is the same photo as photos[{seen[photo.identity]}] (the same date, area and image)"
            )
        seen[photo.identity] = index
        first, kind = kinds.setdefault(photo.sha256, (index, photo.media_type))
        if kind != photo.media_type:
            raise fields.fail(
                "media_type",
                f"names the image {photo.sha256[:12]}... as {photo.media_type}, but photos[{first}] "
                f"names it as {kind}; one image is one kind",
            )
        found.append(photo)
    return tuple(found)


def _sha256(fields: Fields) -> str:
    value = fields.value("sha256")
    if value is None and not fields.has("sha256"):
        raise fields.fail("sha256", "is missing; it must be the image's SHA-256 (64 lower-case hex digits)")
    if not isinstance(value, str) or not is_sha256(value):
        raise fields.fail(
            "sha256", f"must be the image's SHA-256 (64 lower-case hex digits), not {shown(value)}"
        )
    return value


def _setting_text(fields: Fields, key: str) -> str:
    value = fields.text(key, rules.TEXT_MAX)
    if value is None:
        raise fields.fail(key, 'must be text ("" when not set), not null')
    return value


def _key(fields: Fields) -> str:
    value = fields.value("key")
    if not isinstance(value, str):
        missing = "key" not in fields.data
        raise fields.fail("key", "is missing" if missing else f"must be text, not {shown(value)}")
    problem = rules.key_problem(value)
    if problem is not None:
        raise fields.fail("key", problem)
    return value


def follow_up(item: object, where: str) -> tuple[FollowUp, tuple[object, ...], str]:
    fields = Fields(item, where, None, _FOLLOW_UP_KEYS)
    rule = fields.required_choice("rule", flags.RULES)
    day = fields.required_day("date")
    state = fields.required_choice("state", STATES)
    discussed_on = fields.day("discussed_on", required=False)
    if state == DISCUSSED and discussed_on is None:
        raise fields.fail("discussed_on", "a discussed flag needs the date it was discussed")
    if state != DISCUSSED and discussed_on is not None:
        raise fields.fail("discussed_on", f"is set only when the state is {DISCUSSED}, not {state}")
    values = {
        "rule": rule,
        "date": day,
        "state": state,
        "discussed_on": discussed_on,
        "note": fields.text("note", rules.NOTE_MAX, note=True),
        "alerted": fields.switch("alerted", False),
    }
    record = build(FollowUp, values, where)
    return record, record.key, where


def appointment(item: object, where: str) -> tuple[Appointment, tuple[object, ...], str]:
    fields = Fields(item, where, None, _APPOINTMENT_KEYS)
    values = {
        "day": fields.required_day("date"),
        "with_whom": fields.text("with", rules.TEXT_MAX),
        "note": fields.text("note", rules.NOTE_MAX, note=True),
    }
    record = build(Appointment, values, where, {"with_whom": "with", "day": "date"})
    return record, record.identity, where


def question(item: object, where: str) -> tuple[Question, tuple[object, ...], str]:
    fields = Fields(item, where, None, _QUESTION_KEYS)
    values = {
        "text": fields.required_text("text", rules.TEXT_MAX),
        "added_on": fields.required_day("added_on"),
        "asked_on": fields.day("asked_on", required=False),
    }
    record = build(Question, values, where)
    return record, record.identity, where


def weighing(item: object, where: str) -> tuple[Weighing, tuple[object, ...], str]:
    fields = Fields(item, where, None, _WEIGHT_KEYS, dated_by="date")
    day, where = fields.identity_day, fields.where or where
    record = build(Weighing, {"date": day, "kg": fields.number("kg", scales.WEIGHT_KG, required=True)}, where)
    return record, record.identity, where


def lab(item: object, where: str) -> tuple[LabResult, tuple[object, ...], str]:
    fields = Fields(item, where, None, _LAB_KEYS)
    day = fields.required_day("date")
    test = fields.required_choice("test", scales.LAB_TESTS)
    label = fields.text("label", rules.LABEL_MAX)
    if test == scales.OTHER_LAB:
        if label is None or not label.strip():
            raise fields.fail("label", f"is needed for a test of kind {scales.OTHER_LAB!r}: its name")
        unit = fields.required_text("unit", scales.OTHER_UNIT_MAX_LENGTH)
    else:
        if label is not None:
            raise fields.fail("label", f"is only for a test of kind {scales.OTHER_LAB!r}; it must be null")
        unit = fields.required_choice("unit", scales.LAB_TESTS[test].units)
    values = {
        "date": day,
        "test": test,
        "value": fields.number("value", scales.LAB_VALUE, required=True),
        "unit": unit,
        "label": label,
        "reference_low": fields.number("reference_low", scales.LAB_VALUE),
        "reference_high": fields.number("reference_high", scales.LAB_VALUE),
        "note": fields.text("note", rules.NOTE_MAX, note=True),
    }
    record = build(LabResult, values, where)
    return record, record.identity, where


def pregnancy_test(item: object, where: str) -> tuple[PregnancyTest, tuple[object, ...], str]:
    fields = Fields(item, where, None, _TEST_KEYS, dated_by="date")
    day, where = fields.identity_day, fields.where or where
    values = {
        "date": day,
        "result": fields.required_choice("result", scales.PREGNANCY_RESULTS),
        "where": fields.choice("where", scales.PREGNANCY_TEST_PLACES, required=False),
    }
    record = build(PregnancyTest, values, where)
    return record, record.identity, where


def medicine(item: object, where: str) -> tuple[Medicine, tuple[object, ...], str]:
    fields = Fields(item, where, None, _MEDICINE_KEYS)
    values = {
        "name": fields.required_text("name", rules.TEXT_MAX),
        "kind": fields.required_choice("kind", scales.MEDICINE_KINDS),
        "starts": fields.required_day("from"),
        "ends": fields.day("to", required=False),
        "note": fields.text("note", rules.NOTE_MAX, note=True),
    }
    record = build(Medicine, values, where, {"starts": "from", "ends": "to"})
    return record, record.identity, where

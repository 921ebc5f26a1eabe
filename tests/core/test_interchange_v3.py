"""Version 3 of the JSON interchange (shared/spec/interchange.md, "Version 3"): dose steps every
N days, when routine steps and own side effects were offered, the day the skin was clear, the
new serious symptom (photos: test_interchange_photos.py)."""

import datetime as dt
import json
from typing import Any

import pytest

from diary.core.interchange import InterchangeError, document_from_json, document_to_json
from tests.core.test_interchange_json import NOW, SPEC_EXAMPLE, as_version_3

V3 = as_version_3(SPEC_EXAMPLE)


def read(data: dict[str, Any]):  # type: ignore[no-untyped-def]
    return document_from_json(json.dumps(data), "diary.json")


def refused(data: dict[str, Any]) -> InterchangeError:
    with pytest.raises(InterchangeError) as raised:
        read(data)
    return raised.value


def with_course(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(V3))
    data["courses"][0].update(changes)
    return data


def test_a_step_every_other_day_reads_and_writes_back() -> None:
    data = with_course(doses=[{"from": "2026-03-02", "mg": 20, "every_days": 2}], clear_since="2026-05-01")
    document = read(data)
    (course,) = document.courses
    assert course.doses[0].every_days == 2 and course.clear_since == dt.date(2026, 5, 1)
    assert (
        course.scheduled_dose(dt.date(2026, 3, 3)) is None
        and course.scheduled_dose(dt.date(2026, 3, 4)) == 20
    )
    written = json.loads(document_to_json(document, NOW))
    assert written["courses"][0]["doses"] == [{"from": "2026-03-02", "mg": 20, "every_days": 2}]
    assert written["courses"][0]["clear_since"] == "2026-05-01"


@pytest.mark.parametrize(
    ("step", "field"),
    [
        ({"from": "2026-03-02", "mg_per_day": 20, "every_days": 1}, "mg_per_day"),  # a version-2 key
        ({"from": "2026-03-02", "mg": 20}, "every_days"),  # both numbers required
        ({"from": "2026-03-02", "mg": 201, "every_days": 1}, "mg"),
        ({"from": "2026-03-02", "mg": 20, "every_days": 1.5}, "every_days"),  # a whole number
        ({"from": "2026-03-02", "mg": 20, "every_days": 8}, "every_days"),
        ({"from": "2026-03-02", "mg": 20, "every_days": 0}, "every_days"),
    ],
)
def test_a_dose_step_of_version_3_is_checked(step: dict[str, Any], field: str) -> None:
    error = refused(with_course(doses=[step]))
    assert error.where == "courses[2026-03-02].doses[0]" and error.field == field


def test_clear_since_lies_inside_the_course() -> None:
    error = refused(with_course(clear_since="2026-01-01"))
    assert (error.where, error.field) == ("courses[2026-03-02]", "clear_since")


def test_offered_days_follow_the_rules() -> None:
    data = json.loads(json.dumps(V3))
    data["routine"][2].update({"added_on": "2026-03-10", "retired_on": "2026-04-01"})  # toner, inactive
    data["custom_side_effects"][0]["added_on"] = "2026-03-20"
    document = read(data)
    assert (document.routine[2].added_on, document.routine[2].retired_on) == (
        dt.date(2026, 3, 10),
        dt.date(2026, 4, 1),
    )
    assert json.loads(document_to_json(document, NOW))["routine"][2]["retired_on"] == "2026-04-01"
    active_retired = json.loads(json.dumps(V3))
    active_retired["routine"][0]["retired_on"] = "2026-04-01"
    assert refused(active_retired).field == "retired_on"
    backwards = json.loads(json.dumps(V3))
    backwards["routine"][2].update({"added_on": "2026-04-02", "retired_on": "2026-04-01"})
    assert refused(backwards).field == "retired_on"
    older = {**SPEC_EXAMPLE}
    older["routine"] = [{"key": "spf", "label": "SPF", "active": True, "added_on": None}]
    assert refused(older).field == "added_on", "a version-2 file has no such key"


def test_seizure_or_stroke_is_a_version_3_key() -> None:
    data = json.loads(json.dumps(V3))
    data["entries"][0]["serious_symptoms"] = ["seizure_or_stroke"]
    assert read(data).entries[0].serious_symptoms == ("seizure_or_stroke",)
    older = json.loads(json.dumps(SPEC_EXAMPLE))
    older["entries"][0]["serious_symptoms"] = ["seizure_or_stroke"]
    error = refused(older)
    assert (error.where, error.field) == ("entries[2026-03-02]", "serious_symptoms")

"""Importing into a diary that already holds data (interchange spec, version 2), section by
section: identity, skipped copies, named conflicts, --replace, preferences, all or nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from diary.core.appointments import Appointment, Question
from diary.core.entry import Entry
from diary.core.follow_up import FollowUp
from diary.core.interchange import DiaryDocument, InterchangeError
from diary.core.interchange.file_kinds import render
from diary.core.interchange.import_messages import ImportConflict
from diary.core.preferences import Preferences
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import DEFAULT_ROUTINE, RoutineStep
from diary.store import writes
from diary.store.diary import Diary
from diary.store.exporting import whole_document
from diary.store.importing import import_document, import_file
from tests.helpers.diaries import START, sample_course
from tests.store.full_diary import PREFERENCES, fill_every_kind, without_ids

NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)
LATER = START + dt.timedelta(days=10)


def _everything(diary: Diary) -> DiaryDocument:
    return without_ids(whole_document(diary))


# Moving a diary --------------------------------------------------------------------------


def test_a_diary_of_every_kind_of_record_moves_whole_to_an_empty_diary(tmp_path: Path) -> None:
    with Diary.open(tmp_path / "old.sqlite3") as old:
        fill_every_kind(old)
        exported = whole_document(old)
    with Diary.open(tmp_path / "new.sqlite3") as new:
        summary = import_document(new, exported, "old.json")
        assert without_ids(whole_document(new)) == without_ids(exported)
    assert summary.preferences_taken
    assert summary.of("labs").added == 4 and summary.of("medicines").added == 3
    assert summary.of("routine").added == 6  # the retired serum too
    assert summary.entries_added == len(exported.entries)
    assert exported.preferences == PREFERENCES
    assert any(not step.active for step in exported.routine)
    assert any(entry.serious_symptoms for entry in exported.entries)


def test_export_import_export_of_every_kind_of_record_gives_the_same_file(tmp_path: Path) -> None:
    with Diary.open(tmp_path / "old.sqlite3") as old:
        fill_every_kind(old)
        first = render(whole_document(old), "json", NOW)
    path = tmp_path / "moved.json"
    path.write_text(first, encoding="utf-8")
    with Diary.open(tmp_path / "new.sqlite3") as new:
        import_file(new, path)
        again = render(whole_document(new), "json", dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert again.replace("2027-01-01T00:00:00Z", "2026-11-21T09:30:00Z") == first


def test_importing_the_same_records_twice_changes_nothing(diary: Diary, tmp_path: Path) -> None:
    with Diary.open(tmp_path / "source.sqlite3") as source:
        fill_every_kind(source)
        document = whole_document(source)
    import_document(diary, document, "diary.json")
    before = _everything(diary)
    summary = import_document(diary, document, "diary.json")
    assert _everything(diary) == before
    assert not summary.changed_anything
    text = summary.describe()
    assert text.startswith("Nothing was imported.") and text.count("Nothing was imported") == 1
    assert "records were already in the diary" in text


# Conflicts and --replace, for each kind of record ---------------------------------------------

Save = Callable[[Diary, Any], None]


def _save_entry(diary: Diary, item: Any) -> None:
    diary.save_entry(item)


def _save_course(diary: Diary, item: Any) -> None:
    diary.save_course(item)


def _save_follow_up(diary: Diary, item: Any) -> None:
    diary.save_follow_up(item)


def _save_appointment(diary: Diary, item: Any) -> None:
    diary.save_appointment(item)


def _save_question(diary: Diary, item: Any) -> None:
    diary.save_question(item)


def _save_weighing(diary: Diary, item: Any) -> None:
    diary.save_weighing(item)


def _save_lab(diary: Diary, item: Any) -> None:
    diary.save_lab_result(item)


def _save_test(diary: Diary, item: Any) -> None:
    diary.save_pregnancy_test(item)


def _save_medicine(diary: Diary, item: Any) -> None:
    diary.save_medicine(item)


# (section, save, the diary's record, the file's record of the same identity, how it is named)
Kind = tuple[str, Save, Any, Any, str]
KINDS: list[Kind] = [
    ("entries", _save_entry, Entry(START, mood=5), Entry(START, mood=6), "2026-03-02"),
    ("courses", _save_course, sample_course(), sample_course(weight_kg=80.0), "starting 2026-03-02"),
    (
        "follow_ups",
        _save_follow_up,
        FollowUp("phq9", START, "open"),
        FollowUp("phq9", START, "to_raise"),
        "phq9 2026-03-02",
    ),
    (
        "appointments",
        _save_appointment,
        Appointment(START, "Dr. Novak", None),
        Appointment(START, "Dr. Novak", "bring the labs"),
        "2026-03-02 with Dr. Novak",
    ),
    (
        "questions",
        _save_question,
        Question("Why so dry?", START, None),
        Question("Why so dry?", START, LATER),
        "'Why so dry?' added 2026-03-02",
    ),
    ("weights", _save_weighing, Weighing(START, 64.5), Weighing(START, 65.0), "2026-03-02"),
    (
        "labs",
        _save_lab,
        LabResult(START, "alt", 22, "U/L", reference_high=40),
        LabResult(START, "alt", 23, "U/L", reference_high=40),
        "2026-03-02 ALT",
    ),
    (
        "pregnancy_tests",
        _save_test,
        PregnancyTest(START, "negative", "lab"),
        PregnancyTest(START, "invalid", "lab"),
        "2026-03-02",
    ),
    (
        "medicines",
        _save_medicine,
        Medicine("Doxycycline", "tetracycline", START),
        Medicine("Doxycycline", "tetracycline", START, LATER),
        "Doxycycline from 2026-03-02",
    ),
]
IDS = [kind[0] for kind in KINDS]


def _read(diary: Diary, section: str) -> list[Any]:
    document = _everything(diary)
    return list(getattr(document, section))


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_the_same_record_with_other_values_is_a_conflict_named_and_nothing_is_written(
    diary: Diary, kind: Kind
) -> None:
    section, save, mine, theirs, named = kind
    save(diary, mine)
    before = _everything(diary)
    # With a new day besides, which is not added either.
    sections: dict[str, Any] = {"entries": (Entry(LATER, mood=1),)}
    sections[section] = (*sections.get(section, ()), theirs)
    document = DiaryDocument(**sections)
    with pytest.raises(ImportConflict) as raised:
        import_document(diary, document, "diary.json")
    assert raised.value.conflicts == [(section, named)]
    message = str(raised.value)
    assert message.startswith("diary.json: ") and named in message
    assert message.count("Nothing was imported.") == 1
    assert _everything(diary) == before  # not even the new day was added


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_replace_takes_the_files_record_whole_and_keeps_the_others(diary: Diary, kind: Kind) -> None:
    section, save, mine, theirs, _named = kind
    save(diary, mine)
    diary.save_entry(Entry(LATER + dt.timedelta(days=1), note="not in the file"))
    summary = import_document(diary, DiaryDocument(**{section: (theirs,)}), "diary.json", replace=True)
    assert summary.of(section).replaced == 1
    records = _read(diary, section)
    plain = replace(theirs, id=None) if section in ("appointments", "questions") else theirs
    assert plain in records and mine not in records
    assert diary.entry(LATER + dt.timedelta(days=1)) == Entry(
        LATER + dt.timedelta(days=1), note="not in the file"
    )


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_the_same_record_with_the_same_values_is_skipped(diary: Diary, kind: Kind) -> None:
    section, save, mine, _theirs, _named = kind
    save(diary, mine)
    before = _everything(diary)
    copy = replace(mine, id=None) if section in ("appointments", "questions") else mine
    summary = import_document(diary, DiaryDocument(**{section: (copy,)}), "diary.json")
    assert summary.of(section) == type(summary.of(section))(0, 0, 1)
    assert _everything(diary) == before


def test_every_conflicting_record_is_named_in_one_message(diary: Diary) -> None:
    diary.save_entry(Entry(START, mood=5))
    diary.save_entry(Entry(LATER, mood=5))
    diary.save_lab_result(LabResult(START, "other", 4.0, "mg/L", "Vitamin D"))
    document = DiaryDocument(
        entries=(Entry(START, mood=6), Entry(LATER, mood=6)),
        labs=(LabResult(START, "other", 4.5, "mg/L", "Vitamin D"),),
    )
    with pytest.raises(ImportConflict) as raised:
        import_document(diary, document, "diary.json")
    assert raised.value.dates == [START, LATER]
    assert str(raised.value) == (
        "diary.json: 2 days are already in the diary: 2026-03-02, 2026-03-12; 1 lab result is already "
        "in the diary: 2026-03-02 Vitamin D, with other values than the file's. Nothing was imported."
    )


def test_a_lab_result_is_one_per_date_test_and_label(diary: Diary) -> None:
    diary.save_lab_result(LabResult(START, "alt", 22, "U/L"))
    diary.save_lab_result(LabResult(START, "alt", 25, "U/L"))  # the same result, changed
    diary.save_lab_result(LabResult(START, "other", 4.0, "mg/L", "Vitamin D"))
    diary.save_lab_result(LabResult(START, "other", 2.0, "mIU/L", "TSH"))
    assert [(r.test, r.label, r.value) for r in diary.lab_results()] == [
        ("alt", None, 25),
        ("other", "TSH", 2.0),
        ("other", "Vitamin D", 4.0),
    ]
    moved = LabResult(LATER, "alt", 25, "U/L")
    diary.save_lab_result(moved, previous=LabResult(START, "alt", 25, "U/L"))
    diary.delete_lab_result(LabResult(START, "other", 0, "x", "TSH"))
    assert [(r.date, r.test, r.label) for r in diary.lab_results()] == [
        (START, "other", "Vitamin D"),
        (LATER, "alt", None),
    ]


def test_courses_that_would_overlap_refuse_the_import(diary: Diary) -> None:
    diary.save_course(sample_course())  # still running
    document = DiaryDocument(
        courses=(replace(sample_course(start_date=dt.date(2026, 9, 1)), doses=()),),
        weights=(Weighing(START, 60),),
    )
    with pytest.raises(InterchangeError) as raised:
        import_document(diary, document, "diary.json")
    assert "overlap" in str(raised.value) and "Nothing was imported" not in str(raised.value)
    assert diary.courses() == [sample_course()] and diary.weights() == []


# Routine steps and side effects of the person's own -------------------------------------------


def test_new_keys_are_added_and_known_ones_keep_the_diarys_label_and_state(diary: Diary) -> None:
    diary.save_entry(Entry(START, mood=5))  # not an empty diary
    edited = START + dt.timedelta(days=3)  # the day the person edited the routine
    diary.save_routine([RoutineStep("spf", "My sunscreen"), RoutineStep("toner", "Toner")], today=edited)
    diary.save_routine([RoutineStep("spf", "My sunscreen")], today=edited)  # the toner is retired
    diary.save_custom_side_effects([CustomSideEffect("chapped_hands", "Chapped hands", False)], today=edited)
    document = DiaryDocument(
        routine=(
            RoutineStep("toner", "Toner!", True),
            RoutineStep("spf", "SPF"),
            RoutineStep("serum", "Serum"),
        ),
        custom_side_effects=(
            CustomSideEffect("chapped_hands", "Hands", True),
            CustomSideEffect("cracked_heels", "Cracked heels", False),
        ),
    )
    summary = import_document(diary, document, "diary.json")
    assert summary.steps_added == 1 and summary.of("custom_side_effects").added == 1
    # Known keys keep the diary's label, state and dates (version 3); a new one its file's.
    assert diary.routine(include_retired=True) == [
        RoutineStep("spf", "My sunscreen", added_on=edited),
        RoutineStep("toner", "Toner", False, added_on=edited, retired_on=edited),
        RoutineStep("serum", "Serum"),
    ]
    assert diary.custom_side_effects() == [
        CustomSideEffect("chapped_hands", "Chapped hands", False, retired_on=edited),
        CustomSideEffect("cracked_heels", "Cracked heels", False),
    ]
    import_document(diary, document, "diary.json", replace=True)
    assert diary.routine(include_retired=True) == [
        RoutineStep("spf", "SPF"),
        RoutineStep("toner", "Toner!", True),
        RoutineStep("serum", "Serum"),
    ]
    assert diary.custom_side_effects()[0] == CustomSideEffect("chapped_hands", "Hands", True)


# Preferences, and the empty diary -------------------------------------------------------------

FILE_ROUTINE = (
    RoutineStep("spf", "SPF 50"),
    RoutineStep("cleanser", "Cleanser"),
    RoutineStep("toner", "Toner", False),
)


def test_an_empty_diary_takes_the_files_preferences_and_routine_in_its_order(diary: Diary) -> None:
    # What a first start sets up does not make the diary hold data.
    diary.save_routine(list(DEFAULT_ROUTINE))
    diary.save_preferences(Preferences(name="Me"))
    diary.set_setting("first_run_done", True)
    summary = import_document(
        diary,
        DiaryDocument(preferences=PREFERENCES, routine=FILE_ROUTINE, entries=(Entry(START, mood=5),)),
        "d.json",
    )
    assert summary.preferences_taken
    assert summary.describe() == (
        "Imported 1 new day, 1 new routine step, 2 routine steps replaced, the file's preferences."
    )
    assert diary.preferences() == PREFERENCES
    assert diary.routine(include_retired=True) == list(FILE_ROUTINE)


def test_a_step_of_the_empty_diary_that_the_files_days_tick_stays_known(diary: Diary) -> None:
    diary.save_routine(list(DEFAULT_ROUTINE))
    document = DiaryDocument(routine=FILE_ROUTINE, entries=(Entry(START, skincare=("lip_balm", "spf")),))
    import_document(diary, document, "d.json")
    assert diary.routine(include_retired=True) == [*FILE_ROUTINE, RoutineStep("lip_balm", "Lip balm", False)]
    assert diary.entry(START) == Entry(START, skincare=("lip_balm", "spf"))


@pytest.mark.parametrize(
    "holding",
    [
        lambda d: d.save_entry(Entry(START, mood=5)),
        lambda d: d.save_course(sample_course()),
        lambda d: d.save_question(Question("Why?", START)),
        lambda d: d.save_weighing(Weighing(START, 60)),
        lambda d: d.save_medicine(Medicine("Vitamin D3", "other", START)),
        lambda d: d.save_follow_up(FollowUp("phq9", START)),
    ],
    ids=["entry", "course", "question", "weighing", "medicine", "follow-up"],
)
def test_a_diary_holding_data_keeps_its_preferences_unless_replace(
    diary: Diary, holding: Callable[[Diary], None]
) -> None:
    mine = Preferences(name="Me", crisis_line="988")
    diary.save_preferences(mine)
    diary.save_routine(list(DEFAULT_ROUTINE))
    holding(diary)
    document = DiaryDocument(preferences=PREFERENCES, routine=FILE_ROUTINE)
    summary = import_document(diary, document, "d.json")
    assert not summary.preferences_taken
    assert diary.preferences() == mine
    assert [step.key for step in diary.routine(include_retired=True)] == [
        *(step.key for step in DEFAULT_ROUTINE),
        "toner",
    ]
    assert import_document(diary, document, "d.json", replace=True).preferences_taken
    assert diary.preferences() == PREFERENCES


def test_a_preference_absent_from_the_file_keeps_the_diarys_value(diary: Diary) -> None:
    diary.save_preferences(Preferences(name="Me", crisis_line="988"))
    given = DiaryDocument(preferences=Preferences(name="Sam"), preference_keys=frozenset({"name"}))
    assert import_document(diary, given, "d.json").preferences_taken  # an empty diary
    assert diary.preferences() == Preferences(name="Sam", crisis_line="988")


def test_a_file_without_preferences_keeps_the_diarys(diary: Diary) -> None:
    diary.save_preferences(Preferences(name="Me"))
    import_document(diary, DiaryDocument(entries=(Entry(START, mood=5),)), "d.csv", replace=True)
    assert diary.preferences() == Preferences(name="Me")


# Empty days, CSV lists, version 1, all or nothing ----------------------------------------------


def test_a_day_with_nothing_logged_is_never_stored_as_a_row(diary: Diary) -> None:
    summary = import_document(diary, DiaryDocument(entries=(Entry(START), Entry(LATER, mood=4))), "d.json")
    assert summary.entries_added == 1
    assert diary.counts()["entries"] == 1 and diary.entry(START) is None
    diary.save_entry(Entry(START, mood=3))
    import_document(diary, DiaryDocument(entries=(Entry(START),)), "d.json", replace=True)
    assert diary.entry(START) is None and diary.counts()["entries"] == 1


def test_an_empty_csv_list_cell_matches_a_stored_empty_list(diary: Diary) -> None:
    diary.save_entry(Entry(START, mood=5, warning_signs=(), skincare=()))
    from_csv = Entry(START, mood=5)  # what CSV's empty cells read as
    summary = import_document(diary, DiaryDocument(entries=(from_csv,)), "d.csv", from_csv=True)
    assert summary.of("entries").skipped == 1
    assert diary.entry(START) == Entry(START, mood=5, warning_signs=(), skincare=())
    with pytest.raises(ImportConflict):  # a JSON null is "not logged", which is not []
        import_document(diary, DiaryDocument(entries=(from_csv,)), "d.json")


def test_a_version_1_file_still_imports(diary: Diary, tmp_path: Path) -> None:
    version_1 = {
        "format": "isodiary",
        "version": 1,
        "exported_at": "2026-11-21T09:30:00Z",
        "courses": [
            {
                "start_date": "2026-03-02",
                "planned_weeks": 20,
                "weight_kg": 64.5,
                "target_mg_per_kg": 120,
                "doses": [{"from": "2026-03-02", "mg_per_day": 20}],
                "end_date": None,
            }
        ],
        "routine": [{"key": "cleanser", "label": "Gentle cleanser"}],
        "entries": [
            {
                "date": "2026-03-02",
                "dose_mg": 20,
                "dryness": {"lips": 2, "skin": 1, "eyes": 0},
                "joint_pain": 0,
                "mood": 7,
                "warning_signs": ["irritable"],
                "breakouts": {"new": 3, "severity": 2},
                "skincare": ["cleanser"],
                "side_effects": ["dry_nose"],
                "phq9": None,
                "note": "First capsule.",
            }
        ],
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(version_1), encoding="utf-8")
    summary = import_file(diary, path)
    assert summary.entries_added == 1 and summary.courses_added == 1
    (entry,) = diary.entries()
    assert entry.mood == 7 and entry.warning_signs == ("irritable",) and entry.serious_symptoms is None
    (course,) = diary.courses()
    assert course.pregnancy_prevention is False
    assert diary.routine(include_retired=True) == [RoutineStep("cleanser", "Gentle cleanser", True)]
    assert not import_file(diary, path).changed_anything  # and a second time changes nothing


def test_a_failure_while_writing_the_last_record_leaves_nothing_written(
    diary: Diary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Diary.open(tmp_path / "source.sqlite3") as source:
        fill_every_kind(source)
        document = whole_document(source)
    diary.save_entry(Entry(dt.date(2025, 1, 1), note="mine"))
    before = _everything(diary)

    def disk_trouble(*_args: object) -> None:
        raise OSError("the disk is full")

    monkeypatch.setattr(writes, "save_medicine", disk_trouble)  # the very last kind written
    with pytest.raises(OSError, match="disk is full"):
        import_document(diary, document, "diary.json")
    assert _everything(diary) == before


def test_the_diarys_own_csv_imported_back_changes_nothing(diary: Diary, tmp_path: Path) -> None:
    fill_every_kind(diary)
    before = _everything(diary)
    path = tmp_path / "days.csv"
    path.write_text(render(whole_document(diary), "csv"), encoding="utf-8")
    summary = import_file(diary, path)
    assert not summary.changed_anything and summary.of("entries").skipped == len(before.entries)
    assert _everything(diary) == before

"""The CSV form: one row per entry, the spec's header, lists split by ';', empty is not logged."""

import pytest

from diary.core.entry import Entry
from diary.core.interchange import CSV_HEADER, InterchangeError, entries_from_csv, entries_to_csv
from tests.helpers.diaries import sample_entries

STEPS = ("cleanser", "moisturizer", "spf", "lip_balm", "eye_drops")
HEADER = (
    "date,dose_mg,lips,skin,eyes,joint_pain,mood,warning_signs,"
    "breakouts_new,breakout_severity,skincare,side_effects,phq9,note"
)


def read(text: str) -> tuple[Entry, ...]:
    return entries_from_csv(text, "days.csv", STEPS)


def refused(text: str) -> InterchangeError:
    with pytest.raises(InterchangeError) as raised:
        read(text)
    return raised.value


def test_the_header_is_the_spec_header() -> None:
    assert ",".join(CSV_HEADER) == HEADER
    assert entries_to_csv([]).splitlines() == [HEADER]


def test_rows_read_every_column() -> None:
    text = (
        HEADER
        + "\n2026-03-02,22.5,2,1,0,0,7,sad;no_energy,3,2,cleanser;spf,dry_nose,"
        + '0;1;0;0;0;0;0;0;1,"Tired, but ok"\n'
    )
    (entry,) = read(text)
    assert entry.dose_mg == 22.5 and entry.mood == 7 and entry.eyes == 0
    assert entry.warning_signs == ("sad", "no_energy")
    assert entry.skincare == ("cleanser", "spf")
    assert entry.phq9 == (0, 1, 0, 0, 0, 0, 0, 0, 1)
    assert entry.note == "Tired, but ok"


def test_empty_cells_are_not_logged() -> None:
    (entry,) = read(HEADER + "\n2026-03-02,,,,,,,,,,,,,\n")
    assert entry.is_empty()


def test_write_then_read_gives_the_same_entries_except_empty_lists() -> None:
    entries = sample_entries()
    again = read(entries_to_csv(entries))
    # CSV has one spelling for an empty list and for "not logged": the empty cell.
    expected = [
        entry.changed(
            **{
                name: None
                for name in ("warning_signs", "skincare", "side_effects")
                if getattr(entry, name) == ()
            }
        )
        for entry in entries
    ]
    assert list(again) == expected
    assert entries_to_csv(again) == entries_to_csv(entries)


def test_a_note_with_commas_quotes_and_new_lines_survives() -> None:
    entry = Entry(__import__("datetime").date(2026, 3, 2), note='He said "fine",\nthen left; ok')
    (again,) = read(entries_to_csv([entry]))
    assert again.note == entry.note


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("2026-03-02,20,11,,,,,,,,,,,", "lips", "0 to 10"),
        ("2026-03-02,20,2.5,,,,,,,,,,,", "lips", "whole number"),
        ("2026-03-02,abc,,,,,,,,,,,,", "dose_mg", "number"),
        ("2026-03-02,201,,,,,,,,,,,,", "dose_mg", "0 to 200"),
        ("2026-03-02,,,,,,,moody,,,,,,", "warning_signs", "'moody'"),
        ("2026-03-02,,,,,,,sad;sad,,,,,,", "warning_signs", "twice"),
        ("2026-03-02,,,,,,,,,,retinol,,,", "skincare", "'retinol'"),
        ("2026-03-02,,,,,,,,,,,hiccups,,", "side_effects", "'hiccups'"),
        ("2026-03-02,,,,,,,,,,,,0;1,", "phq9", "nine"),
        ("2026-03-02,,,,,,,,,5,,,,", "breakout_severity", "0 to 4"),
        ("03/02/2026,,,,,,,,,,,,,", "date", "YYYY-MM-DD"),
        ("2026-02-30,,,,,,,,,,,,,", "date", "real calendar day"),
        ("2026-03-02,20", None, "14"),
    ],
)
def test_bad_cells_name_the_file_the_line_and_the_column(row: str, field: str | None, words: str) -> None:
    error = refused(f"{HEADER}\n2026-03-01,20,,,,,,,,,,,,\n{row}\n")
    assert error.source == "days.csv"
    assert error.where == "line 3"
    assert error.field == field
    assert words in error.message


def test_the_line_number_counts_lines_of_earlier_multi_line_notes() -> None:
    text = f'{HEADER}\n2026-03-01,,,,,,,,,,,,,"one\ntwo\nthree"\n2026-03-02,,99,,,,,,,,,,,\n'
    assert refused(text).where == "line 5"


def test_duplicate_dates_name_both_lines() -> None:
    error = refused(f"{HEADER}\n2026-03-01,20,,,,,,,,,,,,\n2026-03-01,20,,,,,,,,,,,,\n")
    assert error.where == "line 3" and "line 2" in error.message


@pytest.mark.parametrize("text", ["", "date,mood\n2026-03-02,5\n", "x" + HEADER + "\n"])
def test_a_file_without_the_header_is_refused(text: str) -> None:
    assert "header" in refused(text).message


def test_a_spreadsheet_byte_order_mark_and_blank_lines_are_fine() -> None:
    entries = read("\ufeff" + HEADER + "\n\n2026-03-02,20,,,,,,,,,,,,\n\n")
    assert [entry.dose_mg for entry in entries] == [20]

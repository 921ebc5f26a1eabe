"""The CSV form: one row per entry, the spec's header (version 2, version 1 still read),
RFC 4180 quoting, ASCII digits, the formula guard, empty is not logged, all or nothing."""

import datetime as dt

import pytest

from diary.core.entry import Entry
from diary.core.interchange import CSV_HEADER, InterchangeError, entries_from_csv, entries_to_csv
from diary.core.interchange.versions import LAYOUT
from tests.helpers.diaries import full_entry, sample_entries

STEPS = ("cleanser", "moisturizer", "spf", "lip_balm", "eye_drops")
HEADER = (
    "date,dose_mg,lips,skin,eyes,joint_pain,mood,warning_signs,"
    "breakouts_new,breakout_severity,skincare,side_effects,phq9,note,serious_symptoms"
)
HEADER_V1 = HEADER.removesuffix(",serious_symptoms")
EMPTY_ROW = "2026-03-01,20,,,,,,,,,,,,,"
DAY = dt.date(2026, 3, 2)


def read(text: str, side_effects: tuple[str, ...] = ()) -> tuple[Entry, ...]:
    return entries_from_csv(text, "days.csv", STEPS, side_effects)


def refused(text: str) -> InterchangeError:
    with pytest.raises(InterchangeError) as raised:
        read(text)
    return raised.value


def test_the_header_is_the_spec_header_with_serious_symptoms_last() -> None:
    assert ",".join(CSV_HEADER) == HEADER
    assert ",".join(LAYOUT.csv_header(1)) == HEADER_V1
    assert entries_to_csv([]).splitlines() == [HEADER]


def test_rows_read_every_column() -> None:
    text = (
        HEADER
        + "\n2026-03-02,22.5,2,1,0,0,7,sad;no_energy,3,2,cleanser;spf,dry_nose,"
        + '0;1;0;0;0;0;0;0;1,"Tired, but ok",liver_signs;brain_pressure\n'
    )
    (entry,) = read(text)
    assert entry.dose_mg == 22.5 and entry.mood == 7 and entry.eyes == 0
    assert entry.warning_signs == ("sad", "no_energy")
    assert entry.skincare == ("cleanser", "spf")
    assert entry.phq9 == (0, 1, 0, 0, 0, 0, 0, 0, 1)
    assert entry.note == "Tired, but ok"
    assert entry.serious_symptoms == ("brain_pressure", "liver_signs")


def test_a_version_1_file_still_reads() -> None:
    (entry,) = read(f"{HEADER_V1}\n2026-03-02,20,2,,,,7,sad,,,spf,,,Fine\n")
    assert (entry.mood, entry.warning_signs, entry.note) == (7, ("sad",), "Fine")
    assert entry.serious_symptoms is None


def test_empty_cells_are_not_logged() -> None:
    (entry,) = read(HEADER + "\n2026-03-02,,,,,,,,,,,,,,\n")
    assert entry.is_empty()


def test_write_then_read_gives_the_same_entries_except_empty_lists() -> None:
    entries = [*sample_entries(), full_entry(dt.date(2026, 4, 1)).changed(serious_symptoms=("faint_weak",))]
    again = read(entries_to_csv(entries))
    # CSV has one spelling for an empty list and for "not logged": the empty cell.
    lists = ("warning_signs", "skincare", "side_effects", "serious_symptoms")
    expected = [
        entry.changed(**{name: None for name in lists if getattr(entry, name) == ()}) for entry in entries
    ]
    assert list(again) == expected
    assert entries_to_csv(again) == entries_to_csv(entries)


def test_a_note_with_commas_quotes_and_new_lines_survives() -> None:
    entry = Entry(DAY, note='He said "fine",\nthen left; ok\tand\ttabbed')
    (again,) = read(entries_to_csv([entry]))
    assert again.note == entry.note


def test_line_ends_of_a_windows_spreadsheet_are_fine() -> None:
    text = f'{HEADER}\r\n2026-03-02,20,,,,,,,,,,,,"one\r\ntwo",\r\n2026-03-03,,,,,,,,,,,,,,\r\n'
    first, second = read(text)
    assert first.note == "one\ntwo" and second.date == dt.date(2026, 3, 3)


def test_the_persons_own_side_effects_are_read_when_the_diary_knows_them() -> None:
    text = f"{HEADER}\n2026-03-02,,,,,,,,,,,itchy_scalp;rash,,,\n"
    assert "itchy_scalp" in refused(text).message
    (entry,) = read(text, side_effects=("itchy_scalp",))
    assert entry.side_effects == ("rash", "itchy_scalp")


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("2026-03-02,20,11,,,,,,,,,,,,", "lips", "0 to 10"),
        ("2026-03-02,20,2.5,,,,,,,,,,,,", "lips", "whole number"),
        ("2026-03-02,abc,,,,,,,,,,,,,", "dose_mg", "number"),
        ("2026-03-02,201,,,,,,,,,,,,,", "dose_mg", "0 to 200"),
        ("2026-03-02,2e1,,,,,,,,,,,,,", "dose_mg", "digits 0-9"),
        ("2026-03-02,,,,,,\u0667,,,,,,,,", "mood", "digits 0-9"),  # an Arabic-Indic seven
        ("2026-03-02,,,,,,\uff17,,,,,,,,", "mood", "digits 0-9"),  # a full-width seven
        ("2026-03-02,\u0662\u0660,,,,,,,,,,,,,", "dose_mg", "digits 0-9"),
        ("2026-03-02,,,,,,,,,,,,0;\u0661;0;0;0;0;0;0;0,,", "phq9", "answer 2"),
        ("2026-03-02,,,,,,7" + "0" * 4400 + ",,,,,,,,", "mood", "4,401 digits"),
        ("2026-03-02,,,,,,,moody,,,,,,,", "warning_signs", "'moody'"),
        ("2026-03-02,,,,,,,sad;sad,,,,,,,", "warning_signs", "twice"),
        ("2026-03-02,,,,,,,sad;;no_energy,,,,,,,", "warning_signs", "empty item"),
        ("2026-03-02,,,,,,,,,,retinol,,,,", "skincare", "'retinol'"),
        ("2026-03-02,,,,,,,,,,,hiccups,,,", "side_effects", "'hiccups'"),
        ("2026-03-02,,,,,,,,,,,,0;1,,", "phq9", "nine"),
        ("2026-03-02,,,,,,,,,5,,,,,", "breakout_severity", "0 to 4"),
        ("2026-03-02,,,,,,,,,,,,,,nosebleed", "serious_symptoms", "'nosebleed'"),
        ("2026-03-02,,,,,,,,,,,,,ring\x07ring,", "note", "control character"),
        ("2026-03-02,,,,,,,,,,,,," + "n" * 100_001 + ",", "note", "at most 100,000"),
        ("03/02/2026,,,,,,,,,,,,,,", "date", "YYYY-MM-DD"),
        ("2026-02-30,,,,,,,,,,,,,,", "date", "real calendar day"),
        ("9999-12-31,,,,,,,,,,,,,,", "date", "2099-12-31"),
        ("1899-12-31,,,,,,,,,,,,,,", "date", "1900-01-01"),
        ("2026-03-02,20", None, "15"),
    ],
)
def test_bad_cells_name_the_file_the_line_and_the_column(row: str, field: str | None, words: str) -> None:
    error = refused(f"{HEADER}\n{EMPTY_ROW}\n{row}\n")
    assert error.source == "days.csv"
    assert error.where == "line 3"
    assert error.field == field
    assert words in error.message


def test_the_line_number_counts_lines_of_earlier_multi_line_notes() -> None:
    text = f'{HEADER}\n2026-03-01,,,,,,,,,,,,,"one\ntwo\nthree",\n2026-03-02,,99,,,,,,,,,,,,\n'
    assert refused(text).where == "line 5"


def test_an_unterminated_quote_is_an_error_naming_its_line() -> None:
    # Before, the second row ended up inside the first row's note.
    text = f'{HEADER}\n{EMPTY_ROW}\n2026-03-02,,,,,,,,,,,,,"Half a note,\n2026-03-03,,,,,,5,,,,,,,,\n'
    error = refused(text)
    assert error.where == "line 3"
    assert "never closed" in error.message


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ('2026-03-02,,,,,,,,,,,,,"closed"early,', "goes on after its closing quote"),
        ('2026-03-02,,,,,,,,,,,,,a "quote" inside,', "quoted whole"),
    ],
)
def test_quotes_out_of_place_are_errors(row: str, words: str) -> None:
    error = refused(f"{HEADER}\n{row}\n")
    assert error.where == "line 2"
    assert words in error.message


def test_two_rows_on_one_day_name_both_lines() -> None:
    error = refused(f"{HEADER}\n{EMPTY_ROW}\n{EMPTY_ROW}\n")
    assert (error.where, error.field) == ("line 3", "date")
    assert "line 2" in error.message


@pytest.mark.parametrize("text", ["", "date,mood\n2026-03-02,5\n", "x" + HEADER + "\n"])
def test_a_file_without_the_header_is_refused(text: str) -> None:
    assert "header" in refused(text).message


def test_a_spreadsheet_byte_order_mark_and_blank_lines_are_fine() -> None:
    entries = read("\ufeff" + HEADER + "\n\n2026-03-02,20,,,,,,,,,,,,,\n\n")
    assert [entry.dose_mg for entry in entries] == [20]


def test_numbers_are_written_in_plain_digits() -> None:
    text = entries_to_csv([Entry(DAY, dose_mg=0.00001), Entry(DAY + dt.timedelta(days=1), dose_mg=22.5)])
    assert "1e-05" not in text and "0.00001" in text and ",22.5," in text
    assert [entry.dose_mg for entry in read(text)] == [0.00001, 22.5]


# The formula guard ---------------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://x")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1,2)",
    "\tTab",
    "'quoted",
]


@pytest.mark.parametrize("note", FORMULAS)
def test_a_note_a_spreadsheet_would_run_is_written_with_one_quote_in_front(note: str) -> None:
    text = entries_to_csv([Entry(DAY, note=note)])
    cell = text.splitlines()[1].split(",", 13)[13]
    assert cell.lstrip('"').startswith("'" + note[0])
    (again,) = read(text)
    assert again.note == note


def test_a_carriage_return_in_a_note_is_written_as_a_new_line() -> None:
    # Notes hold new lines only: an older diary's "\r" is written as one, so no cell starts
    # with a carriage return.
    text = entries_to_csv([Entry(DAY, note="\rcmd"), Entry(DAY + dt.timedelta(days=1), note="a\r\nb")])
    assert "\r" not in text
    assert [entry.note for entry in read(text)] == ["\ncmd", "a\nb"]


def test_keys_a_spreadsheet_would_run_are_guarded_as_well() -> None:
    entry = Entry(DAY, skincare=("-peel", "spf"))
    text = entries_to_csv([entry])
    assert ",'-peel;spf," in text
    (again,) = entries_from_csv(text, "days.csv", ("-peel", "spf"))
    assert again.skincare == ("-peel", "spf")


def test_reading_a_version_2_file_removes_one_leading_quote() -> None:
    (entry,) = read(f"{HEADER}\n2026-03-02,,,,,,,'sad,,,,,,''twice,\n")
    assert entry.warning_signs == ("sad",)
    assert entry.note == "'twice"


def test_a_version_1_file_is_read_as_it_is() -> None:
    (entry,) = read(f"{HEADER_V1}\n2026-03-02,,,,,,,,,,,,,'=1+1\n")
    assert entry.note == "'=1+1"


# Size ---------------------------------------------------------------------------------------


def test_the_programs_own_csv_with_a_note_over_128_kib_imports_again() -> None:
    note = "Ünïcødé 日記 " * 8_000  # 96,000 characters, over 200 KB of UTF-8
    assert len(note.encode("utf-8")) > 128 * 1024
    entries = [Entry(DAY, note=note), Entry(DAY + dt.timedelta(days=1), note="=" + note[:99_999])]
    assert list(read(entries_to_csv(entries))) == entries
    longest = Entry(DAY, note="x" * 100_000)
    assert read(entries_to_csv([longest])) == (longest,)


@pytest.mark.parametrize("cell", ["+7", " 7", "7 ", "-0", "+2.5"])
def test_a_number_with_a_sign_or_a_space_is_refused_not_read_as_seven(cell: str) -> None:
    # Issue 22, 11: the spec says numbers are ASCII digits; a spreadsheet's "+7" is not one.
    error = refused(f'{HEADER}\n2026-03-02,,,,,,"{cell}",,,,,,,,\n')
    assert error.field == "mood" and "digits 0-9" in error.message

"""The entry field table: what the day form and the charts derive from it is declared there."""

from itertools import groupby

from diary.core.fields import ENTRY_FIELDS, FORM_RATINGS, NUMBER


def test_each_rating_row_has_an_alt_letter_a_name_and_words() -> None:
    names = [field.name for field in FORM_RATINGS]
    assert names[:4] == ["lips", "skin", "eyes", "joint_pain"] and "mood" in names
    for field in FORM_RATINGS:
        assert field.kind == NUMBER and field.scale is not None, field.name
        assert field.form_row is not None
        label = field.form_row.label
        assert label.count("&") == 1 and label[label.index("&") + 1].isalpha(), field.name
        assert field.form_row.spoken and field.form_row.section, field.name
        assert field.scale.word is not None, f"{field.name}: its scale has no words to show beside it"
        assert field.scale.word(int(field.scale.low)) == field.scale.low_word, field.name
        assert field.scale.word(int(field.scale.high)) == field.scale.high_word, field.name


def test_the_rows_of_a_section_follow_each_other_in_the_table() -> None:
    sections = [section for section, _rows in groupby(FORM_RATINGS, lambda f: f.form_row.section)]  # type: ignore[union-attr]
    assert len(sections) == len(set(sections)), sections


def test_the_alt_letters_of_the_rating_rows_differ() -> None:
    letters = [field.form_row.label.split("&")[1][0].upper() for field in FORM_RATINGS]  # type: ignore[union-attr]
    assert len(letters) == len(set(letters)), letters
    assert {field.name for field in ENTRY_FIELDS} >= {field.name for field in FORM_RATINGS}

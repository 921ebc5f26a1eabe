"""The Medication Guide's words about other medicines: once per kind, for those taken during a course."""

import datetime as dt

from diary.core import scales
from diary.core.course import Course, DoseChange
from diary.core.medicine_guide import GUIDE_SAYS, SOURCE, during_a_course, guide_notes, quoted
from diary.core.records import Medicine

START = dt.date(2026, 2, 2)
ENDED = Course(start_date=START, doses=(DoseChange(START, 40),), end_date=dt.date(2026, 7, 1))
RUNNING = Course(start_date=START, doses=(DoseChange(START, 40),))


def test_every_kind_but_other_has_the_guides_words_one_sentence_per_quotation() -> None:
    assert set(GUIDE_SAYS) == set(scales.MEDICINE_KINDS) - {"other"}
    for sentences in GUIDE_SAYS.values():
        for sentence in sentences:
            assert sentence.endswith(".") and sentence.count(". ") == 0, sentence
    assert "“They may not work while you take isotretinoin.”" in quoted("progestin_only_pill")
    assert quoted("progestin_only_pill").startswith("Progestin-only birth control pills (mini-pills): ")


def test_during_a_course_means_some_day_in_common() -> None:
    before = Medicine("Prednisone", "corticosteroid", dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    touching = Medicine("Doxycycline", "tetracycline", dt.date(2026, 1, 1), START)
    after = Medicine("Phenytoin", "phenytoin", dt.date(2026, 7, 2))
    assert not during_a_course(before, [ENDED])
    assert during_a_course(touching, [ENDED])
    assert not during_a_course(after, [ENDED])
    assert during_a_course(after, [RUNNING])  # a running course has no end yet
    assert not during_a_course(touching, [])


def test_one_note_per_kind_in_the_guides_order_quoted_and_attributed() -> None:
    medicines = [
        Medicine("St John's wort", "st_johns_wort", dt.date(2026, 3, 1)),
        Medicine("Doxycycline", "tetracycline", dt.date(2026, 3, 1), dt.date(2026, 3, 9)),
        Medicine("Doxycycline", "tetracycline", dt.date(2026, 4, 1), dt.date(2026, 4, 9)),
        Medicine("Minocycline", "tetracycline", dt.date(2026, 5, 1)),
        Medicine("Vitamin D", "other", dt.date(2026, 3, 1)),
    ]
    notes = guide_notes(medicines, [ENDED])
    assert [note.kind for note in notes] == ["tetracycline", "st_johns_wort"]
    assert notes[0].names == ("Doxycycline", "Minocycline")
    assert notes[0].quoted() == f"Tetracycline antibiotics: “{GUIDE_SAYS['tetracycline'][0]}” ({SOURCE})"
    assert "increased pressure in the brain" in notes[0].words[0]

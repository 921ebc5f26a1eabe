"""The Medication Guide's words for each serious symptom: whole sentences, one per quotation,
the skin reaction's list kept, and "call" wherever the guide says call."""

import datetime as dt

from diary.core import emergency, scales
from diary.core.entry import Entry
from diary.core.flags import URGENT, WARNING, mood_flags


def test_every_serious_symptom_has_the_guides_sentences_each_one_sentence() -> None:
    assert set(emergency.GUIDE_SENTENCES) == set(scales.SERIOUS_SYMPTOMS)
    for sentences in emergency.GUIDE_SENTENCES.values():
        for sentence in sentences:
            assert sentence.endswith(".") and ". " not in sentence, sentence


def test_the_skin_reaction_keeps_the_guides_list() -> None:
    first, second = emergency.GUIDE_SENTENCES["skin_reaction"]
    assert "conjunctivitis" in first and "sores in your mouth, throat, nose, eyes" in first
    assert "red patches or bruises on your legs" in second


def test_fainting_and_weakness_say_call_as_the_guide_does() -> None:
    assert emergency.says_call("faint_weak")
    assert not emergency.says_call("thirst_urination")  # the guide says "tell" there


def test_a_seizure_or_stroke_is_urgent_with_the_guides_brain_pressure_words() -> None:
    day = dt.date(2026, 5, 1)
    (flag,) = mood_flags([Entry(day, serious_symptoms=("seizure_or_stroke",))])
    assert flag.severity == URGENT and "Had a seizure (convulsions) or signs of a stroke" in flag.reason
    assert "seizures (convulsions), stroke" in emergency.GUIDE_SENTENCES["seizure_or_stroke"][0]
    (mild,) = mood_flags([Entry(day, serious_symptoms=("faint_weak",))])
    assert mild.severity == WARNING

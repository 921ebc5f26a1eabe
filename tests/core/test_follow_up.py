"""Follow-ups: attached to a flag by (rule, date), and the order the flags view shows."""

import datetime as dt

import pytest

from diary.core.entry import Entry, InvalidValue
from diary.core.flags import Flag, mood_flags
from diary.core.follow_up import DISCUSSED, TO_RAISE, FollowUp, track, urgent_first_then_newest

D0 = dt.date(2026, 3, 2)


def test_a_discussed_follow_up_needs_its_date() -> None:
    with pytest.raises(InvalidValue):
        FollowUp("phq9", D0, DISCUSSED)
    done = FollowUp("phq9", D0, DISCUSSED, discussed_on=D0, note="with Dr. N")
    assert done.describe() == "Discussed on 02 Mar 2026: with Dr. N"
    with pytest.raises(InvalidValue):
        FollowUp("phq9", D0, "forgotten")


def test_the_follow_up_stays_with_its_flag_when_the_reason_changes() -> None:
    before = mood_flags([Entry(D0, warning_signs=("sad",))])
    after = mood_flags([Entry(D0, warning_signs=("sad", "withdrawn"))])
    assert before[0].reason != after[0].reason
    follow_ups = {before[0].key: FollowUp("warning_sign", D0, TO_RAISE)}
    (tracked,) = track(after, follow_ups)
    assert tracked.follow_up.state == TO_RAISE and tracked.is_open


def test_untouched_flags_are_open_and_discussed_ones_are_not() -> None:
    flags = mood_flags(
        [Entry(D0, warning_signs=("sad",)), Entry(D0 + dt.timedelta(days=1), warning_signs=("sad",))]
    )
    follow_ups = {flags[0].key: FollowUp("warning_sign", D0, DISCUSSED, discussed_on=D0)}
    assert [item.is_open for item in track(flags, follow_ups)] == [False, True]


def test_urgent_first_then_newest() -> None:
    def flag(day: int, severity: str) -> Flag:
        return Flag("warning_sign", severity, D0 + dt.timedelta(days=day), None, "")

    flags = [flag(1, "warning"), flag(2, "urgent"), flag(5, "warning"), flag(0, "urgent")]
    ordered = urgent_first_then_newest(track(flags, {}))
    assert [(item.flag.severity, item.flag.date.day) for item in ordered] == [
        ("urgent", 4),
        ("urgent", 2),
        ("warning", 7),
        ("warning", 3),
    ]


def test_the_message_at_save_fires_for_new_and_more_serious_flags_only() -> None:
    from diary.core.flags import day_flags, urgent_parts
    from diary.core.follow_up import Alerted, needs_message

    day = dt.date(2026, 9, 16)

    def decide(entry: Entry, follow_up: FollowUp | None, alerted: Alerted | None) -> list[str]:
        return [
            flag.rule
            for flag in day_flags(entry)
            if needs_message(flag, urgent_parts(flag.rule, entry), follow_up, alerted)
        ]

    sad = Entry(day, warning_signs=("sad",))
    assert decide(sad, None, None) == ["warning_sign"], "every new warning sign, urgent or not"
    assert decide(Entry(day, phq9=(2,) * 6 + (0,) * 3), None, None) == [], "a warning PHQ-9 does not"
    assert decide(Entry(day, serious_symptoms=("thirst_urination",)), None, None) == ["serious_symptom"]
    shown = FollowUp("warning_sign", day, alerted=True)
    assert decide(sad.changed(warning_signs=("sad", "withdrawn")), shown, Alerted("warning")) == []
    hallucinations = Alerted("urgent", frozenset({"hallucinations"}))
    more = Entry(day, warning_signs=("self_harm_thoughts", "hallucinations"))
    assert decide(more, shown, hallucinations) == ["warning_sign"], "a new urgent sign"
    assert decide(more, shown, Alerted("urgent", frozenset({"hallucinations", "self_harm_thoughts"}))) == []
    phq = FollowUp("phq9", day, alerted=True)
    severe = Entry(day, phq9=(3,) * 7 + (0, 0))
    assert decide(severe, phq, Alerted("urgent", frozenset({"total"}))) == []
    worse = Entry(day, phq9=(3,) * 7 + (0, 3))
    assert decide(worse, phq, Alerted("urgent", frozenset({"total"}))) == ["phq9"], "item 9 from 0 to 3"
    assert decide(worse, phq, None) == [], "alerted with no record (imported): taken as shown as it is"
    assert Alerted.from_value(Alerted("urgent", frozenset({"item9"})).as_value()) == Alerted(
        "urgent", frozenset({"item9"})
    )
    assert Alerted.from_value("nonsense") is None

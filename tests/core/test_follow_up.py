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

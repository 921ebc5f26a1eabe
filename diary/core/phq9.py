"""The PHQ-9 questionnaire: its nine items, the answers, and how a total is banded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

QUESTION = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"

ITEMS: tuple[str, ...] = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed, or the opposite: "
    "being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead, or of hurting yourself in some way",
)

ANSWERS: tuple[str, ...] = ("Not at all", "Several days", "More than half the days", "Nearly every day")

# Every two weeks from the course start the day view offers the check-in.
CHECK_IN_EVERY_DAYS = 14

_BANDS = ((4, "minimal"), (9, "mild"), (14, "moderate"), (19, "moderately severe"), (27, "severe"))


def total(answers: Sequence[int]) -> int:
    return sum(answers)


def band(score: int) -> str:
    """The standard severity band of a PHQ-9 total (0-27)."""
    for highest, name in _BANDS:
        if score <= highest:
            return name
    raise ValueError(f"a PHQ-9 total is 0 to 27, not {score}")


def item9_positive(answers: Sequence[int]) -> bool:
    """Item 9 (thoughts of death or self-harm) answered above "Not at all"."""
    return answers[8] >= 1


def describe(answers: Sequence[int]) -> str:
    """'Score 12 of 27 (moderate)', plus the item 9 answer when it is positive."""
    score = total(answers)
    text = f"Score {score} of 27 ({band(score)})"
    if item9_positive(answers):
        text += f"; item 9 answered “{ANSWERS[answers[8]].lower()}”"
    return text


def is_check_in_due(day: dt.date, course_start: dt.date | None, last_check_in: dt.date | None) -> bool:
    """Offered from the first day of a course and then every two weeks after the last one."""
    if course_start is None or day < course_start:
        return False
    return last_check_in is None or (day - last_check_in).days >= CHECK_IN_EVERY_DAYS

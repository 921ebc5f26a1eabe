"""The summary's safety block (page 1, whatever the range): the course's pregnancy tests, its
lab results against their baseline, and the medicines the Medication Guide warns about."""

from __future__ import annotations

import datetime as dt
from html import escape

from diary.core import pregnancy
from diary.core.flags import days_text
from diary.core.safety import LabComparison, PregnancyFacts
from diary.report.content import ReportContent

# Where the test dates come from, said once beside them.
TESTS_SOURCE = (
    "Dates as the iPLEDGE programme sets them (isotretinoin Medication Guide): a test every month, "
    "the prescription within 7 days of the test (day 1 is the test day), and a test one month "
    "after the last dose."
)
LABS_SOURCE = (
    "Baseline: the latest result on or before the course start, else the first within 7 days after it. "
    "mg/dL and mmol/L converted with 88.57 (triglycerides), 38.67 (cholesterol) and 18.016 (glucose) "
    "mg/dL per mmol/L. ▲ above, ▼ below the lab's own range."
)


def safety_block(content: ReportContent) -> str:
    course = content.course
    if course is None:
        return ""
    parts = ["<h2>Safety checks of this course</h2>"]
    if content.pregnancy is not None:
        parts.append(_pregnancy(content.pregnancy))
    parts.append(_labs(content.lab_comparisons))
    parts.append(_medicines(content))
    return "".join(parts)


def _day(day: dt.date) -> str:
    return days_text(day)


def _pregnancy(facts: PregnancyFacts) -> str:
    schedule = facts.schedule
    lines = []
    last = schedule.last_test
    if last is None:
        lines.append("No pregnancy test logged.")
    else:
        where = f", {last.where}" if last.where else ""
        lines.append(f"Last pregnancy test: {_day(last.date)}, {escape(last.result)}{where}.")
        if last.result == "positive":
            lines.append(f"<span class='urgent'>{escape(pregnancy.POSITIVE_WORDS)}</span>")
    overdue = facts.overdue_since
    if schedule.after_course_due is None and schedule.next_due is not None:
        assert schedule.last_negative is not None
        based = f"30 days after the negative test of {_day(schedule.last_negative.date)}"
        if overdue is not None:
            lines.append(f"<b>Next monthly test overdue since {_day(overdue)}</b> ({based}).")
        else:
            lines.append(f"Next monthly test due {_day(schedule.next_due)} ({based}).")
    if facts.window is not None:
        first, last_day = facts.window
        lines.append(f"7-day window after the last negative test: {days_text(first, last_day)}.")
    if facts.after_last_dose is not None:
        due = facts.after_last_dose
        if schedule.after_course_done:
            lines.append(f"Test one month after the last dose (due {_day(due)}): logged.")
        elif overdue is not None and schedule.after_course_due is not None:
            lines.append(f"<b>Test one month after the last dose overdue since {_day(overdue)}</b>.")
        else:
            lines.append(f"Test one month after the last dose: due {_day(due)}.")
    else:
        lines.append("Test one month after the last dose: due 30 days after the course ends.")
    return (
        "<p><b>Pregnancy tests</b> (pregnancy prevention in this course): "
        + " ".join(lines)
        + f" <span class='quiet'>{escape(TESTS_SOURCE)}</span></p>"
    )


def _number(value: float) -> str:
    return f"{value:.3g}" if value < 10 else f"{value:,.0f}" if value >= 1000 else f"{value:.4g}"


def _range(comparison: LabComparison) -> str:
    low, high = comparison.latest.reference_low, comparison.latest.reference_high
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    if low is not None:
        return f"from {low:g}"
    if high is not None:
        return f"up to {high:g}"
    return "—"


def _labs(comparisons: list[LabComparison]) -> str:
    if not comparisons:
        return "<p><b>Labs</b>: no result logged for this course.</p>"
    rows = []
    for c in comparisons:
        if c.baseline is None:
            baseline = "none logged"
        elif c.baseline_value is None:
            baseline = f"{c.baseline.value:g} {escape(c.baseline.unit)} ({_day(c.baseline.date)})"
        else:
            converted = (
                ""
                if c.baseline.unit == c.unit
                else f" (logged as {c.baseline.value:g} {escape(c.baseline.unit)})"
            )
            baseline = f"{_number(c.baseline_value)} {c.baseline_mark} ({_day(c.baseline.date)}){converted}"
        latest = f"{_number(c.latest_value)} {c.mark}".strip()
        if c.mark:
            latest = f"<b>{latest}</b>"
        rows.append(
            f"<tr><td>{escape(c.name)}</td><td>{escape(c.unit)}</td><td>{baseline}</td>"
            f"<td>{latest} ({_day(c.latest.date)})</td><td>{_range(c)}</td></tr>"
        )
    header = "<th>Test</th><th>Unit</th><th>Baseline</th><th>Latest</th><th>Lab's range</th>"
    return (
        "<p><b>Labs of the course</b>, latest against baseline, in the latest result's unit. "
        f"<span class='quiet'>{escape(LABS_SOURCE)}</span></p>"
        "<table border='0.5' cellpadding='3' width='100%'>"
        f"<thead><tr>{header}</tr></thead>{''.join(rows)}</table>"
    )


def _medicines(content: ReportContent) -> str:
    guided = content.guided_medicines
    if not guided:
        return "<p><b>Medicines the Medication Guide warns about</b>: none logged during this course.</p>"
    items = []
    for item in guided:
        medicine = item.medicine
        until = _day(medicine.ends) if medicine.ends is not None else "ongoing"
        items.append(
            f"<li><b>{escape(medicine.name)}</b>, {_day(medicine.starts)} – {until}. "
            f"{escape(item.words)}</li>"
        )
    return (
        "<p style='margin-top:6px'><b>Medicines the Medication Guide warns about</b>, "
        "taken during this course:</p>"
        f"<ul>{''.join(items)}</ul>"
    )

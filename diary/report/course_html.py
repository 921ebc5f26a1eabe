"""The summary's course block (page 1): days, schedule, cumulative dose with the weight that
reproduces its mg/kg, target, and the doses missed, partial, unlogged or after the end."""

from __future__ import annotations

from html import escape

from diary.core.clear_skin import clear_for
from diary.core.flags import days_text
from diary.core.progress import BAND_SOURCE, USUAL_BAND_MG_PER_KG, day_words, mg_per_kg_words
from diary.report.content import ReportContent


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _short(day: object) -> str:
    import datetime as dt

    assert isinstance(day, dt.date)
    return f"{day.day} {day:%b}"


def course_block(content: ReportContent) -> str:
    course, progress = content.course, content.progress
    if course is None or progress is None:
        return "<h2>Course</h2><p>No course has been set up in the diary.</p>"
    rows = [
        (
            "Course",
            f"started {days_text(course.start_date)}"
            + (f", ended {days_text(course.end_date)}" if course.end_date else "")
            + f"; {day_words(progress)} (week {progress.week}) on {days_text(progress.on)}",
        ),
    ]
    schedule = "; ".join(f"{change.words()} from {days_text(change.starts)}" for change in course.doses)
    rows.append(("Dose schedule", schedule or "not given"))
    rows.append(("Cumulative dose", _total(content)))
    clear = _clear_skin(content)
    if clear is not None:
        rows.append(("Skin", clear))
    low, high = USUAL_BAND_MG_PER_KG
    target = course.target_mg_per_kg
    per_kg = progress.cumulative_mg_per_kg
    if target is not None and per_kg is not None:
        goal = f"{target:g} mg/kg"
        if progress.target_reached_on is not None:
            goal += f"; reached on {days_text(progress.target_reached_on)}"
        elif progress.projected_target_date is not None and progress.current_step is not None:
            goal += (
                f"; about {days_text(progress.projected_target_date)} at "
                f"{progress.current_step.words()}, each dose as prescribed"
            )
        goal += (
            f". A cumulative {low}–{high} mg/kg is widely regarded as increasing remission, on "
            f"low-grade evidence ({BAND_SOURCE})."
        )
        rows.append(("Target", goal))
    rows.append(("Doses", _doses(content)))
    body = "".join(
        f"<tr><td class='quiet'>{name}&nbsp;&nbsp;</td><td>{escape(value)}</td></tr>" for name, value in rows
    )
    return f"<h2>Course</h2><table cellpadding='2'>{body}</table>"


def _total(content: ReportContent) -> str:
    """'400 mg from logged doses = 5.6 mg/kg (weight 72 kg)': a weight that reproduces the figure."""
    progress = content.progress
    assert progress is not None and content.course is not None
    target = content.course.target_mg_per_kg
    total = f"{progress.cumulative_mg:,.0f} mg from logged doses"
    per_kg = progress.cumulative_mg_per_kg
    if per_kg is not None:
        total += f" = {mg_per_kg_words(per_kg, target)} mg/kg"
        used = progress.weights_used
        if used is not None and used[0] == used[1]:
            total += f" (weight {used[0]:g} kg)"
        elif used is not None:
            total += f" (at {used[0]:g}–{used[1]:g} kg, each day's dose divided by that day's weight)"
    if progress.if_taken_mg is not None:
        bound = f"{progress.if_taken_mg:,.0f} mg"
        if progress.if_taken_mg_per_kg is not None:
            bound += f" = {mg_per_kg_words(progress.if_taken_mg_per_kg, target)} mg/kg"
        total += f"; {bound} if every unlogged dosing day was taken as prescribed"
    return total


def _clear_skin(content: ReportContent) -> str | None:
    """'Clear since 12 Oct 2026 (8 weeks as of 7 Dec 2026), as marked by the patient': counted
    to the range's end (never after the day it was made); nothing when not set or not yet."""
    course = content.course
    as_of = min(content.end, content.made_on)
    if course is None or course.clear_since is None or as_of < course.clear_since:
        return None
    clear = course.clear_since
    how_long = clear_for(clear, as_of) + (f" as of {days_text(as_of)}" if as_of > clear else "")
    return f"clear since {days_text(clear)} ({how_long}), as marked by the patient"


def _doses(content: ReportContent) -> str:
    progress = content.progress
    assert progress is not None
    missed = ", ".join(_short(day) for day in content.missed_doses)
    words = f"{len(content.missed_doses)} missed in this range" + (f" ({missed})" if missed else "")
    partial = [day for day in progress.partial_days if content.start <= day <= content.end]
    if partial:
        words += f"; {len(partial)} partial (less than prescribed: {', '.join(_short(d) for d in partial)})"
    above = [day for day in progress.above_days if content.start <= day <= content.end]
    if above:
        words += f"; {len(above)} more than prescribed ({', '.join(_short(d) for d in above)})"
    if progress.days_without_dose:
        words += (
            f"; {_days(progress.days_without_dose)} of the course so far with no dose logged on a "
            "dosing day (not counted in the total)"
        )
    if content.after_end_doses:
        listed = ", ".join(f"{_short(day)} {mg:g} mg" for day, mg in content.after_end_doses)
        words += f"; logged after the course ended: {listed} (not in the total)"
    return words

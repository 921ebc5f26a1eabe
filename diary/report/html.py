"""The summary's words and tables as simple HTML for Qt's text layout (page 1, and the back pages)."""

from __future__ import annotations

import datetime as dt
from html import escape

from diary.core.flags import URGENT
from diary.core.summary import SymptomLine
from diary.report.content import ReportContent

# Qt's rich text takes margins in px (scaled to the page like the text) and ignores pt.
STYLE = """
body { font-family: 'DejaVu Sans'; font-size: 9.5pt; color: #111; }
h1 { font-size: 16pt; font-weight: 600; margin-top: 0; margin-bottom: 3px; }
h2 { font-size: 11.5pt; font-weight: 600; margin-top: 18px; margin-bottom: 5px; }
p { margin-top: 0; margin-bottom: 5px; }
.quiet { color: #555; }
.urgent { color: #A33A00; font-weight: 600; }
table { border-collapse: collapse; }
th { font-weight: 600; background-color: #EEF0F3; text-align: left; }
td.n, th.n { text-align: right; }
"""


def short(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def span(start: dt.date, end: dt.date) -> str:
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{short(start)} – {short(end)}"


def day_count_words(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def change(line: SymptomLine) -> str:
    """Plain arithmetic, no judgement: +0.8 or −1.2 against the previous period."""
    if line.change is None:
        return "—"
    rounded = round(line.change, 1)
    sign = "+" if rounded > 0 else "−" if rounded < 0 else "±"
    return f"{sign}{abs(rounded):.1f}"


def first_pages(content: ReportContent) -> str:
    """Who and what, to discuss, and the side-effect table."""
    parts = [f"<h1>IsoDiary summary · {span(content.start, content.end)}</h1>"]
    who = escape(content.name) + " · " if content.name else ""
    parts.append(
        f"<p class='quiet'>{who}{content.days_logged} of {content.day_count} days logged in this range. "
        "Values are as the patient logged them.</p>"
    )
    parts.append(_course(content))
    parts.append(_to_discuss(content))
    parts.append(_symptoms(content))
    return _page(parts)


def _course(content: ReportContent) -> str:
    course, progress = content.course, content.progress
    if course is None or progress is None:
        return "<h2>Course</h2><p>No course has been set up in the diary.</p>"
    rows = [("Course start", short(course.start_date))]
    planned = f" of about {course.planned_days} planned" if course.planned_days else ""
    rows.append(
        ("Day of course", f"day {progress.day}{planned} (week {progress.week}), on {short(progress.on)}")
    )
    if course.end_date is not None:
        rows.append(("Course end", short(course.end_date)))
    schedule = "; ".join(
        f"{change.mg_per_day:g} mg a day from {short(change.starts)}" for change in course.doses
    )
    rows.append(("Dose schedule", schedule or "not given"))
    total = f"{progress.cumulative_mg:,.0f} mg"
    if progress.cumulative_mg_per_kg is not None:
        total += f" = {progress.cumulative_mg_per_kg:.1f} mg/kg (weight {course.weight_kg:g} kg)"
    if progress.percent_of_target is not None:
        total += f", {progress.percent_of_target:.0f}% of the {course.target_mg_per_kg:g} mg/kg target"
    rows.append(("Cumulative dose", total + " (from logged doses)"))
    if progress.target_reached_on is not None:
        rows.append(("Target", f"reached on {short(progress.target_reached_on)}"))
    elif progress.projected_target_date is not None:
        rows.append(
            (
                "Projected",
                f"target reached about {short(progress.projected_target_date)} "
                f"at {progress.current_mg_per_day:g} mg a day",
            )
        )
    missed = ", ".join(f"{day.day} {day:%b}" for day in content.missed_doses) or "none"
    rows.append(("Missed doses in range", f"{len(content.missed_doses)} ({missed})"))
    if content.days_without_dose:
        rows.append(("No dose logged", f"{day_count_words(content.days_without_dose)} in range"))
    body = "".join(
        f"<tr><td class='quiet'>{name}&nbsp;&nbsp;</td><td>{escape(value)}</td></tr>" for name, value in rows
    )
    return f"<h2>Course</h2><table cellpadding='2'>{body}</table>"


def _to_discuss(content: ReportContent) -> str:
    parts = ["<h2>To discuss</h2>"]
    if not content.open_flags and not content.open_questions:
        parts.append("<p>No open mood flags and no open questions.</p>")
        return "".join(parts)
    if content.open_flags:
        rows = []
        for item in content.open_flags:
            flag = item.flag
            when = short(flag.date) + (f" – {short(flag.end_date)}" if flag.end_date else "")
            severity = "<span class='urgent'>Urgent</span>" if flag.severity == URGENT else "Warning"
            note = (
                f"<br/><span class='quiet'>{escape(item.follow_up.describe())}</span>"
                if item.follow_up.note
                else ""
            )
            rows.append(f"<tr><td>{severity}</td><td>{when}</td><td>{escape(flag.reason)}{note}</td></tr>")
        parts.append(
            "<p>Open mood flags (from the Medication Guide's warning signs, low mood and PHQ-9):</p>"
            "<table border='0.5' cellpadding='3' width='100%'>"
            "<tr><th>How urgent</th><th>When</th><th>What was noticed</th></tr>" + "".join(rows) + "</table>"
        )
    if content.open_questions:
        items = "".join(f"<li>{escape(question.text)}</li>" for question in content.open_questions)
        parts.append(f"<p style='margin-top:8px'>The patient's questions:</p><ul>{items}</ul>")
    return "".join(parts)


def _symptoms(content: ReportContent) -> str:
    days = content.day_count
    # The comparison column only when there is an earlier period to compare with.
    compared = any(line.previous_mean is not None for line in content.symptoms)
    header = (
        "<tr><th>Symptom</th><th class='n'>Days logged</th><th class='n'>Mean</th><th class='n'>Worst</th>"
        "<th class='n'>Last 7 days</th>"
        + (f"<th class='n'>Change vs previous {days} days</th>" if compared else "")
        + "</tr>"
    )
    rows = "".join(
        f"<tr><td>{line.name}</td><td class='n'>{line.days_logged}</td><td class='n'>{number(line.mean)}</td>"
        f"<td class='n'>{number(line.worst, 0)}</td><td class='n'>{number(line.recent_mean)}</td>"
        + (f"<td class='n'>{change(line)}</td>" if compared else "")
        + "</tr>"
        for line in content.symptoms
    )
    no_comparison = (
        "" if compared else f" Nothing was logged in the {days} days before, so there is no comparison."
    )
    parts = [
        "<h2>Side effects</h2>",
        "<p class='quiet'>Symptoms 0 none to 10 worst imaginable; mood 0 very low to 10 very good. "
        f"Means are over the days each was logged; days not logged are left out.{no_comparison}</p>",
        f"<table border='0.5' cellpadding='3' width='100%'>{header}{rows}</table>",
    ]
    if content.side_effects:
        listed = "; ".join(f"{escape(name)} {day_count_words(count)}" for name, count in content.side_effects)
        parts.append(f"<p style='margin-top:8px'>Other side effects noted: {listed}.</p>")
    return "".join(parts)


def back_pages(content: ReportContent) -> str:
    """Skincare, PHQ-9 check-ins and the notes of the flagged days."""
    parts = ["<h2>Skincare routine: days each step was done</h2>"]
    if content.adherence and content.adherence[0].days_logged:
        rows = "".join(
            f"<tr><td>{escape(step.label)}</td><td class='n'>{step.days_done} of {step.days_logged}</td>"
            f"<td class='n'>{number(step.percent, 0)}%</td></tr>"
            for step in content.adherence
        )
        parts.append(
            "<table border='0.5' cellpadding='3'><tr><th>Step</th><th class='n'>Days done</th>"
            f"<th class='n'>Share</th></tr>{rows}</table>"
        )
    else:
        parts.append("<p>No skincare logged in this range.</p>")
    parts.append("<h2>PHQ-9 check-ins</h2>")
    if content.phq9:
        rows = "".join(
            f"<tr><td>{short(line.day)}</td><td class='n'>{line.total}</td><td>{line.band}</td>"
            f"<td class='n'>{line.item9}</td></tr>"
            for line in content.phq9
        )
        parts.append(
            "<table border='0.5' cellpadding='3'><tr><th>Date</th><th class='n'>Score (of 27)</th>"
            f"<th>Band</th><th class='n'>Item 9 (0-3)</th></tr>{rows}</table>"
        )
    else:
        parts.append("<p>No PHQ-9 check-in in this range.</p>")
    parts.append("<h2>Notes on flagged days</h2>")
    if content.flagged_notes:
        rows = "".join(
            f"<tr><td width='18%'>{short(day)}</td><td>{escape(note)}</td></tr>"
            for day, note in content.flagged_notes
        )
        parts.append(f"<table cellpadding='2' width='100%'>{rows}</table>")
    else:
        parts.append("<p>No notes on flagged days in this range.</p>")
    return _page(parts)


def _page(parts: list[str]) -> str:
    return "<html><body>" + "".join(parts) + "</body></html>"

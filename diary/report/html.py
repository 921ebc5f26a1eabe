"""The summary's words and tables as simple HTML for Qt's text layout (page 1, and the back pages)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape

from diary.core import scales
from diary.core.flags import RULE_WORDS, URGENT, days_text
from diary.core.summary import COMPARE_MIN_DAYS, Episode, SymptomLine
from diary.report.content import ReportContent
from diary.report.course_html import course_block
from diary.report.safety_html import safety_block

# Qt's rich text takes margins in px (scaled to the page like the text) and ignores pt.
STYLE = """
body { font-family: 'DejaVu Sans'; font-size: 9.5pt; color: #111; }
h1 { font-size: 16pt; font-weight: 600; margin-top: 0; margin-bottom: 3px; }
h2 { font-size: 11.5pt; font-weight: 600; margin-top: 14px; margin-bottom: 4px; }
p { margin-top: 0; margin-bottom: 4px; }
.quiet { color: #555; }
.urgent { color: #A33A00; font-weight: 600; }
table { border-collapse: collapse; }
th { font-weight: 600; background-color: #EEF0F3; text-align: left; }
td.n, th.n { text-align: right; }
"""


def short(day: dt.date) -> str:
    return days_text(day)


def span(start: dt.date, end: dt.date) -> str:
    """The summary's range, in the words every flag's days use."""
    return days_text(start, end)


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


def no_charts_page(content: ReportContent) -> str:
    """The chart page of a range with nothing logged: saying so, not blank axes."""
    return _page(
        [
            "<h2>Charts</h2>",
            f"<p>Nothing was logged from {span(content.start, content.end)}, so there is nothing to chart "
            "for this range.</p>",
        ]
    )


def empty_page(content: ReportContent) -> str:
    """One honest page for a diary with nothing in it yet."""
    who = escape(content.name) + " · " if content.name else ""
    return _page(
        [
            f"<h1>IsoDiary summary · {span(content.start, content.end)}</h1>",
            f"<p class='quiet'>{who}made {short(content.made_on)}.</p>",
            "<p>This diary has nothing logged yet: no course, no days, no flags and no "
            "questions. There is nothing to summarise.</p>",
        ]
    )


def first_page(
    content: ReportContent, shown: int, with_symptoms: bool, photo_pages: tuple[int, int] | None = None
) -> str:
    """Who and what, the course, the first `shown` episodes to discuss, and the symptom table;
    `photo_pages` (first, last) when the summary holds photos, which page 1 then says."""
    parts = [f"<h1>IsoDiary summary · {span(content.start, content.end)}</h1>"]
    who = escape(content.name) + " · " if content.name else ""
    parts.append(
        f"<p class='quiet'>{who}{content.days_logged} of {content.day_count} days logged in this range. "
        "Values are as the patient logged them.</p>"
    )
    if photo_pages is not None:
        first, last = photo_pages
        where = f"page {first}" if first == last else f"pages {first}–{last}"
        parts.append(
            f"<p><b>This summary holds photos of the patient's skin</b> ({where}), added at the "
            "patient's request: the first and the latest photo of each area in this range.</p>"
        )
    parts.append(course_block(content))
    parts.append(safety_block(content))
    parts.append(_to_discuss(content, 0, shown, continued=False))
    if with_symptoms:
        parts.append(_symptoms(content))
    return _page(parts)


def continued_pages(content: ReportContent, shown: int, with_symptoms: bool) -> str:
    """What page 1 had no room for, then labs, pregnancy tests and medicines."""
    parts = []
    if shown < len(content.to_discuss):
        parts.append(_to_discuss(content, shown, len(content.to_discuss), continued=True))
    if not with_symptoms:
        parts.append(_symptoms(content))
    parts.append(_records(content))
    return _page(parts)


def _rules_words(episode: Episode) -> str:
    return " · ".join(RULE_WORDS[rule] for rule in episode.rules)


def _episode_row(episode: Episode) -> str:
    severity = "<span class='urgent'>Urgent</span>" if episode.severity == URGENT else "Warning"
    lines = [f"<b>{escape(_rules_words(episode))}</b>"]
    # Every urgent day first, with its own day and what was noted (mood-flags spec).
    lines += [
        f"<span class='urgent'>{escape(day)}: {escape(noted)}</span>" for day, noted in episode.urgent_days
    ]
    lines += [escape(text) for text in episode.noticed]
    figures = []
    if episode.lowest_week_mood is not None:
        figures.append(f"lowest 7-day mean mood {episode.lowest_week_mood:.1f} of 10")
    elif episode.lowest_mood is not None:
        figures.append(f"lowest mood {episode.lowest_mood} of 10")
    if figures:
        lines.append("; ".join(figures).capitalize() + ".")
    for day, note in episode.notes:
        lines.append(f"<span class='quiet'>Note, {day.day} {day:%b}: “{escape(note)}”</span>")
    follow = [
        item.follow_up for item in episode.flags if item.follow_up.state == "to_raise" or item.follow_up.note
    ]
    for follow_up in follow[:1]:
        lines.append(f"<span class='quiet'>{escape(follow_up.describe())}</span>")
    return f"<tr><td>{severity}</td><td>{escape(episode.days_text)}</td><td>{'<br/>'.join(lines)}</td></tr>"


def _to_discuss(content: ReportContent, first: int, last: int, *, continued: bool) -> str:
    parts = ["<h2>To discuss" + (", continued from page 1" if continued else "") + "</h2>"]
    shown = content.to_discuss[first:last]
    if not continued and not content.to_discuss:
        parts.append("<p>No open flags.</p>")
    if shown:
        if not continued:
            urgent = sum(1 for episode in content.to_discuss if episode.severity == URGENT)
            total = len(content.to_discuss)
            parts.append(
                f"<p>Every flag not yet discussed, whatever its date: {total} "
                + ("episode" if total == 1 else "episodes")
                + (f", {urgent} urgent" if urgent else "")
                + ". Each says where its rule comes from: the Medication Guide, the PHQ-9 "
                "questionnaire, or IsoDiary's reading of the mood scores.</p>"
            )
        header = "<th>How urgent</th><th>When</th><th>What was noticed</th>"
        parts.append(_grid(header, (_episode_row(episode) for episode in shown), wide=True))
    remaining = len(content.to_discuss) - last
    if remaining > 0:
        parts.append(
            f"<p class='quiet'>{remaining} more "
            + ("flag episode follows" if remaining == 1 else "flag episodes follow")
            + " on page 2, before the flags discussed in this range.</p>"
        )
    if not continued:
        parts.append(_questions(content))
    if content.discussed and (continued or remaining <= 0):
        items = "".join(
            f"<li>{escape(RULE_WORDS[item.flag.rule])}, {days_text(item.flag.date, item.flag.end_date)}: "
            f"{escape(item.follow_up.describe())}</li>"
            for item in content.discussed
        )
        parts.append(f"<p style='margin-top:6px'>Flags discussed in this range:</p><ul>{items}</ul>")
    return "".join(parts)


def _questions(content: ReportContent) -> str:
    """The patient's open questions: always on page 1."""
    if not content.open_questions:
        return "<p class='quiet'>No open questions.</p>"
    items = "".join(f"<li>{escape(question.text)}</li>" for question in content.open_questions)
    return f"<p style='margin-top:6px'>The patient's questions:</p><ul>{items}</ul>"


def _symptoms(content: ReportContent) -> str:
    days = content.day_count
    # The comparison column only when some line rests on enough logged days on both sides.
    compared = any(line.change is not None for line in content.symptoms)
    header = (
        "<th>Symptom</th><th class='n'>Days logged</th><th class='n'>Mean</th><th class='n'>Worst</th>"
        "<th class='n'>Last 7 days</th>"
        + (f"<th class='n'>Change vs previous {days} days (days logged then)</th>" if compared else "")
    )
    rows = (
        f"<tr><td>{line.name}</td><td class='n'>{line.days_logged}</td><td class='n'>{number(line.mean)}</td>"
        f"<td class='n'>{number(line.worst, 0)}</td><td class='n'>{number(line.recent_mean)}</td>"
        + (f"<td class='n'>{_change_cell(line)}</td>" if compared else "")
        + "</tr>"
        for line in content.symptoms
    )
    comparison = (
        f" A change against the previous {days} days is shown where each period has at least "
        f"{COMPARE_MIN_DAYS} logged days."
        if compared
        else f" No comparison with the previous {days} days: fewer than {COMPARE_MIN_DAYS} days "
        "were logged in one of the two periods."
    )
    parts = [
        "<h2>Side effects</h2>",
        "<p class='quiet'>Symptoms 0 none to 10 worst imaginable; mood 0 very low to 10 very good. "
        f"Means are over the days each was logged; days not logged are left out.{comparison}</p>",
        _grid(header, rows, wide=True),
    ]
    if content.side_effects:
        listed = "; ".join(f"{escape(name)} {day_count_words(count)}" for name, count in content.side_effects)
        parts.append(f"<p style='margin-top:6px'>Other side effects noted: {listed}.</p>")
    return "".join(parts)


def _change_cell(line: SymptomLine) -> str:
    if line.change is None:
        return "—"
    return f"{change(line)} ({line.previous_days_logged})"


def _records(content: ReportContent) -> str:
    """Labs against their range, pregnancy tests, and the medicines the guide asks about."""
    parts = ["<h2>Lab results in this range</h2>"]
    if content.labs:
        lines = []
        for result in content.labs:
            low, high = result.reference_low, result.reference_high
            reference = (
                f"{low:g}–{high:g}"
                if low is not None and high is not None
                else f"from {low:g}"
                if low is not None
                else f"up to {high:g}"
                if high is not None
                else "—"
            )
            # The arrow and the word: the direction is not told by a mark alone.
            if result.outside_range and low is not None and result.value < low:
                against = "▼ below the range"
            elif result.outside_range:
                against = "▲ above the range"
            else:
                against = "within the range" if reference != "—" else "no range given"
            value = f"{result.value:g} {escape(result.unit)}"
            if result.outside_range:
                value = f"<b>{value}</b>"
            lines.append(
                f"<tr><td>{short(result.date)}</td><td>{escape(result.shown_as)}</td>"
                f"<td class='n'>{value}</td><td>{reference}</td><td>{against}</td></tr>"
            )
        header = (
            "<th>Date</th><th>Test</th><th class='n'>Value</th><th>Lab's range</th><th>Against the range</th>"
        )
        parts.append(_grid(header, lines, wide=True))
    else:
        parts.append("<p>No lab results logged in this range.</p>")
    if content.pregnancy_tests or (content.course is not None and content.course.pregnancy_prevention):
        parts.append("<h2>Pregnancy tests in this range</h2>")
        if content.pregnancy_tests:
            rows = (
                f"<tr><td>{short(test.date)}</td><td>{escape(test.result)}</td>"
                f"<td>{escape(test.where or '—')}</td></tr>"
                for test in content.pregnancy_tests
            )
            parts.append(_grid("<th>Date</th><th>Result</th><th>Where</th>", rows))
        else:
            parts.append("<p>No pregnancy test logged in this range.</p>")
    parts.append("<h2>Other medicines and supplements in this range</h2>")
    if content.medicines:
        rows = (
            f"<tr><td>{escape(medicine.name)}</td><td>{escape(scales.MEDICINE_KINDS[medicine.kind])}</td>"
            f"<td>{short(medicine.starts)} – {_until(medicine.ends)}</td></tr>"
            for medicine in content.medicines
        )
        parts.append(
            "<p class='quiet'>The Medication Guide asks patients to tell their prescriber about "
            "these kinds.</p>" + _grid("<th>Medicine</th><th>Kind</th><th>Taken</th>", rows, wide=True)
        )
    else:
        parts.append("<p>None logged in this range.</p>")
    return "".join(parts)


def _until(day: dt.date | None) -> str:
    return short(day) if day is not None else "ongoing"


def back_pages(content: ReportContent) -> str:
    """Skincare, PHQ-9 check-ins and the notes of the flagged days."""
    parts = ["<h2>Skincare routine: days each step was done</h2>"]
    if content.adherence and content.adherence[0].days_logged:
        rows = (
            f"<tr><td>{escape(step.label)}</td><td class='n'>{step.days_done} of {step.days_logged}</td>"
            f"<td class='n'>{number(step.percent, 0)}%</td></tr>"
            for step in content.adherence
        )
        parts.append(_grid("<th>Step</th><th class='n'>Days done</th><th class='n'>Share</th>", rows))
    else:
        parts.append("<p>No skincare logged in this range.</p>")
    parts.append("<h2>PHQ-9 check-ins</h2>")
    if content.phq9:
        rows = (
            f"<tr><td>{short(line.day)}</td><td class='n'>{line.total}</td><td>{line.band}</td>"
            f"<td class='n'>{line.item9}</td></tr>"
            for line in content.phq9
        )
        header = "<th>Date</th><th class='n'>Score (of 27)</th><th>Band</th><th class='n'>Item 9 (0-3)</th>"
        parts.append(_grid(header, rows))
    else:
        parts.append("<p>No PHQ-9 check-in in this range.</p>")
    return _page(parts)


def _grid(header: str, rows: Iterable[str], *, wide: bool = False) -> str:
    """A ruled table: `header` is the <th> cells, each of `rows` a whole <tr>; `wide` spans the page."""
    width = " width='100%'" if wide else ""
    # <thead>: Qt repeats the header row on each page a table continues on.
    return (
        f"<table border='0.5' cellpadding='3'{width}><thead><tr>{header}</tr></thead>{''.join(rows)}</table>"
    )


def _page(parts: list[str]) -> str:
    return "<html><body>" + "".join(parts) + "</body></html>"

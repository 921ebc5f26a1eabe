"""Every charted field of the table (core/fields.py) is drawn: it has a panel and a look."""

import dataclasses
import datetime as dt

from diary.charts.style import FIELD_LOOKS, LOOKS
from diary.charts.trends import ALL_SERIES, PANELS, SERIES, fields_not_drawn, trends_figure
from diary.core import fields, scales
from diary.core.entry import Entry
from diary.core.fields import ENTRY_FIELDS, FIELDS_BY_NAME, NUMBER
from diary.core.routine import DEFAULT_ROUTINE
from tests.helpers.diaries import START, sample_course

CHARTED = [field for field in ENTRY_FIELDS if field.charted]


def test_every_charted_field_has_a_panel_and_a_look() -> None:
    assert {field.name for field in CHARTED} >= {
        "dose_mg", "lips", "skin", "eyes", "joint_pain", "mood", "breakouts_new", "breakout_severity"
    }  # fmt: skip
    assert fields_not_drawn() == []
    for field in CHARTED:
        drawn_in = [panel.name for panel in PANELS if field.name in panel.series]
        assert drawn_in == [field.panel], field.name
        assert SERIES[field.name] == field.label, "a person can show or hide it, by its label"
    assert set(FIELD_LOOKS) == {field.name for field in CHARTED}, "a look for each charted field, no other"
    for panel in PANELS:
        for name in panel.series:
            assert name in LOOKS, f"{panel.name}: {name} has no look"


def test_a_charted_field_without_a_look_or_a_panel_is_found() -> None:
    made_up = fields.EntryField(
        "made_up", NUMBER, "Made up", ("made_up",), "made_up", scales.SYMPTOM, panel="joints"
    )
    assert fields_not_drawn([*ENTRY_FIELDS, made_up]) == ["made_up: no look in charts/style.py FIELD_LOOKS"]
    elsewhere = dataclasses.replace(FIELDS_BY_NAME["mood"], panel="feelings")
    assert fields_not_drawn([elsewhere]) == ["mood: no panel named 'feelings' in PANELS"]
    assert fields_not_drawn([dataclasses.replace(made_up, panel=None)]) == []  # not charted


def test_every_charted_field_is_drawn_when_logged() -> None:
    end = START + dt.timedelta(days=6)
    values = {}
    for field in CHARTED:
        assert field.scale is not None
        middle = (field.scale.low + field.scale.high) / 2
        values[field.name] = int(middle) if field.scale.whole_numbers else middle
    entries = [Entry(START + dt.timedelta(days=offset), **values) for offset in range(7)]
    figure = trends_figure(
        entries, [sample_course()], DEFAULT_ROUTINE, START, end, flags=(), series=ALL_SERIES, today=end
    )
    gids = {artist.get_gid() for artist in figure.findobj() if artist.get_gid()}
    for field in CHARTED:
        assert f"{field.name}-days" in gids, f"{field.name} is charted but not drawn"

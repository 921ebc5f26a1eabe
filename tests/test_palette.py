"""Every colour pair a person must tell apart meets WCAG 2.1 AA, in the window and the charts."""

import pytest

from diary import palette
from diary.charts.style import DARK, LIGHT, LOOKS


@pytest.mark.parametrize("scheme", [palette.LIGHT, palette.DARK], ids=["light", "dark"])
def test_every_checked_pair_meets_aa(scheme: palette.Scheme) -> None:
    too_faint = [
        f"{what}: {fore} on {back} is {palette.contrast_ratio(fore, back):.2f}:1, needs {need}:1"
        for what, fore, back, need in palette.checked_pairs(scheme)
        if palette.contrast_ratio(fore, back) < need
    ]
    assert not too_faint, "\n".join(too_faint)


def test_every_chart_series_takes_a_checked_hue() -> None:
    for name, look in LOOKS.items():
        assert look.hue in palette.HUES, name
    for scheme in (palette.LIGHT, palette.DARK):
        assert set(scheme.hues) == set(palette.HUES)


def test_the_charts_use_the_palettes_colours() -> None:
    for style, scheme in ((LIGHT, palette.LIGHT), (DARK, palette.DARK)):
        assert style.panel == scheme.chart_panel and style.background == scheme.chart_background
        assert style.text == scheme.chart_text and style.quiet == scheme.chart_quiet
        assert {name: style.color(name) for name in LOOKS} == {
            name: scheme.hues[look.hue] for name, look in LOOKS.items()
        }
        # Series that share a panel never share a hue (the dryness lines, the dose marks).
        for together in (("lips", "skin", "eyes"), ("dose_mg", "missed", "prescribed")):
            assert len({style.color(name) for name in together}) == len(together), together


def test_the_ratio_matches_wcag_examples() -> None:
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert palette.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1)
    # The faint colours issue 14 measured, before this palette:
    assert palette.contrast_ratio("#6B7280", "#F4F5F7") == pytest.approx(4.43, abs=0.01)
    assert palette.contrast_ratio("#E69F00", "#FFFFFF") == pytest.approx(2.25, abs=0.01)
    assert palette.contrast_ratio("#CC79A7", "#FFFFFF") == pytest.approx(3.06, abs=0.01)
    with pytest.raises(ValueError):
        palette.relative_luminance("red")


def test_the_window_palette_is_built_from_the_same_table(qapp: object) -> None:
    from PySide6.QtGui import QPalette

    from diary.ui.widgets import theme

    for qpalette, scheme in ((theme.light_palette(), palette.LIGHT), (theme.dark_palette(), palette.DARK)):
        role = QPalette.ColorRole
        assert qpalette.color(role.Window).name().upper() == scheme.window
        assert qpalette.color(role.PlaceholderText).name().upper() == scheme.quiet
        assert qpalette.color(role.HighlightedText).name().upper() == scheme.highlighted_text

"""The words for a day under the pointer, and chart files written whole, by extension."""

import datetime as dt
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from diary.charts.files import ChartFileError, chart_format, save_figure
from diary.charts.hover import day_words
from diary.core.entry import Entry
from diary.core.routine import DEFAULT_ROUTINE
from tests.helpers.diaries import START, full_entry, sample_course

MAGIC = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}


def test_a_logged_day_in_words() -> None:
    words = day_words(START, full_entry(), sample_course(), DEFAULT_ROUTINE)
    assert words.startswith("Monday 2 March 2026 · week 1: ")
    assert "dry lips 0, skin 4, eyes 10 · joints 0 · mood 0" in words
    assert "mood 0 (very low)" in words
    assert "0 new spots, severity severe" in words
    assert "routine 2 of 5 (skipped Moisturizer, Sunscreen SPF 30+, Eye drops)" in words
    assert "dose 22.5 mg" in words


def test_a_missed_dose_a_partly_logged_day_and_a_day_not_logged() -> None:
    day = START + dt.timedelta(days=9)
    assert day_words(day, Entry(day, dose_mg=0), None, DEFAULT_ROUTINE).endswith(": missed dose")
    assert day_words(day, Entry(day, mood=6), None, ()).endswith(": mood 6 (okay)")
    assert day_words(day, Entry(day, eyes=3, joint_pain=5), None, ()).endswith(": dry eyes 3 · joints 5")
    assert (
        day_words(day, None, sample_course(), DEFAULT_ROUTINE)
        == "Wednesday 11 March 2026 · week 2: not logged"
    )


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".PDF"])
def test_the_extension_chooses_the_file_type(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"chart{suffix}"
    figure = Figure(figsize=(2, 1))
    figure.text(0.5, 0.5, "hello")
    save_figure(figure, path)
    assert path.read_bytes().startswith(MAGIC[suffix.lower()])
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "words"),
    [("chart.jpg", ".jpg is not a type IsoDiary can write"), ("chart", "the name has no extension")],
)
def test_an_unknown_extension_names_the_file(tmp_path: Path, name: str, words: str) -> None:
    with pytest.raises(ChartFileError, match=words) as raised:
        chart_format(tmp_path / name)
    assert str(tmp_path / name) in str(raised.value)
    assert ".png, .svg or .pdf" in str(raised.value)


def test_a_missing_folder_or_a_folder_for_a_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ChartFileError, match="does not exist"):
        save_figure(Figure(), tmp_path / "nowhere" / "chart.png")
    with pytest.raises(ChartFileError, match="is a folder"):
        save_figure(Figure(), tmp_path)


def test_a_failed_write_leaves_the_earlier_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "chart.png"
    path.write_bytes(b"the earlier chart")
    figure = Figure()

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(figure, "savefig", disk_full)
    with pytest.raises(ChartFileError, match="the disk is full") as raised:
        save_figure(figure, path)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == b"the earlier chart"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def test_a_link_planted_where_the_chart_is_written_first_is_not_followed(tmp_path: Path) -> None:
    # Issue 22, 4: the temporary name was predictable (".NAME.PID.part") and opened without
    # O_EXCL, so a link planted there made IsoDiary overwrite the file it points to.
    victim = tmp_path / "someone-elses-file.txt"
    victim.write_text("not IsoDiary's")
    path = tmp_path / "chart.png"
    import os

    (tmp_path / f".{path.name}.{os.getpid()}.part").symlink_to(victim)
    save_figure(Figure(), path)
    assert victim.read_text() == "not IsoDiary's"
    assert path.read_bytes().startswith(b"\x89PNG")


def test_a_world_writable_leftover_does_not_make_the_chart_world_writable(tmp_path: Path) -> None:
    import os

    path = tmp_path / "chart.svg"
    stale = tmp_path / f".{path.name}.{os.getpid()}.part"
    stale.write_bytes(b"")
    stale.chmod(0o666)
    save_figure(Figure(), path)
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_chart_name_too_long_for_the_disk_is_refused_in_words(tmp_path: Path) -> None:
    # Issue 22, 10: ENAMETOOLONG was a traceback.
    with pytest.raises(ChartFileError, match="too long"):
        save_figure(Figure(), tmp_path / ("x" * 300 + ".png"))

"""The command line's arguments, thrown at `isodiary` at random: every run ends with a
message and exit code 0, 1 or 2, never a traceback (issue 22).

Arguments are drawn from each command's own options and from hostile values: names too
long, FIFOs, folders, devices, files that are not diaries, dates the calendar cannot hold,
text in any script. The diary is a copy of the demo, made once; commands that write to it
(import, restore, backup) may change it, which is part of the game.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diary.cli import main
from tests.helpers.commands import DEMO, demo_diary

EXAMPLES = 60
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Each command: what it needs (a file, an output) and the options it may take.
REQUIRED: dict[str, list[str]] = {
    "import": ["FILE"],
    "export": [],
    "check": [],
    "flags": [],
    "chart": ["-o"],
    "report": ["-o"],
    "backup": [],
    "restore": ["FILE"],
}
OPTIONS: dict[str, list[str]] = {
    "import": ["--replace"],
    "export": ["--format", "-o"],
    "check": [],
    "flags": ["--json", "--from", "--to"],
    "chart": ["--from", "--to"],
    "report": ["--from", "--to", "--paper"],
    "backup": ["-o", "--list"],
    "restore": [],
}
SWITCHES = {"--replace", "--json", "--list"}


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Files of every kind a person (or an attacker) might name."""
    folder = tmp_path_factory.mktemp("fuzz")
    places = {
        "diary": demo_diary(folder / "diary.sqlite3"),
        "json": Path(shutil.copy(DEMO, folder / "demo.json")),
        "csv": folder / "days.csv",
        "text": folder / "notes.txt",
        "folder": folder / "a-folder",
        "fifo": folder / "pipe.json",
        "missing": folder / "nowhere" / "file.json",
        "long": folder / ("x" * 300 + ".json"),
        "device": folder / "null-device",
    }
    places["csv"].write_text("date,mood\n2026-03-02,+7\n")
    places["text"].write_bytes(b"\xff\xfe not a diary")
    places["folder"].mkdir()
    os.mkfifo(places["fifo"])
    # A device of its own (never the system's /dev/null, which a bug could replace).
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.mknod(places["device"], 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    return places


def _values(places: dict[str, Path]) -> st.SearchStrategy[str]:
    outputs = [str(places["diary"].parent / name) for name in ("out.json", "out.csv", "out.png", "out.pdf")]
    return st.one_of(
        st.sampled_from([str(path) for path in places.values()]),
        st.sampled_from([str(path) for path in places.values()]),
        st.sampled_from([*outputs, str(places["diary"]), "-", "", ".", "/", "json", "csv", "A4", "Letter"]),
        st.sampled_from(["2026-03-01", "2026-02-30", "0001-01-01", "9999-12-31", "1899-12-31", "tomorrow"]),
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12),
    )


@st.composite
def command_lines(draw: st.DrawFn, places: dict[str, Path]) -> list[str]:
    """Mostly well-formed command lines with hostile values, sometimes a stray argument."""
    values = _values(places)
    command = draw(st.sampled_from(sorted(REQUIRED)))
    diary = st.sampled_from([str(places["diary"])] * 6 + [str(places[k]) for k in ("long", "fifo", "text")])
    argv = ["--db", draw(diary), command]
    for need in REQUIRED[command]:
        argv += [draw(values)] if need == "FILE" else [need, draw(values)]
    chosen = (
        draw(st.lists(st.sampled_from(OPTIONS[command]), max_size=3, unique=True)) if OPTIONS[command] else []
    )
    for option in chosen:
        argv += [option] if option in SWITCHES else [option, draw(values)]
    if draw(st.sampled_from([False] * 9 + [True])):
        argv.insert(draw(st.integers(3, len(argv))), draw(values))  # a stray argument
    return argv


def test_no_command_line_ends_in_a_traceback(
    playground: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Relative names the fuzz makes up ("json", "2026-03-01"...) land in the playground,
    # never in the checkout the tests run from.
    monkeypatch.chdir(playground["diary"].parent)
    seen: list[list[str]] = []

    @FUZZ
    @given(argv=command_lines(playground))
    def one(argv: list[str]) -> None:
        seen.append(argv)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as leaving:  # argparse: --help (0) or a usage error (2)
                code = leaving.code if isinstance(leaving.code, int) else 2
        assert code in (0, 1, 2), (argv, code, err.getvalue())
        assert "Traceback" not in err.getvalue(), (argv, err.getvalue())
        if code:
            assert err.getvalue().strip(), f"{argv} failed without saying why"

    one()
    assert len(seen) >= EXAMPLES // 2

"""The window's own start reads its options without loading every command's module."""

import subprocess
import sys

import pytest

from diary.cli import names_no_command


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        ([], True),
        (["--db", "diary.sqlite3"], True),
        (["--db=diary.sqlite3", "--tray"], True),
        (["--db", "report"], True),  # a diary file named like a command is still a file
        (["--demo"], True),
        (["--db", "diary.sqlite3", "report"], False),
        (["check"], False),
        (["--help"], False),  # the help lists every command
        (["--de"], False),  # an abbreviation: the whole parser decides
    ],
)
def test_which_arguments_start_the_window_alone(argv: list[str], window: bool) -> None:
    assert names_no_command(argv) is window


def test_the_window_start_loads_no_command_module() -> None:
    code = (
        "import sys; import diary.cli as cli; "
        "cli.build_parser(with_commands=not cli.names_no_command(['--db', 'x'])); "
        "print(sorted(name for name in sys.modules if name.startswith('diary.commands.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"

"""`isodiary --install-desktop-entry`: the menu entry and icon in XDG_DATA_HOME, valid,
starting the program that installed them; `--remove-desktop-entry` takes them away."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from diary.cli import main
from diary.desktop import menu_entry as desktop_entry


def validate(path: Path) -> None:
    """desktop-file-validate (desktop-file-utils) says nothing about a valid file."""
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    checked = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout + checked.stderr


def keys(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def test_install_writes_a_valid_entry_and_the_icon(
    private_folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--install-desktop-entry"]) == 0
    entry = private_folders / "data" / "applications" / "isodiary.desktop"
    icon = private_folders / "data" / "icons" / "hicolor" / "scalable" / "apps" / "isodiary.svg"
    assert f"Wrote {entry}" in capsys.readouterr().out
    validate(entry)
    assert icon.read_text(encoding="utf-8").lstrip().startswith("<")
    values = keys(entry)
    assert values["Name"] == "IsoDiary" and values["Icon"] == "isodiary"
    # The program that installed it, by its absolute path.
    program = Path(values["TryExec"])
    assert program.is_absolute() and program.exists()
    assert values["Exec"].split(" ")[0] == str(program)


def test_the_entry_starts_the_installed_command(private_folders: Path) -> None:
    script = Path(sys.executable).with_name("isodiary")
    assert script.exists(), "the venv's isodiary command (pip install -e .)"
    desktop_entry.install(desktop_entry.program_command(str(script)))
    values = keys(desktop_entry.desktop_file_path())
    assert values["Exec"] == str(script.absolute())
    version = subprocess.run([values["Exec"], "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("isodiary ")


def test_remove_takes_both_away_and_says_when_there_was_nothing(
    private_folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desktop_entry.install(["/opt/IsoDiary/isodiary"])
    assert main(["--remove-desktop-entry"]) == 0
    assert not desktop_entry.desktop_file_path().exists() and not desktop_entry.icon_path().exists()
    assert "Removed" in capsys.readouterr().out
    assert main(["--remove-desktop-entry"]) == 0
    assert "was not in the application menu" in capsys.readouterr().out


def test_a_data_folder_that_cannot_be_written_is_exit_2_and_named(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = private_folders / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["--install-desktop-entry"]) == 2
    assert "not-a-folder" in capsys.readouterr().err


def test_paths_with_spaces_and_percent_are_quoted_as_the_spec_asks(private_folders: Path) -> None:
    command = ["/home/Ana María/My Apps/isodiary", "--db", "/home/x/50% diary.sqlite3"]
    desktop_entry.install(command)
    path = desktop_entry.desktop_file_path()
    validate(path)
    assert keys(path)["Exec"] == '"/home/Ana María/My Apps/isodiary" --db "/home/x/50%% diary.sqlite3"'
    assert desktop_entry.exec_line(['/a/b"c$d']) == '"/a/b\\\\"c\\\\$d"'


def test_program_command_prefers_the_isodiary_script(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "isodiary"
    script.parent.mkdir()
    script.write_text("")
    assert desktop_entry.program_command(str(script)) == [str(script)]
    assert desktop_entry.program_command(str(tmp_path / "diary" / "__main__.py"))[1:] == ["-m", "diary"]


def test_a_relative_xdg_data_home_is_ignored(private_folders: Path) -> None:
    home = desktop_entry.data_home({"XDG_DATA_HOME": "relative/path"})
    assert home == Path.home() / ".local" / "share"

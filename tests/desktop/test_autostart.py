"""Start at login: the XDG autostart entry (tested for real against a temporary
XDG_CONFIG_HOME), the macOS LaunchAgent and the Windows Startup shortcut (their files
and commands, checked on any system)."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from diary.desktop.autostart import LAUNCH_AGENT_LABEL, TRAY_OPTION, Autostart, run_checked

PROGRAM = ["/opt/IsoDiary/isodiary"]


def test_linux_enable_writes_a_valid_autostart_entry_that_starts_in_the_tray(private_folders: Path) -> None:
    autostart = Autostart(platform="linux")
    assert not autostart.is_enabled()
    entry = autostart.enable(PROGRAM)
    assert entry == private_folders / "config" / "autostart" / "isodiary.desktop"
    assert autostart.is_enabled()
    text = entry.read_text(encoding="utf-8")
    assert f"Exec=/opt/IsoDiary/isodiary {TRAY_OPTION}\n" in text
    assert "X-GNOME-Autostart-enabled=true" in text
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert checked.returncode == 0 and checked.stdout == "", checked.stdout
    assert autostart.disable()
    assert not entry.exists() and not autostart.is_enabled()
    assert not autostart.disable()


def test_linux_without_xdg_config_home_uses_dot_config(tmp_path: Path) -> None:
    autostart = Autostart(platform="linux", environ={}, home=tmp_path)
    assert autostart.enable(PROGRAM) == tmp_path / ".config" / "autostart" / "isodiary.desktop"


def test_enable_twice_leaves_one_entry(private_folders: Path) -> None:
    autostart = Autostart(platform="linux")
    autostart.enable(PROGRAM)
    autostart.enable(["/other/isodiary"])
    entries = list((private_folders / "config" / "autostart").iterdir())
    assert [path.name for path in entries] == ["isodiary.desktop"]
    assert "Exec=/other/isodiary --tray" in entries[0].read_text(encoding="utf-8")


def test_macos_launch_agent(tmp_path: Path) -> None:
    autostart = Autostart(platform="darwin", environ={}, home=tmp_path)
    entry = autostart.enable(["/Applications/IsoDiary/isodiary"])
    assert entry == tmp_path / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    agent = plistlib.loads(entry.read_bytes())
    assert agent == {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": ["/Applications/IsoDiary/isodiary", TRAY_OPTION],
        "RunAtLoad": True,
    }
    assert autostart.disable() and not entry.exists()


def test_windows_startup_shortcut_is_made_by_powershell(tmp_path: Path) -> None:
    ran: list[Sequence[str]] = []
    appdata = tmp_path / "Roaming"
    autostart = Autostart(platform="win32", environ={"APPDATA": str(appdata)}, home=tmp_path, run=ran.append)
    entry = autostart.enable(["C:\\Program Files\\IsoDiary\\isodiary.exe"])
    assert entry == appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / "IsoDiary.lnk"
    ((program, *options, script),) = ran
    assert program == "powershell" and "-NoProfile" in options
    assert f"CreateShortcut('{entry}')" in script
    assert "$s.TargetPath = 'C:\\Program Files\\IsoDiary\\isodiary.exe'" in script
    assert "$s.Arguments = '--tray'" in script


def test_a_failed_shortcut_is_an_error_that_says_why(tmp_path: Path) -> None:
    fake_powershell = tmp_path / "powershell"
    fake_powershell.write_text("#!/bin/sh\necho 'Access is denied.' >&2\nexit 1\n")
    fake_powershell.chmod(0o755)

    def run(command: Sequence[str]) -> None:
        run_checked([str(fake_powershell), *command[1:]])

    autostart = Autostart(platform="win32", environ={"APPDATA": str(tmp_path)}, home=tmp_path, run=run)
    with pytest.raises(OSError, match="Access is denied"):
        autostart.enable(PROGRAM)
    assert not autostart.is_enabled()

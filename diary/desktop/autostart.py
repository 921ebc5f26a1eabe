"""Start at login, per computer: an XDG autostart entry on Linux, a LaunchAgent on macOS,
a shortcut in the Startup folder on Windows. Opt-in from Settings, undone from there.

Started at login, IsoDiary waits in the tray (`--tray`) for the evening's reminders.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from diary.desktop.menu_entry import desktop_file_text, program_command
from diary.desktop.paths import xdg_folder

TRAY_OPTION = "--tray"
LAUNCH_AGENT_LABEL = "org.isodiary.IsoDiary"
SHORTCUT_NAME = "IsoDiary.lnk"

Runner = Callable[[Sequence[str]], None]


class Autostart:
    """Start at login on this computer. `platform`, `environ` and `home` are for tests."""

    def __init__(
        self,
        platform: str = sys.platform,
        environ: Mapping[str, str] | None = None,
        home: Path | None = None,
        run: Runner | None = None,
    ) -> None:
        self.platform = platform
        self.environ = os.environ if environ is None else environ
        self.home = home if home is not None else Path.home()
        self._run = run or run_checked

    @property
    def entry(self) -> Path:
        """The file that makes the system start IsoDiary at login."""
        if self.platform == "darwin":
            return self.home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
        if self.platform == "win32":
            appdata = Path(self.environ.get("APPDATA") or self.home / "AppData" / "Roaming")
            return appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / SHORTCUT_NAME
        config = xdg_folder("XDG_CONFIG_HOME", self.home / ".config", self.environ)
        return config / "autostart" / "isodiary.desktop"

    def is_enabled(self) -> bool:
        return self.entry.exists()

    def enable(self, command: Sequence[str] | None = None) -> Path:
        """Start `command` (this IsoDiary) in the tray at every login; OSError if it cannot."""
        command = [*(command if command is not None else program_command()), TRAY_OPTION]
        entry = self.entry
        entry.parent.mkdir(parents=True, exist_ok=True)
        if self.platform == "win32":
            self._run(_shortcut_script(entry, command))
            return entry
        if self.platform == "darwin":
            content = plistlib.dumps(
                {"Label": LAUNCH_AGENT_LABEL, "ProgramArguments": command, "RunAtLoad": True}
            )
        else:
            extra = {"X-GNOME-Autostart-enabled": "true", "NoDisplay": "true"}
            content = desktop_file_text(command, extra).encode()
        from diary.store.files import write_private

        write_private(entry, content)  # never through a link planted at a guessable name
        return entry

    def disable(self) -> bool:
        """No more start at login; True when there was an entry to remove."""
        if not self.entry.exists():
            return False
        self.entry.unlink()
        return True


def _shortcut_script(shortcut: Path, command: Sequence[str]) -> list[str]:
    """PowerShell that writes a Windows shortcut (.lnk) starting `command`."""

    def quoted(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    arguments = subprocess.list2cmdline(list(command[1:]))
    script = (
        f"$s = (New-Object -ComObject WScript.Shell).CreateShortcut({quoted(str(shortcut))}); "
        f"$s.TargetPath = {quoted(command[0])}; $s.Arguments = {quoted(arguments)}; "
        f"$s.WorkingDirectory = {quoted(str(Path(command[0]).parent))}; $s.Save()"
    )
    return ["powershell", "-NoProfile", "-NonInteractive", "-Command", script]


def run_checked(command: Sequence[str]) -> None:
    """Run `command`; its failure is an OSError that says what went wrong."""
    try:
        subprocess.run(list(command), check=True, capture_output=True, timeout=60)
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or b"").decode(errors="replace").strip()
        raise OSError(f"{command[0]} failed: {detail or error}") from error
    except subprocess.TimeoutExpired as error:
        raise OSError(f"{command[0]} did not finish") from error

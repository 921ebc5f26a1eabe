"""The application-menu entry on Linux: IsoDiary's .desktop file and icon in XDG_DATA_HOME,
pointing at the program that installed them (`isodiary --install-desktop-entry`)."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from diary.desktop.paths import xdg_folder
from diary.shipped import resources_folder
from diary.store.files import write_private

DESKTOP_FILE = "isodiary.desktop"
ICON_NAME = "isodiary"
# Characters that make an Exec argument need quotes (Desktop Entry Specification, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def program_command(argv0: str | None = None) -> list[str]:
    """The absolute command that starts this IsoDiary: the packaged program, the
    installed `isodiary` script, or this Python running `-m diary`."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(argv0 if argv0 is not None else sys.argv[0])
    if script.name in ("isodiary", "isodiary.exe") and script.exists():
        # Not resolved: a venv's script may be a link, and the link is what was installed.
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "diary"]


def exec_line(command: Sequence[str]) -> str:
    """`command` written as a .desktop file's Exec value, quoted where the spec asks."""
    parts = []
    for argument in command:
        written = argument
        if set(argument) & _RESERVED or not argument:
            escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
            written = f'"{escaped}"'
        # In a desktop file `\` in a string value is itself escaped, and `%` starts a field code.
        parts.append(written.replace("\\", "\\\\").replace("%", "%%"))
    return " ".join(parts)


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    return xdg_folder("XDG_DATA_HOME", Path.home() / ".local" / "share", environ)


def desktop_file_path(environ: Mapping[str, str] | None = None) -> Path:
    return data_home(environ) / "applications" / DESKTOP_FILE


def icon_path(environ: Mapping[str, str] | None = None) -> Path:
    return data_home(environ) / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"


def desktop_file_text(command: Sequence[str], extra: Mapping[str, str] | None = None) -> str:
    """The shipped .desktop file with `Exec` (and `TryExec`) set to `command`."""
    lines = []
    for line in (resources_folder() / DESKTOP_FILE).read_text(encoding="utf-8").splitlines():
        key = line.split("=", 1)[0]
        if key in ("Exec", "TryExec") or (extra and key in extra):
            continue
        lines.append(line)
        if key == "Type":
            # TryExec is a plain path, not a command line: only `\` is escaped in it.
            lines.append(f"TryExec={command[0].replace(chr(92), chr(92) * 2)}")
            lines.append(f"Exec={exec_line(command)}")
            lines.extend(f"{name}={value}" for name, value in (extra or {}).items())
    return "\n".join(lines) + "\n"


def install(command: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> list[Path]:
    """Write the .desktop file and the icon; returns what was written."""
    command = list(command) if command is not None else program_command()
    written = []
    for target, text in (
        (icon_path(environ), (resources_folder() / f"{ICON_NAME}.svg").read_text(encoding="utf-8")),
        (desktop_file_path(environ), desktop_file_text(command)),
    ):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_private(target, text.encode("utf-8"))  # never through a link at a guessable name
        written.append(target)
    return written


def remove(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Delete the .desktop file and the icon; returns what was there."""
    removed = []
    for target in (desktop_file_path(environ), icon_path(environ)):
        if target.exists():
            target.unlink()
            removed.append(target)
    return removed

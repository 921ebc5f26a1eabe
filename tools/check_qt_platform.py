"""Before `make run`: can Qt's X11 platform plugin load? If not, name the missing libraries.

Qt's own message ("Could not load the Qt platform plugin "xcb"… no Qt platform plugin could
be initialized") does not say which system library is missing. This asks the dynamic
linker (`ldd`) about the plugin and prints the Debian/Ubuntu packages that hold what is
missing. With no display at all (no DISPLAY or WAYLAND_DISPLAY, as over ssh or in a bare
container) Qt would only abort with a core dump, so that is said plainly first.
Exit status 0 when all is well (or the check does not apply), 1 when it is not.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The library file -> the Debian/Ubuntu package that installs it.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def missing_libraries(plugin: Path) -> list[str]:
    """The libraries `ldd` cannot find for `plugin` (and everything it loads)."""
    result = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False)
    missing = {m.group(1) for m in re.finditer(r"^\s*(\S+) => not found", result.stdout, re.MULTILINE)}
    # Since Qt 6.5 the plugin opens libxcb-cursor while it starts, so ldd never lists it.
    if result.stdout and ctypes.util.find_library("xcb-cursor") is None:
        missing.add("libxcb-cursor.so.0")
    return sorted(missing)


NO_DISPLAY = (
    "IsoDiary's window needs a display, and none was found (DISPLAY and WAYLAND_DISPLAY are "
    "not set).\n"
    "Start it from a desktop session, or over ssh with `ssh -X`; to try it without a screen: "
    "xvfb-run -a make run.\n"
    "The command line works without a display: .venv/bin/isodiary --help"
)


def main() -> int:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb", "wayland"):
        return 0
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    if platform == "wayland" or shutil.which("ldd") is None:
        return 0
    try:
        import PySide6
    except ImportError:
        return 0
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return 0
    missing = missing_libraries(plugin)
    if not missing:
        return 0
    packages = [PACKAGES.get(name, "") for name in missing]
    print(
        "IsoDiary's window cannot open: Qt's X11 plugin needs libraries this system lacks:", file=sys.stderr
    )
    for name, package in zip(missing, packages, strict=True):
        print(f"  {name}" + (f"  (package {package})" if package else ""), file=sys.stderr)
    known = [package for package in packages if package]
    if known:
        print(f"On Debian or Ubuntu: sudo apt-get install {' '.join(known)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

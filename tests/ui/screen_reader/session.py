"""Run the real window where a screen reader would meet it, and walk it through the tree.

Run under `xvfb-run -a` by the project's Python: it starts a D-Bus session and the AT-SPI
bus, the window with Qt's accessibility on, then `walker.py` under the system Python (where
pyatspi lives), and prints the walker's JSON. Everything it started is stopped by its id.

    xvfb-run -a .venv/bin/python -m tests.ui.screen_reader.session DIARY HOME SCENARIO
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
SYSTEM_PYTHON = "/usr/bin/python3"
WALKER = Path(__file__).with_name("walker.py")
WALK_SECONDS = 600  # the walker's own waits are shorter; this only stops a hung session


def dbus_session() -> dict[str, str]:
    """A new D-Bus session bus: its address and the daemon's process id."""
    output = subprocess.run(
        ["dbus-launch", "--sh-syntax"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    found: dict[str, str] = {}
    for line in output.splitlines():
        name, _, value = line.rstrip(";").partition("=")
        if name in ("DBUS_SESSION_BUS_ADDRESS", "DBUS_SESSION_BUS_PID"):
            found[name] = shlex.split(value)[0]
    return found


def main(diary: str, home: str, scenario: str) -> int:
    bus = dbus_session()
    environment = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus["DBUS_SESSION_BUS_ADDRESS"], "HOME": home}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "QT_QPA_PLATFORM"):
        environment.pop(name, None)
    environment["XDG_RUNTIME_DIR"] = home
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], env=environment))
        window_environment = {
            **environment,
            "QT_ACCESSIBILITY": "1",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "QT_QPA_PLATFORM": "xcb",
        }
        with (Path(home) / "window.log").open("wb") as log:
            started.append(
                subprocess.Popen(
                    [sys.executable, "-m", "diary", "--db", diary],
                    env=window_environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        walk = subprocess.run(
            [SYSTEM_PYTHON, str(WALKER), scenario],
            env=environment,
            capture_output=True,
            text=True,
            timeout=WALK_SECONDS,
        )
        sys.stdout.write(walk.stdout)
        sys.stderr.write(walk.stderr)
        if walk.returncode != 0:
            return walk.returncode  # the window is stopped below
        # The walker quits the window (File ▸ Quit): it saves and closes as a person's would.
        try:
            started[-1].wait(timeout=WALK_SECONDS)
        except subprocess.TimeoutExpired:
            sys.stderr.write("The window did not close after File ▸ Quit.\n")
            return 3
        return walk.returncode
    finally:
        for process in reversed(started):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        os.kill(int(bus["DBUS_SESSION_BUS_PID"]), signal.SIGTERM)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))

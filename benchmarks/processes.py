"""Start-up and memory, measured on whole processes as a person meets them.

Each start is a fresh `python` process timed from launch until it prints the first-frame
mark (diary/ui/app/first_frame.py); the bare-Qt floor prints the same mark from a bare
QMainWindow, so both are timed to the same event on the same machine in the same run.
"""

from __future__ import annotations

import compileall
import datetime as dt
import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import diary
from diary.ui.app.first_frame import FIRST_FRAME_MARK, READY_MARK, UNTIL_READY, VARIABLE

BARE_WINDOW = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QMainWindow
    from diary.ui.app.first_frame import exit_after_first_frame
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1180, 800)
    exit_after_first_frame(window)
    window.show()
    app.exec()
    """
)

# Opens the window on a diary, shows Trends, lets it draw, then reports its peak memory.
TRENDS_WINDOW = textwrap.dedent(
    """
    import resource, sys, time
    from pathlib import Path
    from diary.store.diary import Diary
    from diary.ui.app.application import make_application
    from diary.ui.app.context import DiaryContext
    from diary.ui.app.main_window import MainWindow
    app = make_application()
    diary = Diary.open(Path(sys.argv[1]))
    window = MainWindow(DiaryContext(diary))
    window.show()
    window.tabs.setCurrentIndex(1)
    until = time.monotonic() + 3
    while time.monotonic() < until:
        app.processEvents()
        time.sleep(0.01)
    assert window.tabs.currentWidget().is_built
    # VmHWM is this program's own peak. ru_maxrss is not: Linux keeps it across fork and
    # exec, so it would report the benchmark's own size whenever that is larger.
    status = Path("/proc/self/status")
    peaks = [line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmHWM:")]
    print(peaks[0] if peaks else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def environment(mode: str = "1") -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", VARIABLE: mode}


def time_to_first_frame(command: list[str], until_ready: bool = False) -> float:
    """Milliseconds from launching `command` until it prints the first-frame mark (with
    `until_ready`, the mark that its day form has the keyboard)."""
    mark = READY_MARK if until_ready else FIRST_FRAME_MARK
    began = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=environment(UNTIL_READY if until_ready else "1"),
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == mark:
            elapsed = (time.perf_counter() - began) * 1000
            break
    else:
        process.wait()
        raise RuntimeError(f"{command} ended without showing a window (exit {process.returncode})")
    process.wait(timeout=30)
    return elapsed


def start_up(empty_diary: Path, big_diary: Path, runs: int) -> dict[str, float]:
    """Medians of `runs` starts each, taken in turn (bare, empty, ten years, ten years until
    its day form has the keyboard) so that a busy moment on the machine falls on all alike.
    Also "ratio spread": the ten-year start over the bare window's, pair by pair, as
    (min, median, max)."""
    commands = {
        "bare": [sys.executable, "-c", BARE_WINDOW],
        "empty": [sys.executable, "-m", "diary", "--db", str(empty_diary)],
        "ten years": [sys.executable, "-m", "diary", "--db", str(big_diary)],
    }
    # An installed IsoDiary has its bytecode (pip compiles it), as PySide6 has; where the
    # environment says not to write it (PYTHONDONTWRITEBYTECODE), every start would compile
    # the program's sources and not the bare window's, so it is compiled here first.
    compileall.compile_dir(Path(diary.__file__).parent, quiet=1)
    for command in commands.values():
        time_to_first_frame(command)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in [*commands, "ten years ready"]}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(time_to_first_frame(command))
        times["ten years ready"].append(time_to_first_frame(commands["ten years"], until_ready=True))
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratios = [big / bare for big, bare in zip(times["ten years"], times["bare"], strict=True)]
    medians["ratio min"], medians["ratio max"] = min(ratios), max(ratios)
    medians["ratio median"] = statistics.median(ratios)
    return medians


def peak_memory_with_trends(diary: Path) -> float:
    """MiB: the window's peak resident memory after Trends has drawn the diary."""
    result = subprocess.run(
        [sys.executable, "-c", TRENDS_WINDOW, str(diary)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=True,
    )
    kib = int(result.stdout.strip().splitlines()[-1])  # both in KiB on Linux
    return kib / 1024


def saves_in_child(diary: Path, today: dt.date, passphrase: str = "") -> tuple[float, float]:
    """benchmarks.in_process.saves in a process of its own, so the benchmark's own process
    never starts Qt (one Qt application per process, torn down cleanly). `passphrase`: a
    protected (throwaway) diary's, unlocked before the timing."""
    code = (
        "import datetime as dt, sys; from pathlib import Path; from benchmarks.in_process import saves; "
        "print(*saves(Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]), sys.argv[3]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(diary), today.isoformat(), passphrase],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
        check=True,
    )
    p50, p95 = result.stdout.split()[-2:]
    return float(p50), float(p95)


def in_child(measure: str, diary: Path, today: dt.date) -> float:
    """One figure of benchmarks.in_process (`measure`, taking the diary and today) in a
    process of its own, as saves_in_child."""
    code = (
        "import datetime as dt, sys; from pathlib import Path; from benchmarks import in_process; "
        f"print(in_process.{measure}(Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(diary), today.isoformat()],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
        check=True,
    )
    return float(result.stdout.split()[-1])


def report_command(diary: Path, output: Path, start: str, end: str, runs: int) -> float:
    """Milliseconds for `isodiary report`, the whole command (Python, Qt, charts, PDF), median."""
    command = [sys.executable, "-m", "diary", "--db", str(diary), "report", "-o", str(output)]
    command += ["--from", start, "--to", end, "--paper", "A4"]
    times = []
    for _ in range(runs + 1):
        began = time.perf_counter()
        subprocess.run(
            command, check=True, capture_output=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        )
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times[1:])

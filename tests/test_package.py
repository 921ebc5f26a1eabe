"""The folder `make package` builds starts on its own, headless: --version, and check and
report on the demo diary, with no test code inside it.

Skipped unless dist/isodiary/ exists (`make package` runs this file after building) or
ISODIARY_PACKAGE names a built folder; ISODIARY_PACKAGE_REQUIRED=1 turns the skip into
a failure, for a CI job that builds first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from diary import __version__
from tests.helpers.diaries import REPOSITORY

pytestmark = [pytest.mark.slow, pytest.mark.package]

EXECUTABLE = "isodiary.exe" if sys.platform == "win32" else "isodiary"


@pytest.fixture(scope="module")
def program() -> Path:
    folder = Path(os.environ.get("ISODIARY_PACKAGE") or REPOSITORY / "dist" / "isodiary")
    built = folder / EXECUTABLE
    if not built.is_file():
        if os.environ.get("ISODIARY_PACKAGE_REQUIRED") == "1":
            pytest.fail(f"no packaged IsoDiary at {built}: run make package")
        pytest.skip(f"no packaged IsoDiary at {built} (make package builds it)")
    return built


def run(program: Path, *arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # A clean environment: no venv, no PYTHONPATH, only what a person's session would have.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key in ("HOME", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP")
        or key.startswith("XDG_")
    }
    environment.update({"QT_QPA_PLATFORM": "offscreen", "PATH": os.defpath, "LANG": "C.UTF-8"})
    return subprocess.run(
        [str(program), *arguments], cwd=cwd, env=environment, capture_output=True, text=True, timeout=180
    )


def test_version(program: Path, tmp_path: Path) -> None:
    done = run(program, "--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"isodiary {__version__}"


def test_check_and_report_on_the_demo_diary(program: Path, tmp_path: Path) -> None:
    checked = run(program, "--demo", "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "Integrity: ok" in checked.stdout
    summary = tmp_path / "summary.pdf"
    made = run(program, "--demo", "report", "-o", str(summary), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    text = "".join(page.extract_text() for page in PdfReader(summary).pages)
    assert "IsoDiary" in text


def test_a_new_diary_is_migrated_by_the_packaged_program(program: Path, tmp_path: Path) -> None:
    diary = tmp_path / "new.sqlite3"
    checked = run(program, "--db", str(diary), "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "Schema revision:" in checked.stdout and diary.exists()


def test_a_diary_encrypted_from_the_checkout_opens_in_the_package(program: Path, tmp_path: Path) -> None:
    """Issue 25: the package carries SQLCipher; a diary protected by `isodiary encrypt` run
    from the checkout opens in it with --passphrase-file, and one it protects opens here."""
    secret = tmp_path / "passphrase.txt"
    secret.write_text("tea at five\n")

    def isodiary(who: str, diary: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
        if who == "package":
            return run(program, "--db", str(diary), *arguments, cwd=tmp_path)
        command = [sys.executable, "-m", "diary", "--db", str(diary), *arguments]
        return subprocess.run(command, cwd=REPOSITORY, capture_output=True, text=True, timeout=180)

    for protected_by, opened_by in (("checkout", "package"), ("package", "checkout")):
        diary = tmp_path / protected_by / "diary.sqlite3"
        diary.parent.mkdir()
        demo = REPOSITORY / "resources" / "demo-diary.json"
        assert isodiary(protected_by, diary, "import", str(demo)).returncode == 0
        encrypted = isodiary(protected_by, diary, "--passphrase-file", str(secret), "encrypt")
        assert encrypted.returncode == 0, encrypted.stderr
        assert b"SQLite format 3" not in diary.read_bytes()[:16]
        locked = isodiary(opened_by, diary, "check")
        assert locked.returncode == 2 and "protected by a passphrase" in locked.stderr
        checked = isodiary(opened_by, diary, "--passphrase-file", str(secret), "check")
        assert checked.returncode == 0, checked.stderr
        assert "Integrity: ok" in checked.stdout and "Entries: 139" in checked.stdout
    assert list((program.parent / "_internal").rglob("sqlcipher3/_sqlite3*"))


def test_bad_input_is_still_exit_2(program: Path, tmp_path: Path) -> None:
    done = run(program, "--demo", "report", "-o", str(tmp_path / "summary.txt"), cwd=tmp_path)
    assert done.returncode == 2 and "must be a .pdf file" in done.stderr


def test_the_folder_holds_migrations_and_resources_but_no_tests(program: Path) -> None:
    inside = program.parent / "_internal"
    assert (inside / "diary" / "alembic" / "env.py").is_file()
    assert list((inside / "diary" / "alembic" / "versions").glob("0001_*.py"))
    assert (inside / "diary" / "resources" / "demo-diary.json").is_file()
    assert (inside / "diary" / "resources" / "isodiary.desktop").is_file()
    names = {path.name for path in inside.rglob("*")}
    assert "conftest.py" not in names and "pytest" not in names and "tests" not in names
    platforms = inside / "PySide6" / "Qt" / "plugins" / "platforms"
    assert {path.name.split(".")[0] for path in platforms.iterdir()} >= {"libqoffscreen", "libqxcb"} or (
        sys.platform != "linux"
    )


def test_the_menu_entry_points_at_the_packaged_program(program: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(program), "--install-desktop-entry"],
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "data" / "applications" / "isodiary.desktop").read_text(encoding="utf-8")
    assert f"\nExec={program.resolve()}\n" in text

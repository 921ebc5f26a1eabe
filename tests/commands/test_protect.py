"""`isodiary encrypt` / `decrypt` and the passphrase on the command line (issue 25): from
--passphrase-file (first line, NFC, never empty) or the terminal, never an argument; a wrong
or missing one exits 2 and changes nothing."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.commands import demo_diary, run
from tests.helpers.diaries import REPOSITORY

PASSPHRASE = "pâte à crêpes"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return demo_diary(tmp_path / "diary" / "diary.sqlite3")


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    # Windows' line ending, a second line, and the accents decomposed (NFD): the file's
    # first line is the passphrase, normalised.
    import unicodedata

    path.write_bytes(unicodedata.normalize("NFD", PASSPHRASE).encode() + b"\r\nnot this line\n")
    return path


def _snapshot(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_encrypt_then_every_command_needs_the_passphrase(
    db: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    encrypted = run("--db", str(db), "--passphrase-file", str(passphrase_file), "encrypt")
    assert encrypted.returncode == 0, encrypted.stderr
    code_lines = [line.strip() for line in encrypted.stdout.splitlines() if line.count("-") == 5]
    assert len(code_lines) == 1, encrypted.stdout
    assert "shown only this once" in encrypted.stdout

    locked = run("--db", str(db), "check", stdin=subprocess.DEVNULL)
    assert locked.returncode == 2
    assert "protected by a passphrase" in locked.stderr
    assert "damaged" not in locked.stderr.lower()

    checked = run("--db", str(db), "--passphrase-file", str(passphrase_file), "check")
    assert checked.returncode == 0, checked.stderr
    assert "Integrity: ok" in checked.stdout

    # The recovery code also unlocks (as a passphrase file holds the passphrase, a script
    # can hold nothing else; the code is for the window and for unlock_with_recovery_code).
    from diary.store import protection

    assert protection.unlock_with_recovery_code(db, code_lines[0])


def test_a_wrong_empty_or_missing_passphrase_exits_2_and_changes_nothing(
    db: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    assert run("--db", str(db), "--passphrase-file", str(passphrase_file), "encrypt").returncode == 0
    before = _snapshot(db.parent)
    wrong, empty = tmp_path / "wrong.txt", tmp_path / "empty.txt"
    wrong.write_text("pate a crepes\n")
    empty.write_text("\nsecond line is not read\n")
    for args, words in (
        (["--passphrase-file", str(wrong), "check"], "does not open"),
        (["--passphrase-file", str(empty), "export", "--format", "json"], "first line is empty"),
        (["--passphrase-file", str(tmp_path / "missing.txt"), "backup"], "missing.txt"),
        (["--passphrase-file", str(wrong), "decrypt"], "does not open"),
        (["import", str(REPOSITORY / "resources" / "demo-diary.json")], "none was given"),
    ):
        result = run("--db", str(db), *args, stdin=subprocess.DEVNULL)
        assert result.returncode == 2, (args, result.stderr)
        assert words in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert _snapshot(db.parent) == before, args


def test_there_is_no_passphrase_argument_or_variable(db: Path) -> None:
    result = run("--db", str(db), "--passphrase", "my secret words", "check")
    assert result.returncode == 2
    assert "never given as an argument" in result.stderr
    assert "my secret words" not in result.stderr
    source = "\n".join(path.read_text() for path in (REPOSITORY / "diary").rglob("*.py"))
    assert "ISODIARY_PASSPHRASE" not in source


def test_export_of_a_protected_diary_is_plain_and_says_so(
    db: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    plain = run("--db", str(db), "export", "--format", "json")
    assert run("--db", str(db), "--passphrase-file", str(passphrase_file), "encrypt").returncode == 0
    output = tmp_path / "out.json"
    exported = run("--db", str(db), "--passphrase-file", str(passphrase_file), "export", "-o", str(output))
    assert exported.returncode == 0, exported.stderr
    assert "not encrypted" in exported.stderr
    import json

    document, before = json.loads(output.read_text()), json.loads(plain.stdout)
    document.pop("exported_at"), before.pop("exported_at")
    assert document == before


def test_decrypt_gives_back_plain_files(db: Path, passphrase_file: Path) -> None:
    before = run("--db", str(db), "export", "--format", "json").stdout
    assert run("--db", str(db), "--passphrase-file", str(passphrase_file), "encrypt").returncode == 0
    result = run("--db", str(db), "--passphrase-file", str(passphrase_file), "decrypt")
    assert result.returncode == 0, result.stderr
    assert not list(db.parent.rglob("*.key"))
    after = run("--db", str(db), "export", "--format", "json", stdin=subprocess.DEVNULL)
    assert after.returncode == 0, after.stderr
    assert after.stdout.split("\n", 4)[4] == before.split("\n", 4)[4]  # all but the export's time


def _on_a_terminal(args: list[str], typed: list[str]) -> tuple[int, str]:
    """Run isodiary with a terminal for standard input (as a person does), typing `typed`
    line by line whenever it asks; (exit code, everything it wrote)."""
    pid, terminal = pty.fork()
    if pid == 0:  # the child: isodiary itself
        os.chdir(REPOSITORY)
        os.execv(sys.executable, [sys.executable, "-m", "diary", *args])
    import select
    import signal

    seen = b""
    answered_at = 0
    answers = list(typed)
    while True:
        ready, _, _ = select.select([terminal], [], [], 120)
        if not ready:  # it hangs: stop it, and the test fails on its exit code
            os.kill(pid, signal.SIGKILL)
            break
        try:
            chunk = os.read(terminal, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if answers and seen[answered_at:].rstrip().endswith(b":"):
            os.write(terminal, answers.pop(0).encode() + b"\n")
            answered_at = len(seen)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), seen.decode(errors="replace")


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal is POSIX")
def test_on_a_terminal_encrypt_asks_twice_and_a_command_asks_once(db: Path) -> None:
    code, said = _on_a_terminal(["--db", str(db), "encrypt"], ["first try", "second try"])
    assert code == 2, said
    assert "differ" in said
    code, said = _on_a_terminal(["--db", str(db), "encrypt"], [PASSPHRASE, PASSPHRASE])
    assert code == 0, said
    assert "Recovery code" in said
    assert PASSPHRASE not in said  # never echoed
    code, said = _on_a_terminal(["--db", str(db), "check"], [PASSPHRASE])
    assert code == 0, said
    assert "Integrity: ok" in said


def test_a_protected_copy_restores_with_its_passphrase(
    db: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    """`backup -o` of a protected diary carries its key file; restoring it into another
    (plain) diary asks for its passphrase, and the diary stays plain."""
    assert run("--db", str(db), "--passphrase-file", str(passphrase_file), "encrypt").returncode == 0
    copy = tmp_path / "copy.sqlite3"
    made = run("--db", str(db), "--passphrase-file", str(passphrase_file), "backup", "-o", str(copy))
    assert made.returncode == 0, made.stderr
    assert "copy.sqlite3.key beside it" in made.stdout
    other = demo_diary(tmp_path / "other" / "diary.sqlite3")
    refused = run("--db", str(other), "restore", str(copy), stdin=subprocess.DEVNULL)
    assert refused.returncode == 2 and f"{copy} is protected by a passphrase, and none" in refused.stderr
    restored = run("--db", str(other), "--passphrase-file", str(passphrase_file), "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    checked = run("--db", str(other), "check", stdin=subprocess.DEVNULL)
    assert checked.returncode == 0 and "Entries: 139" in checked.stdout


def test_a_bundle_moves_photos_out_of_and_into_a_protected_diary(
    db: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    from tests.helpers import images

    picture = tmp_path / "cheek.png"
    picture.write_bytes(images.png(gps=False))
    added = run("--db", str(db), "photos", "add", str(picture), "--area", "chest", "--date", "2026-04-02")
    assert added.returncode == 0, added.stderr
    assert run("--db", str(db), "--passphrase-file", str(passphrase_file), "encrypt").returncode == 0
    bundle = tmp_path / "all.isodiary"
    exported = run(
        "--db",
        str(db),
        "--passphrase-file",
        str(passphrase_file),
        "export",
        "--format",
        "bundle",
        "-o",
        str(bundle),
    )
    assert exported.returncode == 0, exported.stderr
    assert "not encrypted" in exported.stderr
    # Into a protected diary: its records and its image come in encrypted.
    other = tmp_path / "other" / "diary.sqlite3"
    demo_diary(other)
    assert run("--db", str(other), "--passphrase-file", str(passphrase_file), "encrypt").returncode == 0
    imported = run("--db", str(other), "--passphrase-file", str(passphrase_file), "import", str(bundle))
    assert imported.returncode == 0, imported.stderr
    checked = run("--db", str(other), "--passphrase-file", str(passphrase_file), "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = run("--db", str(other), "--passphrase-file", str(passphrase_file), "photos", "list")
    assert "chest" in listed.stdout
    images_there = [path for path in (other.parent / "photos").rglob("*") if path.is_file()]
    assert images_there and all(path.suffix == ".photo" for path in images_there)

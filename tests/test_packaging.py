"""An installed wheel, not only the checkout, carries its migrations and resources and can migrate."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from diary.store.migrations import HEAD_REVISION
from tests.helpers.diaries import REPOSITORY


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPOSITORY),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("isodiary-*.whl")
    return built


def test_the_wheel_holds_migrations_resources_and_the_command(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "diary/alembic/env.py" in names
    assert "diary/alembic/versions/0001_diary.py" in names
    assert "diary/resources/demo-diary.json" in names
    assert not any(name.startswith("tests/") for name in names)
    metadata = next(name for name in names if name.endswith("entry_points.txt"))
    assert "isodiary = diary.cli:main" in zipfile.ZipFile(wheel).read(metadata).decode()


def test_the_installed_wheel_makes_and_checks_a_diary(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    code = (
        "import diary, diary.store.migrations as m, sys; "
        "print(diary.__file__); print(m.migrations_folder()); "
        "from diary.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--db", str(tmp_path / "d.sqlite3"), "--demo", "check"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    package_file, migrations, *report = result.stdout.splitlines()
    assert package_file.startswith(str(target))
    assert migrations.startswith(str(target))
    assert f"Schema revision: {HEAD_REVISION}" in report[1]

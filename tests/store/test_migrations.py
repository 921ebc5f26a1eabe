"""The schema is Alembic's: the revisions make exactly the tables the models describe."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.store import migrations
from diary.store.diary import Diary
from diary.store.models import Base


def test_the_known_head_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(migrations.migrations_folder())).get_current_head()
    assert head == migrations.HEAD_REVISION
    assert migrations.HEAD_REVISION in migrations.known_revisions()


def test_the_migrated_schema_matches_the_models(diary_path: Path) -> None:
    Diary.open(diary_path).close()
    engine = create_engine(f"sqlite:///{diary_path}", module=sqlite3)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_the_migrations_ship_inside_the_package_or_beside_it() -> None:
    folder = migrations.migrations_folder()
    assert (folder / "env.py").is_file()
    assert any((folder / "versions").glob("0001_*.py"))


def test_an_up_to_date_diary_opens_without_loading_alembic(diary_path: Path) -> None:
    import subprocess
    import sys

    Diary.open(diary_path).close()
    code = (
        "import sys; from diary.store.diary import Diary; "
        f"Diary.open({str(diary_path)!r}).close(); "
        "print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"

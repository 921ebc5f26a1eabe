"""The diary on disk: SQLite through SQLAlchemy, migrations, and import/export of files."""

"""Alembic's entry point: runs the revisions on the connection IsoDiary hands it (never its own)."""

from alembic import context

from diary.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters tables by copying them; batch mode does that for every revision.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()

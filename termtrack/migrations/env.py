"""Alembic environment: termtrack passes its engine in ``config.attributes['engine']``."""

from alembic import context

from termtrack.store import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic` run by hand: use TERMTRACK_DB / --db like the CLI
    from termtrack.store import make_engine

    engine = make_engine(None)

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()

"""Alembic environment: the engine comes from the caller (pos_app.storage.db)."""

from __future__ import annotations

from alembic import context

from pos_app.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from pos_app.storage.db import make_engine

        engine = make_engine(config.get_main_option("sqlalchemy.url", "").removeprefix("sqlite:///"))
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()

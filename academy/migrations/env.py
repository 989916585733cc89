"""Alembic environment: runs migrations on the connection the app hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import academy.models  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata
config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` command line: open our own connection
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as connection:
            _migrate(connection)
    else:
        _migrate(connection)


def _render_item(type_, obj, autogen_context):  # type: ignore[no-untyped-def]
    """Name our column types by their real modules in generated migrations."""
    if type_ == "type":
        if isinstance(obj, academy.models.UTCDateTime):
            return "academy.models.UTCDateTime()"
        if type(obj).__name__ == "AutoString":
            return f"sqlmodel.sql.sqltypes.AutoString(length={obj.length!r})"
    return False


def _migrate(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


run()

"""Where the database is, and the engine that talks to it.

``--db`` and ``$LICENSEAPP_DB`` take a file path (SQLite) or a SQLAlchemy URL; without
either, the SQLite file in the user data directory is used. SQLite runs with WAL, foreign
keys on and a busy timeout; its file is created readable by the user only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from licenseapp import paths
from licenseapp.errors import DatabaseError

ENV_VAR = "LICENSEAPP_DB"
SQLITE_BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class DatabaseLocation:
    """A resolved database: its SQLAlchemy URL and, for SQLite, the file."""

    url: str
    sqlite_path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def display(self) -> str:
        """The location for messages, without any password."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return make_url(self.url).render_as_string(hide_password=True)


def resolve(db: str | None) -> DatabaseLocation:
    """Turn ``--db`` / ``$LICENSEAPP_DB`` / the default into a location."""
    text = db or os.environ.get(ENV_VAR) or ""
    if not text.strip():
        path = paths.default_database_path()
        return DatabaseLocation(f"sqlite:///{path}", path)
    text = text.strip()
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        return DatabaseLocation(f"sqlite:///{path}", path)
    try:
        url = make_url(text)
    except ArgumentError:
        raise DatabaseError(f"{text!r} is neither a file path nor a database URL",
                            code="database_location") from None
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:"):
            return DatabaseLocation(text, None)
        return DatabaseLocation(text, Path(database).expanduser().resolve())
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        # psycopg 3 is the driver we ship; plain postgresql:// would look for psycopg2.
        text = url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    elif url.get_backend_name() != "postgresql":
        raise DatabaseError(
            f"{url.get_backend_name()} databases are not supported; use a file path "
            "(SQLite) or postgresql+psycopg://user@host/db", code="database_location",
        )
    return DatabaseLocation(text, None)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def create_private_file(path: Path) -> None:
    """Create an empty file readable and writable by its owner only (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def make_engine(location: DatabaseLocation) -> Engine:
    """The engine; statement parameters (names, passport numbers) never appear in errors."""
    if location.is_sqlite:
        if location.sqlite_path is not None and not location.sqlite_path.exists():
            try:
                create_private_file(location.sqlite_path)
            except OSError as exc:
                raise DatabaseError(
                    f"cannot create the database {location.sqlite_path}: {exc.strerror}"
                ) from None
        engine = create_engine(
            location.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        location.url, pool_pre_ping=True, pool_size=5, max_overflow=5, hide_parameters=True
    )

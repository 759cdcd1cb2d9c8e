"""Create, recognise and upgrade the database schema — only ever through Alembic.

Opening a database first looks at it without changing it: an empty database is created at
the newest schema; one of ours at an older schema is backed up (SQLite: a dated copy beside
it) and upgraded; a file that is not ours, or one written by a newer LicenseApp, is refused
with a clear message and left untouched.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from licenseapp import __version__
from licenseapp.errors import DatabaseError
from licenseapp.store import file_checks
from licenseapp.store.engine import DatabaseLocation
from licenseapp.store.sqlite_copy import copy_sqlite

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

#: The newest revision this program knows; a test keeps it equal to the scripts' head.
HEAD_REVISION = "0011_directive_orders"
SCRIPT_LOCATION = "licenseapp.store:migrations"
MARKER_KEY = "product"
MARKER_VALUE = "LicenseApp"
#: The LicenseApp version that last upgraded the schema: the version an older client needs.
NEEDS_VERSION_KEY = "needs_version"
SQLITE_HEADER = b"SQLite format 3\x00"


log = logging.getLogger(__name__)


class SchemaState(Enum):
    MISSING = "missing"  # no file yet, or an empty database
    CURRENT = "current"
    OLDER = "older"
    NEWER = "newer"
    FOREIGN = "foreign"


@dataclass(frozen=True)
class Inspection:
    state: SchemaState
    revision: str | None = None
    detail: str = ""
    #: The version that wrote the schema (``NEEDS_VERSION_KEY``), when it says.
    needs_version: str = ""


def _classify(tables: set[str], revision: str | None, marker: str | None,
              needs_version: str | None = None) -> Inspection:
    if not tables:
        return Inspection(SchemaState.MISSING)
    if "alembic_version" not in tables or "licenseapp_meta" not in tables or marker != MARKER_VALUE:
        shown = ", ".join(sorted(tables)[:5])
        return Inspection(SchemaState.FOREIGN, detail=f"it holds other tables ({shown})")
    if revision == HEAD_REVISION:
        return Inspection(SchemaState.CURRENT, revision)
    if revision is not None and revision in known_revisions():
        return Inspection(SchemaState.OLDER, revision)
    return Inspection(SchemaState.NEWER, revision, needs_version=needs_version or "")


def inspect_sqlite_file(path: Path) -> Inspection:
    """Look at a SQLite file read-only: nothing is written, not even a journal mode."""
    if not path.exists() or path.stat().st_size == 0:
        return Inspection(SchemaState.MISSING)
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(file_checks.os_error_message(exc, path)) from None
    if header != SQLITE_HEADER:
        return Inspection(SchemaState.FOREIGN, detail="it is not an SQLite database file")
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open the database {path}: {exc}") from None
    try:
        tables = {
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not row[0].startswith("sqlite_")
        }
        revision = marker = needs = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        if "licenseapp_meta" in tables:
            row = conn.execute(
                "SELECT value FROM licenseapp_meta WHERE key = ?", (MARKER_KEY,)
            ).fetchone()
            marker = row[0] if row else None
            row = conn.execute(
                "SELECT value FROM licenseapp_meta WHERE key = ?", (NEEDS_VERSION_KEY,)
            ).fetchone()
            needs = row[0] if row else None
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # An SQLite file that SQLite cannot read is damaged (or cannot be written beside).
        raise file_checks.read_failure(path, exc) from None
    finally:
        conn.close()
    return _classify(tables, revision, marker, needs)


def inspect_engine(engine: Engine) -> Inspection:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = marker = needs = None
        if "alembic_version" in tables:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if "licenseapp_meta" in tables:
            marker, needs = (conn.execute(
                text("SELECT value FROM licenseapp_meta WHERE key = :k"), {"k": key}
            ).scalar() for key in (MARKER_KEY, NEEDS_VERSION_KEY))
    return _classify(tables, revision, marker, needs)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def script_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def backup_sqlite(path: Path, now: datetime | None = None) -> Path:
    """A consistent, dated copy of a SQLite database beside it (the online backup API)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    # Written to a hidden 0600 file beside it and renamed only once complete: a crash never
    # leaves a partial copy under the dated name, nor one others could read.
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".bak-part", dir=path.parent)
    os.close(fd)
    partial = Path(name)
    try:
        copy_sqlite(path, partial)
        fd = os.open(partial, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, Path(f"{partial}-journal"), Path(f"{partial}-wal")):
            leftover.unlink(missing_ok=True)
        raise
    return target


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run the migrations up to ``target`` and stamp the database as ours."""
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), target)
        exists = conn.execute(
            text("SELECT value FROM licenseapp_meta WHERE key = :k"), {"k": MARKER_KEY}
        ).scalar()
        if exists is None:
            conn.execute(
                text("INSERT INTO licenseapp_meta (key, value) VALUES (:k, :v)"),
                [
                    {"k": MARKER_KEY, "v": MARKER_VALUE},
                    {"k": "created_with", "v": __version__},
                    {"k": "created_at", "v": datetime.now(UTC).isoformat(timespec="seconds")},
                ],
            )
        # Whoever opens it with an older LicenseApp is told which version to install.
        conn.execute(text("DELETE FROM licenseapp_meta WHERE key = :k"), {"k": NEEDS_VERSION_KEY})
        conn.execute(text("INSERT INTO licenseapp_meta (key, value) VALUES (:k, :v)"),
                     {"k": NEEDS_VERSION_KEY, "v": __version__})


def refusal(location: DatabaseLocation, found: Inspection) -> DatabaseError:
    """Why a database that is not ours, or is newer, is not opened (code ``foreign_database``
    or ``newer_database``)."""
    if found.state is SchemaState.FOREIGN:
        return DatabaseError(
            f"{location.display} is not a LicenseApp database ({found.detail}); "
            "it was left untouched.", code="foreign_database",
        )
    needed = (f"LicenseApp {found.needs_version} or later" if found.needs_version
              else "the newer LicenseApp")
    return DatabaseError(
        f"{location.display} was upgraded by a newer version of LicenseApp (schema "
        f"{found.revision}); this is version {__version__}, which knows up to "
        f"{HEAD_REVISION}. It was left untouched: install {needed} to open it.",
        code="newer_database",
    )


def older_team_schema(location: DatabaseLocation, found: Inspection) -> DatabaseError:
    """Why a team's database at an older schema is not upgraded by whoever opens it."""
    return DatabaseError(
        f"{location.display} is at an older schema ({found.revision}) than this version "
        f"{__version__} needs ({HEAD_REVISION}); on a team's server only the administrator "
        "upgrades it, after a backup: ask them to upgrade the database to LicenseApp "
        f"{__version__}.", code="older_team_database",
    )


def precheck(location: DatabaseLocation) -> Inspection:
    """For SQLite, look at the file before any engine touches it; refuse what is not ours."""
    if location.sqlite_path is None:
        return Inspection(SchemaState.MISSING)
    found = inspect_sqlite_file(location.sqlite_path)
    if found.state in (SchemaState.FOREIGN, SchemaState.NEWER):
        raise refusal(location, found)
    return found


def ensure_schema(location: DatabaseLocation, engine: Engine) -> Inspection:
    """Bring the database to the newest schema, backing SQLite up before an upgrade."""
    found = inspect_engine(engine)
    if found.state in (SchemaState.FOREIGN, SchemaState.NEWER):
        raise refusal(location, found)
    if found.state is SchemaState.CURRENT:
        return found
    if found.state is SchemaState.OLDER and location.sqlite_path is None:
        from licenseapp.store.team_roles import is_team_database

        with engine.connect() as conn:
            if is_team_database(conn):
                raise older_team_schema(location, found)
    if found.state is SchemaState.OLDER and location.sqlite_path is not None:
        saved = backup_sqlite(location.sqlite_path)
        log.info("backed the database up to %s before upgrading it", saved)
    log.info("schema %s → %s", found.revision or "(empty)", HEAD_REVISION)
    upgrade(engine)
    return found

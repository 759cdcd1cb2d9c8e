"""Administering a team's PostgreSQL database: set it up, add people, list them, upgrade it.

Set-up is the server superuser's (it creates roles); the rest is the administrator's (a
login in the administrator group). Only an upgrade changes the schema on a team's server, and
only after a backup it takes itself with ``pg_dump`` (LicenseApp's own archive is written in
the new schema, so it cannot hold the old one); without one, nothing changes. Desktops never
upgrade a team's database.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from licenseapp import __version__, paths
from licenseapp.domain.roles import Role
from licenseapp.errors import DatabaseError, LicenseAppError
from licenseapp.services.team.permissions import NotPermitted
from licenseapp.store import migrate, team_roles
from licenseapp.store.engine import DatabaseLocation, resolve

log = logging.getLogger(__name__)

_LOGIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$")


def _server(db_arg: str | None) -> DatabaseLocation:
    location = resolve(db_arg)
    if location.is_sqlite:
        raise LicenseAppError(
            "a team works on a PostgreSQL database; a SQLite file belongs to one person, who "
            "holds every role", code="not_a_team_server")
    return location


@contextmanager
def _engine(location: DatabaseLocation, *, as_owner: bool = False) -> Iterator[Engine]:
    """An engine for administration; ``as_owner`` acts as the tables' owner (SET ROLE)."""
    args = {"options": f"-c role={team_roles.OWNER}"} if as_owner else {}
    engine = create_engine(location.url, connect_args=args, poolclass=NullPool,
                           hide_parameters=True)
    try:
        yield engine
    finally:
        engine.dispose()


def _owner_steps(location: DatabaseLocation, target: str = "head") -> None:
    """Schema, server rules and grants, as the owner role."""
    with _engine(location, as_owner=True) as owner:
        migrate.upgrade(owner, target)
        with owner.begin() as conn:
            team_roles.install_server_rules(conn)
            team_roles.apply_grants(conn)


@dataclass(frozen=True)
class SetupResult:
    display: str
    roles_created: tuple[str, ...]
    revision: str


def setup(db_arg: str | None, *, target: str = "head") -> SetupResult:
    """Roles, schema, server rules and grants on an empty database. A LicenseApp database one
    person used so far (at this version's schema) is taken over: its tables pass to the owner
    role, its history kept. On a team's own database the rules and grants are re-applied."""
    location = _server(db_arg)
    with _engine(location) as engine:
        with engine.begin() as conn:
            if not team_roles.is_superuser(conn):
                raise NotPermitted(
                    "setting a team's database up creates roles: connect as the server's "
                    "superuser (e.g. postgres)")
        found = migrate.inspect_engine(engine)
        if found.state in (migrate.SchemaState.NEWER, migrate.SchemaState.FOREIGN):
            raise migrate.refusal(location, found)
        if found.state is migrate.SchemaState.OLDER:
            raise LicenseAppError(
                f"{location.display} is at an older schema ({found.revision}); open it once "
                "with this version to upgrade it, then set it up for the team",
                code="older_database")
        with engine.begin() as conn:
            made = team_roles.create_roles(conn)
            if found.state is migrate.SchemaState.CURRENT:
                team_roles.take_over(conn)
    _owner_steps(location, target)
    log.info("team database set up at %s", location.display)
    return SetupResult(location.display, tuple(made),
                       migrate.HEAD_REVISION if target == "head" else target)


def _administrator(conn: Connection, doing: str) -> None:
    if not team_roles.may_administer(conn):
        raise NotPermitted(f"only the administrator may {doing}")
    if not team_roles.is_team_database(conn):
        raise LicenseAppError(
            "this database is not set up for a team yet; the server's superuser sets it up "
            "first", code="not_a_team_database")


def add_user(db_arg: str | None, name: str, role: Role) -> bool:
    """Give ``name`` a login with ``role``; True when the login was created."""
    if not _LOGIN_NAME.match(name):
        raise LicenseAppError(
            f"{name!r} cannot be a login name: use letters, digits, '_', '.', '@' or '-', "
            "starting with a letter", code="login_name")
    with _engine(_server(db_arg)) as engine, engine.begin() as conn:
        _administrator(conn, "add people to the team")
        return team_roles.add_login(conn, name, role)


def team_members(db_arg: str | None) -> dict[str, set[Role]]:
    with _engine(_server(db_arg)) as engine, engine.begin() as conn:
        if not team_roles.is_team_database(conn):
            raise LicenseAppError("this database is not set up for a team yet",
                                  code="not_a_team_database")
        return team_roles.members(conn)


@dataclass(frozen=True)
class UpgradeResult:
    display: str
    from_revision: str | None
    to_revision: str
    #: The pg_dump taken first (None: the schema was current, nothing was done).
    backup: Path | None


def upgrade(db_arg: str | None, *, backup_dir: Path | None = None,
            target: str = "head") -> UpgradeResult:
    """Back the team's database up, then bring it to this version's schema."""
    location = _server(db_arg)
    with _engine(location) as engine:
        with engine.begin() as conn:
            _administrator(conn, "upgrade a team's database")
        found = migrate.inspect_engine(engine)
        if found.state in (migrate.SchemaState.NEWER, migrate.SchemaState.FOREIGN):
            raise migrate.refusal(location, found)
        if found.state is migrate.SchemaState.CURRENT:
            return UpgradeResult(location.display, found.revision, migrate.HEAD_REVISION,
                                 None)
        saved = _backup(location, backup_dir or paths.user_data_dir() / "backups")
    _owner_steps(location, target)
    log.info("upgraded %s from %s after a backup to %s", location.display, found.revision,
             saved)
    return UpgradeResult(location.display, found.revision,
                         migrate.HEAD_REVISION if target == "head" else target, saved)


def _backup(location: DatabaseLocation, folder: Path) -> Path:
    """A ``pg_dump`` of the whole database, or the upgrade does not happen.

    LicenseApp's own archive is written in this version's schema, so it cannot hold a
    database still at an older one: the server's own tool is the backup here."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = make_url(location.url).database or "licenseapp"
    pg_dump = shutil.which("pg_dump")
    advice = ("install the PostgreSQL client tools (pg_dump, of the server's version or "
              "newer) on this computer and upgrade again")
    if not pg_dump:
        raise DatabaseError(
            f"no backup of {location.display} could be taken before the upgrade: pg_dump is "
            f"not installed. Nothing was changed; {advice}", code="no_backup")
    target = folder / f"{name}-{stamp}-before-{__version__}.dump"
    libpq = make_url(location.url).set(drivername="postgresql").render_as_string(
        hide_password=False)
    done = subprocess.run(
        [pg_dump, "-Fc", "-w", "-f", str(target), libpq],  # custom format, never prompt
        capture_output=True, text=True, check=False)
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        said = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "it failed"
        raise DatabaseError(
            f"no backup of {location.display} could be taken before the upgrade (pg_dump: "
            f"{said}). Nothing was changed; {advice}", code="no_backup")
    target.chmod(0o600)
    return target


__all__ = ["SetupResult", "UpgradeResult", "add_user", "setup", "team_members", "upgrade"]

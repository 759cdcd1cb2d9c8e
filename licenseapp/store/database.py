"""An open database: engine, session factory and the unit of work — and who acts through it.

The handle carries the acting user and the clock its front end chose when it started
(:class:`licenseapp.context.AppContext`): services record ``db.actor`` on what they write
and read ``db.clock`` for "now", so neither is looked up at some depth of the code.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from licenseapp import config
from licenseapp.domain.wall_clock import SYSTEM_CLOCK, Clock
from licenseapp.errors import DatabaseError
from licenseapp.store import audit, file_checks, migrate, seals, team_roles
from licenseapp.store.engine import DatabaseLocation, make_engine, resolve

log = logging.getLogger(__name__)

_ACTOR = "licenseapp_actor"
_CLOCK = "licenseapp_clock"


def actor_of(session: Session) -> str:
    """Who acts through ``session`` (a session of a :class:`Database`: its ``actor``)."""
    return str(session.info[_ACTOR])


def clock_of(session: Session) -> Clock:
    """The clock of the :class:`Database` ``session`` belongs to."""
    clock: Clock = session.info[_CLOCK]
    return clock


class Database:
    """One database the program works on. Build it with :func:`open_database`.

    ``actor``: who is acting (recorded on every event written through this handle);
    ``clock``: what time it is for the services using it."""

    def __init__(self, location: DatabaseLocation, engine: Engine, *, actor: str,
                 clock: Clock = SYSTEM_CLOCK, identity: team_roles.Identity | None = None) -> None:
        self.location = location
        self.engine = engine
        self.actor = actor
        #: The person's roles, and whether a team's four-eyes rules apply (team_roles).
        self.identity = identity or team_roles.working_alone(actor)
        self.clock = clock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        seals.install(self._sessions)
        audit.install(self._sessions)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One user action: everything commits together or nothing does."""
        session = self._session()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading; closing it ends its transaction without committing.

        Objects loaded keep their loaded attributes afterwards (close detaches without
        expiring them), so plain values can be read once the session is gone.
        """
        session = self._session()
        try:
            yield session
        finally:
            session.close()

    def _session(self) -> Session:
        # Code given a session rather than the database finds these there (:func:`actor_of`).
        return self._sessions(info={_ACTOR: self.actor, _CLOCK: self.clock})

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(db: str | None = None, *, upgrade: bool = True,
                  new_folders: bool = True, actor: str | None = None,
                  clock: Clock = SYSTEM_CLOCK) -> Database:
    """Open (creating or upgrading if needed) the database named by ``--db``/env/default.

    ``new_folders=False`` refuses a SQLite path in a folder that does not exist (a typo)
    instead of creating the folders and a new empty database there. ``actor`` and
    ``clock`` go on the handle; the front ends pass their context's
    (:meth:`licenseapp.context.AppContext.open_database`), and a script or test that
    gives no actor acts as :func:`licenseapp.config.acting_user`.
    """
    location = resolve(db)
    if location.sqlite_path is not None:
        file_checks.check_path(location.sqlite_path, new_folders=new_folders)
    migrate.precheck(location)
    engine = make_engine(location)
    try:
        if upgrade:
            migrate.ensure_schema(location, engine)
        else:
            found = migrate.inspect_engine(engine)
            if found.state is not migrate.SchemaState.CURRENT:
                raise DatabaseError(
                    f"{location.display} has no LicenseApp schema yet; create it first",
                    code="no_schema",
                )
    except SADatabaseError as exc:
        engine.dispose()
        if location.sqlite_path is not None and isinstance(exc.orig, sqlite3.Error):
            raise file_checks.read_failure(location.sqlite_path, exc.orig) from None
        if not isinstance(exc, OperationalError):
            raise
        raise DatabaseError(
            f"cannot open the database {location.display}: {_first_line(exc)}"
        ) from None
    except BaseException:
        engine.dispose()
        raise
    # On a team's PostgreSQL database the login is who acts, whatever the front end says.
    identity = team_roles.identify(engine, actor or config.acting_user())
    database = Database(location, engine, actor=identity.actor, clock=clock, identity=identity)
    log.debug("opened the %s database %s", engine.dialect.name, location.display)
    return database


def _first_line(exc: OperationalError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc).splitlines()[0]

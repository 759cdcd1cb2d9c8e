"""What a front end decides once, when it starts, and passes down: who is acting, what time
it is, which database, and where the person's own settings are.

Built by each composition root — the desktop app (:func:`licenseapp.gui.app.start`) and the
command line (:func:`licenseapp.cli.main.main`) — and nowhere else. A database opened
through it (:meth:`AppContext.open_database`) carries the actor and the clock to the
services, which read ``db.actor`` and ``db.clock`` from the handle they are given; team
settings are read from that database (:mod:`licenseapp.services.team_settings`), personal
ones through :attr:`AppContext.personal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from licenseapp import config
from licenseapp.domain.settings import Setting, V
from licenseapp.domain.wall_clock import SYSTEM_CLOCK, Clock
from licenseapp.errors import LicenseAppError

if TYPE_CHECKING:
    from licenseapp.store.database import Database


class PersonalSettings(Protocol):
    """Where one person's settings are kept (the desktop app's: :mod:`licenseapp.gui.settings`)."""

    def value(self, setting: Setting[V]) -> V: ...

    def set_value(self, setting: Setting[V], value: V) -> None: ...


class DefaultsOnly:
    """No personal settings kept (the command line): every one has its default."""

    def value(self, setting: Setting[V]) -> V:
        return setting.default

    def set_value(self, setting: Setting[V], value: V) -> None:
        raise LicenseAppError(f"{setting.label} is kept by the desktop app, on each computer")

    def __repr__(self) -> str:
        return "DefaultsOnly()"


DEFAULTS_ONLY = DefaultsOnly()


@dataclass(frozen=True)
class AppContext:
    #: Who is acting: recorded on every event (the login; see :mod:`licenseapp.config`).
    actor: str
    clock: Clock = SYSTEM_CLOCK
    #: The database as ``--db`` named it (None: ``$LICENSEAPP_DB``, then the default file).
    db_arg: str | None = None
    personal: PersonalSettings = DEFAULTS_ONLY

    @classmethod
    def from_environment(
        cls, db_arg: str | None = None, *, personal: PersonalSettings = DEFAULTS_ONLY,
        environ: Mapping[str, str] | None = None,
    ) -> AppContext:
        """The context of a run started by this person on this computer, now."""
        return cls(config.acting_user(environ), SYSTEM_CLOCK, db_arg, personal)

    def open_database(self, db_arg: str | None, *, upgrade: bool = True,
                      new_folders: bool = True) -> Database:
        """Open ``db_arg`` (``--db``, or one chosen later; None: ``$LICENSEAPP_DB``, then
        the default file) for this actor, with this clock."""
        from licenseapp.services.period_corrections import install_period_corrections
        from licenseapp.store.database import open_database

        db = open_database(db_arg, upgrade=upgrade, new_folders=new_folders,
                           actor=self.actor, clock=self.clock)
        install_period_corrections(db)  # the team's figures for unconfirmed periods
        return db

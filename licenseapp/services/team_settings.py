"""Team settings: kept in the database, so the command line, the desktop app and every
colleague using it agree (:mod:`licenseapp.domain.settings` declares them).

A setting never changed has its declared default (there is no row). A change is one unit of
work with its audit entry — who, when, old → new — and refused, with the setting named in
words and what it can be, when the value is not one it can take.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from licenseapp.domain.days import local_day
from licenseapp.domain.settings import (
    TEAM_SETTINGS,
    InvalidSetting,
    NumberSetting,
    Scope,
    Setting,
    TextSetting,
    V,
    find_setting,
)
from licenseapp.errors import ConflictError
from licenseapp.services.changes import NOTHING, Changes, Kind
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import TeamSetting

log = logging.getLogger(__name__)

AnySetting = NumberSetting | TextSetting


@dataclass(frozen=True)
class TeamSettingValue:
    """A team setting as it stands: its value, and where that comes from."""

    setting: AnySetting
    value: int | str
    #: Who set it last and when (empty and None: never set, the default applies).
    changed_by: str = ""
    changed_at: datetime | None = None
    #: Why a stored value was not used (it is not one the setting can take); "" if none.
    problem: str = ""

    @property
    def source(self) -> str:
        """ "database" (set by someone) or "default" (never set, or set to what it cannot be)."""
        return "database" if self.changed_at is not None and not self.problem else "default"

    @property
    def shown(self) -> str:
        return self.setting.show(self.value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class TeamSettingChange:
    """What :func:`change_team_setting` did (``before == after``: nothing to change)."""

    setting: AnySetting
    before: int | str
    after: int | str
    actor: str
    at: datetime
    changes: Changes = NOTHING

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def describe(self) -> str:
        """ "License renewal window: 60 days → 90 days"."""
        show = self.setting.show
        return f"{self.setting.label}: {show(self.before)} → {show(self.after)}"  # type: ignore[arg-type]


def _stored(session: Session, setting: AnySetting) -> TeamSettingValue:
    row = session.get(TeamSetting, setting.name)
    if row is None:
        return TeamSettingValue(setting, setting.default)
    try:
        value: int | str = setting.parse(row.value)
    except InvalidSetting as exc:
        log.warning("team setting %s: stored value not used (%s)", setting.name, exc.message)
        return TeamSettingValue(setting, setting.default, row.changed_by, row.changed_at,
                                problem=exc.message)
    return TeamSettingValue(setting, value, row.changed_by, row.changed_at)


def team_value(session: Session, setting: Setting[V]) -> V:
    """``setting``'s value, read in the caller's unit of work (its default if never set)."""
    if setting.scope is not Scope.TEAM:
        raise ValueError(f"{setting.name} is not a team setting")
    found = _stored(session, setting)  # type: ignore[arg-type]
    return found.value  # type: ignore[return-value]


def team_setting(db: Database, setting: Setting[V]) -> V:
    """``setting``'s value in ``db`` (its default if never set)."""
    with db.reading() as session:
        return team_value(session, setting)


def read_team_settings(db: Database) -> list[TeamSettingValue]:
    """Every team setting with its value and where it comes from, in declaration order."""
    with db.reading() as session:
        return [_stored(session, setting) for setting in TEAM_SETTINGS]


def change_team_setting(
    db: Database, name: str, value: int | str, *, expected: int | str | None = None,
) -> TeamSettingChange:
    """Set the team setting ``name`` to ``value`` (text is read as the setting reads it).

    ``expected``: the value the person saw when deciding; if someone changed it since, the
    change is refused (nothing is overwritten unseen)."""
    setting = find_setting(name, Scope.TEAM)
    new = setting.parse(str(value))
    now = db.clock.now().replace(microsecond=0)
    with db.unit_of_work() as session:
        current = _stored(session, setting)
        if expected is not None and current.value != expected:
            who = f" by {current.changed_by}" if current.changed_by else ""
            when = f" on {local_day(current.changed_at).isoformat()}" \
                if current.changed_at else ""
            raise ConflictError(
                f"{setting.label} was changed to {current.shown}{who}{when} meanwhile; "
                "nothing was changed. Look at it again before changing it.")
        if current.value == new and not current.problem:
            return TeamSettingChange(setting, new, new, db.actor, now)
        row = session.get(TeamSetting, setting.name)
        if row is None:
            row = TeamSetting(name=setting.name)
            session.add(row)
        row.value = setting.to_text(new)  # type: ignore[arg-type]
        row.changed_at, row.changed_by = now, db.actor
        session.flush()
        result = TeamSettingChange(
            setting, current.value, new, db.actor, now,
            Changes.of(Kind.SETTINGS, [setting.name])
            | Changes.all_of(*(Kind(kind) for kind in setting.affects)))
        audit.record(session, actor=db.actor, action="setting_change", entity="team_setting",
                     entity_id=setting.name, summary=result.describe(),
                     before={"value": current.value, "source": current.source},
                     after={"value": new}, at=now)
        log.info("team setting %s changed", setting.name)
        return result


__all__ = ["TeamSettingChange", "TeamSettingValue", "change_team_setting",
           "read_team_settings", "team_setting", "team_value"]

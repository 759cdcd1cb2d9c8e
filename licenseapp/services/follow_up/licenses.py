"""Issued licenses for the "Licenses & deadlines" screen: who holds what, until when.

Each license's state on the day is worked out by the domain's one rule
(:func:`licenseapp.domain.licenses.license_state`), with the team's renewal window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from licenseapp.domain.enums import LicenseState
from licenseapp.domain.licenses import license_state
from licenseapp.domain.settings import RENEWAL_WINDOW_DAYS
from licenseapp.services.team_settings import team_value
from licenseapp.store.database import Database
from licenseapp.store.models import Application, License, Person


@dataclass(frozen=True)
class ConditionLine:
    kind: str  # "condition" (binding) or "rider" (explanatory)
    position: int
    text: str
    anniversary_report: bool


@dataclass(frozen=True)
class LicenseRow:
    license_id: int
    number: str
    application_ref: str
    application_status: str
    regulator: str
    person_ref: str
    person_name: str
    native_name: str
    state: LicenseState
    recorded_state: str
    state_reason: str
    issued_on: date
    valid_from: date
    valid_until: date
    days_left: int
    conditions: tuple[ConditionLine, ...]

    @property
    def condition_count(self) -> int:
        """Binding conditions only (riders explain, they do not bind)."""
        return sum(1 for c in self.conditions if c.kind != "rider")

    @property
    def rider_count(self) -> int:
        return sum(1 for c in self.conditions if c.kind == "rider")


def list_licenses(
    db: Database, today: date | None = None, *,
    renewal_window_days: int | None = None,
) -> list[LicenseRow]:
    """Every issued license with its state on ``today``, soonest expiry first (the renewal
    window: the team's setting unless ``renewal_window_days``)."""
    today = today or db.clock.today()
    rows: list[LicenseRow] = []
    with db.reading() as session:
        if renewal_window_days is None:
            renewal_window_days = team_value(session, RENEWAL_WINDOW_DAYS)
        found = session.execute(
            select(License, Application.ref, Application.status, Application.regulator_code,
                   Person.ref, Person.given_name, Person.family_name, Person.native_name)
            .join(Application, Application.id == License.application_id)
            .outerjoin(Person, Person.id == Application.person_id)
            .order_by(License.expires_on, License.number)
            .options(selectinload(License.conditions))
        )
        for lic, ref, status, regulator, person_ref, given, family, native in found:
            rows.append(LicenseRow(
                license_id=lic.id, number=lic.number, application_ref=ref,
                application_status=status, regulator=regulator,
                person_ref=person_ref or "",
                person_name=f"{given or ''} {family or ''}".strip(),
                native_name=native or "",
                state=license_state(lic.state, lic.expires_on, today, renewal_window_days),
                recorded_state=lic.state, state_reason=lic.state_reason or "",
                issued_on=lic.issued_on, valid_from=lic.valid_from or lic.issued_on,
                valid_until=lic.expires_on, days_left=(lic.expires_on - today).days,
                conditions=tuple(
                    ConditionLine(c.kind, c.position, c.text, c.anniversary_report)
                    for c in lic.conditions
                ),
            ))
    return rows


__all__ = ["ConditionLine", "LicenseRow", "LicenseState", "license_state", "list_licenses"]

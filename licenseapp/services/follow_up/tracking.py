"""Recording what the regulator did: status changes, guarded by the regulator's lifecycle."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from licenseapp.domain import validators
from licenseapp.domain.counted import counted
from licenseapp.domain.days import local_day, moment_of_day
from licenseapp.domain.enums import (
    LICENSE_ACTION_STATUSES,
    LICENSED_STATUSES,
    ApplicationStatus,
)
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.text_limits import column_problem
from licenseapp.errors import LicenseAppError, ValidationError
from licenseapp.services.changes import NOTHING, Changes, application_changes
from licenseapp.services.lookup import application_by_ref
from licenseapp.services.team import four_eyes
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import License, StatusEvent

if TYPE_CHECKING:
    from licenseapp.domain.checker import Finding

log = logging.getLogger(__name__)

_DECIDED = LICENSED_STATUSES | {
    ApplicationStatus.DENIED,
    ApplicationStatus.RETURNED_WITHOUT_ACTION,
    ApplicationStatus.LICENSE_NOT_REQUIRED,
}


@dataclass(frozen=True)
class StatusChange:
    """What the user asks to record."""

    ref: str
    target: ApplicationStatus
    regulator_ref: str | None = None
    license_no: str | None = None
    valid_until: date | None = None
    on: date | None = None
    note: str = ""
    #: "Ready to file" with warnings left needs the user's explicit acknowledgement.
    acknowledge_warnings: bool = False


@dataclass(frozen=True)
class StatusChangeResult:
    ref: str
    from_status: ApplicationStatus
    to_status: ApplicationStatus
    occurred_at: datetime
    actor: str
    license_no: str | None
    #: The application's row and deadlines, and its license when one was issued.
    changes: Changes = NOTHING


def _moment(on: date | None, now: datetime) -> datetime:
    """When the change happened: now, or the given (local) day."""
    return now if on is None else moment_of_day(on, now)


class NotReadyToFile(LicenseAppError):
    """"Ready to file" refused: the completeness check finds ``errors`` (in words)."""

    code = "errors_remain"

    def __init__(self, ref: str, errors: list[str]) -> None:
        listed = "; ".join(errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        super().__init__(
            f"{ref} is not ready to file: {counted(len(errors), 'error')} "
            f"{'remains' if len(errors) == 1 else 'remain'} — {listed}{more}. "
            "The completeness check lists each with its fix")
        self.ref = ref
        self.errors = tuple(errors)


class WarningsNeedAcknowledgement(LicenseAppError):
    """"Ready to file" refused until the user acknowledges the checker's ``warnings`` (in
    words): asking again with ``field`` (:attr:`StatusChange.acknowledge_warnings`) set
    records the acknowledgement."""

    code = "warnings_need_acknowledgement"
    field = "acknowledge_warnings"

    def __init__(self, ref: str, warnings: list[str]) -> None:
        super().__init__(
            f"{ref} has {counted(len(warnings), 'warning')} (e.g. {warnings[0]}); "
            "acknowledge them to mark it ready to file")
        self.ref = ref
        self.warnings = tuple(warnings)


def _check_texts(*values: tuple[str, str, str, str, str | None]) -> None:
    """Typed text within what both databases store (field id, the field in words, table,
    column, value)."""
    for field, words, table, column, value in values:
        problem = column_problem(table, column, value.strip() if value else value)
        if problem:
            raise ValidationError(field, f"{words} {problem}")


def change_status(
    db: Database, change: StatusChange, *, actor: str | None = None, now: datetime | None = None
) -> StatusChangeResult:
    """Record one status change, all or nothing; refused with the reason if not allowed."""
    actor = actor or db.actor
    now = now or db.clock.now()
    _check_texts(("regulator_ref", "the regulator's reference", "applications",
                  "regulator_ref", change.regulator_ref),
                 ("license_number", "the license number", "licenses", "number",
                  change.license_no),
                 ("note", "the note", "status_events", "note", change.note))
    with db.unit_of_work() as session:
        app = application_by_ref(session, change.ref)
        cycle = lifecycle(app.regulator_code)
        current = ApplicationStatus(app.status)
        provided = {
            name
            for name, value in (
                ("regulator_ref", change.regulator_ref or app.regulator_ref),
                ("license_no", change.license_no),
                ("valid_until", change.valid_until),
            )
            if value
        }
        four_eyes.check_change(db, app, change.target)  # roles, and a second pair of eyes
        cycle.check(current, change.target, provided)
        acknowledged: list[str] = []
        if change.target is ApplicationStatus.READY:
            acknowledged = _ready_to_file_gate(db, app.ref, change, local_day(now))
        elif change.target is ApplicationStatus.SUBMITTED:  # what is filed passes the same gate
            _refuse_errors(db, app.ref, local_day(now))
        regulator_ref = app.regulator_ref
        if change.regulator_ref:
            regulator_ref = (
                validators.acn(change.regulator_ref, "regulator_ref")
                if cycle.regulator_ref_format == "acn"
                else change.regulator_ref.strip()
            )
        occurred = _moment(change.on, now)
        day = local_day(occurred)
        if occurred > now:
            raise ValidationError("change_date", "a status change cannot be recorded in the future")
        last = max((e.occurred_at for e in app.events), default=None)
        if last is not None and day < local_day(last):
            raise ValidationError(
                "change_date",
                f"{day} is before the last recorded change ({local_day(last)}); "
                "history is recorded in order",
            )
        if last is not None and occurred < last:
            occurred = last  # the same day as the last change: it comes after it
        if change.target in LICENSED_STATUSES:
            assert change.valid_until is not None and change.license_no
            if change.valid_until <= day:
                raise ValidationError("valid_until", "the license must expire after it is issued")
        before = {"status": app.status, "regulator_ref": app.regulator_ref}
        session.add(
            StatusEvent(
                application_id=app.id,
                kind="status",
                from_status=current.value,
                to_status=change.target.value,
                occurred_at=occurred,
                recorded_at=now,
                actor=actor,
                note=change.note.strip(),
                reference=(change.license_no or change.regulator_ref or "").strip(),
            )
        )
        app.status = change.target.value
        app.status_changed_at = occurred
        if acknowledged:
            app.acknowledged_warnings = json.dumps(acknowledged, ensure_ascii=False)
        app.regulator_ref = regulator_ref
        packet_sha256 = ""
        if change.target is ApplicationStatus.SUBMITTED:
            from licenseapp.services.output.filing import snapshot_packet

            app.submitted_on = day
            packet_sha256 = snapshot_packet(session, db, app, actor)
            four_eyes.check_filed_packet(app, packet_sha256)
        if change.target is ApplicationStatus.REGISTERED and app.registered_on is None:
            app.registered_on = day
        if change.target in _DECIDED:
            app.decided_on = day
        if change.target in LICENSE_ACTION_STATUSES:  # suspended, revoked, surrendered
            for held in session.scalars(select(License).where(
                    License.application_id == app.id, License.state != "revoked")):
                held.state = LICENSE_ACTION_STATUSES[change.target]
                held.state_reason = change.note.strip()
        if change.target in LICENSED_STATUSES:
            assert change.license_no and change.valid_until
            session.add(
                License(
                    application_id=app.id,
                    number=change.license_no.strip(),
                    issued_on=day,
                    valid_from=day,
                    expires_on=change.valid_until,
                    state="active",
                )
            )
        session.flush()
        audit.record(
            session, actor=actor, action="status", entity="application", entity_id=app.ref,
            summary=f"{current.value} → {change.target.value}",
            before=before,
            after={"status": app.status, "regulator_ref": app.regulator_ref,
                   "license_no": change.license_no, "note": change.note.strip(),
                   "acknowledged_warnings": acknowledged, "packet_sha256": packet_sha256},
            at=now,
        )
        log.info("%s: %s → %s", app.ref, current.value, change.target.value)
        return StatusChangeResult(
            app.ref, current, change.target, occurred, actor, change.license_no,
            application_changes([app.ref], license_changed=change.target in LICENSED_STATUSES
                                or change.target in LICENSE_ACTION_STATUSES),
        )


def _refuse_errors(db: Database, ref: str, today: date) -> list[Finding]:
    """The checker's findings; :class:`NotReadyToFile` while any is an error. The one gate
    of "ready to file" and "submitted": nothing with errors is marked either."""
    from licenseapp.domain.checker import errors
    from licenseapp.domain.checker.headline import headline
    from licenseapp.services.drafts.checking import check_application

    findings = check_application(db, ref, today)
    blocking = errors(findings)
    if blocking:
        raise NotReadyToFile(ref, [headline(f) for f in blocking])
    return findings


def _ready_to_file_gate(db: Database, ref: str, change: StatusChange, today: date) -> list[str]:
    """Refuse "ready to file" while errors remain; warnings need an acknowledgement."""
    from licenseapp.domain.checker import warnings
    from licenseapp.domain.checker.headline import headline

    open_warnings = warnings(_refuse_errors(db, ref, today))
    if open_warnings and not change.acknowledge_warnings:
        raise WarningsNeedAcknowledgement(ref, [headline(f) for f in open_warnings])
    return [f.key for f in open_warnings]


def reassign(
    db: Database, ref: str, owner: str, *, note: str = "", actor: str | None = None,
    now: datetime | None = None,
) -> StatusChangeResult:
    """Give an application to another owner; the handover is an event in its history."""
    actor = actor or db.actor
    now = now or db.clock.now()
    owner = owner.strip()
    if not owner:
        raise ValidationError("owner", "name the user who takes the application over")
    _check_texts(("owner", "the owner", "applications", "owner", owner),
                 ("note", "the note", "status_events", "note", note))
    with db.unit_of_work() as session:
        app = application_by_ref(session, ref)
        if app.owner == owner:
            raise ValidationError("owner", f"{app.ref} is already owned by {owner}")
        previous = app.owner
        status = ApplicationStatus(app.status)
        session.add(StatusEvent(
            application_id=app.id, kind="reassign", from_status=status.value,
            to_status=status.value, occurred_at=now, recorded_at=now, actor=actor,
            note=note.strip() or f"owner {previous or '(none)'} → {owner}", reference=owner,
        ))
        app.owner = owner
        session.flush()
        audit.record(session, actor=actor, action="reassign", entity="application",
                     entity_id=app.ref, summary=f"owner {previous} → {owner}",
                     before={"owner": previous}, after={"owner": owner}, at=now)
        return StatusChangeResult(app.ref, status, status, now, actor, None,
                                  application_changes([app.ref]))

"""Four eyes before filing: "ready to file" by a reviewer who did not prepare it, and
"submitted" only after an empowered official signed off the very packet filed.

The sign-off is a status event of its own kind (:data:`SIGN_OFF_KIND`): append-only, its
actor written by the server on a team's database, with the packet's SHA-256 as its
reference. Working alone (SQLite, or a maintenance login) a person holds every role; a
sign-off may still be recorded, and is then checked against the packet filed the same way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from licenseapp.domain import roles
from licenseapp.domain.enums import ApplicationStatus
from licenseapp.errors import LicenseAppError, ValidationError
from licenseapp.services.changes import Changes, application_changes
from licenseapp.services.lookup import application_by_ref
from licenseapp.services.team.permissions import NotPermitted, require
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import Application, StatusEvent
from licenseapp.store.team_roles import SIGN_OFF_KIND

#: Statuses whose event names the application's preparer.
_PREPARING = (ApplicationStatus.DRAFT.value, ApplicationStatus.INTERNAL_REVIEW.value)


def preparers(app: Application) -> set[str]:
    """Who prepared ``app``: its owner, and whoever drafted it or sent it for review."""
    found = {e.actor for e in app.events if e.kind == "status" and e.to_status in _PREPARING}
    if app.owner:
        found.add(app.owner)
    return found


def latest_sign_off(app: Application) -> StatusEvent | None:
    """The sign-off given since the application was last marked ready to file, if any."""
    ready = max((e.id for e in app.events if e.kind == "status"
                 and e.to_status == ApplicationStatus.READY.value), default=0)
    signed = [e for e in app.events if e.kind == SIGN_OFF_KIND and e.id > ready]
    return max(signed, key=lambda e: e.id) if signed else None


def check_change(db: Database, app: Application, target: ApplicationStatus) -> None:
    """Refuse a status change the person's roles, or the four-eyes rule, do not allow."""
    if target is ApplicationStatus.READY:
        require(db, roles.MAY_MARK_READY, "mark an application ready to file")
        if db.identity.team and db.actor in preparers(app):
            raise NotPermitted(
                f"{app.ref} was prepared by {db.actor}: a reviewer other than its preparer "
                "must mark it ready to file")
    elif target is ApplicationStatus.SUBMITTED:
        require(db, roles.MAY_SUBMIT, "mark an application submitted")
        if db.identity.team and latest_sign_off(app) is None:
            raise NotPermitted(
                f"{app.ref} needs an empowered official's sign-off of its packet before it "
                "is marked submitted")
    else:
        require(db, roles.MAY_DRAFT, "record a status change")


def check_filed_packet(app: Application, packet_sha256: str) -> None:
    """The packet filed must be the one signed off (when one was)."""
    signed = latest_sign_off(app)
    if signed is not None and signed.reference != packet_sha256:
        raise LicenseAppError(
            f"{app.ref}'s packet has changed since {signed.actor} signed it off; the "
            "empowered official must sign off the packet as it stands now",
            code="packet_changed")


@dataclass(frozen=True)
class SignOff:
    ref: str
    signed_by: str
    signed_at: datetime
    packet_sha256: str
    changes: Changes


def sign_off(db: Database, ref: str, *, note: str = "", now: datetime | None = None) -> SignOff:
    """The empowered official signs off ``ref``'s packet as it stands (ready to file)."""
    from licenseapp.services.output.packets import build_packet

    require(db, roles.MAY_SIGN_OFF, "sign off an application")
    now = now or db.clock.now()
    if len(note) > 2000:
        raise ValidationError("note", "the note is too long (at most 2,000 characters)")
    with db.reading() as session:
        app = application_by_ref(session, ref)
        ref = app.ref
        if app.status != ApplicationStatus.READY.value:
            raise LicenseAppError(
                f"{ref} is not ready to file; an application is signed off once a reviewer "
                "has marked it ready", code="not_ready")
    digest = hashlib.sha256(build_packet(db, ref, for_filing=True)).hexdigest()
    with db.unit_of_work() as session:
        app = application_by_ref(session, ref)
        _record(session, db, app, digest, note.strip(), now)
    return SignOff(ref, db.actor, now, digest, application_changes([ref]))


def _record(session: Session, db: Database, app: Application, digest: str, note: str,
            now: datetime) -> None:
    if app.status != ApplicationStatus.READY.value:  # changed meanwhile
        raise LicenseAppError(f"{app.ref} is no longer ready to file", code="not_ready")
    session.add(StatusEvent(
        application_id=app.id, kind=SIGN_OFF_KIND, from_status=app.status,
        to_status=app.status, occurred_at=now, recorded_at=now, actor=db.actor,
        note=note or "signed off for filing", reference=digest))
    session.flush()
    audit.record(session, actor=db.actor, action="sign_off", entity="application",
                 entity_id=app.ref, summary="signed off for filing",
                 after={"packet_sha256": digest, "note": note}, at=now)


__all__ = ["NotPermitted", "SignOff", "check_change", "check_filed_packet", "latest_sign_off",
           "preparers", "sign_off"]

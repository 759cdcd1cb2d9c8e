"""What waits for me: applications sent for review that I may review (I did not prepare
them), and applications ready to file that await an empowered official's sign-off."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from licenseapp.domain import roles
from licenseapp.domain.enums import ApplicationStatus
from licenseapp.services.team.four_eyes import latest_sign_off, preparers
from licenseapp.services.team.queue_entries import MyQueues, QueueEntry
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Person


def my_queues(db: Database) -> MyQueues:
    """The two queues of the person acting through ``db`` (empty where the role is lacking)."""
    may_review = db.identity.holds(roles.MAY_MARK_READY)
    may_sign = db.identity.holds(roles.MAY_SIGN_OFF)
    wanted = [s.value for s, ok in ((ApplicationStatus.INTERNAL_REVIEW, may_review),
                                    (ApplicationStatus.READY, may_sign)) if ok]
    review: list[QueueEntry] = []
    sign: list[QueueEntry] = []
    if not wanted:
        return MyQueues(db.actor, may_review, may_sign, (), ())
    with db.reading() as session:
        rows = session.execute(
            select(Application, Person.given_name, Person.family_name)
            .outerjoin(Person, Person.id == Application.person_id)
            .where(Application.status.in_(wanted))
            .options(selectinload(Application.events))
            .order_by(Application.status_changed_at, Application.ref)).all()
        for app, given, family in rows:
            prepared = preparers(app)
            ready = [e for e in app.events if e.kind == "status"
                     and e.to_status == ApplicationStatus.READY.value]
            entry = QueueEntry(
                app.ref, app.regulator_code, app.form_code,
                " ".join(x for x in (given, family) if x), app.owner or ", ".join(sorted(prepared)),
                max(ready, key=lambda e: e.id).actor if ready else "", app.status_changed_at)
            if app.status == ApplicationStatus.INTERNAL_REVIEW.value:
                if not (db.identity.team and db.actor in prepared):
                    review.append(entry)
            elif latest_sign_off(app) is None:
                sign.append(entry)
    return MyQueues(db.actor, may_review, may_sign, tuple(review), tuple(sign))


__all__ = ["MyQueues", "QueueEntry", "my_queues"]

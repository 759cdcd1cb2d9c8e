"""Marking a computed deadline done, snoozing it until a date, or opening it again.

Each is one unit of work with its audit entry. The deadline is named by its key (as the
``deadlines`` command and the screen show it) and must be one the records give today:
a key that names nothing is refused rather than remembered.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from licenseapp.domain import deadlines as dl
from licenseapp.domain.days import local_day
from licenseapp.domain.settings import RENEWAL_WINDOW_DAYS
from licenseapp.domain.text_limits import clean_problem
from licenseapp.errors import LicenseAppError, NotFoundError, ValidationError
from licenseapp.services.follow_up.deadlines import DeadlineMark, compute_deadlines
from licenseapp.services.team_settings import team_value
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import MarkedDeadline

NOTE_MAX_CHARS = 2000


def complete_deadline(
    db: Database, key: str, *, note: str = "", actor: str | None = None,
    now: datetime | None = None, renewal_window_days: int | None = None,
) -> DeadlineMark:
    """Mark the deadline ``key`` done (with an optional note); it leaves the list."""
    actor = actor or db.actor
    now = now or db.clock.now()
    note = _note(note)
    with db.unit_of_work() as session:
        deadline = _computed(session, key, renewal_window_days)
        row, before = _row(session, deadline)
        if row.completed_at is not None:
            raise LicenseAppError(
                f"{deadline.key} was already marked done by {row.completed_by or 'someone'} "
                f"on {local_day(row.completed_at).isoformat()}")
        row.completed_at, row.completed_by, row.snoozed_until = now, actor, None
        row.note = note or row.note
        _record(session, row, before, "deadline_done", actor, now,
                f"{deadline.title}: done" + (f" — {note}" if note else ""))
        return _mark(row)


def snooze_deadline(
    db: Database, key: str, until: date, *, note: str = "", actor: str | None = None,
    now: datetime | None = None, today: date | None = None,
    renewal_window_days: int | None = None,
) -> DeadlineMark:
    """Hide the deadline ``key`` until ``until`` (a later day); it comes back that day."""
    actor = actor or db.actor
    now = now or db.clock.now()
    today = today or db.clock.today()
    note = _note(note)
    if until <= today:
        raise ValidationError("snooze_until",
                              f"snooze until a day after today ({today.isoformat()})")
    with db.unit_of_work() as session:
        deadline = _computed(session, key, renewal_window_days)
        row, before = _row(session, deadline)
        if row.completed_at is not None:
            raise LicenseAppError(f"{deadline.key} is already done; reopen it first")
        row.snoozed_until = until
        row.note = note or row.note
        _record(session, row, before, "deadline_snooze", actor, now,
                f"{deadline.title}: snoozed until {until.isoformat()}"
                + (f" — {note}" if note else ""))
        return _mark(row)


def reopen_deadline(
    db: Database, key: str, *, note: str = "", actor: str | None = None,
    now: datetime | None = None,
) -> DeadlineMark:
    """Undo "done" or a snooze: the deadline is on the list again."""
    actor = actor or db.actor
    now = now or db.clock.now()
    note = _note(note)
    key = key.strip()
    with db.unit_of_work() as session:
        row = session.execute(
            select(MarkedDeadline).where(MarkedDeadline.key == key)).scalar_one_or_none()
        if row is None or (row.completed_at is None and row.snoozed_until is None):
            raise LicenseAppError(f"{key} is neither done nor snoozed")
        before = _state(row)
        row.completed_at, row.completed_by, row.snoozed_until = None, "", None
        row.note = note or row.note
        _record(session, row, before, "deadline_reopen", actor, now,
                f"{key}: reopened" + (f" — {note}" if note else ""))
        return _mark(row)


def _note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX_CHARS:
        raise ValidationError("note", f"keep the note under {NOTE_MAX_CHARS} characters")
    problem = clean_problem(note, multi_line=True)
    if problem:
        raise ValidationError("note", f"the note {problem}")
    return note


def _computed(session: Session, key: str, renewal_window_days: int | None) -> dl.Deadline:
    """The deadline ``key`` as the records give it (with the team's renewal window unless
    ``renewal_window_days``)."""
    key = key.strip()
    if not key:
        raise ValidationError("deadline_key", "name the deadline by its key",
                              code="unknown_deadline")
    if renewal_window_days is None:
        renewal_window_days = team_value(session, RENEWAL_WINDOW_DAYS)
    for deadline in compute_deadlines(session, None, None, renewal_window_days):
        if deadline.key == key:
            return deadline
    raise NotFoundError(f"no deadline {key!r}: the records give none with that key",
                        code="unknown_deadline")


def _row(session: Session, deadline: dl.Deadline
         ) -> tuple[MarkedDeadline, dict[str, object] | None]:
    """The mark for ``deadline``, created if new; a mark left by an earlier occurrence of a
    recurring deadline (a previous information request) is reset for this one."""
    row = session.execute(
        select(MarkedDeadline).where(MarkedDeadline.key == deadline.key)
    ).scalar_one_or_none()
    if row is None:
        row = MarkedDeadline(key=deadline.key, kind=deadline.kind, due_on=deadline.due_on,
                       completed_by="", note="")
        session.add(row)
        return row, None
    before = _state(row)
    existing = DeadlineMark(row.key, row.kind, row.due_on, row.completed_at,
                            row.completed_by, row.snoozed_until, row.note)
    if not existing.covers(deadline):
        row.completed_at, row.completed_by, row.snoozed_until, row.note = None, "", None, ""
    row.kind, row.due_on = deadline.kind, deadline.due_on
    return row, before


def _state(row: MarkedDeadline) -> dict[str, object]:
    return {"key": row.key, "kind": row.kind, "due_on": row.due_on.isoformat(),
            "completed_at": row.completed_at.isoformat() if row.completed_at else None,
            "completed_by": row.completed_by,
            "snoozed_until": row.snoozed_until.isoformat() if row.snoozed_until else None,
            "note": row.note}


def _record(session: Session, row: MarkedDeadline, before: dict[str, object] | None, action: str,
            actor: str, now: datetime, summary: str) -> None:
    session.flush()
    audit.record(session, actor=actor, action=action, entity="deadline", entity_id=row.id,
                 summary=summary, before=before, after=_state(row), at=now)


def _mark(row: MarkedDeadline) -> DeadlineMark:
    return DeadlineMark(row.key, row.kind, row.due_on, row.completed_at, row.completed_by,
                        row.snoozed_until, row.note)

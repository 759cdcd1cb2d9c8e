"""What is due: deadlines computed from applications, licenses and people's documents.

A deadline is never typed in; what the team did about one (done, or snoozed until a date)
is kept in the ``deadlines`` table under the computed deadline's key. A done deadline
leaves the list; a snoozed one leaves it until its snooze date, then comes back (and stays
for as long as an overdue one would). See :mod:`licenseapp.services.deadline_completion`
for recording them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from licenseapp.domain import deadlines as dl
from licenseapp.domain.enums import ApplicationStatus
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Deadline, License, Person, PersonDocument

#: Overdue deadlines stay on the list this long after their date (or their snooze date).
OVERDUE_SHOWN_DAYS = 30
_STATUS_WITH_DEADLINES = (
    ApplicationStatus.INTENT_TO_DENY.value,
    ApplicationStatus.DENIED.value,
    ApplicationStatus.INFO_REQUESTED.value,
)
_WATCHED_DOCUMENTS = ("visa", "ead", "i94")
#: Deadlines a status starts: the same key comes back if the status is reached again
#: (a second information request), with a new date; a mark covers only the one it was for.
RECURRING_KINDS = frozenset({"intent_to_deny_response", "appeal_window", "info_request_due"})


@dataclass(frozen=True)
class DeadlineMark:
    """What the team recorded about a computed deadline."""

    key: str
    kind: str
    due_on: date
    completed_at: datetime | None
    completed_by: str
    snoozed_until: date | None
    note: str

    @property
    def done(self) -> bool:
        return self.completed_at is not None

    def snoozed(self, today: date) -> bool:
        return not self.done and self.snoozed_until is not None and today < self.snoozed_until

    def covers(self, deadline: dl.Deadline) -> bool:
        """Whether this mark is about ``deadline`` (and not a later one with the same key)."""
        if deadline.key != self.key:
            return False
        return deadline.kind not in RECURRING_KINDS or deadline.due_on == self.due_on


@dataclass(frozen=True)
class TrackedDeadline:
    deadline: dl.Deadline
    mark: DeadlineMark | None = None

    @property
    def done(self) -> bool:
        return self.mark is not None and self.mark.done

    def snoozed(self, today: date) -> bool:
        return self.mark is not None and self.mark.snoozed(today)

    def is_open(self, today: date) -> bool:
        return not (self.done or self.snoozed(today))


def upcoming_deadlines(
    db: Database,
    *,
    within_days: int = 90,
    today: date | None = None,
    renewal_window_days: int = dl.DEFAULT_RENEWAL_WINDOW_DAYS,
    include_done: bool = False,
) -> list[dl.Deadline]:
    """Open deadlines due from 30 days ago up to ``within_days`` ahead, most urgent first.

    Done ones and ones snoozed past ``today`` are left out unless ``include_done``."""
    return [
        t.deadline
        for t in tracked_deadlines(db, within_days=within_days, today=today,
                                   renewal_window_days=renewal_window_days,
                                   include_done=include_done)
    ]


def tracked_deadlines(
    db: Database,
    *,
    within_days: int = 90,
    today: date | None = None,
    renewal_window_days: int = dl.DEFAULT_RENEWAL_WINDOW_DAYS,
    include_done: bool = False,
) -> list[TrackedDeadline]:
    """Like :func:`upcoming_deadlines`, each with what was recorded about it."""
    today = today or date.today()
    start, end = today - timedelta(days=OVERDUE_SHOWN_DAYS), today + timedelta(days=within_days)
    with db.reading() as session:
        marks = load_marks(session)
        # A deadline snoozed while overdue comes back on its snooze date, however old.
        back = [m.due_on for m in marks.values()
                if not m.done and m.snoozed_until is not None and m.snoozed_until >= start]
        found = compute_deadlines(session, min([start, *back]), end, renewal_window_days)
    result: list[TrackedDeadline] = []
    for d in found:
        mark = marks.get(d.key)
        if mark is not None and not mark.covers(d):
            mark = None
        tracked = TrackedDeadline(d, mark)
        if not include_done and not tracked.is_open(today):
            continue
        shown_from = d.due_on
        if mark is not None and mark.snoozed_until is not None and not mark.done:
            shown_from = max(d.due_on, mark.snoozed_until)
        if d.due_on <= end and (shown_from >= start or (include_done and d.due_on >= start)):
            result.append(tracked)
    result.sort(key=lambda t: (t.deadline.due_on, t.deadline.key))
    return result


def load_marks(session: Session) -> dict[str, DeadlineMark]:
    return {
        row.key: DeadlineMark(row.key, row.kind, row.due_on, row.completed_at,
                              row.completed_by or "", row.snoozed_until, row.note or "")
        for row in session.execute(select(Deadline)).scalars()
    }


def compute_deadlines(
    session: Session, start: date | None, end: date | None, renewal_window_days: int
) -> list[dl.Deadline]:
    """Every deadline the records give (roughly from ``start`` to ``end``; None: no bound).

    The bounds only narrow the queries; callers filter by date themselves."""
    found: list[dl.Deadline] = []
    for ref, status, changed in session.execute(
        select(Application.ref, Application.status, Application.status_changed_at).where(
            Application.status.in_(_STATUS_WITH_DEADLINES)
        )
    ):
        found += dl.status_deadlines(ref, status, changed.date())
    licensed_people: dict[int, str] = {}
    licenses = (
        select(License, Application.ref, Application.person_id)
        .join(Application, Application.id == License.application_id)
        .where(License.state == "active")
        .options(selectinload(License.conditions))
    )
    if start is not None:
        licenses = licenses.where(License.expires_on >= start)
    for lic, ref, person_id in session.execute(licenses):
        found += dl.license_deadlines(ref, lic.number, lic.expires_on, renewal_window_days)
        if any(c.anniversary_report for c in lic.conditions):
            found += dl.anniversary_deadlines(ref, lic.number, lic.issued_on, lic.expires_on)
        if person_id is not None:
            licensed_people[person_id] = ref
    ids = list(licensed_people)
    for i in range(0, len(ids), 30_000):
        part = ids[i : i + 30_000]
        documents = (
            select(PersonDocument, Person)
            .join(Person, Person.id == PersonDocument.person_id)
            .where(
                PersonDocument.person_id.in_(part),
                PersonDocument.kind.in_(_WATCHED_DOCUMENTS),
                PersonDocument.expires_on.is_not(None),
            )
        )
        if start is not None:
            documents = documents.where(PersonDocument.expires_on >= start)
        if end is not None:
            documents = documents.where(PersonDocument.expires_on <= end)
        for doc, person in session.execute(documents):
            if doc.expires_on is None:  # excluded by the query; keeps the type exact
                continue
            found.append(
                dl.document_deadline(
                    person.full_name, person.ref, doc.kind, doc.expires_on,
                    licensed_people[person.id],
                )
            )
    return found

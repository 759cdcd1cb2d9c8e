"""What is due: deadlines computed from applications, licenses and people's documents.

A deadline is never typed in; what the team did about one (done, or snoozed until a date)
is kept in the ``deadlines`` table under the computed deadline's key. A done deadline
leaves the list; a snoozed one leaves it until its snooze date, then comes back (and stays
for as long as an overdue one would). See :mod:`licenseapp.services.follow_up.deadline_completion`
for recording them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, or_, select, true
from sqlalchemy.orm import Session

from licenseapp.domain import deadlines as dl
from licenseapp.domain.days import local_day
from licenseapp.domain.enums import Regulator
from licenseapp.domain.forms import form_spec
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.settings import RENEWAL_WINDOW_DAYS
from licenseapp.services.collector import collector_paused
from licenseapp.services.team_settings import team_value
from licenseapp.store.database import Database
from licenseapp.store.models import (
    Application,
    License,
    LicenseCondition,
    MarkedDeadline,
    Person,
    PersonDocument,
)

#: Overdue deadlines stay on the list this long after their date (or their snooze date).
OVERDUE_SHOWN_DAYS = 30
_WATCHED_DOCUMENTS = ("visa", "ead", "i94")
#: Deadlines a status starts: the same key comes back if the status is reached again
#: (a second information request), with a new date; a mark covers only the one it was for.
RECURRING_KINDS = frozenset({"intent_to_deny_response", "appeal_window", "info_request_due",
                             "reconsideration_window"})


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


@dataclass(frozen=True, slots=True)  # one per deadline listed: no __dict__ each
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

    def state(self, today: date) -> str:
        """"done", "snoozed" (until a day after ``today``) or "open"."""
        return "done" if self.done else "snoozed" if self.snoozed(today) else "open"


def upcoming_deadlines(
    db: Database,
    *,
    within_days: int = 90,
    today: date | None = None,
    renewal_window_days: int | None = None,
    include_done: bool = False,
) -> list[dl.Deadline]:
    """Open deadlines due from 30 days ago up to ``within_days`` ahead, most urgent first.

    Done ones and ones snoozed past ``today`` are left out unless ``include_done``. The
    renewal window is the team's (the database's setting) unless ``renewal_window_days``."""
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
    renewal_window_days: int | None = None,
    include_done: bool = False,
    refs: Collection[str] | None = None,
) -> list[TrackedDeadline]:
    """Like :func:`upcoming_deadlines`, each with what was recorded about it; only those of
    the applications ``refs`` when given (what a screen needs after those changed)."""
    today = today or db.clock.today()
    start, end = today - timedelta(days=OVERDUE_SHOWN_DAYS), today + timedelta(days=within_days)
    with db.reading() as session:
        if renewal_window_days is None:
            renewal_window_days = team_value(session, RENEWAL_WINDOW_DAYS)
        candidates = None
        if refs is None:
            marks = load_marks(session)
        else:  # a few applications: all their deadlines, then what was recorded about them
            candidates = compute_deadlines(session, None, end, renewal_window_days, refs=refs)
            marks = load_marks(session, {d.key for d in candidates})
        # A deadline snoozed while overdue comes back on its snooze date, however old.
        back = [m for m in marks.values()
                if not m.done and m.snoozed_until is not None and m.snoozed_until >= start]
        keep = {m.key for m in back}
        if candidates is None:
            found = compute_deadlines(session, min([start, *(m.due_on for m in back)]), end,
                                      renewal_window_days, keep=keep)
        else:
            found = [d for d in candidates if d.due_on >= start or d.key in keep]
    result: list[TrackedDeadline] = []
    with collector_paused():
        for tracked in with_marks(found, marks):
            d, mark = tracked.deadline, tracked.mark
            if not include_done and not tracked.is_open(today):
                continue
            shown_from = d.due_on
            if mark is not None and mark.snoozed_until is not None and not mark.done:
                shown_from = max(d.due_on, mark.snoozed_until)
            if d.due_on <= end and (shown_from >= start
                                    or (include_done and d.due_on >= start)):
                result.append(tracked)
        result.sort(key=lambda t: (t.deadline.due_on, t.deadline.key))
    return result


def marked_deadlines(session: Session, deadlines: Sequence[dl.Deadline]) -> list[TrackedDeadline]:
    """``deadlines`` (a few, e.g. one application's) with what was recorded about them."""
    return list(with_marks(deadlines, load_marks(session, {d.key for d in deadlines})))


def with_marks(
    deadlines: Iterable[dl.Deadline], marks: Mapping[str, DeadlineMark]
) -> Iterator[TrackedDeadline]:
    """Each deadline with what was recorded about it; a mark left by an earlier occurrence
    of a recurring deadline (a previous information request) does not count."""
    for d in deadlines:
        mark = marks.get(d.key)
        yield TrackedDeadline(d, mark if mark is not None and mark.covers(d) else None)


def load_marks(session: Session, keys: Collection[str] | None = None) -> dict[str, DeadlineMark]:
    """What was recorded about deadlines, by key (only ``keys`` when given)."""
    row = MarkedDeadline
    query = select(row.key, row.kind, row.due_on, row.completed_at, row.completed_by,
                   row.snoozed_until, row.note)
    if keys is not None:
        if not keys:
            return {}
        query = query.where(MarkedDeadline.key.in_(sorted(keys)))
    return {
        key: DeadlineMark(key, kind, due_on, completed_at, completed_by or "", snoozed_until,
                          note or "")
        for key, kind, due_on, completed_at, completed_by, snoozed_until, note
        in session.execute(query)
    }


def compute_deadlines(
    session: Session, start: date | None, end: date | None, renewal_window_days: int,
    keep: Collection[str] = (), refs: Collection[str] | None = None,
) -> list[dl.Deadline]:
    """Every deadline the records give that is due from ``start`` to ``end`` (None: no
    bound), and those due before ``start`` whose key is in ``keep`` (snoozed ones coming
    back); callers filter by date themselves.

    Licenses count only while active and not expired before ``start``; a person's
    documents only while the person holds one. Plain columns, no ORM objects, and only the
    rows that can give a deadline due by ``end``: three queries whatever the number of
    applications. ``refs``: only the deadlines of these applications.
    """
    connection = session.connection()
    with collector_paused():  # tens of thousands of small objects, no cycles
        found = _status_deadlines(connection, start, end, refs)
        found += _license_deadlines(connection, start, end, renewal_window_days, refs)
        found += _document_deadlines(connection, start, end, refs)
    if start is None and end is None:
        return found
    low, high = start or date.min, end or date.max
    return [d for d in found if d.due_on <= high and (d.due_on >= low or d.key in keep)]


def _status_deadlines(connection: Connection, start: date | None,
                      end: date | None, refs: Collection[str] | None = None,
                      ) -> list[dl.Deadline]:
    """The deadlines a status starts, from applications whose status changed on a day that
    puts the deadline within the bounds (the local day; SQL narrows by UTC moments a day
    wider on each side, whatever the time zone, and the caller keeps the exact range)."""
    chosen = []
    for regulator in Regulator:
        for status, periods in lifecycle(regulator).deadlines.items():
            condition = (Application.regulator_code == regulator.value) & (
                Application.status == status.value)
            # Working days span more calendar days than they number: a bound on each side.
            shortest = min(p.days for p in periods)
            longest = max(p.count.span_at_most(p.days) for p in periods)
            if start is not None:
                condition &= Application.status_changed_at >= _utc_midnight(start, -longest - 1)
            if end is not None:
                condition &= Application.status_changed_at < _utc_midnight(end, 2 - shortest)
            chosen.append(condition)
    query = select(Application.ref, Application.regulator_code, Application.status,
                   Application.status_changed_at).where(or_(*chosen))
    if refs is not None:
        query = query.where(Application.ref.in_(sorted(refs)))
    found: list[dl.Deadline] = []
    for ref, code, current, changed in connection.execute(query):
        found += dl.status_deadlines(ref, code, current, local_day(changed))
    return found


def _license_deadlines(
    connection: Connection, start: date | None, end: date | None, renewal_window_days: int,
    refs: Collection[str] | None = None,
) -> list[dl.Deadline]:
    """Renewal, expiry and anniversary deadlines of the active licenses not expired before
    ``start`` that can give one due by ``end``."""
    reporting = select(LicenseCondition.license_id).where(
        LicenseCondition.anniversary_report.is_(true()))
    reports = License.id.in_(reporting)
    query = (
        select(Application.ref, License.number, License.issued_on, License.expires_on, reports,
               Application.form_code)
        .join(Application, Application.id == License.application_id)
        .where(License.state == "active")
    )
    if refs is not None:
        query = query.where(Application.ref.in_(sorted(refs)))
    if start is not None:
        query = query.where(License.expires_on >= start)
    if end is not None:  # a renewal or expiry due by the end, or anniversary reports
        query = query.where(
            or_(License.expires_on <= end + timedelta(days=renewal_window_days), reports))
    found: list[dl.Deadline] = []
    for ref, number, issued_on, expires_on, reporting_yearly, form in connection.execute(query):
        found += dl.license_deadlines(ref, number, expires_on, renewal_window_days,
                                      word=form_spec(form).term("license"))
        if reporting_yearly:
            found += dl.anniversary_deadlines(ref, number, issued_on, expires_on)
    return found


def _document_deadlines(
    connection: Connection, start: date | None, end: date | None,
    refs: Collection[str] | None = None,
) -> list[dl.Deadline]:
    """Expiry of the watched documents of people holding an active license not expired
    before ``start``, each under the application of the one that expires last."""
    license_ref = (
        select(Application.ref)
        .join(License, License.application_id == Application.id)
        .where(Application.person_id == PersonDocument.person_id, License.state == "active")
        .order_by(License.expires_on.desc(), License.id.desc())
        .limit(1)
    )
    if start is not None:
        license_ref = license_ref.where(License.expires_on >= start)
    query = (
        select(Person.ref, Person.given_name, Person.family_name, PersonDocument.kind,
               PersonDocument.expires_on, license_ref.scalar_subquery())
        .join(Person, Person.id == PersonDocument.person_id)
        .where(
            PersonDocument.kind.in_(_WATCHED_DOCUMENTS),
            PersonDocument.expires_on.is_not(None),
        )
    )
    if refs is not None:  # the people of these applications (whose deadline may move)
        query = query.where(PersonDocument.person_id.in_(
            select(Application.person_id).where(Application.ref.in_(sorted(refs)))))
    if start is not None:
        query = query.where(PersonDocument.expires_on >= start)
    if end is not None:
        query = query.where(PersonDocument.expires_on <= end)
    return [
        dl.document_deadline(f"{given} {family}".strip(), person_ref, kind, expires_on, ref)
        for person_ref, given, family, kind, expires_on, ref in connection.execute(query)
        if ref is not None
    ]


def _utc_midnight(day: date, days: int) -> datetime:
    return datetime.combine(day + timedelta(days=days), time(), UTC)

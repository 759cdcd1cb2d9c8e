"""The deadlines query, narrowed in SQL for speed, gives exactly what the straightforward
computation gives: every application, license and document read as ORM objects, each
deadline worked out, then filtered by date. Compared on the demo data set, on several days,
windows and renewal settings, with done, snoozed and stale marks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.domain import deadlines as dl
from licenseapp.domain.days import local_day
from licenseapp.domain.forms import form_spec
from licenseapp.services.follow_up import deadlines as service
from licenseapp.services.follow_up.deadline_completion import complete_deadline, snooze_deadline
from licenseapp.store.database import Database
from licenseapp.store.models import Application, License, Person, PersonDocument

_STATUSES = ("intent_to_deny", "denied", "info_requested")


def plain_deadlines(
    session: Session, start: date | None, end: date | None, renewal_window_days: int,
    keep: object = (),
) -> list[dl.Deadline]:
    """The reference: what the records give, computed the obvious way (``keep`` is
    not needed: nothing is left out by date here)."""
    found: list[dl.Deadline] = []
    for app in session.execute(
        select(Application).where(Application.status.in_(_STATUSES))
    ).scalars():
        found += dl.status_deadlines(app.ref, app.regulator_code, app.status,
                                    local_day(app.status_changed_at))
    licensed_people: dict[int, str] = {}
    licenses = (
        select(License, Application.ref, Application.person_id, Application.form_code)
        .join(Application, Application.id == License.application_id)
        .where(License.state == "active")
        .order_by(License.expires_on, License.id)  # the one expiring last names the person's
        .options(selectinload(License.conditions))
    )
    if start is not None:
        licenses = licenses.where(License.expires_on >= start)
    for lic, ref, person_id, form in session.execute(licenses):
        found += dl.license_deadlines(ref, lic.number, lic.expires_on, renewal_window_days,
                                      word=form_spec(form).term("license"))
        if any(c.anniversary_report for c in lic.conditions):
            found += dl.anniversary_deadlines(ref, lic.number, lic.issued_on, lic.expires_on)
        if person_id is not None:
            licensed_people[person_id] = ref
    for doc, person in session.execute(
        select(PersonDocument, Person).join(Person, Person.id == PersonDocument.person_id)
    ):
        if (person.id in licensed_people and doc.kind in ("visa", "ead", "i94")
                and doc.expires_on is not None):
            found.append(dl.document_deadline(person.full_name, person.ref, doc.kind,
                                              doc.expires_on, licensed_people[person.id]))
    return found


def _tracked(db: Database, **kw: object) -> list[tuple[dl.Deadline, object]]:
    return [(t.deadline, t.mark) for t in service.tracked_deadlines(db, **kw)]  # type: ignore[arg-type]


def _both(db: Database, monkeypatch: pytest.MonkeyPatch, **kw: object) -> Iterator[list]:
    yield _tracked(db, **kw)
    with monkeypatch.context() as patched:
        patched.setattr(service, "compute_deadlines", plain_deadlines)
        yield _tracked(db, **kw)


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db)
    return db


def _mark_some(db: Database) -> None:
    """Done, snoozed (into the future, and past its date), and a snooze whose deadline
    moved (the renewal window changed after it was snoozed)."""
    found = service.upcoming_deadlines(db, within_days=365, today=DEMO_TODAY)
    by_kind: dict[str, list[dl.Deadline]] = {}
    for d in found:
        by_kind.setdefault(d.kind, []).append(d)
    assert {"license_renewal", "license_expiry"} <= set(by_kind)
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    done = found[:: max(1, len(found) // 6)]
    for d in done:
        complete_deadline(db, d.key, actor="alice", now=now, note="done in the test")
    later = [d for d in found if d.due_on > DEMO_TODAY + timedelta(days=20) and d not in done]
    for d in later[:3]:
        snooze_deadline(db, d.key, DEMO_TODAY + timedelta(days=10), today=DEMO_TODAY, now=now)
    renewal = next(d for d in by_kind["license_renewal"] if d.key not in
                   {x.key for x in (*later[:3], *done)} and d.due_on > DEMO_TODAY)
    snooze_deadline(db, renewal.key, DEMO_TODAY + timedelta(days=200), today=DEMO_TODAY,
                    now=now)


@pytest.mark.parametrize("include_done", [False, True])
def test_the_list_is_the_same_as_the_plain_computation(demo, monkeypatch, include_done) -> None:
    _mark_some(demo)
    cases = [
        (DEMO_TODAY, 90, 60), (DEMO_TODAY, 365, 60), (DEMO_TODAY, 30, 90),
        (DEMO_TODAY + timedelta(days=150), 90, 60), (DEMO_TODAY + timedelta(days=230), 365, 120),
        (DEMO_TODAY - timedelta(days=400), 365, 60), (date(2028, 2, 29), 365, 30),
    ]
    compared = 0
    for today, within, window in cases:
        fast, plain = _both(demo, monkeypatch, today=today, within_days=within,
                            renewal_window_days=window, include_done=include_done)
        assert fast == plain, (today, within, window)
        compared += len(fast)
    assert compared > 100


def test_every_deadline_is_the_same_without_bounds(demo) -> None:
    """What marking a deadline looks its key up in."""
    with demo.reading() as session:
        for window in (60, 90):
            fast = service.compute_deadlines(session, None, None, window)
            plain = plain_deadlines(session, None, None, window)
            key = lambda d: (d.due_on, d.key, d.title, d.application_ref or "")  # noqa: E731
            assert sorted(fast, key=key) == sorted(plain, key=key)


def test_within_the_bounds_nothing_is_missed(demo) -> None:
    start, end = DEMO_TODAY - timedelta(days=30), DEMO_TODAY + timedelta(days=365)
    with demo.reading() as session:
        fast = {d for d in service.compute_deadlines(session, start, end, 60)
                if start <= d.due_on <= end}
        plain = {d for d in plain_deadlines(session, start, end, 60) if start <= d.due_on <= end}
    assert fast == plain and len(fast) > 20
    assert {d.kind for d in fast} >= {"license_renewal", "license_expiry", "visa_expiry",
                                      "anniversary_report", "info_request_due"}


def test_a_uk_licence_is_a_licence_in_its_deadlines(demo) -> None:
    """The deadlines of a UK licence use the UK's word (the SIEL spec's ``license`` term);
    a BIS or DDTC license keeps the U.S. one."""
    with demo.unit_of_work() as s:
        forms = dict(s.execute(select(Application.ref, Application.form_code)).all())
    found = [d for d in service.upcoming_deadlines(demo, within_days=3650, today=DEMO_TODAY)
             if d.kind in ("license_renewal", "license_expiry")]
    uk = [d.title for d in found if forms[d.application_ref] == "SIEL"]
    us = [d.title for d in found if forms[d.application_ref] != "SIEL"]
    assert uk and us
    assert all(" licence " in w and " license " not in w for w in uk), uk
    assert all(" license " in w and "licence" not in w for w in us), us

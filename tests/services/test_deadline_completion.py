"""Marking a deadline done or snoozing it: it leaves the list (for good, or until the date),
survives reopening the database, is in the audit trail, and is all-or-nothing."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from factories import make_application, make_license
from sqlalchemy import select

from licenseapp.errors import LicenseAppError, NotFoundError, ValidationError
from licenseapp.services.follow_up.deadline_completion import (
    complete_deadline,
    reopen_deadline,
    snooze_deadline,
)
from licenseapp.services.follow_up.deadlines import tracked_deadlines, upcoming_deadlines
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import open_database
from licenseapp.store.models import Application, AuditEntry, MarkedDeadline

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
EXPIRES = date(2027, 1, 15)  # renewal due 2026-11-16 (overdue), expiry in 49 days


@pytest.fixture
def licensed(db):
    app_id = make_application(db, "LA-2026-0001", status="approved", visa_expires=None)
    make_license(db, app_id, "D1200001", issued_on=date(2023, 1, 15), expires_on=EXPIRES)
    return db


def _keys(db, today: date = TODAY, **kw) -> list[str]:
    return [d.key for d in upcoming_deadlines(db, within_days=365, today=today, **kw)]


def test_a_done_deadline_leaves_the_list_and_stays_done_after_reopening(
    licensed, db_url
) -> None:
    assert _keys(licensed) == ["renewal:D1200001", "expiry:D1200001"]
    mark = complete_deadline(licensed, "renewal:D1200001", note="Renewal filed, ACN Z123456",
                             actor="alice", now=NOW)
    assert mark.done and mark.completed_by == "alice"
    assert _keys(licensed) == ["expiry:D1200001"]

    again = open_database(db_url)  # as the next session of the app would
    try:
        assert _keys(again) == ["expiry:D1200001"]
        shown = tracked_deadlines(again, within_days=365, today=TODAY, include_done=True)
        assert [(t.deadline.key, t.done) for t in shown] == [
            ("renewal:D1200001", True), ("expiry:D1200001", False)]
        assert shown[0].mark is not None
        assert shown[0].mark.note == "Renewal filed, ACN Z123456"
    finally:
        again.dispose()


def test_each_mark_is_in_the_audit_trail_and_the_chain_still_verifies(licensed) -> None:
    complete_deadline(licensed, "renewal:D1200001", note="filed", actor="alice", now=NOW)
    snooze_deadline(licensed, "expiry:D1200001", date(2026, 12, 20), actor="bob", now=NOW,
                    today=TODAY)
    with licensed.reading() as s:
        entries = s.execute(
            select(AuditEntry).where(AuditEntry.entity == "deadline").order_by(AuditEntry.id)
        ).scalars().all()
    assert [(e.action, e.actor) for e in entries] == [
        ("deadline_done", "alice"), ("deadline_snooze", "bob")]
    assert "renew" in entries[0].summary and "filed" in entries[0].summary
    assert json.loads(entries[0].after_json)["key"] == "renewal:D1200001"
    assert json.loads(entries[1].after_json)["snoozed_until"] == "2026-12-20"
    assert "2026-12-20" in entries[1].summary
    assert verify(licensed).ok


def test_a_snoozed_deadline_comes_back_on_its_date(licensed) -> None:
    snooze_deadline(licensed, "renewal:D1200001", date(2026, 12, 4), note="waiting for HR",
                    today=TODAY, now=NOW)
    assert _keys(licensed) == ["expiry:D1200001"]
    assert _keys(licensed, today=date(2026, 12, 3)) == ["expiry:D1200001"]
    assert _keys(licensed, today=date(2026, 12, 4)) == ["renewal:D1200001", "expiry:D1200001"]
    assert _keys(licensed, include_done=True) == ["renewal:D1200001", "expiry:D1200001"]


def test_a_deadline_snoozed_past_the_overdue_window_still_comes_back(licensed) -> None:
    # overdue since 2026-11-16; back on 2027-01-05, more than 30 days after it was due
    snooze_deadline(licensed, "renewal:D1200001", date(2027, 1, 5), today=TODAY, now=NOW)
    assert "renewal:D1200001" in _keys(licensed, today=date(2027, 1, 5))
    assert "renewal:D1200001" in _keys(licensed, today=date(2027, 2, 1))
    assert "renewal:D1200001" not in _keys(licensed, today=date(2027, 2, 10))


def test_reopening_puts_it_back(licensed) -> None:
    complete_deadline(licensed, "renewal:D1200001", now=NOW)
    reopen_deadline(licensed, "renewal:D1200001", note="marked by mistake", now=NOW)
    assert _keys(licensed) == ["renewal:D1200001", "expiry:D1200001"]
    with pytest.raises(LicenseAppError, match="neither done nor snoozed"):
        reopen_deadline(licensed, "renewal:D1200001")


def test_refusals_write_nothing(licensed) -> None:
    with pytest.raises(NotFoundError, match="no deadline 'renewal:NOPE'"):
        complete_deadline(licensed, "renewal:NOPE")
    with pytest.raises(ValidationError, match="after today"):
        snooze_deadline(licensed, "renewal:D1200001", TODAY, today=TODAY)
    complete_deadline(licensed, "renewal:D1200001", now=NOW)
    with pytest.raises(LicenseAppError, match="already marked done"):
        complete_deadline(licensed, "renewal:D1200001")
    with pytest.raises(LicenseAppError, match="already done"):
        snooze_deadline(licensed, "renewal:D1200001", date(2027, 1, 1), today=TODAY)
    with licensed.reading() as s:
        assert s.execute(select(MarkedDeadline.key)).scalars().all() == ["renewal:D1200001"]
        assert len(s.execute(select(AuditEntry.id).where(
            AuditEntry.entity == "deadline")).all()) == 1


def test_mark_and_audit_entry_are_one_transaction(licensed, monkeypatch) -> None:
    from licenseapp.store import audit

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        complete_deadline(licensed, "renewal:D1200001", now=NOW)
    with licensed.reading() as s:
        assert s.execute(select(MarkedDeadline)).scalars().all() == []
    assert _keys(licensed)[0] == "renewal:D1200001"


def test_a_second_information_request_is_not_hidden_by_the_first_ones_done(db) -> None:
    make_application(db, "LA-2026-0007", status="info_requested", visa_expires=None)
    today = date(2026, 9, 10)
    assert _keys(db, today=today) == ["rfi:LA-2026-0007"]  # asked 2026-09-01, due in 30 days
    complete_deadline(db, "rfi:LA-2026-0007", note="answered", now=NOW)
    assert _keys(db, today=today) == []
    with db.unit_of_work() as s:  # answered, then asked again a month later
        app = s.execute(select(Application).where(Application.ref == "LA-2026-0007")).scalar_one()
        app.status_changed_at = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)
    later = [d for d in upcoming_deadlines(db, today=date(2026, 10, 25))]
    assert [(d.key, d.due_on) for d in later] == [("rfi:LA-2026-0007", date(2026, 11, 19))]
    complete_deadline(db, "rfi:LA-2026-0007", now=NOW)  # the second one can be done too
    assert _keys(db, today=date(2026, 10, 25)) == []


def test_the_command_line_marks_and_snoozes(licensed, db_url, capsys) -> None:
    from licenseapp.cli.main import main

    assert main(["--db", db_url, "deadlines", "--done", "renewal:D1200001",
                 "--note", "filed"]) == 0
    assert "renewal:D1200001: done (filed)" in capsys.readouterr().out
    until = (date.today() + timedelta(days=10)).isoformat()
    assert main(["--db", db_url, "deadlines", "--snooze", "expiry:D1200001", "--until", until,
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["snoozed_until"] == until
    assert main(["--db", db_url, "deadlines", "--snooze", "expiry:D1200001"]) != 0
    assert "--until" in capsys.readouterr().err
    assert main(["--db", db_url, "deadlines", "--done", "nope"]) != 0
    assert "no deadline 'nope'" in capsys.readouterr().err

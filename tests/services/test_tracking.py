"""Status changes through the lifecycle, licenses on approval, deadlines and the audit chain."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from factories import complete_for_filing, make_application
from sqlalchemy import func, select

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.ics import to_ics
from licenseapp.errors import LicenseAppError, ValidationError
from licenseapp.services.drafts.applications import get_application
from licenseapp.services.follow_up.deadlines import upcoming_deadlines
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.store.database import Database
from licenseapp.store.models import AuditEntry, StatusEvent

NOW = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)


def _go(db: Database, target: S, on: date, **kw: object) -> None:
    change_status(db, StatusChange("LA-2026-0001", target, on=on, **kw),  # type: ignore[arg-type]
                  actor="mchen", now=NOW)


def test_a_bis_application_from_ready_to_approved(db: Database) -> None:
    make_application(db, status="ready")
    complete_for_filing(db)
    _go(db, S.SUBMITTED, date(2026, 9, 2))
    _go(db, S.REGISTERED, date(2026, 9, 4), regulator_ref="z1234567")
    _go(db, S.APPROVED_WITH_CONDITIONS, date(2026, 11, 20), license_no="D1234567",
        valid_until=date(2030, 11, 19), note="Conditions 1-3 attached")
    detail = get_application(db, "LA-2026-0001")
    assert detail.row.status == "approved_with_conditions"
    assert detail.row.acn == "Z1234567"
    assert [e.to_status for e in detail.events][-3:] == [
        "submitted", "registered", "approved_with_conditions"]
    assert detail.events[-1].actor == "mchen" and detail.events[-1].reference == "D1234567"
    assert detail.license is not None and detail.license.expires_on == date(2030, 11, 19)


def test_a_forbidden_transition_changes_nothing(db: Database) -> None:
    make_application(db, status="draft")
    with pytest.raises(LicenseAppError, match="draft cannot become approved"):
        _go(db, S.APPROVED, date(2026, 9, 2), license_no="X", valid_until=date(2030, 1, 1))
    with db.reading() as s:
        assert s.execute(select(func.count(StatusEvent.id))).scalar() == 1
        assert s.execute(select(func.count(AuditEntry.id))).scalar() == 0
    assert get_application(db, "LA-2026-0001").row.status == "draft"


def test_registration_checks_the_acn_format(db: Database) -> None:
    make_application(db, status="submitted")
    with pytest.raises(ValidationError, match="'12345' is not an Application Control Number"
                       ) as refused:
        _go(db, S.REGISTERED, date(2026, 9, 4), regulator_ref="12345")
    assert refused.value.field == "regulator_ref"
    with pytest.raises(ValidationError) as refused:
        _go(db, S.REGISTERED, date(2026, 9, 4))
    assert str(refused.value) == "registered needs the Application Control Number"
    assert refused.value.field == "regulator_ref"


def test_dates_must_not_go_backwards_or_into_the_future(db: Database) -> None:
    make_application(db, status="ready")
    complete_for_filing(db)
    with pytest.raises(ValidationError, match="before the last recorded change"):
        _go(db, S.SUBMITTED, date(2026, 8, 1))
    with pytest.raises(ValidationError, match="future"):
        _go(db, S.SUBMITTED, date(2026, 12, 25))


def test_every_change_is_in_the_audit_chain(db: Database) -> None:
    make_application(db, status="ready")
    complete_for_filing(db)
    _go(db, S.SUBMITTED, date(2026, 9, 2))
    _go(db, S.WITHDRAWN, date(2026, 9, 3), note="Employee left")
    with db.reading() as s:
        entries = s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars().all()
        assert [e.summary for e in entries] == ["ready → submitted", "submitted → withdrawn"]
        assert entries[0].prev_hash == "0" * 64
        assert entries[1].prev_hash == entries[0].hash


def test_deadlines_follow_from_the_record(db: Database) -> None:
    make_application(db, status="registered", visa_expires=date(2027, 1, 10))
    _go(db, S.INTENT_TO_DENY, date(2026, 11, 20))
    due = upcoming_deadlines(db, within_days=60, today=date(2026, 11, 27))
    assert [(d.kind, d.due_on) for d in due] == [
        ("intent_to_deny_response", date(2026, 12, 10))]
    _go(db, S.APPROVED_WITH_CONDITIONS, date(2026, 11, 25), license_no="D7654321",
        valid_until=date(2027, 1, 20))
    due = upcoming_deadlines(db, within_days=60, today=date(2026, 11, 27))
    kinds = {(d.kind, d.due_on) for d in due}
    assert ("license_renewal", date(2026, 11, 21)) in kinds  # inside the window: overdue
    assert ("license_expiry", date(2027, 1, 20)) in kinds
    assert ("visa_expiry", date(2027, 1, 10)) in kinds
    ics = to_ics(due, stamp=NOW)
    assert ics.count("BEGIN:VEVENT") == len(due)
    assert "DTSTART;VALUE=DATE:20270120" in ics and ics.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def test_reassignment_is_an_event_and_filters_follow(db: Database) -> None:
    from licenseapp.services.drafts.applications import list_applications
    from licenseapp.services.follow_up.tracking import reassign

    make_application(db, status="draft")
    reassign(db, "LA-2026-0001", "aokafor", actor="mchen", now=NOW)
    detail = get_application(db, "LA-2026-0001")
    assert detail.row.owner == "aokafor"
    last = detail.events[-1]
    assert (last.kind, last.actor, last.note) == ("reassign", "mchen", "owner tester → aokafor")
    assert [r.ref for r in list_applications(db, owner="aokafor")] == ["LA-2026-0001"]
    assert list_applications(db, owner="tester") == []
    with pytest.raises(ValidationError, match="already owned"):
        reassign(db, "LA-2026-0001", "aokafor", now=NOW)


def test_ready_to_file_is_refused_while_errors_remain(db: Database) -> None:
    make_application(db, status="draft")  # no letter, no TCP, no résumé, no passport
    with pytest.raises(LicenseAppError, match=r"not ready to file: \d+ errors? remain"):
        _go(db, S.READY, date(2026, 11, 26))
    assert get_application(db, "LA-2026-0001").row.status == "draft"


def test_warnings_need_an_acknowledgement_that_is_recorded(db: Database) -> None:
    import json as _json

    from licenseapp.demo.dataset import generate_demo
    from licenseapp.domain.checker import errors
    from licenseapp.services.drafts.applications import list_applications
    from licenseapp.services.drafts.checking import check_application
    from licenseapp.store.models import Application

    generate_demo(db)
    only_warnings = [
        r.ref for r in list_applications(db, status=S.READY)
        if check_application(db, r.ref) and not errors(check_application(db, r.ref))
    ]
    ref = only_warnings[0]
    change_status(db, StatusChange(ref, S.DRAFT), actor="mchen")
    with pytest.raises(LicenseAppError, match="acknowledge them"):
        change_status(db, StatusChange(ref, S.READY), actor="mchen")
    change_status(db, StatusChange(ref, S.READY, acknowledge_warnings=True), actor="mchen")
    with db.reading() as s:
        app = s.execute(select(Application).where(Application.ref == ref)).scalar_one()
        acknowledged = _json.loads(app.acknowledged_warnings)
    assert acknowledged and all("|" in key for key in acknowledged)
    with db.reading() as s:
        last = s.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).scalars().first()
        assert last is not None and "acknowledged_warnings" in last.after_json


def test_the_filed_packet_is_kept_and_reproduced_exactly(db: Database) -> None:
    import hashlib

    from licenseapp.services.output.filing import filed_packet
    from licenseapp.services.output.packets import build_packet
    from licenseapp.services.safety.integrity import verify
    from licenseapp.store.models import Application

    make_application(db, status="ready")
    complete_for_filing(db)
    as_ready = build_packet(db, "LA-2026-0001")
    _go(db, S.SUBMITTED, date(2026, 11, 26))
    _go(db, S.REGISTERED, date(2026, 11, 27), regulator_ref="Z7654321")
    with db.reading() as s:
        recorded = s.execute(select(Application.packet_sha256)).scalar_one()
    filed = filed_packet(db, "LA-2026-0001")
    assert hashlib.sha256(filed).hexdigest() == recorded
    assert filed == as_ready  # exactly what was printed when it was ready to file
    assert build_packet(db, "LA-2026-0001") != filed  # today's packet shows the registration
    assert verify(db).ok


def test_text_too_long_for_either_database_is_refused_before_writing(db: Database) -> None:
    """A 5,000-character license number or owner was stored by SQLite and an SQL error on
    PostgreSQL; both now refuse it with the field named, and nothing is written."""
    from licenseapp.services.follow_up.tracking import reassign

    make_application(db, status="registered")
    with pytest.raises(ValidationError, match="at most 60") as caught:
        _go(db, S.APPROVED, date(2026, 11, 20), license_no="D" * 5_000,
            valid_until=date(2030, 11, 19))
    assert caught.value.field == "license_number"
    assert str(caught.value).startswith("the license number is 5,000 characters long")
    with pytest.raises(ValidationError, match="at most 100") as caught:
        reassign(db, "LA-2026-0001", "o" * 5_000, actor="mchen")
    assert caught.value.field == "owner"
    with pytest.raises(ValidationError, match="NUL"):
        _go(db, S.INFO_REQUESTED, date(2026, 11, 20), note="a\x00b")
    assert get_application(db, "LA-2026-0001").row.status == "registered"


def test_submitted_is_refused_while_errors_remain_as_ready_is(db: Database) -> None:
    """An application marked ready whose record has since gained an error (here: no letter,
    no TCP...) is not recorded as filed, and no packet is kept as the filed copy."""
    from licenseapp.services.follow_up.tracking import NotReadyToFile
    from licenseapp.store.models import Application

    make_application(db, status="ready")  # ready, but the checker finds errors
    with pytest.raises(NotReadyToFile) as refused:
        _go(db, S.SUBMITTED, date(2026, 9, 2))
    assert "is not ready to file" in refused.value.message
    assert any("letter of explanation" in e for e in refused.value.errors)
    with db.reading() as s:
        app = s.execute(select(Application)).scalar_one()
        assert app.status == "ready" and not app.packet_sha256
    complete_for_filing(db)  # the errors fixed, the same change goes through
    _go(db, S.SUBMITTED, date(2026, 9, 2))
    assert get_application(db, "LA-2026-0001").row.status == "submitted"

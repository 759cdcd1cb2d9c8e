"""One application's detail (the details pane, ``show``): its deadlines with what was
recorded about them, and its license's state on the day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from factories import make_application, make_license

from licenseapp.domain.wall_clock import FixedClock
from licenseapp.services.drafts.applications import get_application
from licenseapp.services.follow_up.deadline_completion import complete_deadline, snooze_deadline

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)


def _on(day: date) -> FixedClock:
    """The database's clock at noon, local time, on ``day``."""
    return FixedClock(datetime.combine(day, time(12)).astimezone())


def test_deadlines_carry_done_and_snoozed_marks(db) -> None:
    db.clock = _on(TODAY)
    app_id = make_application(db, "LA-2026-0001", status="approved",
                              visa_expires=date(2027, 2, 1))
    make_license(db, app_id, "D1200001", issued_on=date(2023, 1, 15),
                 expires_on=date(2027, 1, 15))
    complete_deadline(db, "renewal:D1200001", note="Filed", actor="alice", now=NOW)
    snooze_deadline(db, "expiry:D1200001", TODAY + timedelta(days=9), today=TODAY, now=NOW)

    detail = get_application(db, "LA-2026-0001")
    by_key = {d.key: d for d in detail.deadlines}
    renewal, expiry = by_key["renewal:D1200001"], by_key["expiry:D1200001"]
    assert (renewal.state, renewal.done_by, renewal.note, renewal.done_at) == (
        "done", "alice", "Filed", NOW)
    assert renewal.state_words() == f"done {NOW.astimezone().date().isoformat()} by alice"
    assert (expiry.state, expiry.snoozed_until) == ("snoozed", date(2026, 12, 6))
    assert expiry.state_words() == "snoozed until 2026-12-06"
    visa = by_key["document:P-0001:visa:2027-02-01"]
    assert visa.state == "open" and visa.state_words() == ""
    data = detail.to_json()["deadlines"]
    assert {d["key"]: d["state"] for d in data}["renewal:D1200001"] == "done"

    db.clock = _on(date(2026, 12, 6))  # the snooze ends
    expiry = {d.key: d for d in get_application(db, "LA-2026-0001").deadlines}[
        "expiry:D1200001"]
    assert (expiry.state, expiry.snoozed_until) == ("open", None)


def test_license_state_is_the_one_on_the_day_with_the_renewal_window(db) -> None:
    db.clock = _on(TODAY)
    app_id = make_application(db, "LA-2026-0001", status="approved")
    make_license(db, app_id, "D1200001", issued_on=date(2023, 1, 15),
                 expires_on=TODAY + timedelta(days=80))
    lic = get_application(db, "LA-2026-0001").license
    assert lic is not None and (lic.state, lic.recorded_state) == ("active", "active")
    lic = get_application(db, "LA-2026-0001", renewal_window_days=90).license
    assert lic is not None and lic.state == "expiring"
    renewal = [d for d in get_application(db, "LA-2026-0001", renewal_window_days=90).deadlines
               if d.kind == "license_renewal"]
    assert [d.due_on for d in renewal] == [TODAY - timedelta(days=10)]
    db.clock = _on(TODAY + timedelta(days=81))
    lic = get_application(db, "LA-2026-0001").license
    assert lic is not None and lic.state == "expired"


def test_a_revoked_license_gives_no_deadlines(db) -> None:
    app_id = make_application(db, "LA-2026-0001", status="approved")
    make_license(db, app_id, "D1200001", issued_on=date(2023, 1, 15),
                 expires_on=date(2027, 1, 15), state="revoked", reason="Revoked.")
    detail = get_application(db, "LA-2026-0001")
    assert detail.license is not None and detail.license.state == "revoked"
    assert detail.deadlines == ()

"""The licenses list: each license's state on the day, around its expiry and after the
regulator's acts, with the application, person and conditions it carries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import make_application, make_license

from licenseapp.services.follow_up.licenses import LicenseState, license_state, list_licenses

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("recorded", "days_to_expiry", "expected"),
    [
        ("active", 400, LicenseState.ACTIVE),
        ("active", 61, LicenseState.ACTIVE),  # the day before the 60-day renewal window
        ("active", 60, LicenseState.EXPIRING),
        ("active", 1, LicenseState.EXPIRING),
        ("active", 0, LicenseState.EXPIRING),  # the expiry date is the last valid day
        ("active", -1, LicenseState.EXPIRED),
        ("suspended", 400, LicenseState.SUSPENDED),
        ("suspended", 10, LicenseState.SUSPENDED),  # suspended says more than expiring
        ("suspended", -5, LicenseState.EXPIRED),
        ("revoked", 400, LicenseState.REVOKED),
        ("revoked", -400, LicenseState.REVOKED),  # revoked stays revoked
    ],
)
def test_state_follows_dates_and_the_regulators_acts(recorded, days_to_expiry, expected) -> None:
    assert license_state(recorded, TODAY + timedelta(days=days_to_expiry), TODAY) == expected


def test_renewal_window_setting_moves_where_expiring_starts() -> None:
    expires = TODAY + timedelta(days=80)
    assert license_state("active", expires, TODAY) is LicenseState.ACTIVE
    assert license_state("active", expires, TODAY, 90) is LicenseState.EXPIRING


def test_list_gives_each_license_with_its_application_person_and_conditions(db) -> None:
    a = make_application(db, "LA-2026-0001", status="approved")
    make_license(db, a, "D1200001", issued_on=date(2023, 1, 10),
                 expires_on=TODAY + timedelta(days=30),
                 conditions=(("condition", "No access from outside the United States.", False),
                             ("condition", "Report annually on the access granted.", True),
                             ("rider", "The applicant may ask for an extension.", False)))
    b = make_application(db, "LA-2026-0002", regulator="DDTC", status="approved",
                         given="Layla", family="Haddad", native="ليلى حداد", citizenship="JO")
    make_license(db, b, "050512028", issued_on=date(2025, 3, 1),
                 expires_on=date(2029, 3, 1), state="suspended",
                 reason="Suspended pending review (15 CFR 750.8).")
    c = make_application(db, "LA-2026-0003", status="approved", given="Dmitri",
                         family="Ivanov", citizenship="RU")
    make_license(db, c, "D1200003", issued_on=date(2022, 1, 5),
                 expires_on=TODAY - timedelta(days=3))

    rows = list_licenses(db, TODAY)

    assert [r.number for r in rows] == ["D1200003", "D1200001", "050512028"]  # soonest first
    expired, expiring, suspended = rows
    assert (expired.state, expired.days_left) == (LicenseState.EXPIRED, -3)
    assert expiring.state is LicenseState.EXPIRING
    assert (expiring.application_ref, expiring.person_name, expiring.regulator) == (
        "LA-2026-0001", "Wei Zhang", "BIS")
    assert expiring.native_name == "张伟"
    assert (expiring.condition_count, expiring.rider_count) == (2, 1)
    assert [c.kind for c in expiring.conditions] == ["condition", "condition", "rider"]
    assert expiring.conditions[1].anniversary_report
    assert (expiring.valid_from, expiring.valid_until) == (date(2023, 1, 10),
                                                           TODAY + timedelta(days=30))
    assert suspended.state is LicenseState.SUSPENDED
    assert suspended.state_reason.startswith("Suspended pending review")
    assert (suspended.regulator, suspended.person_name) == ("DDTC", "Layla Haddad")


def test_the_same_license_changes_state_as_days_pass(db) -> None:
    a = make_application(db, "LA-2026-0001", status="approved")
    expires = date(2027, 6, 30)
    make_license(db, a, "D1", issued_on=date(2023, 6, 30), expires_on=expires)
    seen = {
        day: list_licenses(db, day)[0].state
        for day in (expires - timedelta(days=61), expires - timedelta(days=60), expires,
                    expires + timedelta(days=1))
    }
    assert list(seen.values()) == [LicenseState.ACTIVE, LicenseState.EXPIRING,
                                   LicenseState.EXPIRING, LicenseState.EXPIRED]


def test_no_licenses_is_an_empty_list(db) -> None:
    make_application(db, "LA-2026-0001", status="submitted")
    assert list_licenses(db, TODAY) == []

"""The one rule for an issued license's state on a day, around its boundaries."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest

from licenseapp.domain.enums import LicenseState as S
from licenseapp.domain.licenses import in_force, license_state

EXPIRES = date(2027, 6, 30)
LEAP_DAY = date(2028, 2, 29)


@pytest.mark.parametrize(
    ("recorded", "expires_on", "today", "window", "expected"),
    [
        # active, around the expiry date (the last valid day)
        ("active", EXPIRES, EXPIRES, 60, S.EXPIRING),
        ("active", EXPIRES, EXPIRES + timedelta(days=1), 60, S.EXPIRED),
        ("active", EXPIRES, EXPIRES - timedelta(days=1), 60, S.EXPIRING),
        # the first day of the renewal window, and the day before it
        ("active", EXPIRES, date(2027, 5, 1), 60, S.EXPIRING),
        ("active", EXPIRES, date(2027, 4, 30), 60, S.ACTIVE),
        # the window is the user's setting
        ("active", EXPIRES, date(2027, 4, 1), 90, S.EXPIRING),
        ("active", EXPIRES, date(2027, 3, 31), 90, S.ACTIVE),
        ("active", EXPIRES, EXPIRES, 0, S.EXPIRING),
        ("active", EXPIRES, EXPIRES - timedelta(days=1), 0, S.ACTIVE),
        # a leap day as the expiry date: valid through 29 February, window from 31 December
        ("active", LEAP_DAY, LEAP_DAY, 60, S.EXPIRING),
        ("active", LEAP_DAY, date(2028, 3, 1), 60, S.EXPIRED),
        ("active", LEAP_DAY, date(2027, 12, 31), 60, S.EXPIRING),
        ("active", LEAP_DAY, date(2027, 12, 30), 60, S.ACTIVE),
        # a leap day as today
        ("active", date(2028, 4, 29), LEAP_DAY, 60, S.EXPIRING),
        ("active", date(2028, 4, 30), LEAP_DAY, 60, S.ACTIVE),
        # suspended overrides active and expiring, but not expired
        ("suspended", EXPIRES, date(2026, 1, 1), 60, S.SUSPENDED),
        ("suspended", EXPIRES, EXPIRES, 60, S.SUSPENDED),
        ("suspended", EXPIRES, EXPIRES + timedelta(days=1), 60, S.EXPIRED),
        # revoked overrides every date
        ("revoked", EXPIRES, date(2026, 1, 1), 60, S.REVOKED),
        ("revoked", EXPIRES, EXPIRES, 60, S.REVOKED),
        ("revoked", EXPIRES, EXPIRES + timedelta(days=400), 60, S.REVOKED),
    ],
)
def test_state_on_the_day(recorded: str, expires_on: date, today: date, window: int,
                          expected: S) -> None:
    assert license_state(recorded, expires_on, today, window) is expected


def test_the_default_window_is_sixty_days() -> None:
    assert license_state("active", EXPIRES, EXPIRES - timedelta(days=60)) is S.EXPIRING
    assert license_state("active", EXPIRES, EXPIRES - timedelta(days=61)) is S.ACTIVE


@pytest.mark.parametrize(
    ("recorded", "on", "expected"),
    [
        ("active", EXPIRES, True),  # the last valid day
        ("active", EXPIRES + timedelta(days=1), False),
        ("active", date(2027, 5, 15), True),  # expiring still authorizes
        ("suspended", date(2026, 1, 1), False),
        ("revoked", date(2026, 1, 1), False),
    ],
)
def test_in_force_follows_the_same_rule(recorded: str, on: date, expected: bool) -> None:
    assert in_force(recorded, EXPIRES, on) is expected


def test_the_rule_is_defined_once() -> None:
    """Services, the command line and the screens use this function; none has its own."""
    package = Path(__file__).resolve().parents[2] / "licenseapp"
    defined = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name == "license_state"
    ]
    assert defined == ["domain/licenses.py"]

"""The state of an issued license on a day: one rule, used wherever a state is shown.

A license is recorded as active, suspended or revoked (the regulator's acts, 15 CFR 750.8);
"expiring" and "expired" follow from its expiry date and the renewal window (renew at least
60 days before expiry by default, a user setting). Worked out every time, never stored.
"""

from __future__ import annotations

from datetime import date

from licenseapp.domain.enums import LicenseState
from licenseapp.domain.settings import DEFAULT_RENEWAL_WINDOW_DAYS

#: States in which the license authorizes what it covers.
IN_FORCE = frozenset({LicenseState.ACTIVE, LicenseState.EXPIRING})


def license_state(
    recorded: str, expires_on: date, today: date,
    renewal_window_days: int = DEFAULT_RENEWAL_WINDOW_DAYS,
) -> LicenseState:
    """The state a user sees on ``today``.

    Revoked (or surrendered) stays so whatever the dates. Past its expiry date a license is expired,
    suspended or not (the expiry date itself is the last valid day). A suspended one is
    suspended. From ``renewal_window_days`` days before the expiry date up to that date it
    is expiring; before that, active. An unknown recorded state counts as active.
    """
    if recorded in (LicenseState.REVOKED, LicenseState.SURRENDERED):
        return LicenseState(recorded)
    if expires_on < today:
        return LicenseState.EXPIRED
    if recorded == LicenseState.SUSPENDED:
        return LicenseState.SUSPENDED
    if (expires_on - today).days <= renewal_window_days:
        return LicenseState.EXPIRING
    return LicenseState.ACTIVE


def in_force(recorded: str, expires_on: date, on: date) -> bool:
    """Whether the license authorizes access on ``on``: neither revoked, suspended nor
    expired (expiring soon still counts)."""
    return license_state(recorded, expires_on, on) in IN_FORCE

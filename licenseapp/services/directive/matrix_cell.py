"""One cell of the authorization matrix as a reader sees it: the state of a person's access
to an item, with everything needed to explain it.

The matrix keeps its cells as columns (:mod:`licenseapp.services.directive.matrix_columns`);
a :class:`MatrixCell` is made from them when a cell is shown, exported or looked up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window imports the cell without the services' SQLAlchemy
    from licenseapp.services.catalog.access_data import PairReason


class AuthState(StrEnum):
    NOT_REQUIRED = "not_required"
    LICENSED = "licensed"
    PENDING = "pending"
    APPLICATION_DRAFTED = "application_drafted"
    LICENSE_NEEDED = "license_needed"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    DENIED = "denied"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    AuthState.NOT_REQUIRED: "Not required", AuthState.LICENSED: "Licensed",
    AuthState.PENDING: "Application pending", AuthState.APPLICATION_DRAFTED: "Application drafted",
    AuthState.LICENSE_NEEDED: "License needed", AuthState.SUSPENDED: "Suspended",
    AuthState.REVOKED: "Access revoked", AuthState.DENIED: "Denied", AuthState.UNKNOWN: "Unknown",
}


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """One access grant and its authorization state, with everything needed to explain it."""

    grant_id: int
    person_id: int
    person_ref: str
    person_name: str
    native_name: str
    item_id: int
    item_ref: str
    item_name: str
    eccn: str  # the item's classification as recorded (ECCN, USML category...)
    access: str  # the grant as recorded: requested, active, suspended, revoked
    state: AuthState
    detail: str  # one line: why this state (license number, application, who suspended...)
    #: The deciding determination's plain-language reason (:attr:`reason`): written when
    #: read, as one matrix holds a cell per access record and shows the reasons of a few.
    why: PairReason | str = field(compare=False, repr=False)
    ruleset: str | None  # the rule set whose answer decided
    country: str | None  # the deciding country
    missing: tuple[str, ...] = ()
    application_ref: str = ""
    application_status: str = ""
    license_number: str = ""
    license_expires: date | None = None
    suspended_at: datetime | None = None
    suspended_by: str = ""
    suspended_reason: str = ""
    #: For an AI model: each access mode recorded for the pair with its record's state
    #: (``("parameters: active", "use: revoked")``); the cell shows the most pressing one.
    modes: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        return self.why if isinstance(self.why, str) else self.why.now

    @property
    def unauthorized_access(self) -> bool:
        """Access is on although no license covers a pair that needs (or may need) one."""
        return self.access == "active" and self.state in NEEDS_ACTION


NEEDS_ACTION = frozenset({AuthState.LICENSE_NEEDED, AuthState.PENDING, AuthState.DENIED,
                          AuthState.APPLICATION_DRAFTED, AuthState.UNKNOWN})

#: A cell's state is kept as its index here (one byte).
STATES: tuple[AuthState, ...] = tuple(AuthState)


__all__ = ["NEEDS_ACTION", "STATES", "AuthState", "MatrixCell"]

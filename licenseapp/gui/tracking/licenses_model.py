"""Issued licenses as a table model: state in words and colour, days left, conditions.

Rows are :class:`~licenseapp.services.follow_up.licenses.LicenseRow` (plain values, computed by the
service off the GUI thread). The proxy sorts on raw values (``SORT_ROLE``) and filters by
state and by text (license number, application, person, regulator).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from licenseapp.gui.applications.model import fold
from licenseapp.gui.records_model import SORT_ROLE, RecordsModel, RecordsProxy
from licenseapp.gui.theme import Ink, Tone, current

if TYPE_CHECKING:
    from licenseapp.services.follow_up.licenses import LicenseRow

#: The application the license was issued on.
REF_ROLE = Qt.ItemDataRole.UserRole + 2
#: The license's state value ("active", "expiring", ...).
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

#: States in the order a user scans them, with their words and colours (a theme tone).
STATE_LABELS: dict[str, str] = {
    "active": "Active",
    "expiring": "Expiring",
    "expired": "Expired",
    "suspended": "Suspended",
    "revoked": "Revoked",
}
STATE_TONES: dict[str, Tone] = {
    "active": Tone.OK,
    "expiring": Tone.CAUTION,
    "expired": Tone.NEUTRAL,
    "suspended": Tone.DANGER,
    "revoked": Tone.DANGER,
}
_STATE_ORDER = {state: n for n, state in enumerate(STATE_LABELS)}


class LicenseColumn(IntEnum):
    """What matters first comes first (the details pane leaves the list ~600 px)."""

    NUMBER = 0
    STATE = 1
    VALID_UNTIL = 2
    DAYS_LEFT = 3
    APPLICATION = 4
    PERSON = 5
    REGULATOR = 6
    VALID_FROM = 7
    CONDITIONS = 8


HEADERS: dict[int, str] = {
    LicenseColumn.NUMBER: "License no.",
    LicenseColumn.APPLICATION: "Application",
    LicenseColumn.PERSON: "Person",
    LicenseColumn.REGULATOR: "Regulator",
    LicenseColumn.STATE: "State",
    LicenseColumn.VALID_FROM: "Valid from",
    LicenseColumn.VALID_UNTIL: "Valid until",
    LicenseColumn.DAYS_LEFT: "Days left",
    LicenseColumn.CONDITIONS: "Conditions",
}

_RIGHT_ALIGNED = (LicenseColumn.DAYS_LEFT, LicenseColumn.CONDITIONS)


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state.capitalize())


def days_left_text(row: LicenseRow) -> str:
    """Days to the expiry date: "412", "0" on the last valid day, "−3" three days after;
    "—" for a revoked license (it has no days left whatever its dates)."""
    if row.state == "revoked":
        return "—"
    days = row.days_left
    return f"−{-days:,}" if days < 0 else f"{days:,}"


def days_left_words(row: LicenseRow) -> str:
    """The same in words, for the tooltip and the details pane."""
    if row.state == "revoked":
        return "revoked"
    days = row.days_left
    if days < 0:
        return f"expired {-days} day{'s' if days != -1 else ''} ago"
    if days == 0:
        return "expires today (the last valid day)"
    return f"{days:,} day{'s' if days != 1 else ''} left"


def conditions_text(row: LicenseRow) -> str:
    riders = row.rider_count
    text = str(row.condition_count)
    return f"{text} + {riders} rider{'s' if riders != 1 else ''}" if riders else text


_DISPLAY: dict[int, Callable[[LicenseRow], str]] = {
    LicenseColumn.NUMBER: lambda r: r.number,
    LicenseColumn.STATE: lambda r: state_label(r.state.value),
    LicenseColumn.VALID_UNTIL: lambda r: r.valid_until.isoformat(),
    LicenseColumn.DAYS_LEFT: days_left_text,
    LicenseColumn.APPLICATION: lambda r: r.application_ref,
    LicenseColumn.PERSON: lambda r: r.person_name,
    LicenseColumn.REGULATOR: lambda r: r.regulator,
    LicenseColumn.VALID_FROM: lambda r: r.valid_from.isoformat(),
    LicenseColumn.CONDITIONS: conditions_text,
}


def _sort_value(r: LicenseRow, column: int) -> Any:
    if column == LicenseColumn.STATE:
        return _STATE_ORDER.get(r.state.value, 99) * 100_000 + r.days_left
    if column == LicenseColumn.VALID_FROM:
        return r.valid_from.toordinal()
    if column in (LicenseColumn.VALID_UNTIL, LicenseColumn.DAYS_LEFT):
        return r.days_left
    if column == LicenseColumn.CONDITIONS:
        return r.condition_count * 1000 + r.rider_count
    if column == LicenseColumn.PERSON:
        return r.person_name.casefold()
    return _DISPLAY[column](r)


def _tooltip(r: LicenseRow, column: int) -> str | None:
    if column == LicenseColumn.STATE and r.state_reason:
        return r.state_reason
    if column in (LicenseColumn.DAYS_LEFT, LicenseColumn.VALID_UNTIL):
        return f"Valid until {r.valid_until.isoformat()}: {days_left_words(r)}"
    if column == LicenseColumn.PERSON and r.native_name:
        return f"{r.person_name} ({r.native_name}), {r.person_ref}"
    if column == LicenseColumn.CONDITIONS and r.conditions:
        return "\n".join(
            f"{'Rider' if c.kind == 'rider' else 'Condition'} {c.position}: {c.text}"
            for c in r.conditions
        )
    return None


class LicensesTableModel(RecordsModel["LicenseRow"]):
    """Read-only rows of issued licenses; the state column in its colours."""

    headers = HEADERS
    display = _DISPLAY
    roles = {REF_ROLE: lambda r: r.application_ref, STATE_ROLE: lambda r: r.state.value}
    typed = {LicenseColumn.VALID_UNTIL: lambda r: r.valid_until,
             LicenseColumn.DAYS_LEFT: lambda r: r.days_left,
             LicenseColumn.VALID_FROM: lambda r: r.valid_from}

    def set_licenses(self, rows: Iterable[LicenseRow]) -> None:
        self.set_rows(list(rows))

    def license_at(self, row: int) -> LicenseRow:
        return self.record_at(row)  # type: ignore[no-any-return]

    def licenses(self) -> Sequence[LicenseRow]:
        return self.rows()

    def identity(self, record: LicenseRow) -> object:
        return record.number  # row_of(number): the row of license ``number``

    def search_key(self, record: LicenseRow) -> str:
        r: LicenseRow = record
        return fold(" ".join((r.number, r.application_ref, r.person_name, r.native_name,
                              r.person_ref, r.regulator, state_label(r.state.value))))

    def sort_value(self, record: LicenseRow, column: int) -> Any:
        return _sort_value(record, column)

    def tooltip(self, record: LicenseRow, column: int) -> str | None:
        return _tooltip(record, column)

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column in _RIGHT_ALIGNED else None

    def cell(self, record: LicenseRow, column: int, role: int) -> Any:
        r: LicenseRow = record
        if column == LicenseColumn.STATE and role in (
            Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole
        ):
            badge = current().badge(STATE_TONES.get(r.state.value, Tone.REVOKED))
            chosen = badge.text if role == Qt.ItemDataRole.ForegroundRole else badge.background
            return QBrush(chosen)
        if role == Qt.ItemDataRole.ForegroundRole and column == LicenseColumn.DAYS_LEFT:
            if r.state in ("expired", "expiring"):
                return QBrush(current().ink(Ink.WARNING if r.state == "expiring" else Ink.HINT))
            return None
        return super().cell(record, column, role)


class LicensesFilterProxy(RecordsProxy["LicenseRow"]):
    """Sorts on raw values; filters by state (None: all) and by words in the text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._state: str | None = None

    def set_state(self, state: str | None) -> None:
        if state != self._state:
            with self.filter_change():
                self._state = state

    def set_text(self, text: str) -> None:
        self.set_text_filter(text)

    def keep(self, records: Sequence[LicenseRow], rows: Sequence[int]) -> Sequence[int]:
        state = self._state
        return rows if state is None else [n for n in rows if records[n].state.value == state]


__all__ = [
    "HEADERS",
    "REF_ROLE",
    "SORT_ROLE",
    "STATE_LABELS",
    "STATE_ROLE",
    "STATE_TONES",
    "LicenseColumn",
    "LicensesFilterProxy",
    "LicensesTableModel",
    "conditions_text",
    "days_left_text",
    "days_left_words",
    "state_label",
]

"""The accesses that must stop under a rule set, as a Qt table model (sorted by a standard
proxy): each with its group (newly required, already required, undetermined) and mode."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from licenseapp.domain.countries import country_name
from licenseapp.domain.days import local_time
from licenseapp.services.directive.impact import MODE_WORDS, AffectedPair

#: The groups in a few words (the list's column; the chooser above it says them in full).
GROUP_WORDS = {"newly_required": "Newly required", "already_required": "Already required",
               "undetermined": "Undetermined"}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PAIR_ROLE = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex


class PairColumn(IntEnum):
    PERSON = 0
    NATIVE = 1
    COUNTRY = 2
    ITEM = 3
    ECCN = 4
    MODE = 5
    GROUP = 6
    ACCESS = 7
    COVERED = 8
    WHY = 9


HEADERS = {
    PairColumn.PERSON: "Person", PairColumn.NATIVE: "Native script",
    PairColumn.COUNTRY: "Deciding country", PairColumn.ITEM: "Item", PairColumn.ECCN: "ECCN",
    PairColumn.MODE: "Access mode", PairColumn.GROUP: "Group",
    PairColumn.ACCESS: "Access now", PairColumn.COVERED: "License / application",
    PairColumn.WHY: "Why a license is needed now",
}


def country_text(code: str | None) -> str:
    return f"{country_name(code) or code} ({code})" if code else "not known"


def access_text(pair: AffectedPair) -> str:
    if pair.access == "suspended":
        when = local_time(pair.suspended_at)
        return f"Suspended {when}".strip()
    return {"active": "Active", "requested": "Requested"}.get(pair.access, pair.access)


def covered_text(pair: AffectedPair) -> str:
    if pair.license_number:
        until = f" to {pair.license_expires.isoformat()}" if pair.license_expires else ""
        return f"Licensed {pair.license_number}{until}"
    if pair.open_application:
        return f"Open application {pair.open_application}"
    return "None yet"


def _text(pair: AffectedPair, column: PairColumn) -> str:
    if column == PairColumn.PERSON:
        return f"{pair.person_name} · {pair.person_ref}"
    if column == PairColumn.NATIVE:
        return pair.native_name
    if column == PairColumn.COUNTRY:
        return country_text(pair.country)
    if column == PairColumn.ITEM:
        return pair.item_name
    if column == PairColumn.ECCN:
        return pair.eccn
    if column == PairColumn.MODE:
        return MODE_WORDS.get(pair.mode or "", "item as a whole")
    if column == PairColumn.GROUP:
        return GROUP_WORDS[pair.group]
    if column == PairColumn.ACCESS:
        return access_text(pair)
    if column == PairColumn.COVERED:
        return covered_text(pair)
    return pair.reason


class AffectedPairsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pairs: list[AffectedPair] = []

    def set_pairs(self, pairs: Sequence[AffectedPair]) -> None:
        self.beginResetModel()
        self._pairs = list(pairs)
        self.endResetModel()

    def pair_at(self, row: int) -> AffectedPair:
        return self._pairs[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pairs)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PairColumn)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pair = self._pairs[index.row()]
        column = PairColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(pair, column)
        if role == SORT_ROLE:
            if column == PairColumn.PERSON:
                return f"{pair.person_name.casefold()}\n{pair.person_ref}"
            return _text(pair, column).casefold()
        if role == PAIR_ROLE:
            return pair
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == PairColumn.WHY:
                return (f"Now: {pair.reason}\n\nBefore ({pair.before.replace('_', ' ')}): "
                        f"{pair.before_reason}")
            return _text(pair, column) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PairColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[PairColumn(section)]
        return None

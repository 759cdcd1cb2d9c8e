"""The hits as a table: decision in words and colour, score, our record, the list entry.

Rows are :class:`~licenseapp.services.screening.dto.HitView` (plain values from the
engine). Sorted, by default, as a reviewer works: unreviewed and escalated first, then by
score, highest first. The proxy shows the open hits, the decided ones, or all.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont

from licenseapp.domain.days import local_moment, local_time
from licenseapp.gui.records_model import RecordsModel, RecordsProxy
from licenseapp.gui.screening.wording import DECISION_LABELS, DECISION_ORDER, DECISION_TONES
from licenseapp.gui.theme import current
from licenseapp.services.screening.dto import Decision, HitView


class HitColumn(IntEnum):
    DECISION = 0
    SCORE = 1
    OURS = 2
    ENTRY = 3
    LIST = 4
    SCREENED = 5


class HitsShown(IntEnum):
    """The filter above the list."""

    OPEN = 0  # unreviewed and escalated: what needs a reviewer
    DECIDED = 1
    ALL = 2


SHOWN_LABELS = {
    HitsShown.OPEN: "Open (unreviewed and escalated)",
    HitsShown.DECIDED: "Decided",
    HitsShown.ALL: "All hits",
}
OPEN_DECISIONS = frozenset({Decision.OPEN, Decision.ESCALATED})


def ours_text(h: HitView) -> str:
    return f"{h.subject_name} ({h.subject_ref})" if h.subject_ref != h.subject_name \
        else h.subject_name


class HitsModel(RecordsModel[HitView]):
    headers = {
        HitColumn.DECISION: "Decision",
        HitColumn.SCORE: "Score",
        HitColumn.OURS: "Our record",
        HitColumn.ENTRY: "List entry",
        HitColumn.LIST: "List",
        HitColumn.SCREENED: "Screened",
    }
    display = {
        HitColumn.DECISION: lambda h: DECISION_LABELS[h.decision]
        + ("" if h.current else " (no longer found)"),
        HitColumn.SCORE: lambda h: f"{h.hit.score:.0f}",
        HitColumn.OURS: ours_text,
        HitColumn.ENTRY: lambda h: h.hit.entry_name,
        HitColumn.LIST: lambda h: h.hit.list_code,
        HitColumn.SCREENED: lambda h: local_time(h.screened_at),
    }
    typed = {HitColumn.SCORE: lambda h: round(h.hit.score),
             HitColumn.SCREENED: lambda h: local_moment(h.screened_at)}

    def sort_value(self, record: HitView, column: int) -> Any:
        # Ties fall back on the reviewer's order: open first, highest score first.
        work_order = (DECISION_ORDER[record.decision], -record.hit.score, record.id)
        if column == HitColumn.DECISION:
            return work_order
        if column == HitColumn.SCORE:
            return (record.hit.score, -record.id)
        if column == HitColumn.SCREENED:
            return (record.screened_at.isoformat(), work_order)
        return (self.text(record, column).casefold(), work_order)

    def tooltip(self, record: HitView, column: int) -> str | None:
        if column == HitColumn.SCORE:
            return "\n".join(f"{f.effect:+.0f}  {f.label}" for f in record.hit.explanation) \
                or None
        if column == HitColumn.LIST:
            return record.hit.list_name
        if column == HitColumn.DECISION and record.id in self.recent and not record.lapsed:
            return "New or changed in the last re-screen"
        if column == HitColumn.DECISION and record.lapsed:
            return f"Open again: {record.lapsed}"
        if column == HitColumn.DECISION and record.decided_by:
            return (f"{DECISION_LABELS[record.decision]} by {record.decided_by}, "
                    f"{local_time(record.decided_at)}" + (f": {record.note}" if record.note
                                                          else ""))
        return super().tooltip(record, column)

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column == HitColumn.SCORE else None

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        #: Hits the last re-screen found new or changed: shown in bold.
        self.recent: frozenset[int] = frozenset()

    def set_recent(self, hit_ids: frozenset[int]) -> None:
        self.recent = hit_ids
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.FontRole])

    def cell(self, record: HitView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and record.id in self.recent:
            font = QFont()
            font.setBold(True)
            return font
        if column == HitColumn.DECISION:
            badge = current().badge(DECISION_TONES[record.decision])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(badge.text)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(badge.background)
        return super().cell(record, column, role)


class HitsProxy(RecordsProxy[HitView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.showing = HitsShown.OPEN

    def set_shown(self, shown: HitsShown) -> None:
        if shown != self.showing:
            with self.filter_change():
                self.showing = shown

    def accepts(self, record: HitView) -> bool:
        if self.showing is HitsShown.OPEN:
            return record.decision in OPEN_DECISIONS
        if self.showing is HitsShown.DECIDED:
            return record.decision not in OPEN_DECISIONS
        return True

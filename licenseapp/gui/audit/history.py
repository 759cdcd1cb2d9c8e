"""Application › Audit history…: who did what to the application and its records, and when.

A table — when (local time), who, action, what changed (``field: before → after``) — of
the entries :func:`licenseapp.services.safety.audit_history.application_audit` returns, loaded
off the GUI thread. Document numbers arrive masked from the service.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from licenseapp.errors import LicenseAppError
from licenseapp.gui.tables import ListWithMessage
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme_follow import make_hint

if TYPE_CHECKING:
    from licenseapp.services.safety.audit_history import AuditHistoryEntry

HistoryLoader = Callable[[], "Sequence[AuditHistoryEntry]"]
AnyIndex = QModelIndex | QPersistentModelIndex

#: Raw values for sorting (the moment, not its text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class AuditColumn(IntEnum):
    WHEN = 0
    WHO = 1
    ACTION = 2
    CHANGES = 3


_HEADERS = {AuditColumn.WHEN: "When", AuditColumn.WHO: "Who", AuditColumn.ACTION: "Action",
            AuditColumn.CHANGES: "What changed"}


def local_moment(moment: datetime) -> str:
    """A stored UTC moment in the user's local time, with seconds (audit entries are exact)."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _zone_note() -> str:
    now = datetime.now().astimezone()
    offset = now.strftime("%z")
    if offset in ("+0000", "-0000"):
        return "UTC"
    return f"{now.tzname() or ''} (UTC{offset[:3]}:{offset[3:]})".strip()


class AuditHistoryModel(QAbstractTableModel):
    """The audit entries of one application, one row each (newest first as loaded)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[AuditHistoryEntry] = []

    def set_entries(self, entries: Sequence[AuditHistoryEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> AuditHistoryEntry:
        return self._entries[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AuditColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[AuditColumn(section)]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = AuditColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == SORT_ROLE:
            if column is AuditColumn.WHEN:
                return entry.id  # the chain's order is the order things happened
            return self._text(entry, column).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{entry.action_label} — {entry.record}"]
            if entry.summary:
                lines.append(entry.summary)
            lines.append(f"{entry.occurred_at:%Y-%m-%d %H:%M:%S} UTC · audit entry "
                         f"#{entry.id} · hash {entry.hash}…")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    @staticmethod
    def _text(entry: AuditHistoryEntry, column: AuditColumn) -> str:
        if column is AuditColumn.WHEN:
            return local_moment(entry.occurred_at)
        if column is AuditColumn.WHO:
            return entry.actor
        if column is AuditColumn.ACTION:
            if entry.entity in ("application", "applications"):
                return entry.action_label
            return f"{entry.action_label}\n{entry.record}"
        return entry.changes_text


class AuditHistoryDialog(QDialog):
    """The audit history of one application; :meth:`load` (again) fetches it."""

    def __init__(
        self,
        runner: TaskRunner,
        loader: HistoryLoader,
        ref: str,
        subject: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._loader = loader
        self.ref = ref
        self._request = 0
        self.loaded = False
        self.setWindowTitle(f"Audit history — {ref}")
        self.resize(900, 520)

        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setText(f"{ref} — {subject}" if subject else ref)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title_label.setFont(font)
        self.model = AuditHistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Audit history")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AuditColumn.WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (AuditColumn.WHEN, AuditColumn.WHO, AuditColumn.ACTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AuditColumn.CHANGES, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.list = ListWithMessage(self.table, summary=False)
        self.list.show_list()  # empty until loaded
        self.message_label = self.list.message_label
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        make_hint(self.note_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_button = QPushButton("&Refresh")
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.clicked.connect(self.load)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(buttons)

    @Slot()
    def load(self) -> None:
        """Fetch the history in the background (what is shown stays until it arrives)."""
        self._request += 1
        request = self._request
        if not self.loaded:
            self._say(f"Loading the audit history of {self.ref}…")
        self.refresh_button.setEnabled(False)
        loader = self._loader
        self._runner.submit(lambda: list(loader()),
                            lambda entries: self._loaded(request, entries),
                            lambda exc: self._failed(request, exc), context=self)

    def _loaded(self, request: int, entries: list[AuditHistoryEntry]) -> None:
        if request != self._request:
            return
        self.loaded = True
        self.refresh_button.setEnabled(True)
        self.model.set_entries(entries)
        self.table.resizeRowsToContents()
        count = len(entries)
        self.note_label.setText(
            f"{count} entr{'y' if count == 1 else 'ies'}, newest first; times are local, "
            f"{_zone_note()}. Document numbers are masked. Every entry is chained to the one "
            "before it: File › Verify database… checks that none was changed.")
        if entries:
            self.list.show_list()
        else:
            self._say(f"No audit entries are recorded for {self.ref}.\nRecords loaded as demo "
                      "data or before auditing began have none.")

    def _failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self.refresh_button.setEnabled(True)
        if isinstance(exc, LicenseAppError):
            self._say(exc.message)
            return
        self._say(f"The audit history of {self.ref} could not be loaded.")
        self._runner.report_error(exc)

    def _say(self, text: str) -> None:
        self.list.show_message(text)

    def visible_rows(self) -> list[list[str]]:
        """What the table shows, row by row (tests, copying)."""
        return [[str(self.proxy.index(r, c).data()) for c in AuditColumn]
                for r in range(self.proxy.rowCount())]

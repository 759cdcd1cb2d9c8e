"""The search popup's list of results: a group heading per kind, a line per record with its
context beside it, and a current row moved with Up and Down from the search box."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from licenseapp.domain.search.index import Found, FoundGroup

FOUND_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchResultsWidget(QTreeWidget):
    """Results grouped by kind; the keyboard stays in the search box (no focus here)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Search results")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self._rows: list[QTreeWidgetItem] = []  # the records, in the order shown

    def show_groups(self, groups: Sequence[FoundGroup]) -> None:
        self.clear()
        self._rows = []
        bold = self.font()
        bold.setBold(True)
        italic = self.font()
        italic.setItalic(True)
        for group in groups:
            heading = QTreeWidgetItem(self, [group.kind.label])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setFont(0, bold)
            heading.setFirstColumnSpanned(True)
            for found in group.found:
                row = QTreeWidgetItem(heading, [found.title, found.context])
                row.setData(0, FOUND_ROLE, found)
                row.setToolTip(1, found.context)
                self._rows.append(row)
            if group.more:
                more = QTreeWidgetItem(heading, [f"More {group.kind.label.lower()} match: "
                                                 "type more to narrow them down"])
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not chosen, but readable
                more.setFont(0, italic)
                more.setFirstColumnSpanned(True)
        self.expandAll()
        widest = max((self.fontMetrics().horizontalAdvance(row.text(0)) for row in self._rows),
                     default=0)
        self.setColumnWidth(0, min(widest + 32, self.width() // 2))
        if self._rows:
            self.setCurrentItem(self._rows[0])

    def rows_height(self) -> int:
        """The height that shows every line without scrolling."""
        headings = [self.topLevelItem(n) for n in range(self.topLevelItemCount())]
        lines = sum(1 + heading.childCount() for heading in headings if heading is not None)
        return lines * max(self.sizeHintForRow(0), 1) + 2 * self.frameWidth() + 4

    @property
    def count(self) -> int:
        """How many records are shown."""
        return len(self._rows)

    def current_found(self) -> Found | None:
        item = self.currentItem()
        found = item.data(0, FOUND_ROLE) if item is not None else None
        return found if isinstance(found, Found) else None

    def step(self, rows: int) -> None:
        """The current record ``rows`` rows down (up if negative), stopping at the ends."""
        if not self._rows:
            return
        current = self.currentItem()
        at = self._rows.index(current) if current in self._rows else -1
        row = self._rows[max(0, min(len(self._rows) - 1, at + rows))]
        self.setCurrentItem(row)
        self.scrollToItem(row)

    def found_at(self, item: QTreeWidgetItem | None) -> Found | None:
        found = item.data(0, FOUND_ROLE) if item is not None else None
        return found if isinstance(found, Found) else None

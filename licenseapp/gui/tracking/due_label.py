"""The status bar's "3 due this week, 1 overdue" (red when something is overdue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QWidget

from licenseapp.gui.theme import Ink
from licenseapp.gui.theme_follow import ink_style

if TYPE_CHECKING:
    from licenseapp.services.follow_up.dashboard import DeadlineCounts


class DueLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip("Deadlines overdue and due within 7 days (Licenses & deadlines, Ctrl+3)")

    @Slot(object)
    def show_counts(self, counts: DeadlineCounts) -> None:
        self.setText(counts.summary())
        ink_style(self, Ink.LATE if counts.overdue else None,
                  "font-weight: 600;" if counts.overdue else "")

"""The checker's findings for one wizard page (or all of them, on the review page)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.checker import Finding, Severity
from licenseapp.domain.checker.headline import headline
from licenseapp.domain.counted import counted
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.gui.theme import Ink
from licenseapp.gui.theme_follow import follow_items, paint_item


def finding_text(f: Finding) -> str:
    word = "Error" if f.severity is Severity.ERROR else "Warning"
    return f"{word} — {headline(f)}\n    Fix: {f.fix}"


class FindingsPanel(QWidget):
    """A heading with counts and one line per finding (source in the tooltip).

    ``activated(Finding)``: the user chose a finding to fix (Enter or a double-click)."""

    activated = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, title: str = "To fix on this page") \
            -> None:
        super().__init__(parent)
        self._title = title
        self.heading = QLabel(self)
        self.heading.setObjectName("findingsHeading")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName(title)
        follow_items(self.list)
        self.list.itemActivated.connect(self._activated)
        self.list.installEventFilter(self)  # Enter goes to the finding, not to Next/Finish
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self.show_findings([])

    def set_title(self, title: str) -> None:
        self._title = title
        self.list.setAccessibleName(title)

    def show_findings(self, findings: Sequence[Finding], *, checked: bool = True) -> None:
        self.list.clear()
        errors = sum(f.severity is Severity.ERROR for f in findings)
        warnings = len(findings) - errors
        for f in findings:
            item = QListWidgetItem(finding_text(f))
            paint_item(item, ink=Ink.LATE if f.severity is Severity.ERROR else Ink.WARNING)
            item.setToolTip(f"Rule {f.rule}. Source: {f.source}\n"
                            "Enter or double-click: go to the field that fixes it")
            item.setData(Qt.ItemDataRole.UserRole, f)
            self.list.addItem(item)
        if not checked:
            self.heading.setText(f"{self._title}: not checked yet — choose the items on the "
                                 "Items page and press Next: the draft is stored then, and "
                                 "checked as you go from there on")
        elif findings:
            self.heading.setText(f"{self._title}: {counted(errors, 'error')}, "
                                 f"{counted(warnings, 'warning')} "
                                 "— Enter or double-click one to go to its field")
        else:
            self.heading.setText(f"{self._title}: nothing — this part is complete")
        self._show_list(bool(findings))

    def show_problems(self, problems: Sequence[FieldProblem], labels: dict[str, str]) -> None:
        """Problems that stop the draft from being saved at all."""
        self.list.clear()
        for p in problems:
            item = QListWidgetItem(f"{p.where(labels)}: {p.message}")
            paint_item(item, ink=Ink.LATE)
            self.list.addItem(item)
        self.heading.setText(f"Cannot go on yet: {counted(len(problems), 'problem')}")
        self._show_list(True)

    def _show_list(self, shown: bool) -> None:
        """The list, or the heading alone — which then takes no more height than its line,
        so the page's own fields get the room (a quarter of the page stood empty under
        "nothing — this part is complete")."""
        self.list.setVisible(shown)
        vertical = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Maximum
        self.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.FocusIn \
                and self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)  # the keyboard arrives on a finding Enter can open
        if watched is self.list and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.list.currentItem()
            if item is not None:
                self._activated(item)
                return True
        return super().eventFilter(watched, event)

    def _activated(self, item: QListWidgetItem) -> None:
        finding = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(finding, Finding):  # not a problem that stops saving
            self.activated.emit(finding)

    def count(self) -> int:
        return self.list.count()

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

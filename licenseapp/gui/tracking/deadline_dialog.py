"""The focused dialog to mark a deadline done, or snooze it until a date, with a note."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.deadlines import Deadline
from licenseapp.gui.tracking.deadlines_model import days_left_text, kind_label, what_text

DEFAULT_SNOOZE_DAYS = 7


class DeadlineMarkDialog(QDialog):
    """``snooze=False``: "Mark done" with an optional note; ``snooze=True``: a date after
    today (a week by default) and an optional note. Read :attr:`note` and :attr:`until`
    once accepted."""

    def __init__(
        self, deadline: Deadline, today: date, *, snooze: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.deadline = deadline
        self.snooze = snooze
        self.setWindowTitle("Snooze deadline" if snooze else "Mark deadline done")
        self.setMinimumWidth(460)

        days = deadline.days_left(today)
        ref = f"{escape(deadline.application_ref)} · " if deadline.application_ref else ""
        about = QLabel(
            f"<b>{escape(what_text(deadline))}</b><br>"
            f"{ref}{escape(kind_label(deadline.kind))}<br>"
            f"Due {deadline.due_on.isoformat()} ({escape(days_left_text(days))})"
        )
        about.setTextFormat(Qt.TextFormat.RichText)
        about.setWordWrap(True)
        explain = QLabel(
            "It leaves the list until the date chosen, then comes back."
            if snooze else
            "It leaves the list of what is due. Who marked it and when is recorded in the "
            "audit trail; “Show done and snoozed” brings it back into view."
        )
        explain.setWordWrap(True)

        form = QFormLayout()
        self.until_edit = QDateEdit()
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("yyyy-MM-dd")
        self.until_edit.setAccessibleName("Snooze until")
        first = today + timedelta(days=1)
        self.until_edit.setMinimumDate(QDate(first.year, first.month, first.day))
        default = today + timedelta(days=DEFAULT_SNOOZE_DAYS)
        self.until_edit.setDate(QDate(default.year, default.month, default.day))
        if snooze:
            form.addRow("Snooze &until:", self.until_edit)
        else:
            self.until_edit.hide()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText(
            "Optional: why it is snoozed" if snooze
            else "Optional: what was done (e.g. renewal filed in SNAP-R, ACN Z123456)")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 4 + 12)
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note_edit)
        form.addRow(note_label, self.note_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Snooze" if snooze else "Mark done")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    @property
    def until(self) -> date:
        chosen = self.until_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

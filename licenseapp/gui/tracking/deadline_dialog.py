"""The focused dialog to mark a deadline done, or snooze it until a date, with a note."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.deadlines import Deadline
from licenseapp.gui.date_field import DateField, with_message
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
            f"{ref}{escape(deadline.label or kind_label(deadline.kind))}<br>"
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
        self.today = today
        self.until_edit = DateField(label="Snooze until", empty_text="required")
        self.until_edit.set_value(today + timedelta(days=DEFAULT_SNOOZE_DAYS))
        until_box = with_message(self.until_edit)
        if snooze:
            form.addRow("Snooze &until:", until_box)
        else:
            until_box.hide()
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
        self.buttons.accepted.connect(self._accept_if_dated)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def until_problem(self) -> str:
        """Why the snooze date cannot be used ("" when it can): a day after today."""
        if not self.snooze:
            return ""
        until = self.until_edit.value()
        if self.until_edit.problem():
            return self.until_edit.problem()
        if until is None or until <= self.today:
            return (f"Snooze until: choose a day after today "
                    f"({(self.today + timedelta(days=1)).isoformat()} or later)")
        return ""

    def _accept_if_dated(self) -> None:
        problem = self.until_problem()
        if problem:  # what was typed stays; the line under it says what to change
            label = self.until_edit.message_label
            assert label is not None
            label.setText(problem)
            label.show()
            self.until_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()

    @property
    def until(self) -> date:
        chosen = self.until_edit.value()
        assert chosen is not None, "accepted only with a date after today"
        return chosen

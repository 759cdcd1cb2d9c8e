"""The Items page's "where the recipient is" entry, for a form whose need turns on it (a SIEL's
block 7(a)): the determination below it answers for that place. The same recorded block the
End use page shows, so what is typed on either page is the one value."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from licenseapp.domain.forms import spec_of
from licenseapp.domain.recipient_location import location_field
from licenseapp.domain.recorded import FormValues, value_of, with_value
from licenseapp.gui.wizard.recorded_blocks import guidance

PLACEHOLDER = "The country, e.g. India: remote access from Bengaluru; United Kingdom: on site"


class RecipientLocationRow(QWidget):
    """Signals: ``edited`` when the user types."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_id = ""
        self.edit = QLineEdit()
        self.edit.setObjectName("recipient_location")
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.textEdited.connect(lambda _="": self.edited.emit())
        self.rows = QFormLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.addRow("Where the recipient is:", self.edit)
        self.setVisible(False)

    def show_form(self, form_code: str | None) -> None:
        """Shown, labelled with the block's name and number, when the form has the block."""
        self.field_id = location_field(form_code)
        spec = spec_of(form_code) if form_code and self.field_id else None
        if spec is not None:
            field = spec.field(self.field_id)
            label = self.rows.labelForField(self.edit)
            if isinstance(label, QLabel):
                label.setText(f"{field.titled}:")
                label.setToolTip(guidance(field))
            self.edit.setToolTip(guidance(field))
            self.edit.setAccessibleName(field.titled)
        self.setVisible(spec is not None)

    def text(self) -> str:
        return self.edit.text().strip() if self.field_id else ""

    def read(self, values: FormValues) -> None:
        if self.field_id:
            self.edit.setText(value_of(values, self.field_id))

    def write(self, values: FormValues) -> FormValues:
        return with_value(values, self.field_id, self.edit.text()) if self.field_id else values


__all__ = ["PLACEHOLDER", "RecipientLocationRow"]

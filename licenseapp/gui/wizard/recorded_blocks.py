"""The form blocks the data model has no column for, as wizard inputs: one per block the
chosen form records by id (BIS-748P blocks 7, 11, 12 and 13; SIEL 2 and 7(a)), labelled with the
block's name and number, the spec's guidance as tooltip."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from licenseapp.domain.forms import FormField, spec_of
from licenseapp.domain.recorded import FormValues, recorded_values, value_of

#: The title of the group on the end-use page.
TITLE = "Other blocks (if applicable)"


def guidance(field: FormField) -> str:
    """The spec's guidance for a block, as a tooltip."""
    lines = [f"Block {field.number} {field.label}: {field.requirement_label.lower()}."]
    if field.note:
        lines.append(field.note)
    if field.choices:
        lines.append("Entries: " + ", ".join(field.choices)
                     + (f"; empty means {field.default} (standard entry)" if field.default
                        else "") + ".")
    if not field.name_confirmed:
        lines.append("The block's name is not confirmed against the primary text.")
    return "\n".join(lines)


def placeholder(field: FormField) -> str:
    if field.unit:
        return f"A number in {field.unit}, e.g. 0.75 {field.unit}"
    if field.default:
        return f"Standard entry: {field.default}"
    if field.required:
        return "Required: see the guidance (hover)"
    return "Leave empty if it does not apply"


def describe_values(form_code: str, values: FormValues) -> str:
    """Recorded blocks one per line, "Replacement License Number (block 11): D123456"."""
    spec = spec_of(form_code)
    pairs = spec.labelled(values) if spec else list(values)
    return "\n".join(f"{label}: {text}" for label, text in pairs)


class RecordedBlocksBox(QGroupBox):
    """Signals: ``edited`` when the user changes a value."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self.setObjectName("other_blocks")
        self.rows = QFormLayout(self)
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        self.fields: tuple[FormField, ...] = ()
        self._form: str | None = None
        self.setVisible(False)

    @property
    def form_code(self) -> str | None:
        """The form whose blocks are shown (None before the first)."""
        return self._form

    def show_form(self, form_code: str) -> None:
        """One input per block the form records by id (hidden when it has none)."""
        if form_code == self._form:
            return
        self._form = form_code
        while self.rows.rowCount():
            self.rows.removeRow(0)
        self.inputs.clear()
        spec = spec_of(form_code)
        self.fields = spec.recorded_fields() if spec else ()
        for field in self.fields:
            edit = self._input(field)
            edit.setObjectName(f"form_value_{field.id}")
            edit.setToolTip(guidance(field))
            self.rows.addRow(f"{field.titled}:", edit)
            label = self.rows.labelForField(edit)
            if label is not None:
                label.setToolTip(guidance(field))
            self.inputs[field.id] = edit
        self.setVisible(bool(self.fields))

    def _input(self, field: FormField) -> QLineEdit | QComboBox:
        if field.choices:
            combo = QComboBox()
            combo.addItem(placeholder(field) if field.default else "—", "")
            for choice in field.choices:
                combo.addItem(choice, choice)
            combo.activated.connect(lambda _=0: self.edited.emit())
            return combo
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder(field))
        edit.textEdited.connect(lambda _="": self.edited.emit())
        return edit

    def set_values(self, values: FormValues) -> None:
        for field_id, edit in self.inputs.items():
            value = value_of(values, field_id)
            if isinstance(edit, QComboBox):
                index = edit.findData(value)
                if index < 0:  # an entry not among the choices: shown as it is (the checker
                    edit.addItem(value, value)  # flags it)
                    index = edit.count() - 1
                edit.setCurrentIndex(index)
            else:
                edit.setText(value)

    def values(self) -> FormValues:
        return recorded_values({
            field_id: str(edit.currentData() or "") if isinstance(edit, QComboBox)
            else edit.text()
            for field_id, edit in self.inputs.items()
        })


__all__ = ["TITLE", "RecordedBlocksBox", "describe_values", "guidance",
           "placeholder"]

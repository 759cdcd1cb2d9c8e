"""The item editor: a controlled item's name, kind, access modes, regime, classification,
reasons for control, CCATS and description.

Like the other record editors it never touches the database: :meth:`set_form`,
:meth:`form`, :meth:`show_problems` and the ``changed`` signal. The access modes are shown
for an AI model only; the classification's hint follows the regime; the reasons for control
left empty show, as their placeholder, what the reference data gives for the ECCN typed
(what the save will fill in).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.enums import AccessMode, ItemKind, Regime
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.domain.item_form import ITEM_LABELS, ItemForm, kind_of, reasons_for, regime_of
from licenseapp.gui.items import classification_choices
from licenseapp.gui.people.editor import banner_text, problem_banner
from licenseapp.gui.people.fields import ProblemDisplay, message_label
from licenseapp.gui.theme_follow import make_hint

#: The kinds as the editor offers them, in the order users meet them.
KIND_CHOICES: tuple[tuple[str, str], ...] = (
    (ItemKind.TECHNOLOGY.value, "Technology"),
    (ItemKind.SOURCE_CODE.value, "Software / source code"),
    (ItemKind.AI_MODEL_ACCESS.value, "AI model"),
    (ItemKind.TECHNICAL_DATA.value, "Technical data (ITAR)"),
    (ItemKind.DEFENSE_SERVICE.value, "Defense service"),
)
#: An AI model's access modes, as the editor and the grant dialog offer them.
MODE_CHOICES: tuple[tuple[str, str], ...] = (
    (AccessMode.PARAMETERS.value, "Release of parameters (weights)"),
    (AccessMode.USE.value, "Use of the model, e.g. inference through an API or chat"),
    (AccessMode.FINE_TUNING.value, "Fine-tuning"),
)
REGIME_CHOICES: tuple[tuple[str, str], ...] = (
    (Regime.EAR.value, "EAR — U.S. Export Administration Regulations"),
    (Regime.ITAR.value, "ITAR — U.S. International Traffic in Arms Regulations"),
    (Regime.UK.value, "UK — UK Strategic Export Control Lists"),
    (Regime.EU.value, "EU — EU dual-use list"),
)
#: What the classification field asks for, by regime.
CLASSIFICATION_HINTS: dict[str, str] = {
    Regime.EAR.value: "ECCN e.g. 4E091, or EAR99, or 'not subject (published)'",
    Regime.ITAR.value: "USML category e.g. XI(d)",
    Regime.UK.value: "control list entry e.g. PL5017",
    Regime.EU.value: "control list entry e.g. 3E001",
}

_PLACEHOLDERS = {
    "name": "as your teams call it, e.g. Mythos 5",
    "ccats": "if BIS classified it, e.g. G195530",
    "description": "What the item is, in plain words; the technical description of new "
                   "applications starts from it",
}
_REASONS_FREE = "as the classification gives them, e.g. NS1, AT1"


def kind_text(kind: str) -> str:
    """The kind as the editor names it ("AI model", "Software / source code")."""
    found = kind_of(kind)
    return dict(KIND_CHOICES).get(found.value if found else kind, kind)


class ItemEditor(QWidget):
    """Edits one item. ``changed()`` is emitted on every edit the user makes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *,
                 reasons: Callable[[str], str] = reasons_for) -> None:
        super().__init__(parent)
        self._form = ItemForm()
        self._loading = False
        self._reasons = reasons
        self.problems = ProblemDisplay(None, self)
        self.banner = problem_banner()

        self.name_edit = QLineEdit()
        self.kind_combo = QComboBox()
        for value, label in KIND_CHOICES:
            self.kind_combo.addItem(label, value)
        self.mode_checks: dict[str, QCheckBox] = {}
        self.modes_box = QWidget()
        modes_layout = QVBoxLayout(self.modes_box)
        modes_layout.setContentsMargins(0, 0, 0, 0)
        modes_layout.setSpacing(2)
        for value, label in MODE_CHOICES:
            check = QCheckBox(label)
            self.mode_checks[value] = check
            modes_layout.addWidget(check)
        self.regime_combo = QComboBox()
        for value, label in REGIME_CHOICES:
            self.regime_combo.addItem(label, value)
        self.classification_edit = QLineEdit()
        self.classification_choices = classification_choices.attach(self.classification_edit)
        self.reasons_edit = QLineEdit()
        self.reasons_note = QLabel()
        self.reasons_note.setWordWrap(True)
        make_hint(self.reasons_note)  # muted: a note, not a value (yet 4.5:1)
        self.ccats_edit = QLineEdit()
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(
            self.description_edit.fontMetrics().lineSpacing() * 5 + 12)
        for name, edit in (("name", self.name_edit), ("ccats", self.ccats_edit)):
            edit.setPlaceholderText(_PLACEHOLDERS[name])
        self.description_edit.setPlaceholderText(_PLACEHOLDERS["description"])

        self.fields = QFormLayout()
        self._cells: dict[str, QWidget] = {}  # the field's row, by field name
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._field("name", self.name_edit)
        self._field("kind", self.kind_combo)
        self._field("access_modes", self.modes_box, "Access modes offered")
        self._field("regime", self.regime_combo)
        self._field("classification", self.classification_edit)
        self._field("reasons_for_control", self.reasons_edit, note=self.reasons_note)
        self._field("ccats", self.ccats_edit)
        self._field("description", self.description_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(self.fields)
        layout.addStretch(1)

        for line in (self.name_edit, self.classification_edit, self.reasons_edit,
                     self.ccats_edit):
            line.textEdited.connect(self._changed)
        self.description_edit.textChanged.connect(self._changed)
        for check in self.mode_checks.values():
            check.toggled.connect(self._changed)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.regime_combo.currentIndexChanged.connect(self._regime_changed)
        self.classification_edit.textChanged.connect(self._show_reasons)
        self.reasons_edit.textChanged.connect(self._show_reasons)
        self._show_modes()
        self._show_hint()

    def _field(self, name: str, widget: QWidget, text: str = "",
               note: QLabel | None = None) -> None:
        label = QLabel((text or ITEM_LABELS[name]) + ":")
        label.setBuddy(widget)
        widget.setAccessibleName(text or ITEM_LABELS[name])
        message = message_label()
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        if note is not None:
            box.addWidget(note)
        box.addWidget(message)
        self.fields.addRow(label, cell)
        self._cells[name] = cell
        self.problems.register(name, label, message,
                               next(iter(self.mode_checks.values()))
                               if widget is self.modes_box else widget)

    # --- what follows what -----------------------------------------------------------

    def is_ai_model(self) -> bool:
        return bool(self.kind_combo.currentData() == ItemKind.AI_MODEL_ACCESS.value)

    def _show_modes(self) -> None:
        self.fields.setRowVisible(self._cells["access_modes"], self.is_ai_model())

    def _kind_changed(self, *_args: object) -> None:
        self._show_modes()
        self._changed()

    def _show_hint(self) -> None:
        regime = str(self.regime_combo.currentData() or "")
        self.classification_edit.setPlaceholderText(
            CLASSIFICATION_HINTS.get(regime, "the classification under this regime"))
        classification_choices.follow(self.classification_choices, regime_of(regime) is Regime.EAR)
        self._show_reasons()

    def _regime_changed(self, *_args: object) -> None:
        self._show_hint()
        self._changed()

    def filled_reasons(self) -> str:
        """What the save fills in if the reasons for control are left empty."""
        if regime_of(str(self.regime_combo.currentData() or "")) is not Regime.EAR:
            return ""
        return self._reasons(self.classification_edit.text().strip())

    def _show_reasons(self, *_args: object) -> None:
        filled = self.filled_reasons()
        is_ear = regime_of(str(self.regime_combo.currentData() or "")) is Regime.EAR
        if filled:
            self.reasons_edit.setPlaceholderText(filled)
            note = (f"From the Commerce Control List for "
                    f"{self.classification_edit.text().strip().upper()}: {filled}. Left "
                    "empty, these are saved.")
        elif is_ear:
            self.reasons_edit.setPlaceholderText("filled from the Commerce Control List")
            note = ("Type the ECCN above and the reasons are filled from the Commerce "
                    "Control List (none for EAR99 or 'not subject').")
        else:
            self.reasons_edit.setPlaceholderText(_REASONS_FREE)
            note = ""
        typed = self.reasons_edit.text().strip()
        self.reasons_note.setText("" if typed and typed != filled else note)
        self.reasons_note.setVisible(bool(self.reasons_note.text()))

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    # --- the form --------------------------------------------------------------------

    @staticmethod
    def _choose(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index < 0 and value:
            combo.addItem(value, value)  # an unknown value stays, for the check to name
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def set_form(self, form: ItemForm) -> None:
        self._loading = True
        try:
            self._form = form
            self.name_edit.setText(form.name)
            self.name_edit.setCursorPosition(0)
            kind = kind_of(form.kind)
            self._choose(self.kind_combo, kind.value if kind else form.kind)
            for value, check in self.mode_checks.items():
                check.setChecked(value in form.access_modes)
            regime = regime_of(form.regime)
            self._choose(self.regime_combo, regime.value if regime else form.regime)
            self.classification_edit.setText(form.classification)
            self.reasons_edit.setText(form.reasons_for_control)
            self.ccats_edit.setText(form.ccats)
            self.description_edit.setPlainText(form.description)
        finally:
            self._loading = False
        self._show_modes()
        self._show_hint()
        self.clear_problems()

    def form(self) -> ItemForm:
        """The item as now typed, at the id, ref and version given to :meth:`set_form`."""
        modes: tuple[str, ...] = ()
        if self.is_ai_model():
            modes = tuple(v for v, check in self.mode_checks.items() if check.isChecked())
            if set(modes) == set(self._form.access_modes):
                modes = self._form.access_modes  # the order as stored
        return replace(
            self._form, name=self.name_edit.text(), kind=str(self.kind_combo.currentData()),
            access_modes=modes, regime=str(self.regime_combo.currentData()),
            classification=self.classification_edit.text(),
            reasons_for_control=self.reasons_edit.text(), ccats=self.ccats_edit.text(),
            description=self.description_edit.toPlainText())

    def loaded_form(self) -> ItemForm:
        return self._form

    def is_modified(self) -> bool:
        return self.form() != self._form

    # --- problems --------------------------------------------------------------------

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        first = self.problems.show(problems)
        self.banner.setText(banner_text(problems, ITEM_LABELS) if problems else "")
        self.banner.setVisible(bool(problems))
        slot = self.problems.slot(first.field) if first is not None else None
        if slot is not None:
            self.problems.focus(slot)

    def clear_problems(self) -> None:
        self.show_problems([])

    def shown_problems(self) -> list[FieldProblem]:
        return list(self.problems.shown)

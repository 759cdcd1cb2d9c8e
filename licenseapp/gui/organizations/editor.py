"""The organization editor: the applicant company's particulars, contacts and templates.

Like the person editor it never touches the database: :meth:`set_form`, :meth:`form`,
:meth:`show_problems` and the ``changed`` signal. In a dialog its sections are tabs; on the
welcome page (``side_by_side``) the particulars and registrations stand in two columns,
without the templates, so a first-time user sees every field at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.form_problems import FieldProblem
from licenseapp.domain.organization_form import ORGANIZATION_LABELS, OrganizationForm
from licenseapp.gui.country_chooser import CountryCombo
from licenseapp.gui.mnemonics import Mnemonics
from licenseapp.gui.people.editor import banner_text, problem_banner
from licenseapp.gui.people.fields import ProblemDisplay, message_label

_PLACEHOLDERS = {
    "legal_name": "exactly as registered, e.g. Northwind Frontier AI, Inc.",
    "ein": "12-3456789",
    "snapr_cin": "e.g. C123456",
    "ddtc_code": "e.g. M12345",
    "contact_email": "name@example.com",
    "signatory_name": "who signs the applications",
    "signatory_title": "e.g. Empowered Official",
    "default_loe_template": "The letter of explanation new applications start from; "
                            "placeholders such as {person.full_name} are filled in",
    "default_tcp_template": "The technology control plan new applications start from",
}

_TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Organization", ("legal_name", "street", "city", "state", "postal_code", "country",
                      "phone", "fax")),
    ("Registrations && contacts", ("ein", "snapr_cin", "ddtc_code", "contact_name",
                                  "contact_phone", "contact_email", "signatory_name",
                                  "signatory_title")),
    ("Templates", ("default_loe_template", "default_tcp_template")),
)
TEMPLATE_FIELDS = ("default_loe_template", "default_tcp_template")


class OrganizationEditor(QWidget):
    """Edits one organization. ``changed()`` is emitted on every edit the user makes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, side_by_side: bool = False) -> None:
        super().__init__(parent)
        self._form = OrganizationForm()
        self._loading = False
        self._mnemonics = Mnemonics()  # Alt+letters unique on each tab
        self.text_edits: dict[str, QLineEdit] = {}
        self.template_edits: dict[str, QPlainTextEdit] = {}
        #: The sections as tabs (None side by side).
        self.tabs: QTabWidget | None = None if side_by_side else QTabWidget()
        self.problems = ProblemDisplay(self.tabs, self)
        self.banner = problem_banner()
        self.country_combo = CountryCombo(optional=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        if self.tabs is None:
            columns = QHBoxLayout()
            for title, names in _TABS:
                if title != "Templates":
                    box = QGroupBox(title)
                    QVBoxLayout(box).addWidget(self._build_tab(title, names))
                    columns.addWidget(box, 1)
            layout.addLayout(columns, 1)
        else:
            self.tabs.setDocumentMode(True)
            for title, names in _TABS:
                self.tabs.addTab(self._build_tab(title, names), title)
            layout.addWidget(self.tabs, 1)
        for edit in self.text_edits.values():
            edit.textEdited.connect(self._changed)
        for template in self.template_edits.values():
            template.textChanged.connect(self._changed)
        self.country_combo.changed.connect(self._changed)

    def _build_tab(self, title: str, names: Sequence[str]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for name in names:
            widget: QWidget
            if name == "country":
                widget = self.country_combo
            elif name in TEMPLATE_FIELDS:
                template = QPlainTextEdit()
                template.setTabChangesFocus(True)
                template.setPlaceholderText(_PLACEHOLDERS.get(name, ""))
                template.setMinimumHeight(template.fontMetrics().lineSpacing() * 8 + 12)
                self.template_edits[name] = template
                widget = template
            else:
                edit = QLineEdit()
                edit.setPlaceholderText(_PLACEHOLDERS.get(name, ""))
                self.text_edits[name] = edit
                widget = edit
            self._field(form, name, widget, page)
        layout.addLayout(form, 1 if title == "Templates" else 0)
        if title != "Templates":
            layout.addStretch(1)
        return page

    def _field(self, form: QFormLayout, name: str, widget: QWidget, page: QWidget) -> None:
        text = ORGANIZATION_LABELS[name]
        shown = text.replace("Default ", "").capitalize() if name in TEMPLATE_FIELDS else text
        label = QLabel(self._mnemonics.mark(shown, page) + ":")
        label.setWordWrap(name in TEMPLATE_FIELDS)
        label.setBuddy(widget)
        widget.setAccessibleName(text)
        message = message_label()
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget, 1)
        box.addWidget(message)
        form.addRow(label, cell)
        self.problems.register(name, label, message, widget, page)

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def set_form(self, form: OrganizationForm) -> None:
        self._loading = True
        try:
            self._form = form
            for name, edit in self.text_edits.items():
                edit.setText(getattr(form, name))
                edit.setCursorPosition(0)
            for name, template in self.template_edits.items():
                template.setPlainText(getattr(form, name))
            self.country_combo.set_code(form.country)
        finally:
            self._loading = False
        self.clear_problems()

    def form(self) -> OrganizationForm:
        values: dict[str, str] = {name: edit.text() for name, edit in self.text_edits.items()}
        values.update({name: t.toPlainText() for name, t in self.template_edits.items()})
        values["country"] = self.country_combo.code() or ""
        return replace(self._form, **values)  # type: ignore[arg-type]

    def loaded_form(self) -> OrganizationForm:
        return self._form

    def is_modified(self) -> bool:
        return self.form() != self._form

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        first = self.problems.show(problems)
        self.banner.setText(banner_text(problems, ORGANIZATION_LABELS) if problems else "")
        self.banner.setVisible(bool(problems))
        slot = self.problems.slot(first.field) if first is not None else None
        if slot is not None:
            self.problems.focus(slot)

    def clear_problems(self) -> None:
        self.show_problems([])

    def shown_problems(self) -> list[FieldProblem]:
        return list(self.problems.shown)

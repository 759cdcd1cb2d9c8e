"""The person editor: every field of a :class:`PersonForm`, on tabs that fit a laptop.

Self-contained so the application wizard can embed it: it is given the employers to offer
(``(organization id, name)`` pairs) and a form, and gives back the form as edited. It never
touches the database. Problems from :func:`~licenseapp.domain.person_form.check_person`
(or a refused save) are shown inline with :meth:`PersonEditor.show_problems`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.enums import ImmigrationStatus
from licenseapp.domain.form_problems import FieldProblem, base_field, row_of
from licenseapp.domain.person_form import PERSON_LABELS, PersonForm
from licenseapp.gui.country_chooser import CountryCombo
from licenseapp.gui.date_field import DateField
from licenseapp.gui.mnemonics import Mnemonics
from licenseapp.gui.people.fields import (
    ProblemDisplay,
    message_label,
)
from licenseapp.gui.people.person_rows import (
    CITIZENSHIP_COLUMNS,
    DOCUMENT_COLUMNS,
    RESUME_COLUMNS,
    new_citizenship,
    new_document,
    new_resume_entry,
)
from licenseapp.gui.people.rows import RowsEditor
from licenseapp.gui.theme import Ink, Theme, Tone, readable
from licenseapp.gui.theme_follow import themed_style

#: The single-line text fields, in the order they appear.
TEXT_FIELDS = ("given_name", "family_name", "native_name", "other_names", "birth_city",
               "email", "phone", "job_title", "supervisor", "work_site", "employee_number")
LONG_TEXT_FIELDS = ("duties", "notes")
COUNTRY_FIELDS = ("birth_country", "residency_country")
DATE_FIELDS = ("date_of_birth", "lpr_since")

_PLACEHOLDERS = {
    "given_name": "as in the passport, e.g. Wei",
    "family_name": "as in the passport, e.g. Zhang",
    "native_name": "in the person's own script, e.g. 张伟",
    "other_names": "maiden names, aliases, other spellings",
    "email": "name@example.com",
    "employee_number": "the employer's own number, e.g. from the HR roster",
    "duties": "What the person does, in plain words; printed in the application",
    "notes": "Anything the team should know; not printed",
}


def _banner_style(theme: Theme) -> str:
    tint = theme.badge(Tone.DANGER).background
    return (f"color: {readable(theme.ink(Ink.LATE), tint).name()}; "
            f"border: 1px solid {theme.hex(Ink.LATE)}; border-radius: 3px; padding: 4px 6px; "
            f"background: {tint.name()};")


def problem_banner() -> QLabel:
    banner = QLabel()
    banner.setWordWrap(True)
    banner.setTextFormat(Qt.TextFormat.PlainText)
    themed_style(banner, _banner_style)
    banner.hide()
    return banner


def banner_text(problems: Sequence[FieldProblem], labels: dict[str, str]) -> str:
    """"2 problems stop saving: Family name — type …; Résumé, row 1 — …"."""
    parts = []
    for problem in problems:
        name = base_field(problem.field)
        row = row_of(problem.field)
        where = labels.get(name, name.replace("_", " "))
        if row is not None:
            where += f", row {row + 1}"
        parts.append(f"{where} — {problem.message}")
    noun = "problem stops" if len(problems) == 1 else "problems stop"
    return f"{len(problems)} {noun} saving: " + "; ".join(parts)


def row_messages(problems: Sequence[FieldProblem], name: str) -> dict[int, str]:
    """The problems of the list field ``name``, by zero-based row."""
    out: dict[int, str] = {}
    for problem in problems:
        row = row_of(problem.field)
        if base_field(problem.field) == name and row is not None:
            out[row] = f"{out[row]}; {problem.message}" if row in out else problem.message
    return out


class PersonEditor(QWidget):
    """Edits one person. ``changed()`` is emitted on every edit the user makes."""

    changed = Signal()

    def __init__(self, employers: Sequence[tuple[int, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = PersonForm()
        self._loading = False
        self.text_edits: dict[str, QLineEdit] = {}
        self.long_edits: dict[str, QPlainTextEdit] = {}
        self.country_combos: dict[str, CountryCombo] = {}
        self.date_edits: dict[str, DateField] = {}
        self._mnemonics = Mnemonics()  # Alt+letters unique on each tab

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.problems = ProblemDisplay(self.tabs, self)
        self.banner = problem_banner()

        self.status_combo = QComboBox()
        self.status_combo.addItem("not set", None)
        for status in ImmigrationStatus:
            self.status_combo.addItem(status.label, status.value)
        self.employer_combo = QComboBox()
        self.employer_combo.setMinimumContentsLength(30)
        self.employer_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.citizenships = RowsEditor("Citizenships", CITIZENSHIP_COLUMNS, new_citizenship,
                                       add_text="Add citizenship")
        self.documents = RowsEditor("Documents", DOCUMENT_COLUMNS, new_document,
                                    add_text="Add document")
        self.resume = RowsEditor("Résumé", RESUME_COLUMNS, new_resume_entry,
                                 add_text="Add résumé entry", visible_rows=8)
        self.row_editors: dict[str, RowsEditor] = {
            "citizenships": self.citizenships, "documents": self.documents,
            "resume": self.resume}

        self._build_person_tab()
        self._build_citizenship_tab()
        self._build_immigration_tab()
        self._build_work_tab()
        self._build_resume_tab()
        self._build_notes_tab()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.set_employers(employers)
        self._connect_changes()

    # --- building ----------------------------------------------------------------------

    def _page(self, title: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        page.setObjectName(title)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        self.tabs.addTab(page, title)
        return page, layout

    @staticmethod
    def _form_layout() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return form

    def _field(self, form: QFormLayout, name: str, widget: QWidget, page: QWidget) -> None:
        label = QLabel(self._mnemonics.mark(PERSON_LABELS[name], page) + ":")
        label.setBuddy(widget)
        widget.setAccessibleName(PERSON_LABELS[name])
        message = message_label()
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(message)
        form.addRow(label, cell)
        self.problems.register(name, label, message, widget, page)

    def _text(self, form: QFormLayout, name: str, page: QWidget) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(_PLACEHOLDERS.get(name, ""))
        self.text_edits[name] = edit
        self._field(form, name, edit, page)

    def _long(self, form: QFormLayout, name: str, page: QWidget, lines: int) -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(_PLACEHOLDERS.get(name, ""))
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        self.long_edits[name] = edit
        self._field(form, name, edit, page)

    def _country(self, form: QFormLayout, name: str, page: QWidget) -> None:
        combo = CountryCombo()
        self.country_combos[name] = combo
        self._field(form, name, combo, page)

    def _date(self, form: QFormLayout, name: str, page: QWidget) -> None:
        edit = DateField(label=PERSON_LABELS[name])
        self.date_edits[name] = edit
        self._field(form, name, edit, page)
        slot = self.problems.slot(name)
        assert slot is not None
        message = slot.message

        def show(problem: str) -> None:
            message.setText(problem)
            message.setVisible(bool(problem))

        edit.problemChanged.connect(show)

    def _rows(self, layout: QVBoxLayout, name: str, page: QWidget, hint: str) -> None:
        editor = self.row_editors[name]
        label = QLabel(self._mnemonics.mark(PERSON_LABELS[name], page))
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setBuddy(editor.table)
        note = QLabel(hint)
        note.setWordWrap(True)
        message = message_label()
        layout.addWidget(label)
        layout.addWidget(note)
        layout.addWidget(editor, 1)
        layout.addWidget(message)
        self.problems.register(name, label, message, editor.table, page)

    def _build_person_tab(self) -> None:
        page, layout = self._page("Person")
        form = self._form_layout()
        for name in ("given_name", "family_name", "native_name", "other_names"):
            self._text(form, name, page)
        self._date(form, "date_of_birth", page)
        self._text(form, "birth_city", page)
        self._country(form, "birth_country", page)
        self._text(form, "email", page)
        self._text(form, "phone", page)
        layout.addLayout(form)
        layout.addStretch(1)

    def _build_citizenship_tab(self) -> None:
        page, layout = self._page("Citizenship")
        form = self._form_layout()
        self._country(form, "residency_country", page)
        layout.addLayout(form)
        layout.addSpacing(6)
        self._rows(layout, "citizenships", page,
                   "Every citizenship held now or before, with the date it was acquired; "
                   "give the end date of one given up.")

    def _build_immigration_tab(self) -> None:
        page, layout = self._page("Immigration")
        form = self._form_layout()
        self._field(form, "immigration_status", self.status_combo, page)
        self._date(form, "lpr_since", page)
        layout.addLayout(form)
        layout.addSpacing(6)
        self._rows(layout, "documents", page,
                   "Passport, visa, I-94, work permit… with numbers and dates as printed. "
                   "Numbers are masked in lists and logs.")

    def _build_work_tab(self) -> None:
        page, layout = self._page("Employment")
        form = self._form_layout()
        self._field(form, "employer_id", self.employer_combo, page)
        self._text(form, "employee_number", page)
        self._text(form, "job_title", page)
        self._long(form, "duties", page, 6)
        self._text(form, "supervisor", page)
        self._text(form, "work_site", page)
        layout.addLayout(form)
        layout.addStretch(1)

    def _build_resume_tab(self) -> None:
        page, layout = self._page("Résumé")
        self._rows(layout, "resume", page,
                   "Education and employment, month and year; leave “To” at present for "
                   "the current one.")

    def _build_notes_tab(self) -> None:
        page, layout = self._page("Notes")
        form = self._form_layout()
        self._long(form, "notes", page, 10)
        layout.addLayout(form)
        layout.addStretch(1)

    def _connect_changes(self) -> None:
        for edit in self.text_edits.values():
            edit.textEdited.connect(self._changed)
        for long_edit in self.long_edits.values():
            long_edit.textChanged.connect(self._changed)
        for combo in self.country_combos.values():
            combo.changed.connect(self._changed)
        for date_edit in self.date_edits.values():
            date_edit.changed.connect(self._changed)
        self.status_combo.currentIndexChanged.connect(self._changed)
        self.employer_combo.currentIndexChanged.connect(self._changed)
        for rows in self.row_editors.values():
            rows.changed.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    # --- the form ----------------------------------------------------------------------

    def set_employers(self, employers: Sequence[tuple[int, str]]) -> None:
        """The organizations offered as employer (the current choice is kept)."""
        current = self.employer_combo.currentData() if self.employer_combo.count() else (
            self._form.employer_id)
        self._loading = True
        try:
            self.employer_combo.clear()
            self.employer_combo.addItem("none", None)
            for org_id, name in sorted(employers, key=lambda e: e[1].casefold()):
                self.employer_combo.addItem(name, org_id)
            self._choose_employer(current)
        finally:
            self._loading = False

    def _choose_employer(self, org_id: int | None) -> None:
        index = self.employer_combo.findData(org_id)
        if index < 0 and org_id is not None:
            self.employer_combo.addItem(f"Organization #{org_id}", org_id)
            index = self.employer_combo.count() - 1
        self.employer_combo.setCurrentIndex(max(index, 0))

    def set_form(self, form: PersonForm) -> None:
        """Show ``form`` (its id, ref and version are carried through to :meth:`form`)."""
        self._loading = True
        try:
            self._form = form
            for name, edit in self.text_edits.items():
                edit.setText(getattr(form, name))
                edit.setCursorPosition(0)
            for name, long_edit in self.long_edits.items():
                long_edit.setPlainText(getattr(form, name))
            for name, combo in self.country_combos.items():
                combo.set_code(getattr(form, name))
            for name, date_edit in self.date_edits.items():
                date_edit.set_value(getattr(form, name))
            status = form.immigration_status
            index = self.status_combo.findData(status)
            if index < 0 and status:
                self.status_combo.addItem(status, status)
                index = self.status_combo.count() - 1
            self.status_combo.setCurrentIndex(max(index, 0))
            self._choose_employer(form.employer_id)
            self.citizenships.set_rows(form.citizenships)
            self.documents.set_rows(form.documents)
            self.resume.set_rows(form.resume)
        finally:
            self._loading = False
        self.clear_problems()

    def form(self) -> PersonForm:
        """The person as now typed, at the id, ref and version given to :meth:`set_form`."""
        values: dict[str, object] = {}
        for name, edit in self.text_edits.items():
            values[name] = edit.text()
        for name, long_edit in self.long_edits.items():
            values[name] = long_edit.toPlainText()
        for name, combo in self.country_combos.items():
            values[name] = combo.code()
        for name, date_edit in self.date_edits.items():
            values[name] = date_edit.value()
        return replace(
            self._form, **values,  # type: ignore[arg-type]
            immigration_status=self.status_combo.currentData(),
            employer_id=self.employer_combo.currentData(),
            citizenships=self.citizenships.rows(),
            documents=self.documents.rows(),
            resume=self.resume.rows(),
        )

    def typing_problems(self) -> list[FieldProblem]:
        """The date fields whose text cannot be read (kept as typed; not saved as is)."""
        return [FieldProblem(name, edit.typed().problem)
                for name, edit in self.date_edits.items() if edit.problem()]

    def loaded_form(self) -> PersonForm:
        """The form as last given to :meth:`set_form`."""
        return self._form

    def is_modified(self) -> bool:
        return self.form() != self._form

    # --- problems ----------------------------------------------------------------------

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        """Mark each problem on its field (label red, message beside it), tint the bad rows
        of the tables, and put the focus on the first bad field."""
        first = self.problems.show(problems)
        for name, rows in self.row_editors.items():
            rows.show_problems(row_messages(problems, name))
        if problems:
            self.banner.setText(banner_text(problems, PERSON_LABELS))
            self.banner.show()
        else:
            self.banner.hide()
        if first is None:
            return
        slot = self.problems.slot(first.field)
        if slot is not None:
            self.problems.focus(slot)
            rows_editor = self.row_editors.get(base_field(first.field))
            row = row_of(first.field)
            if rows_editor is not None and row is not None:
                rows_editor.focus_row(row)

    def clear_problems(self) -> None:
        self.show_problems([])

    def shown_problems(self) -> list[FieldProblem]:
        return list(self.problems.shown)

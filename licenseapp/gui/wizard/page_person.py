"""Wizard page 3: the foreign national — picked from the people on file, or created."""

from __future__ import annotations

import dataclasses
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.countries import country_name
from licenseapp.domain.draft_form import DraftForm
from licenseapp.domain.enums import ImmigrationStatus
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.domain.forms import recipient_label, spec_of
from licenseapp.domain.person_form import PersonForm
from licenseapp.domain.privacy import mask_number
from licenseapp.domain.value_labels import CITIZENSHIP_BASES, DOCUMENT_KINDS, in_sentence, label
from licenseapp.gui.wizard.page_base import DraftPage
from licenseapp.gui.wizard.person_entries import use_person_entries
from licenseapp.gui.wizard.screening_state import ScreeningStateLine
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.screening.dto import Subject

if TYPE_CHECKING:
    from licenseapp.gui.wizard.wizard import DraftWizard


def _status(value: str | None) -> str:
    try:
        return ImmigrationStatus(value).label if value else "—"
    except ValueError:
        return value or "—"


def person_html(p: PersonForm) -> str:
    """Everything the forms need about the person, for a last look before going on."""
    e = html.escape

    def row(label: str, value: object) -> str:
        text = "—" if value in (None, "", ()) else str(value)
        return f"<tr><td><b>{e(label)}</b></td><td>{e(text)}</td></tr>"

    cits = "; ".join(f"{country_name(c.country)} "
                     f"({in_sentence(label(CITIZENSHIP_BASES, c.basis))}"
                     + (f", since {c.acquired_on}" if c.acquired_on else "")
                     + (f", ended {c.ended_on}" if c.ended_on else "") + ")"
                     for c in p.citizenships)
    docs = "; ".join(f"{label(DOCUMENT_KINDS, d.kind)} {mask_number(d.number)} "
                     f"{d.document_class}".strip()
                     + (f", expires {d.expires_on}" if d.expires_on else "")
                     for d in p.documents)
    resume = "<br>".join(
        e(f"{r.start_month:02d}/{r.start_year} – "
          + (f"{r.end_month:02d}/{r.end_year}" if r.end_year and r.end_month else "present")
          + f": {r.organization}" + (f", {r.title}" if r.title else ""))
        for r in p.resume) or "—"
    rows = [
        row("Legal name", p.full_name), row("Native script", p.native_name),
        row("Other names", p.other_names), row("Born", " ".join(
            x for x in (str(p.date_of_birth or ""), p.birth_city,
                        country_name(p.birth_country) if p.birth_country else "") if x)),
        row("Citizenships", cits), row("Permanent residence", country_name(
            p.residency_country) if p.residency_country else ""),
        row("U.S. status", _status(p.immigration_status)
            + (f", permanent resident since {p.lpr_since}" if p.lpr_since else "")),
        row("Documents", docs), row("Job title", p.job_title), row("Duties", p.duties),
        row("Supervisor", p.supervisor), row("Work site", p.work_site),
    ]
    return (f"<table cellspacing='4'>{''.join(rows)}<tr><td><b>Résumé</b></td>"
            f"<td>{resume}</td></tr></table>")


class ForeignNationalPage(DraftPage):
    sections = ("foreign_national",)

    def __init__(self) -> None:
        super().__init__("Foreign national", self.subtitle_for(None))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name in any script, reference or e-mail")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search people")
        self.people = QListWidget()
        self.people.setObjectName("people")
        self.people.setAccessibleName("People")
        use_person_entries(self.people, self)  # names whole in any script, entries apart
        self.new_button = QPushButton("New person…")
        self.edit_button = QPushButton("Edit person…")
        self.summary = QLabel("Choose a person on the left.")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.people)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        left.addLayout(buttons)
        layout = QHBoxLayout(self.body)
        holder = QWidget()
        holder.setLayout(left)
        layout.addWidget(holder, 2)
        # A long summary (documents, work site, six résumé lines) scrolls rather than
        # being cut at the page's foot (at 125 % on a 1440×900 screen it was).
        summary_scroll = QScrollArea()
        summary_scroll.setAccessibleName("Chosen person's summary")
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setFrameShape(QFrame.Shape.NoFrame)
        summary_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        summary_scroll.setWidget(self.summary)
        self.right = QVBoxLayout()  # the screening state (once attached) over the summary
        self.right.addWidget(summary_scroll, 1)
        layout.addLayout(self.right, 3)
        self.screening: ScreeningStateLine | None = None
        self.search.textChanged.connect(self._filter)
        self.people.currentItemChanged.connect(self._picked)
        self.new_button.clicked.connect(lambda: self.open_person_dialog(None))
        self.edit_button.clicked.connect(
            lambda: self.open_person_dialog(self.wiz().person))

    def attach(self, wizard: DraftWizard) -> None:
        wizard.choicesLoaded.connect(self._fill)
        wizard.personLoaded.connect(self._show_person)
        self.screening = wizard.screening_line(self)
        self.right.insertWidget(0, self.screening)

    @staticmethod
    def subtitle_for(form: str | None) -> str:
        """Who the page asks for, in the chosen form's words and block (none: no form)."""
        spec = spec_of(form) if form else None
        block = next((f.number for f in spec.fields if f.source == "person"), "") if spec \
            else ""
        verb = {"transfer": "transferred"}.get(spec.term("transfer"), "released") if spec \
            else "released"
        where = f" (block {block})" if block else ""
        return (f"The person the technology would be {verb} to{where}. Pick them, or create "
                "them with every field the form needs.")

    def initializePage(self) -> None:
        form = self.wiz().form.form
        self.setTitle(recipient_label(form) if form else "Foreign national")
        self.setSubTitle(self.subtitle_for(form))
        self._fill()
        super().initializePage()
        self._show_person()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Once the entries are laid out at the list's width (they wrap, so their heights
        # change): the chosen one in the middle, whole, with its neighbours. Scrolled to
        # while filling, it sat at the foot of the list, cut by an entry grown above it.
        QTimer.singleShot(0, self, self._center_current)

    def _center_current(self) -> None:
        item = self.people.currentItem()
        if item is not None and not item.isHidden():
            self.people.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _fill(self) -> None:
        choices = self.wiz().choices
        current = self.wiz().form.person_id
        self._loading = True
        try:
            self.people.clear()
            for p in choices.people if choices else ():
                label = p.name + (f"  ·  {p.native_name}" if p.native_name else "")
                extra = ", ".join(p.citizenships) + (f" · {_status(p.immigration_status)}"
                                                     if p.immigration_status else "")
                item = QListWidgetItem(f"{label}\n{p.ref} · {extra}")
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                self.people.addItem(item)
                if p.id == current:
                    self.people.setCurrentItem(item)
        finally:
            self._loading = False
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _picked(self, item: QListWidgetItem | None) -> None:
        if self._loading or item is None:
            return
        person_id = int(item.data(Qt.ItemDataRole.UserRole))
        self.wiz().person = None
        self.changed()
        self.summary.setText("Loading…")
        if self.screening is not None:
            self.screening.show_for(None, None)
        self.wiz().load_person(person_id)

    def _show_person(self) -> None:
        person = self.wiz().person
        self.edit_button.setEnabled(person is not None)
        if person is not None and person.id == self.wiz().form.person_id:
            self.summary.setText(person_html(person))
            if self.screening is not None and person.id is not None:  # screened on saving
                self.screening.show_for(self.wiz().db, (Subject.PERSON, person.id))

    def read(self, form: DraftForm) -> None:
        for i in range(self.people.count()):
            item = self.people.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == form.person_id:
                self.people.setCurrentItem(item)

    def write(self, form: DraftForm) -> DraftForm:
        item = self.people.currentItem()
        person_id = int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        return dataclasses.replace(form, person_id=person_id)

    def problems(self, form: DraftForm) -> list[FieldProblem]:
        if form.person_id is None:
            return [FieldProblem("person_id", "choose the foreign national, or create them "
                                              "with New person…")]
        return []

    def open_person_dialog(self, person: PersonForm | None, *, field: str = "") -> None:
        """Create or edit the person with the same editor and checks as the People screen;
        ``field`` (an editor field name such as "resume") gets the keyboard."""
        from licenseapp.gui.people.dialog import PersonDialog

        choices = self.wiz().choices
        employers = [(o.id, o.legal_name) for o in choices.organizations] if choices else []
        dialog = PersonDialog(self.wiz().runner, self.wiz().db, person, employers,
                              parent=self)
        dialog.saved.connect(self._person_saved)
        self.person_dialog = dialog
        dialog.open()
        slot = dialog.person_editor.problems.slot(field) if field else None
        if slot is not None:
            dialog.person_editor.problems.focus(slot)

    def _person_saved(self, person: PersonForm) -> None:
        w = self.wiz()
        w.set_form(dataclasses.replace(w.form, person_id=person.id))
        w.person = person
        w.personLoaded.emit()
        w.load_choices()  # the list now has them; _fill selects them
        w.changed.emit(Changes.of(Kind.PEOPLE, [person.id] if person.id else []))
        w.run_check()  # a résumé gap filled here: the findings say so at once

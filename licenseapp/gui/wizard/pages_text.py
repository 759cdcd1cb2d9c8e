"""Wizard pages 5 and 6: end use and justification, with the other blocks the form records
by id; the letter of explanation and the technology control plan, filled from templates and
edited per application."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.checker import Finding
from licenseapp.domain.draft_form import DraftForm
from licenseapp.domain.forms import form_spec
from licenseapp.domain.templates import EMPTY
from licenseapp.gui.wizard.page_base import DraftPage
from licenseapp.gui.wizard.recorded_blocks import RecordedBlocksBox
from licenseapp.services.drafts.templating import FilledLetter, Letter, fill_letter


def _text_edit(name: str, placeholder: str, title: str = "") -> QPlainTextEdit:
    """``title``: its name for a screen reader where no label in a form names it."""
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    if title:
        edit.setAccessibleName(title)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    return edit


_END_USE_SUBTITLE = ("What the person will do with the technology and why they need it. Be "
                     "specific: {regulator} flags 'including but not limited to', 'etc.' and "
                     "'and/or'.")


class EndUsePage(DraftPage):
    sections = ("end_use",)

    def __init__(self) -> None:
        super().__init__("End use and justification",
                         _END_USE_SUBTITLE.format(regulator="the regulator"))
        self.special_purpose = QLineEdit()
        self.special_purpose.setObjectName("special_purpose")
        self.special_purpose.setPlaceholderText("Technology")
        self.end_use = _text_edit("end_use", "The specific end use of the technology by "
                                             "this person")
        self.justification = _text_edit("justification", "Why this person needs it for "
                                                          "their job")
        self.additional = _text_edit("additional_info", "Anything else the regulator needs "
                                                        "(earlier licenses, CCATS, context)")
        layout = QFormLayout(self.body)
        self._layout = layout
        layout.addRow("Special purpose:", self.special_purpose)
        layout.addRow("Specific end use:", self.end_use)
        layout.addRow("Justification:", self.justification)
        layout.addRow("Additional information:", self.additional)
        #: The blocks the form records by id (no column of their own), e.g. BIS block 11.
        self.other_blocks = RecordedBlocksBox()
        layout.addRow(self.other_blocks)
        for edit in (self.end_use, self.justification, self.additional):
            edit.textChanged.connect(self.changed)
        self.special_purpose.textEdited.connect(self.changed)
        self.other_blocks.edited.connect(self.changed)

    def read(self, form: DraftForm) -> None:
        self.special_purpose.setText(form.special_purpose or (
            "Technology" if form.regulator == "BIS" else ""))
        self.end_use.setPlainText(form.end_use)
        self.justification.setPlainText(form.justification)
        self.additional.setPlainText(form.additional_info)
        self.setSubTitle(_END_USE_SUBTITLE.format(regulator=form.regulator))
        self.other_blocks.show_form(form.form)
        self.other_blocks.set_values(form.form_values)
        self._label_blocks(form.form)

    def _label_blocks(self, form_code: str) -> None:
        """Each field labelled with the chosen form's own block label and number (BIS-748P
        block 9, DSP-5 block 12, SIEL block 6...); a field the form has no block for is
        hidden (special purpose is BIS-748P's alone)."""
        blocks = {f.source: f for f in form_spec(form_code).walk() if f.source}
        for source, widget in (("application.special_purpose", self.special_purpose),
                               ("application.end_use", self.end_use),
                               ("application.additional_info", self.additional)):
            field = blocks.get(source)
            self._layout.setRowVisible(widget, field is not None)
            label = self._layout.labelForField(widget)
            if field is not None and isinstance(label, QLabel):
                label.setText(f"{field.titled}:")
                label.setToolTip(field.note)

    def write(self, form: DraftForm) -> DraftForm:
        form = dataclasses.replace(
            form, special_purpose=self.special_purpose.text().strip(),
            end_use=self.end_use.toPlainText(), justification=self.justification.toPlainText(),
            additional_info=self.additional.toPlainText())
        if self.other_blocks.form_code != form.form:  # not shown for this form yet
            return form
        return dataclasses.replace(form, form_values=self.other_blocks.values())


class LettersPage(DraftPage):
    sections = ("tcp",)

    def __init__(self) -> None:
        super().__init__("Letter of explanation and technology control plan",
                         "Filled from the organization's template (or the shipped one) "
                         "with this application's values; edit them here for this "
                         "application.")
        self.tabs = QTabWidget()
        self.loe = _text_edit("loe_text", "The letter of explanation (Supp. 2 to Part 748 "
                                          "¶(o)): press Fill from template",
                              "Letter of explanation")
        self.tcp = _text_edit("tcp_text", "The technology control plan: press Fill from "
                                          "template", "Technology control plan")
        self.fill_buttons: dict[Letter, QPushButton] = {}
        self.template_notes: dict[Letter, QLabel] = {}
        for which, edit, title in ((Letter.LOE, self.loe, "Letter of explanation"),
                                   (Letter.TCP, self.tcp, "Technology control plan")):
            tab = QWidget()
            button = QPushButton("Fill from template")
            button.setObjectName(f"fill_{which.value}")
            note = QLabel()
            note.setWordWrap(True)
            row = QHBoxLayout()
            row.addWidget(button)
            row.addWidget(note, 1)
            box = QVBoxLayout(tab)
            box.addLayout(row)
            box.addWidget(edit)
            self.tabs.addTab(tab, title)
            self.fill_buttons[which] = button
            self.template_notes[which] = note
            button.clicked.connect(lambda _=False, w=which: self.fill(w))
            edit.textChanged.connect(self.changed)
        QVBoxLayout(self.body).addWidget(self.tabs)

    def owns(self, finding: Finding) -> bool:
        return finding.section == "tcp" or finding.field == "letter of explanation"

    def read(self, form: DraftForm) -> None:
        self.loe.setPlainText(form.loe_text)
        self.tcp.setPlainText(form.tcp_text)

    def write(self, form: DraftForm) -> DraftForm:
        return dataclasses.replace(form, loe_text=self.loe.toPlainText(),
                                   tcp_text=self.tcp.toPlainText())

    def fill(self, which: Letter) -> None:
        """Store what was typed first (the template reads the stored record), then fill."""
        w = self.wiz()
        w.set_form(self.write(w.form))
        if w.dirty():
            w.save(then=lambda: self.fill(which))
            return
        assert w.saved is not None
        db, ref, today = w.db, w.saved.ref, w.today
        self.template_notes[which].setText("Filling…")
        w.runner.submit(lambda: fill_letter(db, ref, which, today=today), self._filled,
                        context=self)

    def _filled(self, filled: FilledLetter) -> None:
        edit = self.loe if filled.which is Letter.LOE else self.tcp
        edit.setPlainText(filled.text)
        note = f"Filled from the {filled.source.value} template."
        unknown = filled.result.unknown
        if unknown:
            names = ", ".join(f"{{{p.placeholder}}} (line {p.line})" for p in unknown)
            note += f" Unknown placeholders left as typed — fix them: {names}"
        empty = [p for p in filled.result.problems if p.kind == EMPTY]
        if empty:  # filled with nothing: the letter reads "supervised by ." until completed
            names = ", ".join(f"{{{p.placeholder}}} (line {p.line})" for p in empty)
            note += (f" Nothing is recorded for {names}: complete the text here, or the "
                     "record, then fill again.")
        self.template_notes[filled.which].setText(note)

"""Rules › New directive…: enter tomorrow's directive as the order reads, without code.

The form asks what the order says: title, authority and citation; when it was received (date,
time, zone) and the deadline; the effective dates; the items covered (ECCNs, access modes);
the persons covered (by U.S. status, nationality, Country Group); and what is required (a
license, or the access is prohibited). The service turns it into a rule set checked by the
same loader as every rule-set file, records the order, and the impact view opens on it.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from licenseapp.errors import LicenseAppError
from licenseapp.gui.authorization.order_fields import OrderFields
from licenseapp.gui.date_field import DateField
from licenseapp.gui.window_state import fit_on_screen

if TYPE_CHECKING:
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.services.directive.new_directive import NewDirective
    from licenseapp.store.database import Database

_MODES = (("parameters", "Release of the parameters (weights)"),
          ("use", "Use (inference through an API or chat)"), ("fine_tuning", "Fine-tuning"))
_EXEMPT = (("us_citizen", "U.S. citizens and nationals", True),
           ("lpr", "Lawful permanent residents", False),
           ("protected", "Protected individuals (asylees, refugees)", False))


def _line(name: str, placeholder: str = "", text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


class NewDirectiveDialog(QDialog):
    """Signal ``created(NewDirective)`` once the directive is saved (and its order recorded)."""

    created = Signal(object)

    def __init__(self, runner: TaskRunner, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.db = runner, db
        self.setWindowTitle("New directive — LicenseApp")
        fit_on_screen(self, QSize(760, 700))
        self.title_edit = _line("Title", "e.g. Directive on Frontier AI Model Access")
        self.authority_edit = _line(
            "Authority", text="U.S. Department of Commerce, Bureau of Industry and Security (BIS)")
        self.citation_edit = _line("Citation", "e.g. 91 FR 70001 (Dec. 7, 2026)")
        self.order_fields = OrderFields()
        self.effective_from = DateField(label="Effective from", empty_text="when received")
        self.effective_until = DateField(label="Effective until", empty_text="no end")
        self.eccns_edit = _line("ECCNs covered", "e.g. 4E091", "4E091")
        self.mode_boxes: dict[str, QCheckBox] = {}
        for value, text in _MODES:
            box = QCheckBox(text)
            box.setChecked(True)
            box.setAccessibleName(f"Covers {text.lower()}")
            self.mode_boxes[value] = box
        self.exempt_boxes: dict[str, QCheckBox] = {}
        for value, text, checked in _EXEMPT:
            box = QCheckBox(text)
            box.setChecked(checked)
            box.setAccessibleName(f"Leaves out {text.lower()}")
            self.exempt_boxes[value] = box
        self.nationalities_edit = _line("Nationalities covered", "all (or e.g. CN, RU)")
        self.groups_edit = _line("Country Groups covered", "all (or e.g. D:5)")
        self.requires_combo = QComboBox()
        self.requires_combo.setAccessibleName("What is required")
        self.requires_combo.addItem("An individual license", "license")
        self.requires_combo.addItem("Prohibited: access must stop, no license", "prohibited")
        self.regulator_combo = QComboBox()
        self.regulator_combo.setAccessibleName("Regulator")
        self.regulator_combo.addItems(["BIS", "DDTC", "ECJU"])
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("What to fix")
        self.error_label.setStyleSheet("color: palette(highlight);")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton("&Create and show impact",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self.create_directive)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self.title_edit.setFocus()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Authority:", self.authority_edit)
        form.addRow("C&itation:", self.citation_edit)
        self.order_fields.add_rows(form)
        form.addRow("E&ffective:", _row(QLabel("from"), self.effective_from, QLabel("until"),
                                       self.effective_until))
        form.addRow("&ECCNs:", self.eccns_edit)
        form.addRow("Access modes:", _row(*self.mode_boxes.values()))
        form.addRow("Leaves out:", _row(*self.exempt_boxes.values()))
        form.addRow("&Nationalities:", self.nationalities_edit)
        form.addRow("Country &Groups:", self.groups_edit)
        form.addRow("Re&quires:", self.requires_combo)
        form.addRow("Re&gulator:", self.regulator_combo)
        layout = QVBoxLayout(self)
        intro = QLabel("Enter the directive as the order reads. It is checked like every rule "
                       "set, the order's clock starts, and the impact opens at once.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def fields(self) -> dict[str, Any]:
        """The spec as :func:`licenseapp.domain.rules.directive_spec.build_spec` reads it."""
        order = self.order_fields
        day = order.received_day()
        received = f"{day.isoformat()} {order.received_time_text()}" if day else ""
        start: date | None = self.effective_from.chosen()
        until: date | None = self.effective_until.chosen()
        return {
            "title": self.title_edit.text(), "authority": self.authority_edit.text(),
            "citation": self.citation_edit.text(), "received": received,
            "zone": order.zone(),
            "deadline_minutes": str(order.deadline_minutes()),
            "effective_from": start.isoformat() if start else "",
            "effective_until": until.isoformat() if until else "",
            "eccns": self.eccns_edit.text(),
            "modes": [m for m, box in self.mode_boxes.items() if box.isChecked()],
            "exempt": [e for e, box in self.exempt_boxes.items() if box.isChecked()],
            "nationalities": self.nationalities_edit.text(),
            "country_groups": self.groups_edit.text(),
            "requires": self.requires_combo.currentData(),
            "regulator": self.regulator_combo.currentText(),
        }

    def create_directive(self) -> None:
        from licenseapp.services.directive.new_directive import new_directive

        self.create_button.setEnabled(False)
        self.error_label.hide()
        self.runner.submit(partial(new_directive, self.db, self.fields()), self._created,
                           self._refused, context=self)

    def _created(self, made: NewDirective) -> None:
        self.created.emit(made)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        if not isinstance(exc, LicenseAppError):
            self.runner.report_error(exc)
            return
        text = exc.message.removeprefix("the directive: ")
        self.error_label.setText(text[:1].upper() + text[1:])
        self.error_label.show()


__all__ = ["NewDirectiveDialog"]

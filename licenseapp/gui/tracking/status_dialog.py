"""Application › Change status…: record what the regulator (or the team) did.

Only the transitions the regulator's lifecycle allows from the current status are offered,
under the regulator's own names; the dialog asks for exactly what the chosen transition
needs (the regulator's reference on registration, the license number and expiry on
approval). The rules themselves (the ACN format, dates in order) are the service's: a
refusal shows its reason and keeps the dialog open with everything typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.enums import ApplicationStatus
from licenseapp.domain.lifecycle import Lifecycle, lifecycle
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.tracking.service_dialog import ServiceDialog
from licenseapp.services.dto import ApplicationRow

#: Runs the status change (``services.tracking.change_status`` bound to a database).
ChangeApplier = Callable[[Any], Any]

_REF_FORMAT_HINTS = {"acn": "one letter and six or seven digits, e.g. Z1234567"}


def allowed_targets(cycle: Lifecycle, current: str) -> list[ApplicationStatus]:
    """The statuses reachable from ``current``, in the order of the process."""
    allowed = cycle.allowed(current)
    return [s for s in ApplicationStatus if s in allowed]


def _mnemonic(label: str, taken: str) -> str:
    """``label`` with an Alt+letter on its first letter not ``taken`` by another field."""
    for n, char in enumerate(label):
        if char.isalpha() and char.lower() not in taken:
            return f"{label[:n]}&{label[n:]}"
    return label


def parse_day(text: str) -> date | None:
    """A date typed as YYYY-MM-DD, or None."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


class StatusChangeDialog(ServiceDialog):
    refused_title = "Status not changed"

    def __init__(
        self,
        runner: TaskRunner,
        apply: ChangeApplier,
        row: ApplicationRow,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._apply = apply
        self.row = row
        self.cycle = lifecycle(row.regulator)
        today = today or date.today()
        self.setWindowTitle(f"Change status — {row.ref}")
        self.setMinimumWidth(560)

        current = escape(self.cycle.label(row.status))
        reference = f" · {escape(self.cycle.regulator_ref_name)} {escape(row.acn)}"
        heading = QLabel(
            f"<b>{escape(row.ref)}</b> · {escape(row.regulator)} {escape(row.form)}<br>"
            f"Now: <b>{current}</b>{reference if row.acn else ''}"
        )
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.target_combo = QComboBox()
        self.target_combo.setAccessibleName("New status")
        for status in allowed_targets(self.cycle, row.status):
            self.target_combo.addItem(self.cycle.label(status), status.value)

        self.ref_edit = QLineEdit(row.acn)
        self.ref_edit.setAccessibleName(self.cycle.regulator_ref_name)
        self.ref_edit.setMaxLength(40)
        self.ref_edit.setPlaceholderText(
            _REF_FORMAT_HINTS.get(self.cycle.regulator_ref_format, "as the regulator wrote it")
        )
        self.license_edit = QLineEdit()
        self.license_edit.setAccessibleName("License number")
        self.license_edit.setMaxLength(40)
        self.license_edit.setPlaceholderText("as printed on the license")
        self.valid_until_edit = QLineEdit()
        self.valid_until_edit.setAccessibleName("Valid until")
        self.valid_until_edit.setPlaceholderText("YYYY-MM-DD, the expiry printed on the license")
        self.valid_until_edit.setMaxLength(10)
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date_edit.setAccessibleName("Date of the change")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("What happened, e.g. the regulator's message")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow("New &status:", self.target_combo)
        self.form.addRow(_mnemonic(self.cycle.regulator_ref_name, "sldvn") + ":", self.ref_edit)
        self.form.addRow("&License number:", self.license_edit)
        self.form.addRow("&Valid until:", self.valid_until_edit)
        self.form.addRow("&Date:", self.date_edit)
        self.form.addRow("&Note:", self.note_edit)
        self.hint_label.setEnabled(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.buttons)

        self.target_combo.currentIndexChanged.connect(self._target_changed)
        for edit in (self.ref_edit, self.license_edit, self.valid_until_edit):
            edit.textChanged.connect(self._update_hint)
        self._target_changed()

    # --- what the chosen transition needs ----------------------------------------------

    @property
    def target(self) -> ApplicationStatus | None:
        value = self.target_combo.currentData()
        return ApplicationStatus(value) if value else None

    def offered(self) -> list[str]:
        """The statuses offered, as values (e.g. "registered")."""
        return [
            str(self.target_combo.itemData(i)) for i in range(self.target_combo.count())
        ]

    def needs(self) -> tuple[str, ...]:
        target = self.target
        return self.cycle.requires.get(target, ()) if target else ()

    def _target_changed(self, _index: int = 0) -> None:
        needs = self.needs()
        for name, edit in (("regulator_ref", self.ref_edit), ("license_no", self.license_edit),
                           ("valid_until", self.valid_until_edit)):
            self.form.setRowVisible(edit, name in needs)
        self._update_hint()
        self.adjustSize()  # rows came or went

    def missing(self) -> list[str]:
        """What still has to be typed for the chosen transition, in words."""
        needs = self.needs()
        out = []
        if "regulator_ref" in needs and not self.ref_edit.text().strip():
            out.append(f"the {self.cycle.regulator_ref_name}")
        if "license_no" in needs and not self.license_edit.text().strip():
            out.append("the license number")
        if "valid_until" in needs:
            text = self.valid_until_edit.text().strip()
            if not text:
                out.append("the date the license is valid until")
            elif parse_day(text) is None:
                out.append("the valid-until date as YYYY-MM-DD")
        return out

    def _update_hint(self, *_args: object) -> None:
        if self.target is None:
            self.hint_label.setText(
                f"{self.cycle.label(self.row.status)} is final: no further status can be "
                "recorded."
            )
            self.ok_button.setEnabled(False)
            return
        missing = self.missing()
        if missing:
            self.hint_label.setText(
                f"To record “{self.cycle.label(self.target)}”, enter " + " and ".join(missing)
                + "."
            )
        else:
            self.hint_label.setText("")
        self.ok_button.setEnabled(not missing)

    # --- recording ---------------------------------------------------------------------

    def field_names(self) -> dict[str, str]:
        return {"--acn": self.cycle.regulator_ref_name}

    def change(self) -> Any:
        """The :class:`~licenseapp.services.follow_up.tracking.StatusChange` for what is typed."""
        from licenseapp.services.follow_up.tracking import StatusChange

        target = self.target
        assert target is not None
        needs = self.needs()
        on = self.date_edit.date()
        return StatusChange(
            ref=self.row.ref,
            target=target,
            regulator_ref=self.ref_edit.text().strip() or None
            if "regulator_ref" in needs else None,
            license_no=self.license_edit.text().strip() or None if "license_no" in needs else None,
            valid_until=parse_day(self.valid_until_edit.text()) if "valid_until" in needs
            else None,
            on=date(on.year(), on.month(), on.day()),
            note=self.note_edit.toPlainText(),
        )

    def make_call(self) -> Callable[[], Any] | None:
        if self.target is None or self.missing():
            return None
        change, apply = self.change(), self._apply
        return lambda: apply(change)

    def set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.target_combo, self.ref_edit, self.license_edit,
                       self.valid_until_edit, self.date_edit, self.note_edit):
            widget.setEnabled(enabled)

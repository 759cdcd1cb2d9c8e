"""Application › Change status…: record what the regulator (or the team) did.

Only the transitions the regulator's lifecycle allows from the current status are offered,
under the regulator's own names; the dialog asks for exactly what the chosen transition
needs (the regulator's reference on registration, the license number and expiry on
approval). The rules themselves (the ACN format, dates in order) are the service's: a
refusal shows its reason and keeps the dialog open with everything typed.

"Ready to file" with the checker's warnings open is refused until the user acknowledges
them: the refusal lists the warnings in the dialog with a box to tick, and OK again records
the acknowledgement as the command line's ``--acknowledge-warnings`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.counted import counted
from licenseapp.domain.enums import ApplicationStatus
from licenseapp.domain.lifecycle import Lifecycle, lifecycle
from licenseapp.errors import LicenseAppError
from licenseapp.gui.date_field import DateField
from licenseapp.gui.mnemonics import with_mnemonic
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.tracking.service_dialog import ServiceDialog
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:
    from licenseapp.services.follow_up.tracking import StatusChange, StatusChangeResult

#: Runs the status change (``services.tracking.change_status`` bound to a database).
ChangeApplier = Callable[["StatusChange"], "StatusChangeResult"]

_REF_FORMAT_HINTS = {"acn": "one letter and six or seven digits, e.g. Z1234567"}


def allowed_targets(cycle: Lifecycle, current: str) -> list[ApplicationStatus]:
    """The statuses reachable from ``current``, in the order of the process."""
    allowed = cycle.allowed(current)
    return [s for s in ApplicationStatus if s in allowed]


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
        # Opens on the usual next step (the lifecycle's first listed), not the first in
        # the process: a ready application opened on "Draft", a step backwards.
        proposed = self.cycle.next_step(row.status)
        if proposed is not None:
            self.target_combo.setCurrentIndex(self.target_combo.findData(proposed.value))

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
        self.valid_until_edit = DateField(label="Valid until", empty_text="required")
        self.valid_until_edit.setToolTip("The expiry printed on the license")
        self._today = today
        self.date_edit = DateField(label="Date of the change", empty_text="required")
        self.date_edit.set_value(today)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("What happened, e.g. the regulator's message")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow("New &status:", self.target_combo)
        self.form.addRow(with_mnemonic(self.cycle.regulator_ref_name, "sldvn") + ":", self.ref_edit)
        self.form.addRow("&License number:", self.license_edit)
        self.form.addRow("&Valid until:", self.valid_until_edit)
        self.form.addRow("&Date:", self.date_edit)
        self.form.addRow("&Note:", self.note_edit)
        self.hint_label.setEnabled(True)

        # Shown when "ready to file" was refused for the checker's warnings.
        self.warnings: tuple[str, ...] = ()
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_list = QListWidget()
        self.warnings_list.setAccessibleName("Warnings to acknowledge")
        self.warnings_list.setWordWrap(True)
        self.warnings_list.setFixedHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.warnings_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.acknowledge_box = QCheckBox(
            "I have &read these warnings and mark it ready to file anyway "
            "(recorded with my name)")
        self.warnings_panel = QWidget()
        panel = QVBoxLayout(self.warnings_panel)
        panel.setContentsMargins(0, 6, 0, 0)
        panel.addWidget(self.warnings_label)
        panel.addWidget(self.warnings_list)
        panel.addWidget(self.acknowledge_box)
        self.warnings_panel.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addWidget(self.warnings_panel)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.buttons)

        self.target_combo.currentIndexChanged.connect(self._target_changed)
        for edit in (self.ref_edit, self.license_edit, self.valid_until_edit, self.date_edit):
            edit.textChanged.connect(self._update_hint)
        self.acknowledge_box.toggled.connect(self._update_hint)
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
        self.warnings_panel.setVisible(self.asks_acknowledgement())
        self._update_hint()
        self.adjustSize()  # rows came or went

    def asks_acknowledgement(self) -> bool:
        """"Ready to file" is chosen and was refused for warnings: the box is offered."""
        return self.target is ApplicationStatus.READY and bool(self.warnings)

    def unacknowledged(self) -> bool:
        """The warnings are shown and the box is not ticked yet."""
        return self.asks_acknowledgement() and not self.acknowledge_box.isChecked()

    def show_warnings(self, warnings: tuple[str, ...]) -> None:
        """List the checker's open ``warnings`` and ask for their acknowledgement."""
        self.warnings = warnings
        self.warnings_label.setText(
            f"{self.row.ref} has {counted(len(warnings), 'warning')} from the completeness check. "
            "Read them before you mark it ready to file:")
        self.warnings_list.clear()
        self.warnings_list.addItems([f"• {w}" for w in warnings])
        self.acknowledge_box.setChecked(False)
        self._target_changed()
        self.acknowledge_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def missing(self) -> list[str]:
        """What still has to be typed for the chosen transition, in words."""
        needs = self.needs()
        out = []
        if "regulator_ref" in needs and not self.ref_edit.text().strip():
            out.append(f"the {self.cycle.regulator_ref_name}")
        if "license_no" in needs and not self.license_edit.text().strip():
            out.append("the license number")
        if "valid_until" in needs:
            if not self.valid_until_edit.text().strip():
                out.append("the date the license is valid until")
            elif self.valid_until_edit.problem():
                out.append(f"a date the app can read ({self.valid_until_edit.problem()})")
        on = self.date_edit.value()
        if self.date_edit.problem():
            out.append(f"a date the app can read ({self.date_edit.problem()})")
        elif on is None:
            out.append("the date of the change")
        elif on > self._today:
            out.append(f"a date of the change on or before today ({self._today.isoformat()})")
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
        unacknowledged = self.unacknowledged()
        if missing:
            self.hint_label.setText(
                f"To record “{self.cycle.label(self.target)}”, enter " + " and ".join(missing)
                + "."
            )
        elif unacknowledged:
            self.hint_label.setText(
                "Tick the box to acknowledge the warnings, or Cancel and fix them first.")
        else:
            self.hint_label.setText("")
        self.ok_button.setEnabled(not missing and not unacknowledged)

    # --- recording ---------------------------------------------------------------------

    def field_widgets(self) -> dict[str, QWidget]:
        return {"regulator_ref": self.ref_edit, "license_number": self.license_edit,
                "valid_until": self.valid_until_edit, "change_date": self.date_edit,
                "note": self.note_edit, "acknowledge_warnings": self.acknowledge_box}

    def show_refusal_in_place(self, exc: LicenseAppError) -> bool:
        from licenseapp.services.follow_up.tracking import WarningsNeedAcknowledgement

        if not isinstance(exc, WarningsNeedAcknowledgement) or \
                self.target is not ApplicationStatus.READY:
            return False
        self.show_warnings(exc.warnings)
        return True

    def change(self) -> StatusChange:
        """The :class:`~licenseapp.services.follow_up.tracking.StatusChange` for what is typed."""
        from licenseapp.services.follow_up.tracking import StatusChange

        target = self.target
        assert target is not None
        needs = self.needs()
        on = self.date_edit.value()
        assert on is not None  # missing() says so before anything is recorded
        return StatusChange(
            ref=self.row.ref,
            target=target,
            regulator_ref=self.ref_edit.text().strip() or None
            if "regulator_ref" in needs else None,
            license_no=self.license_edit.text().strip() or None if "license_no" in needs else None,
            valid_until=self.valid_until_edit.value() if "valid_until" in needs else None,
            on=on,
            note=self.note_edit.toPlainText(),
            acknowledge_warnings=self.asks_acknowledgement() and self.acknowledge_box.isChecked(),
        )

    def make_call(self) -> Callable[[], StatusChangeResult] | None:
        if self.target is None or self.missing() or self.unacknowledged():
            return None
        change, apply = self.change(), self._apply
        return lambda: apply(change)

    def set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.target_combo, self.ref_edit, self.license_edit,
                       self.valid_until_edit, self.date_edit, self.note_edit,
                       self.acknowledge_box):
            widget.setEnabled(enabled)

"""Record the order for a directive that already exists (the impact view's "Record the
order…"): when it was received (date, time, zone) and the deadline. Once recorded, the
impact view's clock shows it and counts down (:mod:`.directive_clock`)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from licenseapp.errors import LicenseAppError, ValidationError
from licenseapp.gui.authorization.order_fields import OrderFields

if TYPE_CHECKING:
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.services.directive.orders import OrderInfo
    from licenseapp.store.database import Database


def _record(db: Database, ruleset_id: str, day: object, clock_time: str, zone: str,
            minutes: int) -> OrderInfo:
    """On the worker: the moment received, then the order recorded (nothing on refusal)."""
    from datetime import date

    from licenseapp.services.directive.orders import received_moment, record_order

    if not isinstance(day, date):
        raise ValidationError("received_day", "give the date the order was received")
    moment = received_moment(day, clock_time, zone)
    return record_order(db, ruleset_id, moment, zone.strip(), minutes)


class RecordOrderDialog(QDialog):
    """Asks when the order for ``ruleset_id`` was received and its deadline; records it."""

    recorded = Signal(object)  # OrderInfo

    def __init__(self, runner: TaskRunner, db: Database, ruleset_id: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.db, self.ruleset_id = runner, db, ruleset_id
        self.setWindowTitle("Record the order")
        self.order_fields = OrderFields()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Why the order was not recorded")
        self.error_label.hide()
        heading = QLabel(f"The order for {title}: when it reached you and how long it gives. "
                         "The clock then counts down to the deadline.")
        heading.setWordWrap(True)
        form = QFormLayout()
        self.order_fields.add_rows(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = buttons.addButton("Record the &order",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.record_button.setAccessibleName("Record the order")
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def record(self) -> None:
        self.record_button.setEnabled(False)
        self.error_label.hide()
        order = self.order_fields
        self.runner.submit(
            partial(_record, self.db, self.ruleset_id, order.received_day(),
                    order.received_time_text(), order.zone(), order.deadline_minutes()),
            self._recorded, self._refused, context=self)

    def _recorded(self, order: OrderInfo) -> None:
        self.recorded.emit(order)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.record_button.setEnabled(True)
        if not isinstance(exc, LicenseAppError):
            self.runner.report_error(exc)
            return
        self.error_label.setText(exc.message[:1].upper() + exc.message[1:])
        self.error_label.show()


__all__ = ["RecordOrderDialog"]

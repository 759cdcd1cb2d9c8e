"""The directive clock in the impact dialog: the order as received, the time left, and how
many of the accesses that must stop are suspended.

A one-second timer redraws the time left from what was last read (no query); every tenth
tick, and after each suspension, one count is read off the GUI thread. Once every access is
suspended the line says so: "All 212 accesses suspended 52 minutes after the order." The
directive compliance record (PDF) is saved from here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from licenseapp.errors import LicenseAppError

if TYPE_CHECKING:
    from licenseapp.gui.authorization.prompts import Prompts
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.services.directive.orders import OrderInfo, OrderProgress
    from licenseapp.store.database import Database

_READ_EVERY = 10  # ticks between counts


class DirectiveClock(QWidget):
    def __init__(self, runner: TaskRunner, db: Database, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.db, self.prompts = runner, db, prompts
        self.order: OrderInfo | None = None
        self.progress: OrderProgress | None = None
        self._ticks = 0
        self.order_label = QLabel()
        self.order_label.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setAccessibleName("Time left and accesses suspended")
        font = self.countdown.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.countdown.setFont(font)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Accesses suspended under the order")
        self.record_button = QPushButton("Compliance &record…")
        self.record_button.setToolTip("The order, every affected access, when it was "
                                      "suspended, by whom and how long after the order (PDF)")
        self.record_button.clicked.connect(self.save_record)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        text = QWidget()
        lines = QHBoxLayout(text)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.addWidget(self.countdown, 2)
        lines.addWidget(self.bar, 1)
        layout.addWidget(self.order_label, 2)
        layout.addWidget(text, 3)
        layout.addWidget(self.record_button)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.hide()

    def set_ruleset(self, ruleset_id: str) -> None:
        """Show the newest order recorded for the rule set (hidden when there is none)."""
        from licenseapp.services.directive.orders import list_orders

        self.runner.submit(partial(list_orders, self.db, ruleset_id), self._orders,
                           lambda _exc: self._orders(()), context=self, latest="orders")

    def _orders(self, orders: tuple[OrderInfo, ...]) -> None:
        self.order = orders[0] if orders else None
        self.progress = None
        if self.order is None:
            self.timer.stop()
            self.hide()
            return
        o = self.order
        self.order_label.setText(
            f"Order received {o.received_text}, recorded by {o.recorded_by}; deadline "
            f"{o.local(o.deadline_at).strftime('%H:%M %Z')} ({o.deadline_minutes} minutes).")
        self.show()
        self.refresh()
        self.timer.start()

    def refresh(self) -> None:
        """Read the count again (one query, off the GUI thread)."""
        from licenseapp.services.directive.orders import order_progress, recount

        if self.order is None:
            return
        order_id = self.order.id

        def read() -> OrderProgress:
            recount(self.db, order_id)  # what must stop may have changed (a new access)
            return order_progress(self.db, order_id)

        self.runner.submit(read, self._read, lambda _exc: None, context=self, latest="count")

    def _read(self, progress: OrderProgress) -> None:
        self.progress = progress
        self.bar.setMaximum(max(progress.order.to_suspend, 1))
        self.bar.setValue(progress.suspended)
        self.bar.setFormat(f"{progress.suspended:,} of {progress.order.to_suspend:,} suspended")
        self._draw()
        if progress.done:
            self.timer.stop()

    @Slot()
    def _tick(self) -> None:
        self._ticks += 1
        if self._ticks % _READ_EVERY == 0 and self.order is not None:
            from licenseapp.services.directive.orders import order_progress

            order_id = self.order.id
            self.runner.submit(partial(order_progress, self.db, order_id), self._read,
                               lambda _exc: None, context=self, latest="count")
        self._draw()

    def _draw(self) -> None:
        if self.progress is not None:
            self.countdown.setText(self.progress.summary(datetime.now(UTC)))

    @Slot()
    def save_record(self) -> None:
        if self.order is None:
            return
        path = self.prompts.save_path(self, "Save the directive compliance record",
                                      f"compliance-record-order-{self.order.id}.pdf",
                                      "PDF (*.pdf)")
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        from licenseapp.services.directive.compliance_record import write_compliance_record

        self.record_button.setEnabled(False)
        self.runner.submit(partial(write_compliance_record, self.db, self.order.id, path,
                                   replace=True),
                           lambda _report: self._saved(path), self._not_saved, context=self)

    def _saved(self, path: Path) -> None:
        self.record_button.setEnabled(True)
        self.prompts.inform(self, "Compliance record saved", f"Written to {path}.")

    def _not_saved(self, exc: BaseException) -> None:
        self.record_button.setEnabled(True)
        if isinstance(exc, LicenseAppError):
            self.prompts.warn(self, "Compliance record", exc.message)
        else:
            self.runner.report_error(exc)

"""The "order received" fields of a directive: the date, time and zone the order reached the
company, and its deadline in minutes. One widget for both places that ask it: Rules › New
directive… (:mod:`.new_directive_dialog`) and the impact view's Record the order…
(:mod:`.record_order_dialog`).

The widget is the received row (date, time, zone); the deadline is a spin box it owns and
adds as a row of its own (:meth:`OrderFields.add_rows`), so both dialogs' forms keep their
labels in one column.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from licenseapp.gui.date_field import DateField

ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
         "UTC", "Europe/London", "Europe/Berlin", "Asia/Tokyo")
#: A deadline of up to 30 days (the service refuses more: orders.MAX_DEADLINE_MINUTES).
_MOST_MINUTES = 60 * 24 * 30


def local_zone(now: datetime) -> str:
    """The zone of the list this computer's clock is in now (UTC when none matches)."""
    from zoneinfo import ZoneInfo

    offset = now.utcoffset()
    return next((z for z in ZONES if now.astimezone(ZoneInfo(z)).utcoffset() == offset),
                "UTC")


class OrderFields(QWidget):
    """When the order was received (date, time, zone) and its deadline, filled with now in
    this computer's zone and 90 minutes."""

    def __init__(self, parent: QWidget | None = None, *, now: datetime | None = None) -> None:
        super().__init__(parent)
        now = now or datetime.now().astimezone()
        self.received_date = DateField(label="Order received on")
        self.received_date.set_value(now.date())
        self.received_time = QLineEdit(now.strftime("%H:%M"))
        self.received_time.setAccessibleName("Order received at (time)")
        self.received_time.setPlaceholderText("HH:MM")
        self.received_time.setMaximumWidth(80)
        self.zone_combo = QComboBox()
        self.zone_combo.setEditable(True)
        self.zone_combo.setAccessibleName("Time zone")
        self.zone_combo.addItems(ZONES)
        self.zone_combo.setCurrentText(local_zone(now))
        self.deadline_spin = QSpinBox()
        self.deadline_spin.setAccessibleName("Deadline in minutes")
        self.deadline_spin.setRange(1, _MOST_MINUTES)
        self.deadline_spin.setValue(90)
        self.deadline_spin.setSuffix(" minutes")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.received_date, self.received_time, self.zone_combo):
            layout.addWidget(widget)
        layout.addStretch(1)

    def add_rows(self, form: QFormLayout) -> None:
        """The two rows of a dialog's form: "Order received:" and "Deadline:". The first
        label's mnemonic lands in the date (a row of fields takes no focus itself)."""
        received = QLabel("Order &received:")
        received.setBuddy(self.received_date)
        form.addRow(received, self)
        form.addRow("&Deadline:", self.deadline_spin)

    def received_day(self) -> date | None:
        """The date as typed now (None when empty or unreadable)."""
        return self.received_date.value()

    def received_time_text(self) -> str:
        return self.received_time.text().strip()

    def zone(self) -> str:
        return self.zone_combo.currentText().strip()

    def deadline_minutes(self) -> int:
        return self.deadline_spin.value()


__all__ = ["ZONES", "OrderFields", "local_zone"]

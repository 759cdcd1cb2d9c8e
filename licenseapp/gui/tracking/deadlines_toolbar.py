"""The bar above the deadlines list: the filters (kind, "due within", done and snoozed
shown or not) that drive :class:`~.deadlines_model.DeadlinesFilterProxy`, and the buttons
for the marking actions and the calendar export."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.deadlines import Deadline
from licenseapp.gui.tracking.deadlines_model import KIND_LABELS, DeadlinesFilterProxy, kind_label

#: How far ahead deadlines are loaded; the "within" filter goes up to this.
HORIZON_DAYS = 365
DEFAULT_WITHIN_DAYS = 90


class DeadlinesToolbar(QWidget):
    """Filters on the first line, actions on the second; the filters act on ``proxy``."""

    def __init__(self, proxy: DeadlinesFilterProxy, actions: Sequence[QAction],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        proxy.set_within_days(DEFAULT_WITHIN_DAYS)

        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind of deadline")
        self.kind_combo.addItem("All kinds", None)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.within_spin = QSpinBox()
        self.within_spin.setRange(1, HORIZON_DAYS)
        self.within_spin.setValue(DEFAULT_WITHIN_DAYS)
        self.within_spin.setSuffix(" days")
        self.within_spin.setAccessibleName("Due within")
        self.within_spin.setToolTip("Overdue deadlines are always shown (up to 30 days back).")
        kind_label_widget = QLabel("&Kind:")
        kind_label_widget.setBuddy(self.kind_combo)
        within_label = QLabel("Due &within:")
        within_label.setBuddy(self.within_spin)
        self.include_done_check = QCheckBox("S&how done and snoozed")
        self.include_done_check.setToolTip(
            "Also list the deadlines marked done or snoozed (in grey)")
        self.action_buttons = [action_button(action) for action in actions]
        self.export_button = QPushButton("Export to calendar (.ics)…")
        self.export_button.setToolTip(
            "Save the deadlines shown as an iCalendar file for Outlook or Google Calendar"
        )
        self.export_button.setEnabled(False)

        filters = QHBoxLayout()
        filters.addWidget(kind_label_widget)
        filters.addWidget(self.kind_combo)
        filters.addSpacing(12)
        filters.addWidget(within_label)
        filters.addWidget(self.within_spin)
        filters.addSpacing(12)
        filters.addWidget(self.include_done_check)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        for button in self.action_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(buttons)

        self.include_done_check.toggled.connect(self._include_done_changed)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.within_spin.valueChanged.connect(self._within_changed)

    def show_filters(self, kind: str | None = None, within_days: int | None = None) -> None:
        """One kind (None: all) due within so many days (None: as set)."""
        index = self.kind_combo.findData(kind) if kind else 0
        self.kind_combo.setCurrentIndex(max(index, 0))
        if within_days is not None:
            self.within_spin.setValue(within_days)

    def fill_kinds(self, deadlines: Sequence[Deadline]) -> None:
        """The kinds present, in the usual order; the kind chosen stays chosen if present."""
        present = {d.kind for d in deadlines}
        kinds = [k for k in KIND_LABELS if k in present] + sorted(present - set(KIND_LABELS))
        wanted = self.kind_combo.currentData()
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        self.kind_combo.addItem("All kinds", None)
        for kind in kinds:
            self.kind_combo.addItem(kind_label(kind), kind)
        index = self.kind_combo.findData(wanted) if wanted else 0
        self.kind_combo.setCurrentIndex(max(index, 0))
        self.kind_combo.blockSignals(False)
        self._proxy.set_kind(self.kind_combo.currentData())

    @Slot(int)
    def _kind_changed(self, _index: int) -> None:
        self._proxy.set_kind(self.kind_combo.currentData())

    @Slot(int)
    def _within_changed(self, days: int) -> None:
        self._proxy.set_within_days(days)

    @Slot(bool)
    def _include_done_changed(self, include: bool) -> None:
        self._proxy.set_include_done(include)


def action_button(action: QAction) -> QPushButton:
    """A push button that triggers ``action`` and follows its enabled state."""
    button = QPushButton(action.text())
    button.setToolTip(action.toolTip())
    button.setEnabled(action.isEnabled())
    button.clicked.connect(action.trigger)
    action.enabledChanged.connect(button.setEnabled)
    return button

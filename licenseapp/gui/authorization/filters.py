"""The matrix's filter bar: text, state, "only problems", the date, and the legend."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.authorization.legend import MatrixLegend
from licenseapp.gui.authorization.proxy import MatrixFilterProxy
from licenseapp.gui.authorization.states import LOOKS
from licenseapp.gui.date_field import DateField


class MatrixFilterBar(QWidget):
    """Drives a :class:`MatrixFilterProxy`; ``dateChanged`` asks for the matrix on a date."""

    dateChanged = Signal()
    filtersChanged = Signal()

    def __init__(self, proxy: MatrixFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by person (any script), reference, item "
                                            "or ECCN")
        self.filter_edit.setToolTip("Words match people's names in any script and references; "
                                    "a word no person matches is looked for in the items' "
                                    "names and ECCNs and narrows the columns.")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter people and items")
        self.filter_edit.textChanged.connect(self._text_changed)
        self.state_combo = QComboBox()
        self.state_combo.setAccessibleName("State filter")
        self.state_combo.addItem("All states", None)
        for state, look in LOOKS.items():
            self.state_combo.addItem(look.label, state)
        self.state_combo.currentIndexChanged.connect(self._state_chosen)
        self.problems_check = QCheckBox("Only &problems")
        self.problems_check.setToolTip("Only accesses that are on without the license they need")
        self.problems_check.toggled.connect(self._problems_toggled)
        self.date_edit = DateField(label="As of date", empty_text="today")
        self.date_edit.set_value(date.today())
        self.date_edit.setToolTip("The date the rules and licenses are judged on")
        self.date_edit.dateChosen.connect(lambda _day: self.dateChanged.emit())
        self.legend = MatrixLegend()
        self.legend.stateChosen.connect(self._legend_chosen)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.filter_edit, 1)
        state_label = QLabel("&State:")
        state_label.setBuddy(self.state_combo)
        row.addWidget(state_label)
        row.addWidget(self.state_combo)
        row.addWidget(self.problems_check)
        date_label = QLabel("&As of:")
        date_label.setBuddy(self.date_edit)
        row.addWidget(date_label)
        row.addWidget(self.date_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.legend)

    @property
    def on(self) -> date:
        return self.date_edit.chosen() or date.today()

    @Slot(str)
    def _text_changed(self, text: str) -> None:
        self._proxy.set_text_filter(text)
        self.filtersChanged.emit()

    @Slot(bool)
    def _problems_toggled(self, on: bool) -> None:
        self._proxy.set_problems_only(on)
        self.filtersChanged.emit()

    @Slot(int)
    def _state_chosen(self, _index: int) -> None:
        value = self.state_combo.currentData()
        self._proxy.set_state_filter(None if value is None else (value,))
        self.legend.set_current(value or None)
        self.filtersChanged.emit()

    @Slot(str)
    def _legend_chosen(self, value: str) -> None:
        self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(value or None)))

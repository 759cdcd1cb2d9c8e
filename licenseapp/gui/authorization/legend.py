"""The legend of the matrix: every state in its words and colour, with how many there are.

Each entry is a button: clicking it shows only that state (clicking it again, all).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from licenseapp.gui.authorization.states import LOOKS, NO_ACCESS_TEXT

_CHIP = ("QToolButton {{ background-color: {bg}; color: {fg}; border: 1px solid {border};"
         " border-radius: 3px; padding: 1px 6px; }}"
         " QToolButton:checked {{ border: 2px solid #202124; font-weight: 600; }}")


class MatrixLegend(QWidget):
    """Signals ``stateChosen(value)``: a state's value, or "" for all states."""

    stateChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)  # two rows: fits beside the details pane
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        entries: list[QWidget] = [QLabel("Legend:")]
        self.chips: dict[str, QToolButton] = {}  # by AuthState value
        for state, look in LOOKS.items():
            chip = QToolButton()
            chip.setCheckable(True)
            chip.setAutoRaise(False)
            chip.setStyleSheet(_CHIP.format(bg=look.background, fg=look.foreground,
                                            border=look.foreground))
            chip.setToolTip(f"{look.meaning}\nClick to show only this state.")
            chip.setAccessibleName(f"Show only: {look.label}")
            chip.clicked.connect(self._chip_handler(state))
            self.chips[state] = chip
            entries.append(chip)
        none = QLabel(f"{NO_ACCESS_TEXT} no access")
        none.setStyleSheet("color: #5f6368;")
        entries.append(none)
        per_row = (len(entries) + 1) // 2
        for start in (0, per_row):
            row = QHBoxLayout()
            row.setSpacing(4)
            for entry in entries[start:start + per_row]:
                row.addWidget(entry)
            row.addStretch(1)
            layout.addLayout(row)
        self.set_counts({})

    def set_counts(self, counts: dict[str, int]) -> None:
        for state, chip in self.chips.items():
            count = counts.get(state)
            label = LOOKS[state].label
            chip.setText(f"{label} {count:,}" if count is not None else label)

    def set_current(self, state: str | None) -> None:
        for value, chip in self.chips.items():
            chip.setChecked(value == state)

    def _chip_handler(self, state: str) -> Callable[[bool], None]:
        def clicked(checked: bool) -> None:
            self._clicked(state, checked)

        return clicked

    def _clicked(self, state: str, checked: bool) -> None:
        self.set_current(state if checked else None)
        self.stateChosen.emit(state if checked else "")

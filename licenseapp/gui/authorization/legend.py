"""The legend of the matrix: every state in its words and colour, with how many there are.

Each entry is a button: clicking it shows only that state (clicking it again, all).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from licenseapp.gui.authorization.states import LOOKS, NO_ACCESS_TEXT
from licenseapp.gui.theme import Ink, Theme, Tone
from licenseapp.gui.theme_follow import ink_style, themed_style

_CHIP = ("QToolButton {{ background-color: {bg}; color: {fg}; border: 1px solid {border};"
         " border-radius: 3px; padding: 1px 6px; }}"
         " QToolButton:checked {{ border: 2px solid {strong}; font-weight: 600; }}")


def _chip_style(theme: Theme, tone: Tone) -> str:
    badge = theme.badge(tone)
    return _CHIP.format(bg=badge.background.name(), fg=badge.text.name(),
                        border=badge.text.name(), strong=theme.text.name())


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
            themed_style(chip, partial(_chip_style, tone=look.tone))
            chip.setToolTip(f"{look.meaning}\nClick to show only this state.")
            chip.setAccessibleName(f"Show only: {look.label}")
            chip.clicked.connect(self._chip_handler(state))
            self.chips[state] = chip
            entries.append(chip)
        none = QLabel(f"{NO_ACCESS_TEXT} no access")
        ink_style(none, Ink.HINT)
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

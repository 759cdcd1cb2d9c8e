"""The count of rows per outcome, each a toggle that shows or hides those rows."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from licenseapp.domain.import_outcomes import Outcome
from licenseapp.gui.importing.outcomes_model import OUTCOME_INKS, OUTCOME_WORDS
from licenseapp.gui.theme import Ink, Theme
from licenseapp.gui.theme_follow import themed_style


def _button_style(theme: Theme, ink: Ink) -> str:
    return f"QToolButton {{ color: {theme.hex(ink)}; padding: 2px 8px; }}"


class OutcomeFilters(QWidget):
    """``changed()`` when an outcome is shown or hidden; :meth:`shown` says which are."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(QLabel("Show:"))
        self.buttons: dict[Outcome, QToolButton] = {}
        for outcome in Outcome:
            button = QToolButton()
            button.setCheckable(True)
            button.setChecked(True)
            button.setAutoRaise(False)
            themed_style(button, partial(_button_style, ink=OUTCOME_INKS[outcome]))
            button.setToolTip(f"Show or hide the rows {OUTCOME_WORDS[outcome].lower()}")
            button.toggled.connect(lambda _on: self.changed.emit())
            layout.addWidget(button)
            self.buttons[outcome] = button
        layout.addStretch(1)
        self.set_counts(dict.fromkeys(Outcome, 0))

    def set_counts(self, counts: Mapping[Outcome, int]) -> None:
        for outcome, button in self.buttons.items():
            n = counts.get(outcome, 0)
            button.setText(f"{OUTCOME_WORDS[outcome]} {n:,}")
            button.setAccessibleName(f"{OUTCOME_WORDS[outcome]}: {n:,} rows")
            button.setEnabled(n > 0)

    def shown(self) -> set[Outcome]:
        return {o for o, b in self.buttons.items() if b.isChecked()}

    def show_only(self, *outcomes: Outcome) -> None:
        """Show the rows of ``outcomes`` alone (one ``changed`` signal)."""
        self.blockSignals(True)
        for outcome, button in self.buttons.items():
            button.setChecked(outcome in outcomes)
        self.blockSignals(False)
        self.changed.emit()


__all__ = ["OutcomeFilters"]

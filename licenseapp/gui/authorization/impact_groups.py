"""Which impact groups the directive impact dialog lists and suspends: all three by default.

Newly required by the directive; already required and unlicensed (a possible violation);
undetermined (facts missing). Each box says how many accesses it holds.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from licenseapp.services.directive.impact import GROUP_TITLES, GROUPS, ImpactReport

#: What each box says (short enough for the row to fit an 800-pixel-wide screen); the full
#: title is its tooltip and accessible name.
_SHORT = {"newly_required": "Newly required", "already_required": "Already required, "
          "unlicensed (possible violation)", "undetermined": "Undetermined"}


class ImpactGroupChooser(QWidget):
    """Signal ``changed()`` when a box is ticked or cleared."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("List and suspend:"))
        layout.setSpacing(12)
        self.boxes: dict[str, QCheckBox] = {}
        for group in GROUPS:
            box = QCheckBox(_SHORT[group])
            box.setChecked(True)
            box.setAccessibleName(GROUP_TITLES[group])
            box.setToolTip(GROUP_TITLES[group])
            box.toggled.connect(lambda _on: self.changed.emit())
            self.boxes[group] = box
            layout.addWidget(box)
        layout.addStretch(1)

    def chosen(self) -> tuple[str, ...]:
        return tuple(g for g in GROUPS if self.boxes[g].isChecked())

    def show_counts(self, report: ImpactReport | None) -> None:
        for group, box in self.boxes.items():
            count = f" ({len(report.group(group)):,})" if report is not None else ""
            box.setText(_SHORT[group] + count)

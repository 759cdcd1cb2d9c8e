"""The file's columns mapped to ours: one line per header with a choice of our column (or
"not imported") and a few of the file's values, so the user sees what each column holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QWidget,
)

from licenseapp.domain.column_mapping import ColumnSpec
from licenseapp.gui.theme import Ink
from licenseapp.gui.theme_follow import ink_style

NOT_IMPORTED = "— not imported —"
_HEADER_CHARS = 18  # widest a header's name is shown (all of it in its tooltip)


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it is narrower than its text (``full``)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full = text
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 8)
        super().setText(text)

    def text(self) -> str:
        return self.full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().setText(self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight,
                                                      max(self.width(), 0)))
        super().resizeEvent(event)


class MappingTable(QScrollArea):
    """``mappingChanged()`` when the user maps a header to another column (or to none).

    Choosing a column another header is mapped to takes it from that header (one column,
    one header): ``note`` then says so.
    """

    mappingChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Column mapping")
        self.combos: dict[str, QComboBox] = {}
        self.sample_labels: dict[str, QLabel] = {}
        self.note = ""
        self._specs: Sequence[ColumnSpec] = ()
        self._build_grid()

    def _build_grid(self) -> None:
        inner = QWidget()
        self._grid = QGridLayout(inner)
        self._grid.setContentsMargins(0, 0, 4, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(4)
        for column, text in enumerate(("Column in the file", "Imported as",
                                       "Values in the file")):
            label = QLabel(f"<b>{text}</b>")
            self._grid.addWidget(label, 0, column)
        self._grid.setColumnStretch(2, 1)
        self._grid.setRowStretch(1, 1)
        self.setWidget(inner)

    def set_source(self, headers: Sequence[str], samples: Sequence[Sequence[str]],
                   specs: Sequence[ColumnSpec], mapping: Mapping[str, str | None]) -> None:
        """One line per distinct, non-empty header, set to ``mapping``."""
        self._specs = specs
        self.combos.clear()
        self.sample_labels.clear()
        self._build_grid()
        line = 1
        for header, values in zip(headers, samples, strict=False):
            if not header or header in self.combos:
                continue
            name = ElidedLabel(header)  # a long header ends in "…", whole in the tooltip
            name.setToolTip(header)
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            widest = name.fontMetrics().averageCharWidth() * _HEADER_CHARS
            name.setMaximumWidth(widest)
            name.setMinimumWidth(min(name.fontMetrics().horizontalAdvance(header) + 2, widest))
            combo = self._combo(header)
            name.setBuddy(combo)
            shown = ", ".join(values) if values else "(empty)"
            sample = ElidedLabel(shown)
            sample.setToolTip("\n".join(values) or "Empty in the rows looked at")
            ink_style(sample, Ink.HINT)
            self._grid.addWidget(name, line, 0)
            self._grid.addWidget(combo, line, 1)
            self._grid.addWidget(sample, line, 2)
            self.combos[header] = combo
            self.sample_labels[header] = sample
            line += 1
        self._grid.setRowStretch(1, 0)
        self._grid.setRowStretch(line, 1)
        self.set_mapping(mapping)
        self.updateGeometry()  # its smallest width is the new columns'

    def minimumSizeHint(self) -> QSize:
        """As wide as the three columns need at their narrowest (values cut to a few words
        ending in "…"), so the pane beside it gives way rather than this one scrolling
        sideways with "Values in the file" cut (at 125 % on a 1440×900 screen)."""
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(max(hint.width(), inner.minimumSizeHint().width() + bar
                         + 2 * self.frameWidth()), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # a drop-down grew with its choice: so does the pane
        return super().eventFilter(watched, event)

    def _combo(self, header: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"Import the column {header} as")
        combo.addItem(NOT_IMPORTED, None)
        for spec in self._specs:
            combo.addItem(f"{spec.label} (required)" if spec.required else spec.label,
                          spec.name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _i, h=header: self._chosen(h))
        return combo

    def set_mapping(self, mapping: Mapping[str, str | None]) -> None:
        """Show ``mapping`` (header → our column or None) without signalling a change."""
        for header, combo in self.combos.items():
            combo.blockSignals(True)
            at = combo.findData(mapping.get(header))
            combo.setCurrentIndex(max(at, 0))
            combo.blockSignals(False)
            self._style(header)

    def mapping(self) -> dict[str, str | None]:
        """File header → our column (None: not imported)."""
        return {h: c.currentData() for h, c in self.combos.items()}

    def set_enabled(self, enabled: bool) -> None:
        for combo in self.combos.values():
            combo.setEnabled(enabled)

    def _style(self, header: str) -> None:
        combo = self.combos[header]
        combo.setToolTip("" if combo.currentData() is not None else
                         "This column is not imported; choose which of ours it is to "
                         "import it")

    def _chosen(self, header: str) -> None:
        column = self.combos[header].currentData()
        self.note = ""
        if column is not None:
            for other, combo in self.combos.items():
                if other != header and combo.currentData() == column:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
                    self._style(other)
                    label = self.combos[header].currentText()
                    self.note = (f"{label} is now read from {header!r}; {other!r} is no "
                                 "longer imported.")
        self._style(header)
        self.mappingChanged.emit()


__all__ = ["NOT_IMPORTED", "ElidedLabel", "MappingTable"]

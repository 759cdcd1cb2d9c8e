"""1. Columns: the mapping of the file's headers to ours, what it lacks, whether it was
remembered, and (people) the key records are matched on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from licenseapp.domain.column_mapping import ColumnSpec
from licenseapp.gui.importing.kinds import ImportKind
from licenseapp.gui.importing.mapping_table import MappingTable
from licenseapp.gui.importing.source_preview import SourcePreview, missing_columns


class ColumnsPanel(QGroupBox):
    """Signals: ``mappingChanged()`` (the user remapped a column or chose another match key),
    ``guessRequested()`` (Guess again)."""

    mappingChanged = Signal()
    guessRequested = Signal()

    def __init__(self, kind: ImportKind) -> None:
        super().__init__("1. Columns")
        self.kind = kind
        self.specs: Sequence[ColumnSpec] = ()
        self.remembered = False
        self.table = MappingTable()
        self.table.mappingChanged.connect(self._changed)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.guess_button = QPushButton("&Guess again")
        self.guess_button.setToolTip("Forget the mapping remembered for these columns and map "
                                     "them by their names")
        self.guess_button.clicked.connect(self.guessRequested)
        self.guess_button.hide()
        self.match_combo = QComboBox()
        self.match_combo.setAccessibleName(f"Match {kind.plural} on")
        for name, label in kind.match_keys:
            self.match_combo.addItem(label, name)
        self.match_combo.activated.connect(lambda _i: self.mappingChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.guess_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(note_row)
        if kind.match_keys:
            match_row = QHBoxLayout()
            match_label = QLabel(f"&Match {kind.plural} already recorded on:")
            match_label.setBuddy(self.match_combo)
            match_row.addWidget(match_label)
            match_row.addWidget(self.match_combo)
            match_row.addStretch(1)
            layout.addLayout(match_row)

    def set_source(self, preview: SourcePreview, specs: Sequence[ColumnSpec],
                   mapping: Mapping[str, str | None], *, remembered: bool,
                   match_on: str | None = None) -> None:
        self.specs = specs
        self.remembered = remembered
        self.table.set_source(preview.headers, preview.samples, specs, mapping)
        if match_on:
            self.set_match(match_on)
        self.guess_button.setVisible(remembered)
        self.say()

    def set_mapping(self, mapping: Mapping[str, str | None], *, remembered: bool) -> None:
        self.remembered = remembered
        self.guess_button.setVisible(remembered)
        self.table.set_mapping(mapping)
        self.say()

    def mapping(self) -> dict[str, str | None]:
        return self.table.mapping()

    def missing(self) -> list[ColumnSpec]:
        return missing_columns(self.mapping(), self.specs)

    def match_on(self) -> str | None:
        key: str | None = self.match_combo.currentData()
        return key if self.kind.match_keys else None

    def set_match(self, key: str) -> None:
        at = self.match_combo.findData(key)
        if at >= 0:
            self.match_combo.setCurrentIndex(at)

    def say(self, note: str = "") -> None:
        text = [note] if note else []
        if self.remembered:
            text.append("Mapped as you mapped a file with these columns before.")
        missing = self.missing()
        if missing:
            text.append("Choose the file's column for "
                        + ", ".join(s.label for s in missing) + ": required.")
        self.note.setText(" ".join(text))

    def set_editable(self, enabled: bool) -> None:
        """Frozen while importing and after: the choices, not the scrolling."""
        self.table.set_enabled(enabled)
        self.match_combo.setEnabled(enabled)
        self.guess_button.setEnabled(enabled)

    def _changed(self) -> None:
        self.say(self.table.note)
        self.mappingChanged.emit()


__all__ = ["ColumnsPanel"]

"""2. Rows: each row's outcome with a toggle per outcome, everything about the selected
row, and the decisions a dry run asks for (unknown employers, name matches)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QVBoxLayout

from licenseapp.domain.import_outcomes import ImportReport, Outcome
from licenseapp.gui.importing import notes
from licenseapp.gui.importing.kinds import ImportKind
from licenseapp.gui.importing.option_boxes import OptionBoxes
from licenseapp.gui.importing.outcome_filters import OutcomeFilters
from licenseapp.gui.importing.outcomes_model import Col, OutcomesModel, RowTexts
from licenseapp.gui.tables import ListWithMessage, record_table

_WIDTHS = {Col.ROW: 5, Col.OUTCOME: 10, Col.RECORD: 20, Col.COLUMN: 15, Col.VALUE: 12,
           Col.DETAIL: 32}
_DETAIL_LINES = 5


class RowsPanel(QGroupBox):
    def __init__(self, kind: ImportKind, waiting_text: str) -> None:
        super().__init__("2. Rows")
        self.filters = OutcomeFilters()
        self.filters.changed.connect(self._filters_changed)
        self.model = OutcomesModel(kind.noun.capitalize(), self)
        self.table = record_table(self.model, "Rows", _WIDTHS)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().selectionChanged.connect(self._row_selected)
        self.rows = ListWithMessage(self.table, waiting_text)
        # A long count ("Of 6 rows: 3 would be added, …") wraps: unwrapped it made the
        # dialog wider than a 1152-px-wide screen (1440×900 at 125 %).
        self.rows.summary_label.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("The selected row")
        self.details.setPlaceholderText("Select a row to see all it changes or why it cannot "
                                        "be imported.")
        self.details.setMaximumHeight(self.fontMetrics().height() * _DETAIL_LINES + 12)
        self.options = OptionBoxes(kind)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.options)

    def show_report(self, report: ImportReport, labels: dict[str, str]) -> None:
        texts = RowTexts(labels, {c: h for h, c in report.mapping.pairs if c is not None and h})
        self.model.set_report(report, texts)
        self.filters.set_counts(report.counts)
        summary = notes.summary(report)
        if report.rows:
            self.rows.show_list()
            self._fit_row_numbers(report.rows[-1].row)
        else:
            self.rows.show_message(summary)
        self.rows.summary_label.setText(summary)
        self.options.show_report(report)
        self._row_selected()

    def _fit_row_numbers(self, last: int) -> None:
        """Wide enough for the last row's number (100001 at 100,000 rows)."""
        metrics = self.table.fontMetrics()
        width = max(metrics.horizontalAdvance(str(last)) + 16,
                    _WIDTHS[Col.ROW] * metrics.averageCharWidth() + 16)
        if self.table.columnWidth(Col.ROW) < width:
            self.table.setColumnWidth(Col.ROW, width)

    def show_problem(self, text: str) -> None:
        """``text`` in the list's place (the file or the mapping cannot be checked)."""
        self.model.set_report(None)
        self.filters.set_counts({})
        self.rows.show_message(text)
        self._row_selected()

    def show_only(self, *outcomes: Outcome) -> None:
        self.filters.show_only(*outcomes)

    def _filters_changed(self) -> None:
        self.model.set_shown(self.filters.shown())
        self._row_selected()

    def _row_selected(self, *_args: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.details.setPlainText(
            self.model.texts.details(self.model.row_at(rows[0].row())) if rows else "")


__all__ = ["RowsPanel"]

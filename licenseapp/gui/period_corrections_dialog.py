"""Settings › Regulators' periods…: the team corrects a period the lifecycle files mark
unconfirmed (its days, calendar or working), naming the source it read; every deadline and
clock then counts with it and says the team corrected it. Confirmed periods are not listed.

Reached from the Settings dialog's team section (:func:`add_button`); the corrections are
the database's, for everyone using it (:mod:`licenseapp.services.period_corrections`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.period_corrections import MAX_FIGURE, MAX_NOTE, PARTS
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme_follow import make_hint
from licenseapp.gui.tracking.service_dialog import ServiceDialog
from licenseapp.gui.window_state import fit_on_screen

if TYPE_CHECKING:
    from licenseapp.services.changes import Changes
    from licenseapp.services.period_corrections import CorrectableCalendar, CorrectablePeriod
    from licenseapp.store.database import Database

COLUMNS = ("Regulator", "Period", "In the file", "Counted now")
COUNTS = ("Calendar days", "Working days")


def _load(db: Database) -> tuple[list[CorrectablePeriod], list[CorrectableCalendar]]:
    from licenseapp.services.period_corrections import (
        correctable_calendars,
        correctable_periods,
    )

    return correctable_periods(db), correctable_calendars(db)


def _calendar(db: Database, regulator: str, part: str, note: str, back: bool) -> Changes:
    from licenseapp.services.period_corrections import (
        correct_calendar,
        undo_calendar_correction,
    )

    if back:
        return undo_calendar_correction(db, regulator)
    return correct_calendar(db, regulator, part, note)


def _correct(db: Database, regulator: str, key: str, days: int, working: bool,
             note: str) -> Changes:
    from licenseapp.services.period_corrections import correct_period

    return correct_period(db, regulator, key, days, working, note)


def _undo(db: Database, regulator: str, key: str) -> Changes:
    from licenseapp.services.period_corrections import undo_period_correction

    return undo_period_correction(db, regulator, key)


def _now_text(row: CorrectablePeriod) -> str:
    if row.correction is None:
        return "the file's figure (unconfirmed)"
    return f"{row.now.count.plural(row.now.days)}, corrected by the team"


class PeriodCorrectionsDialog(ServiceDialog):
    """One correction (or its removal) per Save; ``succeeded(Changes)``."""

    refused_title = "Period not corrected"

    def __init__(self, runner: TaskRunner, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._db = db
        self._rows: list[CorrectablePeriod] = []
        self._calendars: list[CorrectableCalendar] = []
        self._undo = False
        #: The regulator whose holidays the next Save sets ("" : a period is saved).
        self._calendar_for = ""
        self.setWindowTitle("Regulators' periods")
        intro = QLabel(
            "Periods the regulators' rules give that LicenseApp has not confirmed against "
            "their source. If your team has the source (the regulator's letter, notice or "
            "code), correct the figure here: every deadline and clock then counts with it and "
            "says your team corrected it. Confirmed periods are not listed: they follow the "
            "law as cited.")
        intro.setWordWrap(True)
        make_hint(intro)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("periods")
        self.table.setAccessibleName("Unconfirmed periods")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)

        self.days = QSpinBox()
        self.days.setObjectName("days")
        self.days.setRange(1, MAX_FIGURE)
        self.days.setSuffix(" days")
        self.days.setAccessibleName("Days")
        self.count = QComboBox()
        self.count.setObjectName("count")
        self.count.addItems(list(COUNTS))
        self.count.setAccessibleName("Counted in")
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setMaxLength(MAX_NOTE)
        self.note.setAccessibleName("Source of the corrected figure")
        self.note.setPlaceholderText("Where the figure comes from, e.g. the refusal letter "
                                     "of 3 March 2027")
        self.detail = QLabel("Loading the periods…")
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(3 * self.detail.fontMetrics().lineSpacing())
        make_hint(self.detail)
        form = QFormLayout()
        form.addRow("Days:", self.days)
        form.addRow("Counted in:", self.count)
        form.addRow("Source:", self.note)
        self.holidays = QComboBox()
        self.holidays.setObjectName("holidays")
        self.holidays.setAccessibleName("Bank holidays working days skip")
        self.holidays_button = QPushButton("Save &holidays")
        self.holidays_button.setObjectName("save_holidays")
        self.holidays_button.setToolTip("Count the regulator's working days by these bank "
                                        "holidays, with the source typed above")
        self.holidays_button.clicked.connect(self._save_holidays)
        self.holidays_label = QLabel("Working days skip:")
        holidays_row = QHBoxLayout()
        holidays_row.addWidget(self.holidays, 1)
        holidays_row.addWidget(self.holidays_button)
        form.addRow(self.holidays_label, holidays_row)

        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.disconnect()
        self.buttons.accepted.connect(self._save)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save correction")
        self.undo_button = QPushButton("Use the file's figure")
        self.undo_button.setObjectName("undo")
        self.undo_button.setToolTip("Remove the team's correction of the chosen period")
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.clicked.connect(self._use_file)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.set_inputs_enabled(False)
        fit_on_screen(self, QSize(960, 600))
        runner.submit(partial(_load, db), self._loaded, self._load_failed, context=self)

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    # --- loading -------------------------------------------------------------------------

    def _loaded(self, found: tuple[Sequence[CorrectablePeriod],
                                   Sequence[CorrectableCalendar]]) -> None:
        rows, calendars = found
        self._rows, self._calendars = list(rows), list(calendars)
        self._show_holidays()
        self.table.setRowCount(len(self._rows))
        for n, row in enumerate(self._rows):
            cells = (row.regulator, row.filed.label,
                     f"{row.filed.count.plural(row.filed.days)} ({row.filed.citation})",
                     _now_text(row))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{row.regulator}: {row.filed.what}")
                self.table.setItem(n, col, item)
        self.detail.setText("Choose a period to correct.")
        if self._rows:
            self.table.selectRow(0)

    def _show_holidays(self) -> None:
        """The first regulator that counts working days (ECJU): its holidays to choose."""
        self.holidays.clear()
        found = self._calendars[0] if self._calendars else None
        self.holidays_label.setVisible(found is not None)
        self.holidays.setVisible(found is not None)
        self.holidays_button.setVisible(found is not None)
        if found is None:
            return
        self.holidays_label.setText(f"{found.regulator} working days skip:")
        for code, part in PARTS.get(found.filed.country, {}).items():
            mark = " (the file's)" if code == found.filed.subdivision else ""
            self.holidays.addItem(f"{part} bank holidays{mark}", code)
        self.holidays.setCurrentIndex(max(0, self.holidays.findData(found.now.subdivision)))
        tip = found.now.why or found.filed.why
        self.holidays.setToolTip(tip)

    def _load_failed(self, exc: BaseException) -> None:
        self.detail.setText("The periods could not be read.")
        self._runner.report_error(exc)

    def chosen(self) -> CorrectablePeriod | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _selected(self) -> None:
        row = self.chosen()
        self.set_inputs_enabled(row is not None)
        if row is None:
            return
        self.days.setValue(row.now.days)
        self.count.setCurrentIndex(1 if row.now.count.working else 0)
        self.note.setText(row.correction.note if row.correction else "")
        where = row.filed.confirm_at
        text = f"{row.regulator}: {row.filed.what} ({row.filed.citation})."
        if row.correction is not None:
            text += f" Corrected by the team {row.now.corrected}."
        else:
            text += " Unconfirmed" + (f": confirm in {where}." if where else ".")
        self.detail.setText(text)
        self.undo_button.setEnabled(row.correction is not None)

    # --- saving --------------------------------------------------------------------------

    def set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.days, self.count, self.note, self.undo_button):
            widget.setEnabled(enabled)
        for widget in (self.holidays, self.holidays_button):
            widget.setEnabled(not self.busy and bool(self._calendars))
        self.save_button.setEnabled(enabled)

    def field_widgets(self) -> dict[str, QWidget]:
        return {"days": self.days, "note": self.note, "period": self.table}

    def _save(self) -> None:
        self._undo, self._calendar_for = False, ""
        self.accept()

    def _save_holidays(self) -> None:
        self._undo = False
        self._calendar_for = self._calendars[0].regulator if self._calendars else ""
        self.accept()

    def _use_file(self) -> None:
        self._undo, self._calendar_for = True, ""
        self.accept()

    def make_call(self) -> Callable[[], Changes] | None:
        if self._calendar_for:
            found = self._calendars[0]
            part = str(self.holidays.currentData() or "")
            back = part == found.filed.subdivision  # the file's calendar: no correction
            return partial(_calendar, self._db, self._calendar_for, part, self.note.text(),
                           back)
        row = self.chosen()
        if row is None:
            return None
        if self._undo:
            return partial(_undo, self._db, row.regulator, row.key)
        self.days.interpretText()
        return partial(_correct, self._db, row.regulator, row.key, self.days.value(),
                       self.count.currentIndex() == 1, self.note.text())


def _announce(widget: QWidget, changes: Changes) -> None:
    """Tell the main window's screens (deadlines, details) what changed."""
    parent = widget.parentWidget()
    while parent is not None:
        operations = getattr(parent, "operations", None)
        if operations is not None and hasattr(operations, "announce"):
            operations.announce(changes)
            return
        parent = parent.parentWidget()


def add_button(dialog: QWidget, form: QFormLayout, runner: TaskRunner,
               db: Database | None) -> QPushButton:
    """The Settings dialog's "Regulators' periods…" button (in its team section)."""
    button = QPushButton("Regulators' &periods…")
    button.setObjectName("regulators_periods")
    button.setAccessibleName("Regulators' periods")
    button.setToolTip("Correct a period the regulators' rules give that LicenseApp has not "
                      "confirmed (days, calendar or working), for everyone using the database")
    button.setEnabled(db is not None)

    def open_dialog() -> None:
        if db is None:
            return
        periods = PeriodCorrectionsDialog(runner, db, dialog)
        periods.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        periods.succeeded.connect(lambda changes: _announce(dialog, changes))
        hold_until_closed(dialog, "periods_dialog", periods)
        periods.open()

    button.clicked.connect(open_dialog)
    form.addRow("", button)
    return button


__all__ = ["COLUMNS", "COUNTS", "PeriodCorrectionsDialog", "add_button"]

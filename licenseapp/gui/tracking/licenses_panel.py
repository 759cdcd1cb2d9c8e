"""The licenses tab of "Licenses & deadlines": what was granted, to whom, until when.

Loaded off the GUI thread by :func:`load_licenses` (the service works out each license's
state for today and the renewal window). Filters by text and state; selecting a license
shows its conditions and riders in :class:`LicenseDetailsWidget`; a double-click (or
Enter) asks to open the application it was issued on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.tables import ListWithMessage, record_table, select_source_row
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme import Tone, current
from licenseapp.gui.theme_follow import show_html
from licenseapp.gui.tracking.licenses_model import (
    REF_ROLE,
    STATE_LABELS,
    STATE_TONES,
    LicenseColumn,
    LicensesFilterProxy,
    LicensesTableModel,
    days_left_words,
    state_label,
)

if TYPE_CHECKING:
    from licenseapp.services.follow_up.licenses import LicenseRow
    from licenseapp.store.database import Database

_WIDTH_CHARS = {
    LicenseColumn.NUMBER: 21, LicenseColumn.STATE: 10, LicenseColumn.VALID_UNTIL: 10,
    LicenseColumn.DAYS_LEFT: 8, LicenseColumn.APPLICATION: 12, LicenseColumn.PERSON: 20,
    LicenseColumn.REGULATOR: 8, LicenseColumn.VALID_FROM: 10,
}

def load_licenses(db: Database, today: date) -> list[LicenseRow]:
    """Runs off the GUI thread; the renewal window is the team's, from the database."""
    from licenseapp.services.follow_up.licenses import list_licenses

    return list_licenses(db, today)


def render_license(row: LicenseRow) -> str:
    """The details pane for one license: its facts, then conditions and riders."""
    theme = current()
    badge = (f'<span style="{theme.badge(STATE_TONES.get(row.state.value, Tone.REVOKED)).css()}">'
             f"&nbsp;{escape(state_label(row.state.value))}&nbsp;</span>")
    person = escape(row.person_name)
    if row.native_name and row.native_name != row.person_name:
        person += f" ({escape(row.native_name)})"
    if row.person_ref:
        person += f' <span class="muted">{escape(row.person_ref)}</span>'
    facts = [
        ("State", badge),
        ("Application", f"<b>{escape(row.application_ref)}</b>"),
        ("Person", person),
        ("Regulator", escape(row.regulator)),
        ("Issued", row.issued_on.isoformat()),
        ("Valid", f"{row.valid_from.isoformat()} to {row.valid_until.isoformat()}"),
        ("Days left", escape(days_left_words(row))),
        ("Why", escape(row.state_reason)),
    ]
    cells = "".join(f'<tr><td class="key">{escape(k)}</td><td>{v}</td></tr>'
                    for k, v in facts if v)
    parts = [theme.html_style(), f"<h2>License {escape(row.number)}</h2>",
             f"<table>{cells}</table>"]
    for kind, title, empty in (("condition", "Conditions", "No conditions."),
                               ("rider", "Riders", "No riders.")):
        lines = [c for c in row.conditions if (c.kind == "rider") == (kind == "rider")]
        parts.append(f"<h3>{title}</h3>")
        if not lines:
            parts.append(f'<p class="muted">{empty}</p>')
            continue
        items = "".join(
            f"<li>{escape(c.text)}"
            + (' <span class="muted">(report on each anniversary)</span>'
               if c.anniversary_report else "")
            + "</li>"
            for c in lines
        )
        parts.append(f"<ol>{items}</ol>")
    return "".join(parts)


class LicenseDetailsWidget(QWidget):
    """One license's facts, conditions and riders; ``applicationRequested(ref)``."""

    applicationRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.license: LicenseRow | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("License details")
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._pane = ListWithMessage(self.browser, summary=False)  # the message: see clear()
        self.message_label = self._pane.message_label
        self.open_button = QPushButton("Open application")
        self.open_button.setToolTip("Show the application this license was issued on")
        self.open_button.clicked.connect(self._open)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 2, 4, 2)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self._pane)
        self.clear()

    def show_license(self, row: LicenseRow) -> None:
        self.license = row
        show_html(self.browser, partial(render_license, row))
        self._pane.show_list()
        self.open_button.setEnabled(True)

    def clear(self) -> None:
        self.license = None
        self._pane.show_message("Select a license to see its conditions and riders.")
        self.open_button.setEnabled(False)

    def plain_text(self) -> str:
        if not self._pane.showing_message:
            return self.browser.toPlainText()
        return self.message_label.text()

    @Slot()
    def _open(self) -> None:
        if self.license is not None:
            self.applicationRequested.emit(self.license.application_ref)


class LicensesPanel(QWidget):
    """Signals: ``applicationRequested(ref)``, ``loadFailed(exception)``."""

    applicationRequested = Signal(str)
    loadFailed = Signal(object)

    def __init__(
        self, runner: TaskRunner, parent: QWidget | None = None, *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._today = today
        self._db: Database | None = None
        self.loaded = False
        self._reveal = ""  # the license to select once loaded (the global search's "open")
        self.details = LicenseDetailsWidget()
        self.details.applicationRequested.connect(self.applicationRequested)
        self.model = LicensesTableModel(self)
        self.proxy = LicensesFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by license, application, person, regulator")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter licenses")
        self.state_combo = QComboBox()
        self.state_combo.setAccessibleName("License state")
        self.state_combo.addItem("All states", None)
        for state, label in STATE_LABELS.items():
            self.state_combo.addItem(label, state)
        state_label_widget = QLabel("&State:")
        state_label_widget.setBuddy(self.state_combo)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addSpacing(12)
        bar.addWidget(state_label_widget)
        bar.addWidget(self.state_combo)

        self.table = record_table(self.proxy, "Licenses", _WIDTH_CHARS)
        self.table.horizontalHeader().setSortIndicator(
            LicenseColumn.VALID_UNTIL, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self._list = ListWithMessage(self.table, "No database is open.")
        self.message_label = self._list.message_label
        self.summary_label = self._list.summary_label

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self._list, 1)

        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.state_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_state(self.state_combo.currentData()))
        for changed in (self.proxy.modelReset, self.proxy.layoutChanged,
                        self.proxy.rowsInserted, self.proxy.rowsRemoved):
            changed.connect(self._update_summary)

    # --- loading -----------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self._runner.supersede(self, "licenses")  # read from the previous database
        self.loaded = False
        self.model.set_licenses([])
        self.details.clear()
        self._show_message("No database is open." if db is None else "Loading licenses…")

    def reload(self) -> None:
        db = self._db
        if db is None:
            return
        if self.model.rowCount() == 0:
            self._show_message("Loading licenses…")
        self._runner.submit(partial(load_licenses, db, self._today()), self._loaded,
                            self._failed, latest="licenses")

    def _loaded(self, rows: Sequence[LicenseRow]) -> None:
        kept = self._reveal or (self.details.license.number if self.details.license else "")
        self._reveal = ""
        self.model.set_licenses(rows)
        self.loaded = True
        if rows:
            self._list.show_list()
        else:
            self._show_message("No licenses yet: approvals recorded with a license number "
                               "appear here.")
        self._update_summary()
        if kept:
            self.select_license(kept)

    def _failed(self, exc: BaseException) -> None:
        self._show_message("The licenses could not be loaded.")
        self.loadFailed.emit(exc)

    def _show_message(self, text: str) -> None:
        self._list.show_message(text)

    def _update_summary(self, *_args: object) -> None:
        if not self.loaded:
            return
        rows = self.model.licenses()
        shown, total = self.proxy.rowCount(), len(rows)
        parts = [f"{shown:,} of {total:,} licenses shown" if shown != total
                 else f"{total:,} licenses"]
        for state in ("active", "expiring", "expired", "suspended", "revoked"):
            n = sum(1 for r in rows if r.state == state)
            if n:
                parts.append(f"{n:,} {state}")
        self.summary_label.setText(" · ".join(parts))

    # --- selection ---------------------------------------------------------------------

    def select_license(self, number: str) -> bool:
        return select_source_row(self.table, self.proxy, self.model.row_of(number))

    def reveal(self, number: str) -> None:
        """Select license ``number`` with the filters cleared, now if loaded, else once
        loaded."""
        self.filter_edit.clear()
        self.state_combo.setCurrentIndex(0)
        if self.loaded and self.select_license(number):
            return
        self._reveal = number
        self.reload()

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            source = self.proxy.mapToSource(rows[0])
            self.details.show_license(self.model.license_at(source.row()))
        else:
            self.details.clear()

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        ref = str(index.data(REF_ROLE) or "")
        if ref:
            self.applicationRequested.emit(ref)

"""The directive impact dialog: everyone who must lose access under a rule set, and what to
do about it.

Choose a rule set and a date; the dialog lists every live access that needs a license and
has none, in the groups chosen above the list (newly required by this rule set, already
required and unlicensed, undetermined), with person in Latin and native script, deciding
country, item, ECCN, access mode, why, and the counts by item and by country beside them.
When an order is recorded for the rule set, its clock shows above the list
(:mod:`.directive_clock`). From here: suspend the listed accesses in one action with
progress (then save the list for IT) and draft applications
(:mod:`licenseapp.gui.authorization.impact_actions`).

All service work runs off the GUI thread. Changing the rule set or the date works the list
out again; a rule set not in force on the date says so in place of the list (and in a
message box when the user asked with "Show impact").
"""

from __future__ import annotations

from datetime import date
from functools import partial
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QSize, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from licenseapp.errors import LicenseAppError
from licenseapp.gui.authorization.directive_clock import DirectiveClock
from licenseapp.gui.authorization.impact_actions import ImpactActions
from licenseapp.gui.authorization.impact_counts import (
    ImpactCountsWidget,
    summary,
    tally,
    undetermined,
    why_html,
)
from licenseapp.gui.authorization.impact_groups import ImpactGroupChooser
from licenseapp.gui.authorization.impact_model import (
    PAIR_ROLE,
    SORT_ROLE,
    AffectedPairsModel,
    PairColumn,
)
from licenseapp.gui.authorization.prompts import Prompts
from licenseapp.gui.date_field import DateField
from licenseapp.gui.tables import ListWithMessage
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme import Ink, current
from licenseapp.gui.theme_follow import on_theme
from licenseapp.gui.window_state import fit_on_screen
from licenseapp.services.directive.impact import AffectedPair, ImpactReport
from licenseapp.services.directive.rulesets import RuleSetInfo

if TYPE_CHECKING:
    from licenseapp.store.database import Database

#: Column widths (in average characters) before the list arrives, then the cap when fitted.
_WIDTHS = {PairColumn.PERSON: 22, PairColumn.NATIVE: 14, PairColumn.COUNTRY: 14,
           PairColumn.ITEM: 12, PairColumn.ECCN: 6, PairColumn.MODE: 10, PairColumn.GROUP: 14,
           PairColumn.ACCESS: 16, PairColumn.COVERED: 22}
_MAX_CHARS = 30


def user_message(exc: LicenseAppError) -> str:
    """The service's words as a sentence: they name the rule set or the date themselves."""
    return exc.message[:1].upper() + exc.message[1:]


class DirectiveImpactDialog(QDialog):
    """Signals: ``dataModified(Changes)`` after suspending or drafting; ``reportShown()``."""

    dataModified = Signal(object)
    reportShown = Signal()
    rulesetsLoaded = Signal()

    def __init__(self, runner: TaskRunner, db: Database, prompts: Prompts | None = None,
                 parent: QWidget | None = None, *, ruleset_id: str | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.db = db
        self.prompts = prompts or Prompts()
        self.report: ImpactReport | None = None
        self.rulesets: tuple[RuleSetInfo, ...] = ()
        self._wanted_id = ruleset_id
        self._prefer_wanted = False
        self.setWindowTitle("Directive impact — LicenseApp")
        fit_on_screen(self, QSize(1200, 720))  # at 125% on 1440×900 it overflowed by 60 px

        self.ruleset_combo = QComboBox()
        self.ruleset_combo.setAccessibleName("Rule set")
        self.ruleset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.date_edit = DateField(label="Date", empty_text="today")
        self.date_edit.set_value(date.today())
        self.show_button = QPushButton("&Show impact")
        self.show_button.setDefault(True)
        self.ruleset_label = QLabel()
        self.ruleset_label.setWordWrap(True)
        self.ruleset_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label = QLabel("Loading the rule sets…")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.summary_label.setFont(font)
        self.tally_label = QLabel()
        self.tally_label.setWordWrap(True)

        self.model = AffectedPairsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._make_table()
        self.list = ListWithMessage(self.table, summary=False)
        self.list.show_list()  # empty until the first report
        self.message_label = self.list.message_label
        self.why_browser = QTextBrowser()
        self.why_browser.setAccessibleName("Why this access is affected")
        self.why_browser.setMinimumHeight(60)
        self.undetermined_label = QLabel()
        self.undetermined_label.setWordWrap(True)
        self.counts = ImpactCountsWidget()
        self.by_item, self.by_country = self.counts.by_item, self.counts.by_country

        self.groups = ImpactGroupChooser()
        self.groups.changed.connect(self._groups_changed)
        self.clock = DirectiveClock(runner, db, self.prompts)

        self.operations = ImpactActions(self)
        self.operations.dataModified.connect(self.dataModified)
        self.suspend_button = QPushButton("Sus&pend these accesses…")
        self.suspend_button.clicked.connect(self.operations.suspend)
        self.save_list_button = QPushButton("Save suspension &list…")
        self.save_list_button.clicked.connect(self.operations.save_list)
        self.draft_button = QPushButton("&Draft applications…")
        self.draft_button.clicked.connect(self.operations.draft)
        self.order_button = QPushButton("R&ecord the order…")
        self.order_button.setToolTip("When the order for this directive reached you, and its "
                                     "deadline: the clock then counts down")
        self.order_button.clicked.connect(self.operations.record_order)
        self._layout()

        self.ruleset_combo.currentIndexChanged.connect(self._ruleset_chosen)
        self.date_edit.dateChosen.connect(lambda _day: self.run(explicit=False))
        self.show_button.clicked.connect(lambda: self.run(explicit=True))
        self._enable_actions()
        self.load_rulesets()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName("Accesses that must stop")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setSortingEnabled(True)
        table.sortByColumn(PairColumn.PERSON, Qt.SortOrder.AscendingOrder)
        char = table.fontMetrics().averageCharWidth()
        for column, chars in _WIDTHS.items():
            table.setColumnWidth(column, chars * char + 16)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.selectionModel().selectionChanged.connect(self._pair_selected)
        return table

    def _layout(self) -> None:
        inputs = QHBoxLayout()
        label = QLabel("&Rule set:")
        label.setBuddy(self.ruleset_combo)
        inputs.addWidget(label)
        inputs.addWidget(self.ruleset_combo, 1)
        date_label = QLabel("&On:")
        date_label.setBuddy(self.date_edit)
        inputs.addWidget(date_label)
        inputs.addWidget(self.date_edit)
        inputs.addWidget(self.show_button)
        pair_and_why = QSplitter(Qt.Orientation.Vertical)
        pair_and_why.setChildrenCollapsible(False)
        pair_and_why.addWidget(self.list)
        pair_and_why.addWidget(self.why_browser)
        pair_and_why.setSizes([420, 170])
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(pair_and_why, 1)
        left_layout.addWidget(self.undetermined_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.counts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 260])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.suspend_button)
        actions.addWidget(self.save_list_button)
        actions.addWidget(self.draft_button)
        actions.addWidget(self.order_button)
        actions.addStretch(1)
        actions.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(inputs)
        layout.addWidget(self.ruleset_label)
        layout.addWidget(self.clock)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tally_label)
        layout.addWidget(self.groups)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)

    # --- rule sets ---------------------------------------------------------------------

    @Slot()
    def load_rulesets(self) -> None:
        from licenseapp.services.directive.rulesets import available_rulesets

        self.runner.submit(partial(available_rulesets, self.db), self._rulesets_loaded,
                           partial(self.show_error, explicit=True), context=self)

    def choose_when_loaded(self, ruleset_id: str) -> None:
        """Load the rule sets again (one was just added) and show ``ruleset_id``."""
        self._wanted_id, self._prefer_wanted = ruleset_id, True
        self.load_rulesets()

    def _rulesets_loaded(self, rulesets: tuple[RuleSetInfo, ...]) -> None:
        keep = self._wanted_id if self._prefer_wanted else (self.ruleset_id or self._wanted_id)
        self._prefer_wanted = False
        self.rulesets = rulesets
        self.ruleset_combo.blockSignals(True)
        self.ruleset_combo.clear()
        for info in rulesets:
            self.ruleset_combo.addItem(f"{info.title} — {info.period}", info.id)
            self.ruleset_combo.setItemData(self.ruleset_combo.count() - 1,
                                           f"{info.id}\n{info.authority}",
                                           Qt.ItemDataRole.ToolTipRole)
        index = self.ruleset_combo.findData(keep) if keep else -1
        if index < 0:
            today = date.today()
            in_force = [n for n, info in enumerate(rulesets) if info.in_force(today)]
            index = in_force[-1] if in_force else len(rulesets) - 1
        self.ruleset_combo.setCurrentIndex(index)
        self.ruleset_combo.blockSignals(False)
        self.rulesetsLoaded.emit()
        self._ruleset_chosen()

    @property
    def ruleset_id(self) -> str:
        return str(self.ruleset_combo.currentData() or "")

    @property
    def on(self) -> date:
        return self.date_edit.chosen() or date.today()

    def choose(self, ruleset_id: str, on: date | None = None) -> None:
        """Select a rule set (and date) as the user would; the impact is worked out."""
        if on is not None:
            self.date_edit.set_value(on)
        index = self.ruleset_combo.findData(ruleset_id)
        if index == self.ruleset_combo.currentIndex():
            self._ruleset_chosen()
        self.ruleset_combo.setCurrentIndex(index)

    @Slot()
    def _ruleset_chosen(self) -> None:
        info = next((r for r in self.rulesets if r.id == self.ruleset_id), None)
        if info is None:
            self.ruleset_label.setText("")
        else:
            origin = ("imported by you" if info.user_file else
                      "a colleague's, from the database" if info.team else "shipped")
            on_theme(self.ruleset_label, lambda: self.ruleset_label.setText(
                f"<b>{escape(info.title)}</b> · {escape(info.authority)} · in force "
                f"{info.period} · <span style='color:{current().hex(Ink.HINT)}'>"
                f"{escape(info.id)} ({origin})</span>"), "text")
            self.clock.set_ruleset(info.id)
        self.run(explicit=False)

    # --- the impact --------------------------------------------------------------------

    def run(self, explicit: bool = False) -> None:
        """Work the impact out for the chosen rule set and date."""
        from licenseapp.services.directive.impact import impact

        self.report = None
        self._enable_actions()
        self.summary_label.setText("Working out who must lose access…")
        self.tally_label.setText("")
        self.runner.submit(
            partial(impact, self.db, self.ruleset_id, self.on),
            self._shown,
            partial(self._failed, explicit=explicit),
            context=self, latest="impact",  # a newer choice of rule set or date wins
        )

    def _shown(self, report: ImpactReport) -> None:
        self.report = report
        self.groups.show_counts(report)
        self.summary_label.setText(summary(report))
        self.counts.show_report(report)
        self._show_groups()
        self.undetermined_label.setText(undetermined(report.undetermined))
        self.why_browser.setPlainText("Select an access to see why it must stop.")
        self._enable_actions()
        self.reportShown.emit()

    def shown_pairs(self) -> tuple[AffectedPair, ...]:
        """The accesses of the groups chosen, as listed (all three by default)."""
        if self.report is None:
            return ()
        return tuple(p for g in self.groups.chosen() for p in self.report.group(g))

    def _show_groups(self) -> None:
        pairs = self.shown_pairs()
        self.model.set_pairs(pairs)
        self.tally_label.setText(tally(pairs))
        if pairs:
            self._fit_columns()
            self.list.show_list()
        elif self.report is not None and self.report.must_stop():
            self.list.show_message("No access in the groups chosen above; tick another group.")
        else:
            self.list.show_message("Nobody must lose access: every live access is allowed "
                                   "or covered by a valid license under the rules in force.")

    @Slot()
    def _groups_changed(self) -> None:
        self._show_groups()
        self._enable_actions()

    def _fit_columns(self) -> None:
        table = self.table
        table.horizontalHeader().setResizeContentsPrecision(500)
        high = _MAX_CHARS * table.fontMetrics().averageCharWidth()
        for column in _WIDTHS:
            table.resizeColumnToContents(column)
            table.setColumnWidth(column, min(table.columnWidth(column), high))

    def _failed(self, exc: BaseException, explicit: bool) -> None:
        self.model.set_pairs(())
        self.counts.show_report(None)
        self.undetermined_label.setText("")
        self.tally_label.setText("")
        self.summary_label.setText("No list for this choice.")
        if isinstance(exc, LicenseAppError):
            self.list.show_message(user_message(exc))
        self.show_error(exc, explicit=explicit)

    def show_error(self, exc: BaseException, explicit: bool = True,
                   title: str = "Directive impact") -> None:
        """A known error in a message box (when the user asked), a bug to the crash dialog."""
        if not isinstance(exc, LicenseAppError):
            self.runner.report_error(exc)
        elif explicit:
            self.prompts.warn(self, title, user_message(exc))

    @Slot(QItemSelection, QItemSelection)
    def _pair_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        pair = rows[0].data(PAIR_ROLE) if rows else None
        if not isinstance(pair, AffectedPair):
            return
        self.why_browser.setHtml(why_html(pair))

    def set_busy(self, busy: bool) -> None:
        """While an action runs, nothing else can be started from here."""
        for widget in (self.ruleset_combo, self.date_edit, self.show_button):
            widget.setEnabled(not busy)
        self._enable_actions(busy)

    def _enable_actions(self, busy: bool = False) -> None:
        shown = self.shown_pairs() if not busy else ()
        self.suspend_button.setEnabled(bool(self.operations.to_suspend()) if shown else False)
        self.save_list_button.setEnabled(any(p.access == "suspended" for p in shown))
        report = self.report if not busy else None
        self.draft_button.setEnabled(report is not None and any(
            report.group(g) for g in self.operations.drafting_groups()))


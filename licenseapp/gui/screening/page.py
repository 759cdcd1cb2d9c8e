"""The Screening screen: the hits on our people and organizations (open ones first), the
selected one reviewed side by side below, the list snapshot in use on top with "Load list
snapshot…" and "Re-screen everyone"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.load_when_shown import LoadWhenShown
from licenseapp.gui.screening.hits_model import (
    SHOWN_LABELS,
    HitColumn,
    HitsModel,
    HitsProxy,
    HitsShown,
)
from licenseapp.gui.screening.review import HitReviewWidget
from licenseapp.gui.screening.snapshot_actions import SnapshotActions
from licenseapp.gui.screening.wording import snapshot_counts, snapshot_line
from licenseapp.gui.tables import ActionButton, ListWithMessage, record_table, select_source_row
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.screening.dto import HitView, SnapshotInfo

if TYPE_CHECKING:
    from collections.abc import Sequence

    from licenseapp.gui.records_model import Prepared
    from licenseapp.store.database import Database

#: What the screen shows: the hits, and the people and organizations they are on.
SCREENING_KINDS = (Kind.SCREENING, Kind.PEOPLE, Kind.ORGANIZATIONS)


def load_screening(db: Database, model: HitsModel, columns: Sequence[int] = ()
                   ) -> tuple[SnapshotInfo | None, Prepared[HitView]]:
    """The snapshot in use and every stored hit, with the hits' search keys and sort orders
    (:meth:`RecordsModel.prepared`: at 100,000 applications, 5,000 hits' sort values made
    on the GUI thread were most of the first switch's longest step). Runs on a worker."""
    from licenseapp.services.screening.results import all_hits
    from licenseapp.services.screening.snapshots import current_snapshot

    return current_snapshot(db), model.prepared(list(all_hits(db)), columns)


class ScreeningPage(QWidget):
    """Signals: ``dataModified(Changes)`` after a decision, an import or a re-screen;
    ``loadFailed(exc)``."""

    dataModified = Signal(object)
    loadFailed = Signal(object)
    #: The hits are shown (after each load; tests wait for it).
    loaded = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db: Database | None = None
        self._loaded = False
        self._shown_loading = LoadWhenShown(  # the first time, and after a new database
            self, lambda: self._db is not None and not self._loaded, self.reload)
        self._wanted: int | None = None  # a hit to select once loaded
        self.snapshot: SnapshotInfo | None = None
        self.model = HitsModel(self)
        self.proxy = HitsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(HitColumn.DECISION, Qt.SortOrder.AscendingOrder)
        self.table = record_table(self.proxy, "Screening hits", {
            HitColumn.DECISION: 24, HitColumn.SCORE: 6, HitColumn.OURS: 26,
            HitColumn.ENTRY: 30, HitColumn.LIST: 6})
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(HitColumn.DECISION,
                                                       Qt.SortOrder.AscendingOrder)
        self.hits = ListWithMessage(self.table, "No database is open.")
        self.review = HitReviewWidget(runner)
        self.review.decided.connect(self._decided)
        self.snapshots = SnapshotActions(runner, self)
        self.snapshots.changed.connect(self._snapshot_or_rescreen)

        self.snapshot_label = QLabel(snapshot_line(None))
        self.snapshot_label.setObjectName("snapshotLine")
        self.snapshot_label.setWordWrap(True)
        self.snapshot_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shown_box = QComboBox()
        self.shown_box.setAccessibleName("Show")
        for shown, label in SHOWN_LABELS.items():
            self.shown_box.addItem(label, shown)
        self.shown_box.currentIndexChanged.connect(self._shown_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a name, list or entry")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find hits")
        self.search.textChanged.connect(self._search)

        top = QHBoxLayout()
        top.addWidget(self.snapshot_label, 1)
        self.load_button = ActionButton(self.snapshots.load_action)
        self.rescreen_button = ActionButton(self.snapshots.rescreen_action)
        top.addWidget(self.load_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.rescreen_button, 0, Qt.AlignmentFlag.AlignTop)
        filters = QHBoxLayout()
        show_label = QLabel("&Show:")
        show_label.setBuddy(self.shown_box)
        filters.addWidget(show_label)
        filters.addWidget(self.shown_box)
        filters.addWidget(self.search, 1)
        upper = QWidget()
        upper_box = QVBoxLayout(upper)
        upper_box.setContentsMargins(0, 0, 0, 0)
        upper_box.addLayout(filters)
        upper_box.addWidget(self.hits, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.review)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.snapshots.progress)
        layout.addWidget(self.splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.table.addActions(list(self.review.decision_actions.values()))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    # -- the database and loading ----------------------------------------------------------
    def set_database(self, db: Database | None) -> None:
        self._db = db
        self._loaded = False
        self.review.set_database(db)
        self.snapshots.set_database(db)
        self.model.set_rows([])
        if db is None:
            self._runner.supersede(self, "hits")
            self.hits.show_message("No database is open.")
        elif not self._shown_loading.now_if_shown():
            self.hits.show_message("Loading…")

    def reload(self) -> None:
        db = self._db
        if db is None:
            return
        if not self._loaded:
            self.hits.show_message("Loading the screening results…")
        model, column = self.model, self.proxy.sortColumn()
        columns = [column] if column >= 0 else []
        self._runner.submit(lambda: load_screening(db, model, columns), self._shown,
                            self._failed, latest="hits")

    def apply_changes(self, changes: Changes) -> None:
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.hits.show_message("The screening results could not be loaded.")
        self.loadFailed.emit(exc)

    def _shown(self, loaded: tuple[SnapshotInfo | None, Prepared[HitView]]) -> None:
        self.snapshot, found = loaded
        self._loaded = True
        self.snapshot_label.setText(snapshot_line(self.snapshot))
        self.snapshot_label.setToolTip(snapshot_counts(self.snapshot) if self.snapshot else "")
        wanted, self._wanted = self._wanted, None
        keep, at = self.selected_id(), self.table.currentIndex().row()
        self.model.set_rows(*found)
        self._summarise()
        if wanted is not None and self.reveal(wanted):
            pass
        elif keep is None or not select_source_row(self.table, self.proxy,
                                                   self.model.row_of(keep)):
            self._select_row(at)  # a hit decided away: the next one in its place
        self.loaded.emit()

    def _summarise(self) -> None:
        rows = self.model.rows()
        if not rows:
            self.hits.show_message(
                "No hits: nobody screened so far resembles an entry on the lists."
                if self.snapshot else "No restricted-party list is loaded yet: use Load list "
                                      "snapshot… to load one.",
                [self.snapshots.load_action] if self.snapshot is None else [])
            self.review.show_hit(None)
            return
        self.hits.show_list()
        open_count = sum(h.decision.value in ("open", "escalated") for h in rows)
        recent = sum(h.id in self.model.recent for h in rows)
        self.hits.summary_label.setText(
            f"{open_count:,} open of {len(rows):,} hits · {self.proxy.rowCount():,} shown"
            + (f" · {recent:,} new or changed in the last re-screen (bold)" if recent else ""))

    # -- choosing --------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        view = self.review.view
        return view.id if view is not None else None

    def reveal(self, hit_id: int) -> bool:
        """Select hit ``hit_id`` (showing every hit if the filter hides it); False if it is
        not there (yet: it is selected when the hits arrive)."""
        if not self._loaded:
            self._wanted = hit_id
            return False
        row = self.model.row_of(hit_id)
        if row < 0:
            self._wanted = hit_id  # not loaded yet: a reload is on its way
            return False
        if not select_source_row(self.table, self.proxy, row):
            self.shown_box.setCurrentIndex(self.shown_box.findData(HitsShown.ALL))
            self.search.clear()
            select_source_row(self.table, self.proxy, row)
        return True

    def _select_row(self, row: int) -> None:
        count = self.proxy.rowCount()
        if count:
            self.table.selectRow(min(max(row, 0), count - 1))
        else:
            self.review.show_hit(None)

    def _selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.review.show_hit(None)
            return
        source = self.proxy.mapToSource(index)
        self.review.show_hit(self.model.record_at(source.row()))

    def _shown_changed(self) -> None:
        self.proxy.set_shown(HitsShown(self.shown_box.currentData()))
        self._after_filter()

    def _search(self, text: str) -> None:
        self.proxy.set_text_filter(text)
        self._after_filter()

    def _after_filter(self) -> None:
        keep = self.selected_id()
        if self.model.rows():
            self._summarise()
        if keep is None or not select_source_row(self.table, self.proxy,
                                                 self.model.row_of(keep)):
            self._select_row(0)

    # -- changes made here -----------------------------------------------------------------
    def _decided(self, changes: Changes) -> None:
        """A decision: every screen is told (this one reloads its hits through it, and the
        next hit takes the decided one's place)."""
        self.dataModified.emit(changes)

    def _snapshot_or_rescreen(self, changes: Changes) -> None:
        """A snapshot loaded or everyone re-screened: what the re-screen found new or
        changed is shown in bold until the next one."""
        self.model.set_recent(changes.ids(Kind.SCREENING))
        self.dataModified.emit(changes)

"""A screen listing records with a search box, New… and Edit… (People, Organizations).

The list is loaded off the GUI thread when the screen is first shown and again on
``reload()`` (the main window calls it when data changed); reloads asked for in one turn
of the event loop are done once. Subclasses say how to load the rows and open a dialog.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Generic

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.records_model import ID_ROLE, Prepared, R, RecordsModel, RecordsProxy
from licenseapp.gui.tables import (
    Column,
    ListWithMessage,
    fit_columns,
    record_table,
    widths_remembered,
)
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.store.database import Database


class RecordsPage(QWidget, Generic[R]):
    """Signals: ``dataModified(Changes)`` after a save, ``loadFailed(exception)``."""

    dataModified = Signal(object)
    loadFailed = Signal(object)

    #: What the screen lists, set by subclasses.
    kind = Kind.PEOPLE
    #: Words for the screen, set by subclasses.
    noun = "record"
    plural = "records"
    #: Widest a column may be made to fit its contents, in pixels, by column number.
    max_column_widths: Mapping[int, int] = {}

    def __init__(self, runner: TaskRunner, model: RecordsModel[R], proxy: RecordsProxy[R],
                 widths: Mapping[Column, int], *, search_hint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db: Database | None = None
        self._stale = True
        self._loaded = False
        self._opening = False
        self._select_id: int | None = None
        self.dialog: QDialog | None = None
        self.model = model
        self.proxy = proxy
        self.proxy.setSourceModel(model)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(search_hint)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(f"Search {self.plural}")
        self.search_edit.installEventFilter(self)
        self.new_button = QPushButton(f"&New {self.noun}…")
        self.edit_button = QPushButton("E&dit…")
        self.edit_button.setToolTip(f"Edit the selected {self.noun} (Enter or double-click)")
        self.table = record_table(proxy, self.plural.capitalize(), widths)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.count_label = QLabel()
        self.list = ListWithMessage(self.table, summary=False)
        self.message_label = self.list.message_label
        #: "New person…" as the empty list offers it.
        self.add_action = QAction(f"&Add {_article(self.noun)} {self.noun}…", self)
        self.add_action.setStatusTip(f"Type in a new {self.noun}")
        self.add_action.triggered.connect(self.new_record)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._load)

        bar = QHBoxLayout()
        self.button_bar = bar  # subclasses may add their own buttons
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)

        self.search_edit.textChanged.connect(self._search_changed)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        for changed in (proxy.rowsInserted, proxy.rowsRemoved, proxy.modelReset,
                        proxy.layoutChanged):
            changed.connect(self._update_counts)
        self.show_message("No database is open.")
        self._update_actions()

    # --- for subclasses ----------------------------------------------------------------

    def load_rows(self, db: Database) -> Sequence[R]:
        """The rows (runs on a worker thread)."""
        raise NotImplementedError

    def open_record(self, db: Database, record_id: int | None) -> None:
        """Load what the dialog needs off the GUI thread, then :meth:`show_dialog` it."""
        raise NotImplementedError

    def empty_message(self) -> str:
        """What the screen says while the database holds no records of its kind."""
        return f"No {self.plural} yet."

    def empty_actions(self) -> list[QAction]:
        """What the empty screen offers to do (buttons under its message)."""
        return [self.add_action]

    # --- loading -----------------------------------------------------------------------

    @property
    def database(self) -> Database | None:
        return self._db

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self._loaded = False
        self._runner.supersede(self, "rows")  # read from the previous database
        self.model.set_rows([])
        self.show_message("No database is open." if db is None else f"Loading {self.plural}…")
        self.reload()

    @Slot()
    def reload(self) -> None:
        """Load the list again now if the screen is shown, else when it next is."""
        self._stale = True
        if self._db is not None and self.isVisible():
            self._reload_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self._db is not None:
            self._reload_timer.start()

    def _load(self) -> None:
        db = self._db
        if db is None:
            return
        self._stale = False
        if not self._loaded:
            self.show_message(f"Loading {self.plural}…")
        # The search keys and the sorted column's values are made on the worker too: at
        # 50,000 rows they are a few hundred milliseconds the GUI thread need not spend.
        columns = [self.proxy.sortColumn()] if self.proxy.sortColumn() >= 0 else []
        self._runner.submit(lambda: self.model.prepared(self.load_rows(db), columns),
                            self._rows_loaded, self._load_failed, latest="rows")

    def _rows_loaded(self, loaded: Prepared[R]) -> None:
        rows = loaded.rows
        keep = self._select_id if self._select_id is not None else self.selected_id()
        self.model.set_rows(*loaded)
        first = not self._loaded
        self._loaded = True
        if not rows:
            self.show_message(self.empty_message(), self.empty_actions())
        else:
            self.list.show_list()
            if first:
                self._fit_columns()
        if keep is not None:
            self.select_id(keep)
        self._select_id = None
        self._update_counts()

    def _fit_columns(self) -> None:
        """Each column as wide as what it shows, within limits; the last one stretches."""
        if not widths_remembered(self.table):
            fit_columns(self.table, self.max_column_widths)

    def _load_failed(self, exc: BaseException) -> None:
        if not self._loaded:
            self.show_message(f"The {self.plural} could not be loaded.")
        self.loadFailed.emit(exc)

    def show_message(self, text: str, actions: Sequence[QAction] = ()) -> None:
        self.list.show_message(text, actions)
        self.count_label.setText("")

    def _update_counts(self, *_args: object) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if not self._loaded:
            return
        noun = self.noun if total == 1 else self.plural
        self.count_label.setText(f"{total:,} {noun}" if shown == total
                                 else f"{shown:,} of {total:,} {self.plural} match")

    # --- search and selection ----------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.proxy.set_text_filter(text)
        self._update_counts()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if rows else None

    def select_id(self, record_id: int) -> bool:
        source_row = self.model.row_of(record_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def reveal(self, record_id: int) -> None:
        """Select ``record_id`` (the search cleared, as it may hide it), now if the list is
        loaded and holds it, else once it is loaded again (the global search's "open")."""
        if self.search_edit.text():
            self.search_edit.clear()
        if self._loaded and self.show_record(record_id):
            return
        self._select_id = record_id
        self.reload()

    def show_record(self, record_id: int) -> bool:
        """Select ``record_id``, showing it if the screen hides it (subclasses: retired)."""
        return self.select_id(record_id)

    def _update_actions(self, *_args: object) -> None:
        self.edit_button.setEnabled(self.selected_id() is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box: Escape clears it, Down moves into the list."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.table.selectionModel().hasSelection():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    # --- dialogs -----------------------------------------------------------------------

    @Slot()
    def new_record(self) -> None:
        if self._db is not None and not self._busy_opening():
            self._opening = True
            self.open_record(self._db, None)

    @Slot()
    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if self._db is not None and record_id is not None and not self._busy_opening():
            self._opening = True
            self.open_record(self._db, record_id)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def _busy_opening(self) -> bool:
        return self._opening or self.dialog is not None

    def opening_failed(self, exc: BaseException) -> None:
        self._opening = False
        self.loadFailed.emit(exc)

    def show_dialog(self, dialog: QDialog) -> None:
        """Open ``dialog`` (window-modal, not blocking); a save reloads the list."""
        self._opening = False
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)  # type: ignore[attr-defined]
        hold_until_closed(self, "dialog", dialog)
        self.dialog = dialog
        dialog.open()

    def _saved(self, stored: object) -> None:
        self._select_id = getattr(stored, "id", None)
        self.reload()
        self.dataModified.emit(Changes.of(self.kind, [self._select_id]) if self._select_id
                               else Changes.all_of(self.kind))


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"

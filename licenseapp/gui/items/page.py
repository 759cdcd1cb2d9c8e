"""The Items screen: the controlled items access is granted to, searchable, editable,
retired (never deleted) and reinstated; beside it, who has access to the selected item."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QPushButton, QWidget

from licenseapp.domain.days import local_day
from licenseapp.domain.enums import ItemKind
from licenseapp.domain.item_form import mode_label
from licenseapp.gui.access.panel import AccessPanel, follow_selection
from licenseapp.gui.access.records import ITEM, item_subject, kind_word, mode_word
from licenseapp.gui.applications.model import fold, ref_sort_key
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.importing.kinds import ITEMS
from licenseapp.gui.importing.launcher import ImportLauncher
from licenseapp.gui.items.dialog import ItemDialog, load_item_for_editing
from licenseapp.gui.people.records_page import RecordsPage
from licenseapp.gui.records_model import RecordsModel, RecordsProxy
from licenseapp.gui.tables import ActionButton
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme import Ink, current
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.domain.item_form import ItemForm
    from licenseapp.services.catalog.items import ItemSummary
    from licenseapp.store.database import Database


class ItemColumn(IntEnum):
    """In the order a user scans them: what it is, how it is classified, who has access
    and how; the reasons for control (also beside the list) last."""

    REF = 0
    NAME = 1
    KIND = 2
    CLASSIFICATION = 3
    REGIME = 4
    PEOPLE = 5
    MODES = 6
    REASONS = 7
    RETIRED = 8


HEADERS: dict[int, str] = {
    ItemColumn.REF: "Ref.",
    ItemColumn.NAME: "Name",
    ItemColumn.KIND: "Kind",
    ItemColumn.CLASSIFICATION: "Classification",
    ItemColumn.REGIME: "Regime",
    ItemColumn.PEOPLE: "People",
    ItemColumn.MODES: "Access modes",
    ItemColumn.REASONS: "Reasons for control",
    ItemColumn.RETIRED: "Retired",
}


def retired_text(item: ItemSummary) -> str:
    if item.retired_at is None:
        return ""
    day = local_day(item.retired_at).isoformat()
    return f"{day}: {item.retired_reason}" if item.retired_reason else day


_DISPLAY: dict[int, Callable[[ItemSummary], str]] = {
    ItemColumn.REF: lambda i: i.ref,
    ItemColumn.NAME: lambda i: i.name,
    ItemColumn.KIND: lambda i: kind_word(i.kind),
    ItemColumn.CLASSIFICATION: lambda i: i.classification,
    ItemColumn.REGIME: lambda i: i.regime,
    ItemColumn.REASONS: lambda i: i.reasons_for_control,
    ItemColumn.MODES: lambda i: ", ".join(mode_word(m) for m in i.access_modes) or (
        "not set" if i.kind == ItemKind.AI_MODEL_ACCESS.value else ""),
    ItemColumn.PEOPLE: lambda i: f"{i.people:,}",
    ItemColumn.RETIRED: retired_text,
}

_WIDTH_CHARS = {ItemColumn.REF: 8, ItemColumn.NAME: 24, ItemColumn.KIND: 12,
                ItemColumn.CLASSIFICATION: 12, ItemColumn.REGIME: 6, ItemColumn.REASONS: 14,
                ItemColumn.MODES: 18, ItemColumn.PEOPLE: 7}
_HEADER_TIPS: dict[int, str] = {
    ItemColumn.REASONS: "As the Commerce Control List gives them for the ECCN (filled in when "
                    "left empty)",
    ItemColumn.MODES: "How an AI model is offered: release of its parameters (weights), use "
                  "(e.g. inference), fine-tuning",
    ItemColumn.PEOPLE: "People with access to the item: held, requested or suspended",
}


class ItemsModel(RecordsModel["ItemSummary"]):
    """One row per :class:`ItemSummary`; retired items in grey."""

    headers = HEADERS
    display = _DISPLAY
    typed = {ItemColumn.PEOPLE: lambda i: i.people}

    def search_key(self, record: ItemSummary) -> str:
        return fold("\n".join([record.ref, record.name, record.classification,
                               kind_word(record.kind), record.regime, record.ccats]))

    def sort_value(self, record: ItemSummary, column: int) -> Any:
        if column == ItemColumn.REF:
            return ref_sort_key(record.ref)
        if column == ItemColumn.PEOPLE:
            return record.people
        return super().sort_value(record, column)

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column == ItemColumn.PEOPLE else None

    def tooltip(self, record: ItemSummary, column: int) -> str | None:
        if column == ItemColumn.MODES and record.access_modes:
            return "Offered for:\n" + "\n".join(mode_label(m) for m in record.access_modes)
        if column == ItemColumn.MODES and record.kind == ItemKind.AI_MODEL_ACCESS.value:
            return ("The access modes this AI model is offered in are not recorded; Edit… "
                    "to choose them")
        if column == ItemColumn.PEOPLE:
            return "People with access held, requested or suspended"
        return super().tooltip(record, column)

    def cell(self, record: ItemSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return current().ink(Ink.HINT) if record.retired else None
        return super().cell(record, column, role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return _HEADER_TIPS.get(section)
        return super().headerData(section, orientation, role)


class ItemsProxy(RecordsProxy["ItemSummary"]):
    """Every word typed must appear in the reference, name, classification or kind; retired
    items only when asked for."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.show_retired = False

    def set_show_retired(self, shown: bool) -> None:
        if shown != self.show_retired:
            with self.filter_change():
                self.show_retired = shown

    def keep(self, records: Sequence[ItemSummary], rows: Sequence[int]) -> Sequence[int]:
        return rows if self.show_retired else [n for n in rows if not records[n].retired]


def retire_in(db: Database, item_id: int, reason: str) -> ItemSummary:
    from licenseapp.services.catalog.items import retire_item

    return retire_item(db, item_id, reason)


def reinstate_in(db: Database, item_id: int) -> ItemSummary:
    from licenseapp.services.catalog.items import reinstate_item

    return reinstate_item(db, item_id)


class ItemsPage(RecordsPage["ItemSummary"]):
    kind = Kind.ITEMS
    noun = "item"
    plural = "items"
    max_column_widths = {ItemColumn.NAME: 190, ItemColumn.KIND: 110, ItemColumn.REASONS: 140,
                         ItemColumn.MODES: 150}

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, ItemsModel(), ItemsProxy(), _WIDTH_CHARS,
                         search_hint="Search by name, ref. or classification",
                         parent=parent)
        self.model.setParent(self)
        self.proxy.setParent(self)
        self.retire_dialog: QWidget | None = None
        self.retire_button = QPushButton("Ret&ire…")
        self.retire_button.setToolTip("Take the selected item out of use, with the reason "
                                      "(it is kept, with its access records)")
        self.reinstate_button = QPushButton("Rein&state")
        self.reinstate_button.setToolTip("Bring the selected retired item back into use")
        self.show_retired_check = QCheckBox("Show re&tired")
        self.button_bar.addWidget(self.retire_button)
        self.button_bar.addWidget(self.reinstate_button)
        self.button_bar.addWidget(self.show_retired_check)
        self.retire_button.clicked.connect(self.retire_selected)
        self.reinstate_button.clicked.connect(self.reinstate_selected)
        self.show_retired_check.toggled.connect(self._show_retired)
        #: Import items…: a spreadsheet looked over in the import dialog, then imported.
        self.items_import: ImportLauncher | None = None
        if ITEMS.available():
            self.items_import = ImportLauncher(runner, self, lambda: self.database, ITEMS,
                                               "Import ite&ms…")
            self.items_import.imported.connect(lambda _report: self._imported())
            self.button_bar.insertWidget(1, ActionButton(self.items_import.action))
        #: Who has access to the selected item (the main window shows it on the right).
        self.access_panel = AccessPanel(runner, ITEM, lambda: self.database, self)
        self.access_panel.dataModified.connect(self._access_changed)
        self.access_panel.loadFailed.connect(self.loadFailed)
        follow_selection(self, self.access_panel, item_subject)
        self.table.setColumnHidden(ItemColumn.RETIRED, True)
        self._update_actions()

    def empty_message(self) -> str:
        return ("No items yet. Add what your people may need access to — technology, source "
                "code, an AI model — with its classification.")

    def empty_actions(self) -> list[QAction]:
        imports = [self.items_import.action] if self.items_import is not None else []
        return [*imports, self.add_action]

    def _imported(self) -> None:
        self.reload()
        self.dataModified.emit(Changes.all_of(Kind.ITEMS))  # an import: maybe thousands

    def load_rows(self, db: Database) -> Sequence[ItemSummary]:
        from licenseapp.services.catalog.items import list_items

        return list_items(db, include_retired=True)

    def open_record(self, db: Database, record_id: int | None) -> None:
        self._runner.submit(lambda: load_item_for_editing(db, record_id),
                            lambda form: self._show(db, form), self.opening_failed,
                            context=self)

    def _show(self, db: Database, form: ItemForm | None) -> None:
        self.show_dialog(ItemDialog(self._runner, db, form, self))

    # --- retired items ------------------------------------------------------------------

    def selected_item(self) -> ItemSummary | None:
        record_id = self.selected_id()
        row = self.model.row_of(record_id) if record_id is not None else -1
        return self.model.record_at(row) if row >= 0 else None

    def show_record(self, record_id: int) -> bool:
        """Select the item, with retired items shown if it is one."""
        row = self.model.row_of(record_id)
        if row >= 0 and self.model.record_at(row).retired:
            self.show_retired_check.setChecked(True)
        return self.select_id(record_id)

    def _show_retired(self, shown: bool) -> None:
        self.proxy.set_show_retired(shown)  # type: ignore[attr-defined]
        self.table.setColumnHidden(ItemColumn.RETIRED, not shown)
        self._update_counts()

    def _update_counts(self, *_args: object) -> None:
        super()._update_counts()
        retired = sum(1 for r in self.model.rows() if r.retired)
        if self.is_loaded and retired and not self.show_retired_check.isChecked():
            self.count_label.setText(f"{self.count_label.text()} ({retired:,} retired, "
                                     "hidden)")

    def _update_actions(self, *_args: object) -> None:
        super()._update_actions()
        if not hasattr(self, "reinstate_button"):
            return  # still being built
        item = self.selected_item()
        self.retire_button.setEnabled(item is not None and not item.retired)
        self.reinstate_button.setEnabled(item is not None and item.retired)

    def retire_selected(self) -> None:
        """Retire…: asks for the reason; the item is kept, out of use."""
        from licenseapp.gui.reason_dialog import ReasonDialog

        db, item = self.database, self.selected_item()
        if db is None or item is None or item.retired or self.retire_dialog is not None:
            return
        who = ("Nobody has access to it." if not item.people else
               f"{item.people:,} {'person has' if item.people == 1 else 'people have'} "
               "access to it; their records stay as they are.")
        item_id = item.id
        dialog = ReasonDialog(
            self._runner, lambda reason: retire_in(db, item_id, reason),
            title=f"Retire {item.name}", action="&Retire",
            question=f"Retire {item.name} ({item.ref})? It leaves the lists and takes no new "
                     f"access; nothing is deleted, and it can be reinstated. {who}",
            placeholder="why, e.g. model withdrawn, superseded by a newer version",
            parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(self._changed)
        hold_until_closed(self, "retire_dialog", dialog)
        self.retire_dialog = dialog
        dialog.open()

    def reinstate_selected(self) -> None:
        db, item = self.database, self.selected_item()
        if db is None or item is None or not item.retired:
            return
        item_id = item.id
        self.reinstate_button.setEnabled(False)
        self._runner.submit(lambda: reinstate_in(db, item_id), self._changed,
                            self.opening_failed, context=self)

    def _changed(self, stored: ItemSummary) -> None:
        self._saved(stored)  # as after an edit: reloaded, kept selected if shown

    def _access_changed(self, changes: Changes) -> None:
        self.reload()  # the count of people with access
        self.dataModified.emit(changes)

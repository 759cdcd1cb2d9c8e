"""The access panel: who has access to the selected item, or what the selected person has
access to — mode, state, since — with Grant access… and Revoke….

One panel for both screens (``ITEM`` or ``PERSON`` subject); each screen owns its panel,
and the main window shows it as the details beside the Items and the People lists. It
reads and writes through the services on the task runner; after a grant or a revocation
it reloads and emits ``dataModified`` (the other screens, the authorization matrix among
them, reload).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.enums import GrantState
from licenseapp.gui.access.records import (
    ITEM,
    PERSON,
    AccessModel,
    AccessSubject,
    GrantChoice,
    holdings,
    item_choices,
    mode_word,
    people_choices,
)
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.records_model import R, RecordsProxy
from licenseapp.gui.tables import ListWithMessage, record_table
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.gui.access.grant_dialog import GrantAccessDialog
    from licenseapp.gui.people.records_page import RecordsPage
    from licenseapp.gui.reason_dialog import ReasonDialog
    from licenseapp.services.catalog.access import AccessRecord
    from licenseapp.store.database import Database


def load_access(db: Database, subject: AccessSubject) -> list[AccessRecord]:
    from licenseapp.services.catalog.access import list_access

    if subject.kind == ITEM:
        return list_access(db, item_id=subject.id)
    return list_access(db, person_id=subject.id)


def load_choices(db: Database, subject: AccessSubject,
                 records: list[AccessRecord]) -> list[GrantChoice]:
    """The people (for an item) or the items in use (for a person) to offer, with what
    each already holds; on a worker thread."""
    if subject.kind == ITEM:
        from licenseapp.services.catalog.people import list_people

        return people_choices(list_people(db), holdings(records, PERSON))
    from licenseapp.services.catalog.items import list_items

    return item_choices(list_items(db), holdings(records, ITEM))


def revoke_in(db: Database, ids: list[int], reason: str) -> list[AccessRecord]:
    from licenseapp.services.catalog.access import revoke_access_many

    return revoke_access_many(db, ids, reason=reason)


class AccessPanel(QWidget):
    """Signals: ``dataModified(Changes)`` after a grant or revocation, ``loadFailed(exc)``,
    ``accessLoaded()`` when the list is in."""

    dataModified = Signal(object)
    loadFailed = Signal(object)
    accessLoaded = Signal()

    def __init__(self, runner: TaskRunner, subject_kind: str,
                 database: Callable[[], Database | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._database = database
        self.subject_kind = subject_kind
        self.subject: AccessSubject | None = None
        self._pending: AccessSubject | None = None
        self._opening = False
        self.loaded = False
        self.grant_dialog: GrantAccessDialog | None = None
        self.revoke_dialog: ReasonDialog | None = None
        self.setObjectName("accessPanel")

        self.title_label = QLabel()
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = AccessModel(subject_kind, self)
        self.proxy: RecordsProxy[AccessRecord] = RecordsProxy(self)
        self.proxy.setSourceModel(self.model)
        who = "Person" if subject_kind == ITEM else "Item"
        self.table = record_table(self.proxy, "Access", {AccessModel.WHO: 22,
                                                         AccessModel.MODE: 10,
                                                         AccessModel.STATE: 10})
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Every column within the pane: the item or person takes what the others leave (its
        # name ends in "…" if need be); beside a list at 125 % on a 1440×900 screen the pane
        # is under 300 px wide and the State column was past its edge.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(AccessModel.WHO, QHeaderView.ResizeMode.Stretch)
        for column in (AccessModel.MODE, AccessModel.STATE, AccessModel.SINCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AccessModel.WHO, Qt.SortOrder.AscendingOrder)
        self.table.setToolTip(f"{who}, access mode, state and the day access began; revoked "
                              "records stay, in grey")
        self.list = ListWithMessage(self.table)
        self.grant_button = QPushButton("&Grant access…")
        self.revoke_button = QPushButton("Rev&oke…")
        self.revoke_button.setToolTip("Revoke the selected access, with the reason (the record "
                                      "is kept)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.grant_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.facts_label)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)

        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(0)
        self._apply_timer.timeout.connect(self._apply)
        self.grant_button.clicked.connect(self.grant)
        self.revoke_button.clicked.connect(self.revoke)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._show_nothing()
        if parent is not None:
            # Owned by its screen (never collected by Python on a worker thread) until the
            # main window puts it beside the list; hidden meanwhile.
            self.hide()

    # --- the subject ---------------------------------------------------------------------

    def set_subject(self, subject: AccessSubject | None) -> None:
        """Show the access of ``subject`` (None: nothing selected). Calls within one turn of
        the event loop are taken once, the last one winning; the list is loaded again each
        time, since the same subject may hold other access now."""
        self._pending = subject
        self._apply_timer.start()

    def reload(self) -> None:
        if self.subject is not None:
            self._load()

    def _apply(self) -> None:
        subject, self._pending = self._pending, None
        if subject is None:
            self.subject = None
            self._show_nothing()
            return
        if self.subject is None or (subject.kind, subject.id) != (self.subject.kind,
                                                                  self.subject.id):
            self.loaded = False
            self.model.set_rows([])
            self.list.show_message("Loading…")
        self.subject = subject
        if subject.kind == ITEM:
            self.title_label.setText(f"Access to {subject.title}")
        else:
            self.title_label.setText(f"Access held by {subject.title}")
        self.facts_label.setText(subject.facts)
        self.facts_label.setVisible(bool(subject.facts))
        self._load()

    def _show_nothing(self) -> None:
        self.loaded = False
        self.model.set_rows([])
        self.title_label.setText("Access")
        self.facts_label.hide()
        self.list.show_message("Select an item to see who has access to it."
                               if self.subject_kind == ITEM else
                               "Select a person to see what they have access to.")
        self._update_buttons()

    def _load(self) -> None:
        db, subject = self._database(), self.subject
        if db is None or subject is None:
            return
        self._runner.submit(lambda: load_access(db, subject), self._loaded, self._failed,
                            latest="access")
        self._update_buttons()

    def _loaded(self, records: list[AccessRecord]) -> None:
        if self.subject is None:
            return
        keep = {r.id for r in self.selected_records()}
        self.model.set_rows(records)
        self.loaded = True
        if records:
            self.list.show_list()
            for row in range(self.proxy.rowCount()):
                if self.model.record_at(self.proxy.mapToSource(
                        self.proxy.index(row, 0)).row()).id in keep:
                    self.table.selectionModel().select(
                        self.proxy.index(row, 0),
                        self.table.selectionModel().SelectionFlag.Select
                        | self.table.selectionModel().SelectionFlag.Rows)
        elif self.subject.kind == ITEM:
            self.list.show_message(f"Nobody has access to {self.subject.name} yet. Grant "
                                   "access… records who has it, or has asked for it.")
        else:
            self.list.show_message(f"{self.subject.name} has no access recorded yet. Grant "
                                   "access… records what they have, or have asked for.")
        self._update_buttons()
        self.accessLoaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.list.show_message("The access records could not be loaded.")
        self.loadFailed.emit(exc)

    # --- actions -------------------------------------------------------------------------

    def records(self) -> list[AccessRecord]:
        return list(self.model.rows())

    def selected_records(self) -> list[AccessRecord]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.record_at(self.proxy.mapToSource(index).row()) for index in rows]

    def _update_buttons(self, *_args: object) -> None:
        subject = self.subject
        can_grant = subject is not None and self._database() is not None \
            and not subject.retired
        self.grant_button.setEnabled(can_grant)
        self.grant_button.setToolTip(
            f"{subject.name} is retired: it takes no new access (reinstate it first)"
            if subject is not None and subject.retired else
            ("Record who has access to this item, or has asked for it"
             if self.subject_kind == ITEM else
             "Record what this person has access to, or has asked for"))
        self.revoke_button.setEnabled(any(r.state != GrantState.REVOKED.value
                                          for r in self.selected_records()))

    def grant(self) -> None:
        """Grant access…: the choices are loaded off the GUI thread, then the dialog."""
        db, subject = self._database(), self.subject
        if db is None or subject is None or subject.retired or self._opening \
                or self.grant_dialog is not None:
            return
        self._opening = True
        records = self.records()
        self._runner.submit(lambda: load_choices(db, subject, records),
                            lambda choices: self._show_grant(db, subject, choices),
                            self._grant_failed, context=self)

    def _grant_failed(self, exc: BaseException) -> None:
        self._opening = False
        self.loadFailed.emit(exc)

    def _show_grant(self, db: Database, subject: AccessSubject,
                    choices: list[GrantChoice]) -> None:
        from licenseapp.gui.access.grant_dialog import GrantAccessDialog

        self._opening = False
        dialog = GrantAccessDialog(self._runner, db, subject, choices, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.granted.connect(self._changed)
        hold_until_closed(self, "grant_dialog", dialog)
        self.grant_dialog = dialog
        dialog.open()

    def revoke(self) -> None:
        """Revoke…: asks why, then revokes the selected access (the records are kept)."""
        from licenseapp.gui.reason_dialog import ReasonDialog

        db = self._database()
        chosen = [r for r in self.selected_records() if r.state != GrantState.REVOKED.value]
        if db is None or not chosen or self.revoke_dialog is not None:
            return
        lines = [f"{r.person_name} ({r.person_ref}): {r.item_name}, {mode_word(r.mode)}"
                 for r in chosen]
        question = ("Revoke this access?\n" if len(chosen) == 1
                    else f"Revoke these {len(chosen)} accesses?\n") + "\n".join(
                        f"• {line}" for line in lines[:8])
        if len(lines) > 8:
            question += f"\n… and {len(lines) - 8} more"
        ids = [r.id for r in chosen]
        dialog = ReasonDialog(
            self._runner, lambda reason: revoke_in(db, ids, reason), title="Revoke access",
            question=question, action="&Revoke",
            placeholder="why, e.g. left the project, license denied",
            note="The records are kept, with who revoked them, when and why.", parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(self._changed)
        hold_until_closed(self, "revoke_dialog", dialog)
        self.revoke_dialog = dialog
        dialog.open()

    def _changed(self, records: list[AccessRecord] | None = None) -> None:
        from licenseapp.services.catalog.access import access_changes

        self.reload()
        self.dataModified.emit(access_changes(records) if isinstance(records, list)
                               else Changes.all_of(Kind.ACCESS))


def follow_selection(page: RecordsPage[R], panel: AccessPanel,
                     subject_of: Callable[[R], AccessSubject]) -> None:
    """Keep ``panel`` on the record selected in ``page`` (and reload it whenever the list
    is loaded again)."""

    def sync(*_args: object) -> None:
        if not shiboken6.isValid(panel):  # the window is being taken down
            return
        record_id = page.selected_id()
        row = page.model.row_of(record_id) if record_id is not None else -1
        panel.set_subject(subject_of(page.model.record_at(row)) if row >= 0 else None)

    page.table.selectionModel().selectionChanged.connect(sync)
    page.proxy.modelReset.connect(sync)

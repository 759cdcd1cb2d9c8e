"""The Application menu's drafting actions (New application…, Edit in wizard…, renewal and
resubmission) and packets (Preview packet…, Save packets for selection…); a double-click
on a row opens a draft in the wizard, anything else as its packet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from licenseapp.domain.draft_form import EDITABLE_STATUSES
from licenseapp.gui.packets.actions import PacketActions
from licenseapp.gui.window.menus import main_toolbar
from licenseapp.gui.wizard.actions import DraftingActions
from licenseapp.services.changes import Kind

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.services.dto import ApplicationRow


def add_packets(window: MainWindow, runner: TaskRunner) -> None:
    """Preview packet… (Ctrl+P) and Save packets for selection… in the Application menu
    and the list's context menu; the list allows several rows to be selected for it."""
    table = window.applications.table
    table.setSelectionMode(table.SelectionMode.ExtendedSelection)
    window.packets = packets = PacketActions(runner, window.applications, window)
    window.databaseChanged.connect(packets.set_database)
    packets.message.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    window.application_menu.addSeparator()
    window.application_menu.addActions(list(packets.actions))
    table.addActions(list(packets.actions))
    window.applications.applicationOpened.connect(lambda row: open_application(window, row))
    if table.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)


def open_application(window: MainWindow, row: ApplicationRow) -> None:
    """A double-click: a draft opens in the wizard, anything else as its packet."""
    if row.status in EDITABLE_STATUSES:
        window.drafting.edit(row)
    elif window.packets.preview_action.isEnabled():
        window.packets.preview()


def add_drafting(window: MainWindow, runner: TaskRunner) -> None:
    """New application… (Ctrl+N), Edit in wizard…, renewal and resubmission, first in
    the Application menu; a draft left unsaved by a crash is offered back on opening."""
    details, applications = window.details, window.applications
    window.drafting = drafting = DraftingActions(runner, window)
    window.databaseChanged.connect(drafting.set_database)
    window.databaseChanged.connect(lambda _db: drafting.offer_recovery())
    details.detailShown.connect(lambda _ref: drafting.set_application(
        details.detail.row if details.detail else None))
    applications.selectionCleared.connect(lambda: drafting.set_application(None))
    drafting.changed.connect(window.operations.announce)
    window.updates.add(None, tuple(Kind), drafting.deliver, always=True)
    drafting.message.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    drafting.finished.connect(window.show_application)  # the new draft, selected
    applications.empty_actions.append(drafting.new_action)
    menu = window.application_menu
    first = menu.actions()[0] if menu.actions() else None
    menu.insertActions(first, list(drafting.actions))  # type: ignore[arg-type]
    menu.insertSeparator(first)  # type: ignore[arg-type]
    details.add_actions(drafting.actions[1:])
    toolbar = main_toolbar(window)
    if toolbar is not None:
        toolbar.insertAction(toolbar.actions()[0] if toolbar.actions() else None,  # type: ignore[arg-type]
                             drafting.new_action)

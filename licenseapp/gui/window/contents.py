"""What fills the main window's frame: the applications list and its details, the screens,
and every menu's actions.

Kept out of ``gui/main_window.py`` so that the frame (menus, navigation, status bar) can
paint before any of this is imported: the desktop app imports this module on a worker
thread once the window is up and builds the contents in a few steps, each a short turn of
the event loop (see :meth:`licenseapp.gui.main_window.MainWindow.build_contents`). Tests
and tools that build a window directly get it whole at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from licenseapp.gui.appearance import install as install_appearance
from licenseapp.gui.applications.details import DETAIL_KINDS, ApplicationDetailsWidget
from licenseapp.gui.applications.view import ApplicationsWidget
from licenseapp.gui.audit.actions import AuditActions
from licenseapp.gui.determinations.menu_actions import install as install_determinations
from licenseapp.gui.exporting.menu_actions import install as install_export_view
from licenseapp.gui.help.menu_actions import install as install_help
from licenseapp.gui.personal_settings import QtPersonalSettings, store
from licenseapp.gui.safety.menu_actions import install as install_safety
from licenseapp.gui.search.menu_actions import install as install_global_search
from licenseapp.gui.tracking.bulk_status_action import install as install_bulk_status
from licenseapp.gui.window import screens
from licenseapp.gui.window.application_actions import add_drafting, add_packets
from licenseapp.gui.window.authorization_reports import add_authorization, add_reports
from licenseapp.gui.window.first_run import add_first_run
from licenseapp.gui.window.records_screens import add_records
from licenseapp.gui.window.screening_screen import add_screening
from licenseapp.gui.window.team_screen import add_team_queues
from licenseapp.gui.window.tracking_screens import add_tracking
from licenseapp.services.changes import Kind

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner

#: What the applications list shows (see ApplicationsWidget.apply_changes).
APPLICATION_KINDS = (Kind.APPLICATIONS, Kind.PEOPLE, Kind.ITEMS, Kind.ORGANIZATIONS)

Step = Callable[["MainWindow", "TaskRunner"], None]


def add_applications(window: MainWindow, runner: TaskRunner) -> None:
    """The first screen: the applications list, with the details pane beside it."""
    window.applications = ApplicationsWidget(runner, user=window.context.actor)
    window.details = ApplicationDetailsWidget(runner)
    window.add_page("Applications", window.applications, window.details,
                    shows=APPLICATION_KINDS)
    window.updates.add(None, DETAIL_KINDS, window.details.apply_changes, always=True)
    window.nav.setCurrentRow(window.pages.indexOf(window.applications))  # the first on view
    window.applications.applicationSelected.connect(window.details.show_application)
    window.applications.selectionCleared.connect(window.details.clear)
    window.applications.countsChanged.connect(window.counts_changed)
    window.applications.loadFailed.connect(window._on_error)
    window.details.loadFailed.connect(window._on_error)


def add_audit(window: MainWindow, runner: TaskRunner) -> None:
    """Application › Audit history… and File › Verify database…; File › Back up…,
    Restore…; Application › Checklist…, Supporting documents…."""
    window.audit = audit = AuditActions(runner, window)
    audit.install(window.file_menu, window.application_menu)
    window.databaseChanged.connect(audit.set_database)
    window.updates.add(None, tuple(Kind), lambda _changes: audit.reload(), always=True)
    window.details.detailShown.connect(lambda _ref: audit.set_application(
        window.details.detail.row if window.details.detail else None))
    window.applications.selectionCleared.connect(lambda: audit.set_application(None))
    window.safety = install_safety(window, runner)


def add_actions(window: MainWindow, runner: TaskRunner) -> None:
    """The actions that reach across screens."""
    window.global_search = install_global_search(window, runner)  # Edit › Find anything…
    window.export_view = install_export_view(window, runner)  # File › Export current view…
    window.bulk_status = install_bulk_status(window, runner)  # Change status of selected…
    window.determinations = install_determinations(window, runner)  # Determination and memo…


def add_help_and_appearance(window: MainWindow, runner: TaskRunner) -> None:
    """The welcome page's hooks, Help, View › Appearance; the navigation fitted."""
    add_first_run(window, runner)
    window.help_actions = install_help(window)  # Help › LicenseApp guide (F1), and F1 in dialogs
    screens.fit_navigation(window.nav)
    personal = window.context.personal
    window.appearance = install_appearance(  # View › Appearance: system, light, dark
        window, personal.settings if isinstance(personal, QtPersonalSettings) else store)


#: In order; the desktop app runs each in its own turn of the event loop (each short: the
#: screens themselves are built when first shown).
STEPS: tuple[Step, ...] = (
    add_applications,
    add_authorization,  # the matrix, directive impact, the Rules menu
    add_tracking,  # status changes, deadlines, the dashboard
    add_audit,
    add_packets,
    add_drafting,
    add_records,  # People, Organizations, Items
    add_reports,
    add_screening,
    add_team_queues,  # Review & sign-off (#20)
    add_actions,
    add_help_and_appearance,
)

"""The main window: navigation on the left, the chosen screen in the middle, details right.

Thin by design: it composes the screens, owns the open database, and wires signals to
services. Screens plug in with :meth:`MainWindow.add_page`, saying which kinds of records
they show; every change made anywhere comes back as a change set (:attr:`operations`) and
reaches only the screens that show what it changed (:attr:`updates`), a hidden screen when
it is next shown. Its parts are built by the modules of ``gui/window/``: the menus, the
status bar, the screens' registry, opening a database, and the groups of screens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QListWidget, QMainWindow, QSplitter, QStackedWidget, QWidget

from licenseapp.gui.details_pane import DetailsPaneToggle
from licenseapp.gui.navigation import Navigator
from licenseapp.gui.operations import Operations
from licenseapp.gui.personal_settings import QtPersonalSettings, store, user_label_text
from licenseapp.gui.screen_updates import ScreenUpdates
from licenseapp.gui.window import screens
from licenseapp.gui.window.first_paint import AfterFirstPaint
from licenseapp.gui.window.menus import make_menus
from licenseapp.gui.window.screens import Built
from licenseapp.gui.window.status_bar import counts_text, make_status_bar
from licenseapp.gui.window_state import WindowState

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QMenu

    from licenseapp.context import AppContext
    from licenseapp.gui.appearance import AppearanceActions
    from licenseapp.gui.applications.details import ApplicationDetailsWidget
    from licenseapp.gui.applications.view import ApplicationsWidget
    from licenseapp.gui.audit.actions import AuditActions
    from licenseapp.gui.authorization.page import AuthorizationPage
    from licenseapp.gui.dashboard.page import DashboardPage
    from licenseapp.gui.determinations.menu_actions import DeterminationActions
    from licenseapp.gui.exporting.menu_actions import ExportViewActions
    from licenseapp.gui.help.menu_actions import HelpActions
    from licenseapp.gui.items.page import ItemsPage
    from licenseapp.gui.organizations.page import OrganizationsPage
    from licenseapp.gui.packets.actions import PacketActions
    from licenseapp.gui.people.page import PeoplePage
    from licenseapp.gui.recovery.dialog import RecoveryDialog
    from licenseapp.gui.reports.page import ReportsPage
    from licenseapp.gui.safety.menu_actions import SafetyActions
    from licenseapp.gui.screening.page import ScreeningPage
    from licenseapp.gui.screening.screen_now import ScreenNow
    from licenseapp.gui.search.menu_actions import GlobalSearch
    from licenseapp.gui.settings import SettingsSaved
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.gui.team.queues_page import TeamQueuesPage
    from licenseapp.gui.tracking.actions import ApplicationActions
    from licenseapp.gui.tracking.bulk_status_action import BulkStatusActions
    from licenseapp.gui.tracking.deadlines_page import DeadlinesPage
    from licenseapp.gui.tracking.due_label import DueLabel
    from licenseapp.gui.welcome.next_steps import NextStepsPanel
    from licenseapp.gui.welcome.page import WelcomePage
    from licenseapp.gui.welcome.setup_watch import SetupWatcher
    from licenseapp.gui.wizard.actions import DraftingActions
    from licenseapp.services.changes import Kind
    from licenseapp.store.database import Database

ErrorHandler = Callable[[BaseException], None]


def _import_contents() -> None:
    """On a worker thread: the contents' modules into memory (see ``_build_contents_in_turns``)."""
    import licenseapp.gui.window.contents  # noqa: F401

class MainWindow(QMainWindow):
    #: A database was opened (the new ``Database``); every screen that shows data connects
    #: to it and keeps the database for its service calls.
    databaseChanged = Signal(object)

    # Built by the modules of gui/window/ (menus, status bar, the groups of screens).
    open_action: QAction
    quit_action: QAction
    refresh_action: QAction
    filter_action: QAction
    about_action: QAction
    settings_action: QAction
    new_item_action: QAction
    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    application_menu: QMenu
    help_menu: QMenu
    _screens_separator: QAction
    counts_label: QLabel
    location_label: QLabel
    user_label: QLabel
    due_label: DueLabel
    tracking: ApplicationActions
    # The screens, each built when first shown or read (gui/window/screens.py).
    deadlines: Built[DeadlinesPage] = Built("Licenses & deadlines")
    dashboard: Built[DashboardPage] = Built("Dashboard")
    authorization: Built[AuthorizationPage] = Built("Authorization")
    people: Built[PeoplePage] = Built("People")
    organizations: Built[OrganizationsPage] = Built("Organizations")
    items: Built[ItemsPage] = Built("Items")
    reports: Built[ReportsPage] = Built("Reports")
    screening: Built[ScreeningPage] = Built("Screening")
    team_queues: Built[TeamQueuesPage] = Built("Review & sign-off")
    screen_now: list[ScreenNow]
    packets: PacketActions
    drafting: DraftingActions
    _welcome_runner: TaskRunner
    _welcome_page: WelcomePage
    next_steps: NextStepsPanel
    setup: SetupWatcher
    recovery_dialog: RecoveryDialog | None
    _requested_db: str | None
    # The contents (gui/window/contents.py), there once :attr:`built`.
    applications: ApplicationsWidget
    details: ApplicationDetailsWidget
    audit: AuditActions
    safety: SafetyActions
    global_search: GlobalSearch
    export_view: ExportViewActions
    bulk_status: BulkStatusActions
    determinations: DeterminationActions
    help_actions: HelpActions
    appearance: AppearanceActions

    def __init__(
        self,
        runner: TaskRunner,
        on_error: ErrorHandler | None = None,
        parent: QWidget | None = None,
        *,
        context: AppContext | None = None,
        contents_after_paint: bool = False,
    ) -> None:
        """The frame — menus, navigation, status bar, the remembered geometry — and its
        contents (:mod:`licenseapp.gui.window.contents`): at once, or, with
        ``contents_after_paint`` (the desktop app), once the frame has painted, their
        modules imported on a worker meanwhile. :meth:`when_built` waits for them."""
        super().__init__(parent)
        if context is None:
            from licenseapp.context import AppContext

            context = AppContext.from_environment(personal=QtPersonalSettings())
        #: Who acts, the clock, personal settings (the app passes the one it built at start).
        self.context = context
        self._runner = runner
        self._on_error = on_error or runner.report_error
        self._db: Database | None = None
        self._opening = 0
        self._requested_db = None
        self._page_actions: list[QAction] = []
        #: The contents are in (see :meth:`when_built`).
        self.built = False
        self._when_built: list[Callable[[], object]] = []
        self.navigator = Navigator(self)  # screens by title, for "go to People" buttons
        self.screens = screens.Screens(self)  # built when first shown; built_page, build_all
        self.first_paint = AfterFirstPaint(self)  # what waits until the window is painted
        #: Every action that changes data runs through, or is announced to, this runner.
        self.operations = Operations(self)
        self.setWindowTitle("LicenseApp")
        self.setMinimumSize(QSize(900, 560))

        self.nav = QListWidget()
        self.nav.setAccessibleName("Screens")
        self.nav.setMaximumWidth(220)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")  # names in the remembered layout's keys
        self.details_stack = QStackedWidget()
        self.details_stack.setObjectName("details")
        #: Change sets to the screens showing what changed.
        self.updates = ScreenUpdates(self.pages, self)
        self.operations.changed.connect(self.updates.deliver)
        make_menus(self)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("screens")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.details_stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([130, 830, 320])
        self.splitter = splitter
        self.details_pane = DetailsPaneToggle(splitter, self)
        self.view_menu.insertAction(self._screens_separator, self.details_pane.action)
        self.central = QStackedWidget()  # the screens, or the welcome page of a new database
        self.central.setObjectName("central")
        self.central.addWidget(splitter)
        self.setCentralWidget(self.central)
        make_status_bar(self)
        self.nav.currentRowChanged.connect(self.screens.show_row)

        personal = self.context.personal
        self.window_state = WindowState(
            self, personal.settings if isinstance(personal, QtPersonalSettings) else store,
            lambda: screens.title_on_view(self.nav),
            lambda title: screens.show_titled(self.nav, title), [self.details_pane.action])
        self.window_state.restore_geometry()
        self._spread = False
        if contents_after_paint:
            self.first_paint.later(self._build_contents_in_turns)
        else:
            from licenseapp.gui.window import contents

            for step in contents.STEPS:
                step(self, runner)
            self._contents_built()

    def _build_contents_in_turns(self) -> None:
        """Import the contents' modules on a worker, then build them on this thread, a step
        per turn of the event loop (the window stays responsive between them)."""
        def build(_done: object = None) -> None:
            from licenseapp.gui.window import contents

            steps = list(contents.STEPS)

            def next_step() -> None:
                steps.pop(0)(self, self._runner)
                if steps:
                    QTimer.singleShot(0, self, next_step)
                else:
                    self._contents_built()

            next_step()

        def failed(exc: BaseException) -> None:
            build()  # the import again, here: its error is raised where it can be reported

        self._runner.submit(_import_contents, build, failed)

    def _contents_built(self) -> None:
        self._fit_minimum_width()
        self.window_state.restore_layout()
        self.screens.built_hooks.append(self.window_state.restore_under)
        # a screen built later may need more width (Items' buttons at the minimum)
        self.screens.built_hooks.append(lambda _widget: self._fit_minimum_width())
        self.built = True
        waiting, self._when_built = self._when_built, []
        for work in waiting:
            work()

    def when_built(self, work: Callable[[], object]) -> None:
        """``work()`` once the contents are in (now, if they are)."""
        if self.built:
            work()
        else:
            self._when_built.append(work)

    def _fit_minimum_width(self) -> None:
        """Wide enough for every screen built so far beside its details: at 900 px Items
        cut its buttons."""
        self.setMinimumWidth(max(self.minimumWidth(), self.details_pane.minimum_width(
            self.pages) + 2 * self.central.frameWidth() + 4))

    # --- the screens -------------------------------------------------------------------

    def add_page(
        self, title: str, page: QWidget | screens.ScreenFactory,
        details: QWidget | str | None = None,
        position: int = -1, shows: tuple[Kind, ...] = (), always: bool = False,
    ) -> None:
        """Add a screen: an entry in the navigation list and the View menu (at ``position``,
        by default last), reached with Ctrl+ its row (Ctrl+0 the first, none skipped).
        Without ``details`` the details pane is hidden on that screen. ``page`` may be a
        factory: the screen is built when first shown (``details`` names its pane's attribute).

        A screen that shows data has ``set_database(db)`` (called on every database opened)
        and says which kinds of records it ``shows``; a change set touching them reaches its
        ``apply_changes(changes)`` or, failing that, its ``reload()`` — at once if it is the
        screen on view, else when it is next shown.
        """
        self.screens.add(title, page, details, position, shows, always)

    def built_page(self, title: str) -> QWidget:
        return self.screens.page(title)  # for tests: the screen ``title``, built

    def show_page(self, page: QWidget) -> None:
        self.show_welcome(False)
        self.nav.setCurrentRow(self.pages.indexOf(page))

    @property
    def welcome(self) -> WelcomePage:
        from licenseapp.gui.window.first_run import welcome_page

        return welcome_page(self)  # built when first needed

    def show_welcome(self, shown: bool = True) -> None:
        self.central.setCurrentWidget(self.welcome if shown else self.splitter)
        if shown:
            self.welcome.start()

    @Slot(str)
    def show_application(self, ref: str) -> None:
        """The Applications screen with ``ref`` selected (its filters cleared if they hide it)."""
        from licenseapp.gui.applications.reveal import reveal_when_listed

        self.nav.setCurrentRow(self.pages.indexOf(self.applications))
        reveal_when_listed(self.applications, ref)  # now, or when its row arrives

    @Slot(int)
    def show_screening_hit(self, hit_id: int) -> None:
        """The Screening screen with hit ``hit_id`` selected."""
        self.show_page(self.screening)
        self.screening.reveal(hit_id)

    @Slot()
    def new_item(self) -> None:
        self.show_page(self.items)
        self.items.new_record()

    @Slot()
    def focus_filter(self) -> None:
        def focus() -> None:
            self.show_page(self.applications)
            self.applications.focus_filter()

        self.when_built(focus)

    @Slot()
    def show_settings(self) -> None:
        from licenseapp.gui.settings import open_settings

        self.settings_dialog = open_settings(self, self._runner, self._db, self.context,
                                             self._settings_saved)

    def _settings_saved(self, saved: SettingsSaved) -> None:
        self.user_label.setText(user_label_text(self.context))
        self.operations.announce(saved.changes)  # e.g. the renewal window: the deadlines

    @Slot()
    def show_about(self) -> None:
        from licenseapp.gui.help.about_dialog import show_about

        show_about(self)  # with the third-party licences (gui/help/about_dialog.py)

    @Slot(int, int)
    def counts_changed(self, shown: int, total: int) -> None:
        self.counts_label.setText(counts_text(shown, total, self.applications.is_loaded))

    # --- the database ------------------------------------------------------------------

    @property
    def database(self) -> Database | None:
        return self._db

    def open_database(self, db_arg: str | None) -> None:
        """Open ``db_arg`` (path, URL or None for the default) in the background, once the
        window's contents are in."""
        def open_it() -> None:
            from licenseapp.gui.window import database_opening

            database_opening.open_database(self, db_arg)

        self.when_built(open_it)

    @Slot()
    def choose_database(self) -> None:
        from licenseapp.gui.window import database_opening

        self.when_built(lambda: database_opening.choose_database(self))

    @Slot()
    def refresh(self) -> None:
        if self.built:
            self.applications.refresh()
            self.details.reload()

    # --- showing and closing -----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._spread and self.splitter not in self.window_state.splitters_restored:
            self.details_pane.spread()  # for the width the window opened at
        self._spread = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.built:  # else the layout remembered stays as it was
            self.window_state.save()
        self._runner.shutdown()
        if self._db is not None:
            self._db.dispose()
            self._db = None
        super().closeEvent(event)

"""The main window: navigation on the left, the chosen screen in the middle, details right.

Thin by design: it composes the screens, owns the open database, and wires signals to
services. Screens plug in with :meth:`MainWindow.add_page`, saying which kinds of records
they show; every change made anywhere comes back as a change set (:attr:`operations`) and
reaches only the screens that show what it changed (:attr:`updates`), a hidden screen when
it is next shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from licenseapp.context import AppContext
from licenseapp.domain.draft_form import EDITABLE_STATUSES
from licenseapp.gui.appearance import install as install_appearance
from licenseapp.gui.applications.details import (
    DETAIL_KINDS,
    ApplicationDetailsWidget,
    application_loader,
)
from licenseapp.gui.applications.loading import changed_rows_reader
from licenseapp.gui.applications.reveal import reveal_when_listed
from licenseapp.gui.applications.view import FIRST_PAGE_ROWS, ApplicationsWidget
from licenseapp.gui.audit.actions import AuditActions
from licenseapp.gui.authorization.page import AuthorizationPage
from licenseapp.gui.dashboard.page import DashboardPage
from licenseapp.gui.details_pane import DetailsPaneToggle
from licenseapp.gui.determinations.menu_actions import install as install_determinations
from licenseapp.gui.exporting.menu_actions import install as install_export_view
from licenseapp.gui.help.about_dialog import show_about
from licenseapp.gui.help.menu_actions import install as install_help
from licenseapp.gui.items.page import ItemsPage
from licenseapp.gui.navigation import Navigator
from licenseapp.gui.operations import Operations
from licenseapp.gui.organizations.page import OrganizationsPage
from licenseapp.gui.packets.actions import PacketActions
from licenseapp.gui.people.page import PeoplePage
from licenseapp.gui.reports.page import REPORT_KINDS, ReportsPage
from licenseapp.gui.safety.menu_actions import install as install_safety
from licenseapp.gui.screen_updates import ScreenUpdates
from licenseapp.gui.screening.page import SCREENING_KINDS, ScreeningPage
from licenseapp.gui.screening.screen_now import install as install_screen_now
from licenseapp.gui.search.menu_actions import install as install_global_search
from licenseapp.gui.settings import (
    QtPersonalSettings,
    SettingsSaved,
    open_settings,
    store,
    user_label_text,
)
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.team.queues_page import install as install_team_queues
from licenseapp.gui.tracking.actions import ApplicationActions, owners_in
from licenseapp.gui.tracking.bulk_status_action import install as install_bulk_status
from licenseapp.gui.tracking.deadlines_page import DeadlinesPage
from licenseapp.gui.tracking.due_label import DueLabel
from licenseapp.gui.welcome.next_steps import NextStepsPanel
from licenseapp.gui.welcome.page import WelcomePage
from licenseapp.gui.welcome.setup_watch import SetupWatcher
from licenseapp.gui.window_state import WindowState
from licenseapp.gui.wizard.actions import DraftingActions
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.screening.dto import Subject

if TYPE_CHECKING:
    from licenseapp.gui.importing.launcher import ImportLauncher
    from licenseapp.services.dto import ApplicationRow
    from licenseapp.store.database import Database

ErrorHandler = Callable[[BaseException], None]

#: What the applications list shows (see ApplicationsWidget.apply_changes).
APPLICATION_KINDS = (Kind.APPLICATIONS, Kind.PEOPLE, Kind.ITEMS, Kind.ORGANIZATIONS)


def open_database_off_thread(context: AppContext, db_arg: str | None) -> Database:
    """Open (and migrate) the database for the context's actor and clock; runs on a worker
    thread, so the heavy imports too."""
    from licenseapp.services.drafts import applications  # noqa: F401  (warm the import off-thread)

    return context.open_database(db_arg)


class MainWindow(QMainWindow):
    #: A database was opened (the new ``Database``); every screen that shows data connects
    #: to it and keeps the database for its service calls.
    databaseChanged = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        on_error: ErrorHandler | None = None,
        parent: QWidget | None = None,
        *,
        context: AppContext | None = None,
    ) -> None:
        super().__init__(parent)
        #: Who acts, the clock, personal settings (the app passes the one it built at start).
        self.context = context or AppContext.from_environment(personal=QtPersonalSettings())
        self._runner = runner
        self._on_error = on_error or runner.report_error
        self._db: Database | None = None
        self._opening = 0
        self._page_actions: list[QAction] = []
        self.navigator = Navigator(self)  # screens by title, for "go to People" buttons
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
        self.applications = ApplicationsWidget(runner, user=self.context.actor)
        self.details = ApplicationDetailsWidget(runner)
        self._make_actions()
        self.add_page("Applications", self.applications, self.details,
                      shows=APPLICATION_KINDS)
        self.updates.add(None, DETAIL_KINDS, self.details.apply_changes, always=True)

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
        self._make_status_bar()

        self.nav.currentRowChanged.connect(self._page_chosen)
        self.nav.setCurrentRow(0)
        self.applications.applicationSelected.connect(self.details.show_application)
        self.applications.selectionCleared.connect(self.details.clear)
        self.applications.countsChanged.connect(self._counts_changed)
        self.applications.loadFailed.connect(self._on_error)
        self.details.loadFailed.connect(self._on_error)

        # Authorization matrix, directive impact and rule sets.
        self.authorization = AuthorizationPage(runner)
        self.authorization.load_on_open = False  # after the applications list, or when shown
        self.add_page("Authorization", self.authorization, self.authorization.details,
                      shows=(Kind.PEOPLE, Kind.ITEMS, Kind.ACCESS, Kind.RULESETS,
                             Kind.LICENSES, Kind.APPLICATIONS))
        self.authorization.dataModified.connect(self.operations.announce)
        self.authorization.applicationRequested.connect(self.show_application)
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.authorization.rules_menu(self))
        self._add_tracking(runner)
        # Application › Audit history… and File › Verify database….
        self.audit = AuditActions(runner, self)
        self.audit.install(self.file_menu, self.application_menu)
        self.databaseChanged.connect(self.audit.set_database)
        self.updates.add(None, tuple(Kind), lambda _changes: self.audit.reload(), always=True)
        self.details.detailShown.connect(lambda _ref: self.audit.set_application(
            self.details.detail.row if self.details.detail else None))
        self.applications.selectionCleared.connect(lambda: self.audit.set_application(None))
        # File › Back up…, Restore…; Application › Checklist…, Supporting documents….
        self.safety = install_safety(self, runner)
        self._add_packets(runner)
        self._add_drafting(runner)
        self._add_records(runner)
        self._add_reports(runner)
        self._add_screening(runner)
        self.team_queues = install_team_queues(self, runner)  # Review & sign-off (#20)
        self.global_search = install_global_search(self, runner)  # Edit › Find anything…
        self.export_view = install_export_view(self, runner)  # File › Export current view…
        self.bulk_status = install_bulk_status(self, runner)  # Change status of selected…
        self.determinations = install_determinations(self, runner)  # Determination and memo…
        self._add_first_run(runner)
        self.help_actions = install_help(self)  # Help › LicenseApp guide (F1), and F1 in dialogs
        self._fit_navigation()
        personal = self.context.personal
        self.appearance = install_appearance(  # View › Appearance: system, light, dark
            self, personal.settings if isinstance(personal, QtPersonalSettings) else store)
        self.window_state = WindowState(
            self, personal.settings if isinstance(personal, QtPersonalSettings) else store,
            self._screen_on_view, self._show_screen_titled, [self.details_pane.action])
        # Wide enough for every screen beside its details: at 900 px Items cut its buttons.
        self.setMinimumWidth(max(self.minimumWidth(), self.details_pane.minimum_width(
            self.pages) + 2 * self.central.frameWidth() + 4))
        self.window_state.restore()
        self._spread = False

    # --- building ----------------------------------------------------------------------

    def _make_actions(self) -> None:
        style = self.style()
        pixmaps = QStyle.StandardPixmap
        self.open_action = QAction(
            QIcon.fromTheme("document-open", style.standardIcon(pixmaps.SP_DirOpenIcon)),
            "&Open database…", self,
        )
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setStatusTip("Open another LicenseApp database file")
        self.open_action.triggered.connect(self.choose_database)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.refresh_action = QAction(
            QIcon.fromTheme("view-refresh", style.standardIcon(pixmaps.SP_BrowserReload)),
            "&Refresh", self,
        )
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setStatusTip("Load the applications again from the database")
        self.refresh_action.setEnabled(False)
        self.refresh_action.triggered.connect(self.refresh)
        self.filter_action = QAction("&Filter applications", self)
        self.filter_action.setShortcut(QKeySequence("Ctrl+F"))
        self.filter_action.triggered.connect(self._focus_filter)
        self.about_action = QAction("&About LicenseApp", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

        # The menus, kept as objects: the parts added later put their actions in them.
        menus = self.menuBar()
        self.file_menu = file_menu = menus.addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = menus.addMenu("&Edit")
        self.view_menu = menus.addMenu("&View")
        self.view_menu.addAction(self.refresh_action)
        self.view_menu.addAction(self.filter_action)
        self._screens_separator = self.view_menu.addSeparator()
        self.application_menu = menus.addMenu("&Application")
        self.help_menu = menus.addMenu("&Help")
        self.help_menu.addAction(self.about_action)

        toolbar = QToolBar("Main toolbar")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.open_action)
        self.addToolBar(toolbar)

    def _fit_navigation(self) -> None:
        """The navigation list as wide as its longest title ("Licenses & deadlines" was cut
        at the initial width, with a scroll bar under the list)."""
        metrics = self.nav.fontMetrics()
        titles = (self.nav.item(row).text() for row in range(self.nav.count()))
        widest = max((metrics.horizontalAdvance(title) for title in titles), default=0)
        width = min(widest + 2 * self.nav.frameWidth() + 16, self.nav.maximumWidth())
        self.nav.setMinimumWidth(width)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.counts_label = QLabel()
        self.location_label = QLabel("No database open")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.user_label = QLabel(user_label_text(self.context))
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.location_label)
        bar.addPermanentWidget(self.user_label)

    def _load_the_rest(self, ready: bool = True) -> None:
        self.deadlines.load_if_needed(ready)
        self.authorization.load_if_needed(ready)

    def add_page(
        self, title: str, page: QWidget, details: QWidget | None = None,
        position: int = -1, shows: tuple[Kind, ...] = (), always: bool = False,
    ) -> None:
        """Add a screen: an entry in the navigation list and the View menu (at ``position``,
        by default last), reached with Ctrl+ its row (Ctrl+0 the first, none skipped).
        Without ``details`` the details pane is hidden on that screen.

        A screen that shows data has ``set_database(db)`` (called on every database opened)
        and says which kinds of records it ``shows``; a change set touching them reaches its
        ``apply_changes(changes)`` or, failing that, its ``reload()`` — at once if it is the
        screen on view, else when it is next shown.
        """
        set_database = getattr(page, "set_database", None)
        if callable(set_database):
            self.databaseChanged.connect(set_database)
            if self._db is not None:
                set_database(self._db)
        apply = getattr(page, "apply_changes", None)
        reload = getattr(page, "reload", None)
        if shows and callable(apply):
            self.updates.add(page, shows, apply, always=always)
        elif shows and callable(reload):
            self.updates.add(page, shows, lambda _changes: reload(), always=always)
        set_navigator = getattr(page, "set_navigator", None)
        if callable(set_navigator):
            set_navigator(self.navigator)
        self.navigator.register(title, partial(self.show_page, page))
        position = self.nav.count() if position < 0 else position
        page.setObjectName(page.objectName() or title)  # its tables' and splitters' keys
        self.nav.insertItem(position, title)
        self.pages.insertWidget(position, page)
        if details is None:
            details = QWidget()
            details.setObjectName("noDetails")
        self.details_stack.insertWidget(position, details)
        action = QAction(title.replace("&", "&&"), self)  # "&" is a mnemonic in a menu
        action.triggered.connect(partial(self.show_page, page))
        later = self._page_actions[position] if position < len(self._page_actions) else None
        self.view_menu.insertAction(later, action)  # type: ignore[arg-type]
        self._page_actions.insert(position, action)
        for row, numbered in enumerate(self._page_actions):
            numbered.setShortcut(QKeySequence(f"Ctrl+{row}") if row <= 9 else QKeySequence())

    def show_page(self, page: QWidget) -> None:
        self.show_welcome(False)
        self.nav.setCurrentRow(self.pages.indexOf(page))

    def _add_first_run(self, runner: TaskRunner) -> None:
        """A database without a company profile opens on the welcome page; the next steps
        stand on the dashboard until the first application."""
        self.welcome = WelcomePage(runner)
        self.central.addWidget(self.welcome)
        self.next_steps = NextStepsPanel(self.navigator, self.drafting.new_action)
        self.dashboard.add_banner(self.next_steps)
        self.setup = SetupWatcher(runner, self)
        self.databaseChanged.connect(self.welcome.set_database)
        self.databaseChanged.connect(lambda _db: self.next_steps.reset())
        self.databaseChanged.connect(self.setup.set_database)
        self.updates.add(None, (Kind.ORGANIZATIONS, Kind.PEOPLE, Kind.ITEMS, Kind.ACCESS),
                         lambda _changes: self.setup.reload(), always=True)
        self.setup.opened.connect(lambda state: self.show_welcome(not state.has_profile))
        self.setup.changed.connect(self.next_steps.set_state)
        self.welcome.profileSaved.connect(lambda _form: self._profile_saved())
        self.welcome.skipped.connect(lambda: self.show_page(self.dashboard))
        self.welcome.demoReady.connect(self.open_database)

    def show_welcome(self, shown: bool = True) -> None:
        self.central.setCurrentWidget(self.welcome if shown else self.splitter)
        if shown:
            self.welcome.start()

    def _profile_saved(self) -> None:
        self.show_page(self.dashboard)
        self.statusBar().showMessage("Company profile saved.", 10_000)
        self.operations.announce(Changes.all_of(Kind.ORGANIZATIONS))

    def _add_tracking(self, runner: TaskRunner) -> None:
        """Status changes and reassignment, the deadlines, and the dashboard (first screen)."""
        self.tracking = ApplicationActions(
            runner, self, partial(owners_in, self.applications.model)
        )
        self.databaseChanged.connect(self.tracking.set_database)
        self.details.detailShown.connect(lambda _ref: self.tracking.set_application(
            self.details.detail.row if self.details.detail else None))
        self.applications.selectionCleared.connect(lambda: self.tracking.set_application(None))
        self.tracking.changed.connect(self.operations.announce)
        self.tracking.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.details.add_actions(self.tracking.actions)
        self.application_menu.addActions(list(self.tracking.actions))
        toolbar = self.findChild(QToolBar, "mainToolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.tracking.change_status_action)
        self.settings_action = QAction("&Settings…", self)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.show_settings)
        self.edit_menu.addAction(self.settings_action)

        self.deadlines = DeadlinesPage(runner, today=self.context.clock.today)  # as reports
        self.add_page("Licenses & deadlines", self.deadlines, self.deadlines.details_pane,
                      shows=(Kind.APPLICATIONS, Kind.DEADLINES, Kind.LICENSES,
                                       Kind.PEOPLE, Kind.SETTINGS),
                      always=True)  # its counts are on the status bar and the dashboard
        self.deadlines.applicationRequested.connect(self.show_application)
        self.deadlines.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.deadlines.loadFailed.connect(self._on_error)
        self.deadlines.deadlineMarked.connect(self.details.reload)  # its deadlines list
        self.due_label = DueLabel()
        self.statusBar().insertPermanentWidget(0, self.due_label)
        self.deadlines.countsChanged.connect(self.due_label.show_counts)
        # What is due and who may access what: worked out once the list is in, so they do
        # not compete with it for the database at start.
        self.applications.countsChanged.connect(
            lambda *_: self._load_the_rest(self.applications.is_loaded))
        self.applications.loadFailed.connect(lambda _exc: self._load_the_rest())

        self.dashboard = DashboardPage(runner)
        self.add_page("Dashboard", self.dashboard, None, position=0,
                      shows=(Kind.APPLICATIONS, Kind.ORGANIZATIONS))
        self.dashboard.loadFailed.connect(self._on_error)
        self.dashboard.filterRequested.connect(self._show_filtered)
        self.dashboard.deadlinesRequested.connect(self._show_deadlines)
        self.deadlines.countsChanged.connect(self.dashboard.set_deadline_counts)
        for page in (self.dashboard, self.deadlines):
            self.refresh_action.triggered.connect(page.reload)
        self.nav.setCurrentRow(0)

    def _add_drafting(self, runner: TaskRunner) -> None:
        """New application… (Ctrl+N), Edit in wizard…, renewal and resubmission, first in
        the Application menu; a draft left unsaved by a crash is offered back on opening."""
        self.drafting = DraftingActions(runner, self)
        self.databaseChanged.connect(self.drafting.set_database)
        self.databaseChanged.connect(lambda _db: self.drafting.offer_recovery())
        self.details.detailShown.connect(lambda _ref: self.drafting.set_application(
            self.details.detail.row if self.details.detail else None))
        self.applications.selectionCleared.connect(lambda: self.drafting.set_application(None))
        self.drafting.changed.connect(self.operations.announce)
        self.updates.add(None, tuple(Kind), self.drafting.deliver, always=True)
        self.drafting.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.drafting.finished.connect(self.show_application)  # the new draft, selected
        self.applications.empty_actions.append(self.drafting.new_action)
        menu = self.application_menu
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, list(self.drafting.actions))  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]
        self.details.add_actions(self.drafting.actions[1:])
        toolbar = self.findChild(QToolBar, "mainToolbar")
        if toolbar is not None:
            toolbar.insertAction(toolbar.actions()[0] if toolbar.actions() else None,  # type: ignore[arg-type]
                                 self.drafting.new_action)

    def _add_records(self, runner: TaskRunner) -> None:
        """People (Ctrl+4), Organizations (Ctrl+5) and Items (Ctrl+6), the records
        applications are built from; they load when first shown, and a save there reloads
        every screen. Beside People and Items, the selected record's access; File › New
        item… opens the item editor."""
        self.people = PeoplePage(runner)
        self.add_page("People", self.people, self.people.access_panel,
                      shows=(Kind.ORGANIZATIONS,))  # (its own saves reload it)
        self.organizations = OrganizationsPage(runner)
        self.add_page("Organizations", self.organizations, None)
        self.items = ItemsPage(runner)
        self.add_page("Items", self.items, self.items.access_panel,
                      shows=(Kind.ITEMS, Kind.ACCESS))  # and the count of people with access
        for page in (self.people, self.organizations, self.items):
            page.dataModified.connect(self.operations.announce)
            page.loadFailed.connect(self._on_error)
        self.new_item_action = QAction("New &item…", self)
        self.new_item_action.setStatusTip("Add a controlled item: technology, source code or "
                                          "an AI model, with its classification")
        self.new_item_action.triggered.connect(self.new_item)
        file_menu = self.file_menu
        first = file_menu.actions()[0]
        file_menu.insertAction(first, self.new_item_action)
        file_menu.insertSeparator(first)
        file_menu.insertActions(first, self._import_actions())
        file_menu.insertSeparator(first)

    def _add_reports(self, runner: TaskRunner) -> None:
        """Reports (Ctrl+7) and the Reports menu; a case record can take the application
        selected in the list. Its menu's actions bring the screen forward."""
        self.reports = ReportsPage(runner, selected_ref=self.applications.selected_ref)
        self.add_page("Reports", self.reports, None, shows=REPORT_KINDS)
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.reports.menu(self))
        for action in self.reports.actions_shown:
            action.triggered.connect(lambda _checked=False: self.show_page(self.reports))

    def _add_screening(self, runner: TaskRunner) -> None:
        """Screening (Ctrl+8): hits on our people and organizations against the
        restricted-party lists, reviewed side by side and decided; list snapshots."""
        self.screening = ScreeningPage(runner)
        self.add_page("Screening", self.screening, None, shows=SCREENING_KINDS)
        self.screening.dataModified.connect(self.operations.announce)
        self.screening.loadFailed.connect(self._on_error)
        self.screen_now = install_screen_now(
            runner, [(self.people, Subject.PERSON), (self.organizations, Subject.ORGANIZATION)],
            self, self.operations.announce, self.show_screening_hit)
        # File › Load list snapshot… and Re-screen everyone, beside the imports: the
        # Screening screen is shown, where their progress and outcome are.
        for action in (self.screening.snapshots.load_action,
                       self.screening.snapshots.rescreen_action):
            shown = QAction(action.text(), self)
            shown.setStatusTip(action.statusTip())
            action.changed.connect(lambda a=action, s=shown: s.setEnabled(a.isEnabled()))
            shown.setEnabled(action.isEnabled())
            shown.triggered.connect(partial(self._on_screening_screen, action))
            self.file_menu.insertAction(self.open_action, shown)
        self.file_menu.insertSeparator(self.open_action)

    def _on_screening_screen(self, action: QAction) -> None:
        self.show_page(self.screening)
        action.trigger()

    @Slot(int)
    def show_screening_hit(self, hit_id: int) -> None:
        """The Screening screen with hit ``hit_id`` selected."""
        self.show_page(self.screening)
        self.screening.reveal(hit_id)

    def _import_actions(self) -> list[QAction]:
        """File › Import a roster…, Import items…, Import access…: the screen the records
        land on is shown, then the file asked for."""
        found: list[QAction] = []
        launchers = [("Import a &roster…", self.people, self.people.roster_import),
                     ("Import ite&ms…", self.items, self.items.items_import),
                     ("Import a&ccess…", self.people, self.people.access_import)]
        for text, page, launcher in launchers:
            if launcher is None:
                continue
            action = QAction(text, self)
            action.setStatusTip(launcher.action.statusTip())
            action.triggered.connect(
                lambda _checked=False, p=page, job=launcher: self._import_into(p, job))
            found.append(action)
        return found

    def _import_into(self, page: QWidget, launcher: ImportLauncher) -> None:
        self.show_page(page)
        launcher.choose_file()

    @Slot()
    def new_item(self) -> None:
        self.show_page(self.items)
        self.items.new_record()

    def _add_packets(self, runner: TaskRunner) -> None:
        """Preview packet… (Ctrl+P) and Save packets for selection… in the Application menu
        and the list's context menu; the list allows several rows to be selected for it."""
        table = self.applications.table
        table.setSelectionMode(table.SelectionMode.ExtendedSelection)
        self.packets = PacketActions(runner, self.applications, self)
        self.databaseChanged.connect(self.packets.set_database)
        self.packets.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.application_menu.addSeparator()
        self.application_menu.addActions(list(self.packets.actions))
        table.addActions(list(self.packets.actions))
        self.applications.applicationOpened.connect(self._open_application)
        if table.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    @Slot(object)
    def _open_application(self, row: ApplicationRow) -> None:
        """A double-click: a draft opens in the wizard, anything else as its packet."""
        if row.status in EDITABLE_STATUSES:
            self.drafting.edit(row)
        elif self.packets.preview_action.isEnabled():
            self.packets.preview()

    @Slot(object, object)
    def _show_filtered(self, statuses: tuple[str, ...] | None, regulator: str | None) -> None:
        self.show_page(self.applications)
        self.applications.set_filters(statuses=statuses, regulator=regulator)

    @Slot(object, int)
    def _show_deadlines(self, kind: str | None, within_days: int) -> None:
        self.show_page(self.deadlines)
        self.deadlines.show_deadlines(kind, within_days)

    @Slot()
    def show_settings(self) -> None:
        self.settings_dialog = open_settings(self, self._runner, self._db, self.context,
                                             self._settings_saved)

    def _settings_saved(self, saved: SettingsSaved) -> None:
        self.user_label.setText(user_label_text(self.context))
        self.operations.announce(saved.changes)  # e.g. the renewal window: the deadlines

    # --- the database ------------------------------------------------------------------

    @property
    def database(self) -> Database | None:
        return self._db

    def open_database(self, db_arg: str | None) -> None:
        """Open ``db_arg`` (path, URL or None for the default) in the background."""
        self._opening += 1
        self._requested_db = db_arg  # the recovery dialog finds its backups from it
        opening = self._opening
        self.statusBar().showMessage("Opening the database…")
        if self._db is None:
            self.applications.show_message("Opening the database…")
        self._runner.submit(
            partial(open_database_off_thread, self.context, db_arg),
            lambda db: self._database_opened(opening, db),
            lambda exc: self._database_failed(opening, exc),
            context=self,
        )

    def _database_opened(self, opening: int, db: Database) -> None:
        if opening != self._opening:
            db.dispose()
            return
        from licenseapp.services.drafts.applications import list_applications

        previous, self._db = self._db, db
        self.location_label.setText(f"Database: {db.location.display}")
        self.location_label.setToolTip(f"Database: {db.location.display}")
        name = db.location.sqlite_path.name if db.location.sqlite_path else db.location.display
        self.setWindowTitle(f"{name} — LicenseApp")
        self.statusBar().clearMessage()
        self.details.set_loader(application_loader(db))
        self.applications.set_loader(
            partial(list_applications, db), partial(list_applications, db, limit=FIRST_PAGE_ROWS),
            changed_rows_reader(db),
        )
        self.refresh_action.setEnabled(True)
        self.applications.refresh()
        self.databaseChanged.emit(db)
        if previous is not None:
            previous.dispose()

    def _database_failed(self, opening: int, exc: BaseException) -> None:
        if opening != self._opening:
            return
        self.statusBar().showMessage("The database could not be opened.")
        if self._db is None:
            self.applications.show_message(
                "No database is open.\nUse File › Open database… (Ctrl+O) to choose one.",
                [self.open_action],
            )
        from licenseapp.gui.recovery import offer_recovery

        self.recovery_dialog = offer_recovery(
            self, self._runner, exc, getattr(self, "_requested_db", None),
            open_database=self.open_database, open_another=self.choose_database,
            quit_app=self.close,
        )
        if self.recovery_dialog is None:  # a bug, not a database the user can act on
            self._on_error(exc)

    @Slot()
    def choose_database(self) -> None:
        dialog = QFileDialog(self, "Open a LicenseApp database")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(["LicenseApp databases (*.db *.sqlite *.sqlite3)", "All files (*)"])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.open_database)
        dialog.open()

    # --- actions -----------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        self.applications.refresh()
        self.details.reload()

    @Slot(str)
    def show_application(self, ref: str) -> None:
        """The Applications screen with ``ref`` selected (its filters cleared if they hide it)."""
        self.nav.setCurrentRow(self.pages.indexOf(self.applications))
        reveal_when_listed(self.applications, ref)  # now, or when its row arrives

    @Slot()
    def _focus_filter(self) -> None:
        self.show_page(self.applications)
        self.applications.focus_filter()

    @Slot()
    def show_about(self) -> None:
        show_about(self)  # with the third-party licences (gui/help/about_dialog.py)

    @Slot(int)
    def _page_chosen(self, row: int) -> None:
        if row >= 0:
            self.pages.setCurrentIndex(row)
            self.details_stack.setCurrentIndex(row)
            details = self.details_stack.widget(row)
            self.details_stack.setVisible(details is None or details.objectName() != "noDetails")
            self.details_pane.apply()

    def _screen_on_view(self) -> str:
        item = self.nav.currentItem()
        return item.text() if item is not None else ""

    def _show_screen_titled(self, title: str) -> bool:
        """The screen called ``title`` brought forward, if there is one (a remembered one)."""
        for row in range(self.nav.count()):
            if self.nav.item(row).text() == title:
                self.nav.setCurrentRow(row)
                return True
        return False

    @Slot(int, int)
    def _counts_changed(self, shown: int, total: int) -> None:
        if not self.applications.is_loaded:
            self.counts_label.setText("")
        elif shown == total:
            self.counts_label.setText(f"{total:,} application{'' if total == 1 else 's'}")
        else:
            self.counts_label.setText(f"{shown:,} of {total:,} applications shown")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._spread and self.splitter not in self.window_state.splitters_restored:
            self.details_pane.spread()  # for the width the window opened at
        self._spread = True

    def closeEvent(self, event: QCloseEvent) -> None:
        self.window_state.save()
        self._runner.shutdown()
        if self._db is not None:
            self._db.dispose()
            self._db = None
        super().closeEvent(event)

"""The screens' registry: each screen's entry in the navigation list and the View menu,
its Ctrl+ number, its details pane, and the change sets and database it is given.

A screen is added either built, or as a *factory* (a callable that imports the screen's
module and builds it): then a placeholder stands in the stack until the screen is first
shown (or asked for, :meth:`Screens.page`), and is replaced in place. Whatever the window
wires to a screen's own widget waits for it with :meth:`Screens.when_built`; menus and
actions made from a screen at start are stand-ins that build it (:func:`screen_action`,
:func:`screen_menu`), so start-up imports none of the screens' modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget, QMenu, QStackedWidget, QWidget

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.services.changes import Kind

#: Builds a screen (importing its module first).
ScreenFactory = Callable[[], QWidget]
Hook = Callable[[Any], object]
P = TypeVar("P")

#: The placeholders' object names (no table or splitter under them).
PLACEHOLDER = "notBuiltYet"
NO_DETAILS = "noDetails"


@dataclass(eq=False)
class Screen:
    title: str
    page: QWidget  # the placeholder until built
    details: QWidget
    make: ScreenFactory | None  # None once built
    details_of: str | None  # the built page's attribute holding its details pane
    shows: tuple[Kind, ...]
    always: bool
    hooks: list[Hook] = field(default_factory=list)

    @property
    def built(self) -> bool:
        return self.make is None


class Screens(QObject):
    """The window's screens by title, built now or when first needed."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._screens: dict[str, Screen] = {}
        #: Called with each screen's page and details pane as it is built (the window's
        #: remembered layout).
        self.built_hooks: list[Hook] = []

    def add(self, title: str, page: QWidget | ScreenFactory, details: QWidget | str | None,
            position: int, shows: tuple[Kind, ...], always: bool) -> None:
        """See :meth:`MainWindow.add_page`; ``details`` names the built page's attribute
        holding its details pane when ``page`` is a factory."""
        window = self._window
        built = isinstance(page, QWidget)
        stand_in = page if isinstance(page, QWidget) else _placeholder(PLACEHOLDER)
        pane = details if isinstance(details, QWidget) else _placeholder(
            PLACEHOLDER if isinstance(details, str) and not built else NO_DETAILS)
        screen = Screen(title, stand_in, pane, None if isinstance(page, QWidget) else page,
                        details if isinstance(details, str) else None, shows, always)
        self._screens[title] = screen
        window.navigator.register(title, partial(self.show_titled, title))
        position = window.nav.count() if position < 0 else position
        window.nav.insertItem(position, title)
        window.pages.insertWidget(position, stand_in)
        window.details_stack.insertWidget(position, pane)
        action = QAction(title.replace("&", "&&"), window)  # "&" is a mnemonic in a menu
        action.triggered.connect(partial(self.show, title))
        actions = window._page_actions
        later = actions[position] if position < len(actions) else None
        window.view_menu.insertAction(later, action)  # type: ignore[arg-type]
        actions.insert(position, action)
        for row, numbered in enumerate(actions):
            numbered.setShortcut(QKeySequence(f"Ctrl+{row}") if row <= 9 else QKeySequence())
        if built:
            self._attach(screen)

    def titles(self) -> list[str]:
        return list(self._screens)

    def is_built(self, title: str) -> bool:
        return self._screens[title].built

    def page(self, title: str) -> QWidget:
        """The screen ``title``, built now if it was not yet."""
        screen = self._screens[title]
        if screen.make is not None:
            self._build(screen)
        return screen.page

    def build_all(self) -> list[QWidget]:
        """Every screen built (tests, the screenshots), in navigation order."""
        nav = self._window.nav
        return [self.page(nav.item(row).text()) for row in range(nav.count())]

    def show(self, title: str) -> QWidget:
        """The screen ``title`` built and brought forward."""
        page = self.page(title)
        self._window.show_page(page)
        return page

    def show_titled(self, title: str) -> None:
        self.show(title)

    def when_built(self, title: str, hook: Hook) -> None:
        """``hook(page)`` once the screen ``title`` is built (now, if it is)."""
        screen = self._screens[title]
        if screen.built:
            hook(screen.page)
        else:
            screen.hooks.append(hook)

    def show_row(self, row: int) -> None:
        """The screen at navigation row ``row`` on view, with its details pane (hidden when
        it has none). Before the window first paints, the screen is built just after."""
        window = self._window
        if row < 0:
            return
        screen = self._at(row)
        if screen is not None and not screen.built:
            if window.first_paint.painted:
                self._build(screen)
            else:
                window.first_paint.later(lambda: self._build_if_current(screen))
        window.pages.setCurrentIndex(row)
        window.details_stack.setCurrentIndex(row)
        details = window.details_stack.widget(row)
        window.details_stack.setVisible(details is None or details.objectName() != NO_DETAILS)
        window.details_pane.apply()

    def _at(self, row: int) -> Screen | None:
        page = self._window.pages.widget(row)
        return next((s for s in self._screens.values() if s.page is page), None)

    def _build_if_current(self, screen: Screen) -> None:
        if not screen.built and self._window.pages.currentWidget() is screen.page:
            self._build(screen)
            self.show_row(self._window.pages.currentIndex())

    def _build(self, screen: Screen) -> None:
        make = screen.make
        assert make is not None
        screen.make = None
        page = make()
        page.setObjectName(page.objectName() or screen.title)  # its tables' and splitters' keys
        _replace(self._window.pages, screen.page, page)
        screen.page = page
        details = getattr(page, screen.details_of) if screen.details_of else None
        if isinstance(details, QWidget):
            details.setObjectName(details.objectName() or f"{screen.title} details")
            _replace(self._window.details_stack, screen.details, details)
            screen.details = details
        elif screen.details.objectName() == PLACEHOLDER:
            screen.details.setObjectName(NO_DETAILS)
        self._attach(screen)
        for hook in self.built_hooks:
            for widget in {page, screen.details}:
                hook(widget)
        hooks, screen.hooks = screen.hooks, []
        for hook in hooks:
            hook(page)

    def _attach(self, screen: Screen) -> None:
        """The database, change sets and navigator given to a built screen."""
        window, page = self._window, screen.page
        page.setObjectName(page.objectName() or screen.title)
        set_database = getattr(page, "set_database", None)
        if callable(set_database):
            window.databaseChanged.connect(set_database)
            if window.database is not None:
                set_database(window.database)
        apply = getattr(page, "apply_changes", None)
        reload = getattr(page, "reload", None)
        if screen.shows and callable(apply):
            window.updates.add(page, screen.shows, apply, always=screen.always)
        elif screen.shows and callable(reload):
            window.updates.add(page, screen.shows, lambda _changes: reload(),
                               always=screen.always)
        set_navigator = getattr(page, "set_navigator", None)
        if callable(set_navigator):
            set_navigator(window.navigator)


def _placeholder(name: str) -> QWidget:
    widget = QWidget()
    widget.setObjectName(name)
    return widget


def _replace(stack: QStackedWidget, old: QWidget, new: QWidget) -> None:
    """``new`` in ``old``'s place in ``stack`` (on view if ``old`` was)."""
    index = stack.indexOf(old)
    current = stack.currentIndex() == index
    stack.insertWidget(index, new)
    if current:
        stack.setCurrentIndex(index)
    stack.removeWidget(old)
    old.deleteLater()


class Built(Generic[P]):
    """A window attribute for the screen ``title``: the screen, built when first read."""

    def __init__(self, title: str) -> None:
        self.title = title

    def __get__(self, window: MainWindow, owner: type | None = None) -> P:
        if window is None:
            return self  # type: ignore[return-value]
        return cast(P, window.screens.page(self.title))


def screen_action(window: MainWindow, title: str, text: str, tip: str,
                  act: Hook) -> QAction:
    """An action made at start that builds and shows the screen ``title`` when triggered,
    then does ``act(page)``."""
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: act(window.screens.show(title)))
    return action


def screen_menu(window: MainWindow, title: str, text: str,
                fill: Callable[[Any, QMenu], None]) -> QMenu:
    """A menu of the menu bar (before Help) filled by ``fill(page, menu)`` from the screen
    ``title``, when it is built or when the menu is first opened (which builds it)."""
    menu = QMenu(text, window)
    window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
    menu.aboutToShow.connect(lambda: window.screens.page(title))
    window.screens.when_built(title, lambda page: fill(page, menu))
    return menu


def fit_navigation(nav: QListWidget) -> None:
    """The navigation list as wide as its longest title ("Licenses & deadlines" was cut
    at the initial width, with a scroll bar under the list)."""
    metrics = nav.fontMetrics()
    titles = (nav.item(row).text() for row in range(nav.count()))
    widest = max((metrics.horizontalAdvance(title) for title in titles), default=0)
    width = min(widest + 2 * nav.frameWidth() + 16, nav.maximumWidth())
    nav.setMinimumWidth(width)
    nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def title_on_view(nav: QListWidget) -> str:
    item = nav.currentItem()
    return item.text() if item is not None else ""


def show_titled(nav: QListWidget, title: str) -> bool:
    """The screen called ``title`` brought forward, if there is one (a remembered one)."""
    for row in range(nav.count()):
        if nav.item(row).text() == title:
            nav.setCurrentRow(row)
            return True
    return False

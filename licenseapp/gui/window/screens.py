"""The screens' registry: each screen's entry in the navigation list and the View menu,
its Ctrl+ number, its details pane, and the change sets and database it is given."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget, QWidget

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.services.changes import Kind


def add_screen(
    window: MainWindow, title: str, page: QWidget, details: QWidget | None,
    position: int, shows: tuple[Kind, ...], always: bool,
) -> None:
    """See :meth:`MainWindow.add_page`."""
    set_database = getattr(page, "set_database", None)
    if callable(set_database):
        window.databaseChanged.connect(set_database)
        if window.database is not None:
            set_database(window.database)
    apply = getattr(page, "apply_changes", None)
    reload = getattr(page, "reload", None)
    if shows and callable(apply):
        window.updates.add(page, shows, apply, always=always)
    elif shows and callable(reload):
        window.updates.add(page, shows, lambda _changes: reload(), always=always)
    set_navigator = getattr(page, "set_navigator", None)
    if callable(set_navigator):
        set_navigator(window.navigator)
    window.navigator.register(title, partial(window.show_page, page))
    position = window.nav.count() if position < 0 else position
    page.setObjectName(page.objectName() or title)  # its tables' and splitters' keys
    window.nav.insertItem(position, title)
    window.pages.insertWidget(position, page)
    if details is None:
        details = QWidget()
        details.setObjectName("noDetails")
    window.details_stack.insertWidget(position, details)
    action = QAction(title.replace("&", "&&"), window)  # "&" is a mnemonic in a menu
    action.triggered.connect(partial(window.show_page, page))
    actions = window._page_actions
    later = actions[position] if position < len(actions) else None
    window.view_menu.insertAction(later, action)  # type: ignore[arg-type]
    actions.insert(position, action)
    for row, numbered in enumerate(actions):
        numbered.setShortcut(QKeySequence(f"Ctrl+{row}") if row <= 9 else QKeySequence())


def show_row(window: MainWindow, row: int) -> None:
    """The screen at navigation row ``row`` on view, with its details pane (hidden when it
    has none)."""
    if row < 0:
        return
    window.pages.setCurrentIndex(row)
    window.details_stack.setCurrentIndex(row)
    details = window.details_stack.widget(row)
    window.details_stack.setVisible(details is None or details.objectName() != "noDetails")
    window.details_pane.apply()


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

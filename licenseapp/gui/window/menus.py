"""The main window's first actions, its menus (kept as attributes: the parts added later
put their actions in them) and its toolbar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow


def make_menus(window: MainWindow) -> None:
    """File › Open database…, Quit; View › Refresh, Filter applications; Help › About; the
    Edit and Application menus empty; the main toolbar with Refresh and Open."""
    style = window.style()
    pixmaps = QStyle.StandardPixmap
    window.open_action = QAction(
        QIcon.fromTheme("document-open", style.standardIcon(pixmaps.SP_DirOpenIcon)),
        "&Open database…", window,
    )
    window.open_action.setShortcut(QKeySequence.StandardKey.Open)
    window.open_action.setStatusTip("Open another LicenseApp database file")
    window.open_action.triggered.connect(window.choose_database)
    window.quit_action = QAction("&Quit", window)
    window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.quit_action.triggered.connect(window.close)
    window.refresh_action = QAction(
        QIcon.fromTheme("view-refresh", style.standardIcon(pixmaps.SP_BrowserReload)),
        "&Refresh", window,
    )
    window.refresh_action.setShortcut(QKeySequence("F5"))
    window.refresh_action.setStatusTip("Load the applications again from the database")
    window.refresh_action.setEnabled(False)
    window.refresh_action.triggered.connect(window.refresh)
    window.filter_action = QAction("&Filter applications", window)
    window.filter_action.setShortcut(QKeySequence("Ctrl+F"))
    window.filter_action.triggered.connect(window.focus_filter)
    window.about_action = QAction("&About LicenseApp", window)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.about_action.triggered.connect(window.show_about)

    menus = window.menuBar()
    window.file_menu = file_menu = menus.addMenu("&File")
    file_menu.addAction(window.open_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    window.edit_menu = menus.addMenu("&Edit")
    window.view_menu = menus.addMenu("&View")
    window.view_menu.addAction(window.refresh_action)
    window.view_menu.addAction(window.filter_action)
    window._screens_separator = window.view_menu.addSeparator()
    window.application_menu = menus.addMenu("&Application")
    window.help_menu = menus.addMenu("&Help")
    window.help_menu.addAction(window.about_action)

    toolbar = QToolBar("Main toolbar")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addAction(window.refresh_action)
    toolbar.addAction(window.open_action)
    window.addToolBar(toolbar)


def main_toolbar(window: MainWindow) -> QToolBar | None:
    return window.findChild(QToolBar, "mainToolbar")

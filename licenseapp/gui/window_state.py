"""What the main window looked like, remembered per user between runs.

The window's geometry and state, every splitter's sizes, each table's column widths, order
and sort, and the screen on view are kept in the person's own settings (the same
``QSettings`` file as :class:`licenseapp.gui.settings.QtPersonalSettings`, under
``layout/``), each keyed by a stable path of object names from the window down (a widget
without a name is named by its class and its place among its siblings of that class).

A restore takes only what still fits: a table whose set of columns changed since it was
saved keeps its built-in widths, a screen that no longer exists leaves the first one shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QWidget

GROUP = "layout"
#: Set on a table whose column widths the user left last time: its first rows must not be
#: fitted over them (:func:`licenseapp.gui.tables.fit_columns`).
WIDTHS_REMEMBERED = "widthsRemembered"


def widget_key(widget: QWidget, root: QWidget) -> str:
    """``widget``'s path below ``root``: object names, or ``Class#n`` for a widget without
    one (its place among its parent's children of the same class)."""
    parts: list[str] = []
    current: QWidget | None = widget
    while current is not None and current is not root:
        parent = current.parentWidget()
        name = current.objectName()
        if not name:
            kind = type(current).__name__
            siblings = [child for child in (parent.children() if parent else [])
                        if type(child).__name__ == kind]
            name = f"{kind}#{siblings.index(current) if current in siblings else 0}"
        parts.append(name.replace("/", "_"))
        current = parent
    return "/".join(reversed(parts))


def fit_on_screen(widget: QWidget, preferred: QSize, margin: int = 48) -> None:
    """Resize ``widget`` to ``preferred``, or smaller so that it and its frame fit the
    available screen (at 125% a 1440×900 screen is 1152×720); its minimum size shrinks with
    it, so the screen always wins."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(preferred)
        return
    available = screen.availableGeometry().size()
    room = QSize(max(available.width() - margin // 2, 320), max(available.height() - margin, 240))
    size = preferred.boundedTo(room)
    minimum = widget.minimumSize()
    if minimum.width() > size.width() or minimum.height() > size.height():
        widget.setMinimumSize(minimum.boundedTo(size))
    widget.resize(size)


class WindowState:
    """Saves and restores the layout of ``window`` (its splitters and tables found as its
    descendants) in ``settings()``; the screen on view through ``current_screen`` and
    ``show_screen``; whether each of ``toggles`` (checkable actions such as View › Details
    pane, keyed by object name) is on."""

    def __init__(self, window: QWidget, settings: Callable[[], QSettings],
                 current_screen: Callable[[], str], show_screen: Callable[[str], bool],
                 toggles: Sequence[QAction] = ()) -> None:
        self._window = window
        self._toggles = tuple(toggles)
        self._settings = settings
        self._current_screen = current_screen
        self._show_screen = show_screen
        #: The window's geometry came from the settings (else the caller sizes it).
        self.geometry_restored = False
        #: The splitters whose sizes came from the settings.
        self.splitters_restored: set[QSplitter] = set()

    def _splitters(self, under: QWidget | None = None) -> list[QSplitter]:
        return (under or self._window).findChildren(QSplitter)

    def _headers(self, under: QWidget | None = None
                 ) -> list[tuple[str, QAbstractItemView, QHeaderView]]:
        found = []
        for view in (under or self._window).findChildren(QAbstractItemView):
            header = getattr(view, "horizontalHeader", None) or getattr(view, "header", None)
            if callable(header) and isinstance(heading := header(), QHeaderView) \
                    and not heading.isHidden():  # a calendar's own table hides its header
                found.append((widget_key(view, self._window), view, heading))
        return found

    def save(self) -> None:
        settings = self._settings()
        settings.beginGroup(GROUP)
        settings.setValue("window/geometry", self._window.saveGeometry())
        save_state = getattr(self._window, "saveState", None)
        if callable(save_state):
            settings.setValue("window/state", save_state())
        settings.setValue("screen", self._current_screen())
        for toggle in self._toggles:
            settings.setValue(f"toggles/{toggle.objectName()}", toggle.isChecked())
        for splitter in self._splitters():
            settings.setValue(f"splitters/{widget_key(splitter, self._window)}",
                              splitter.saveState())
        for key, _view, header in self._headers():
            settings.setValue(f"tables/{key}/columns", header.count())
            settings.setValue(f"tables/{key}/header", header.saveState())
        settings.endGroup()
        settings.sync()

    def restore(self) -> None:
        self.restore_geometry()
        self.restore_layout()

    def restore_geometry(self) -> None:
        """The window's size and place, as saved (before it is shown)."""
        settings = self._settings()
        settings.beginGroup(GROUP)
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.geometry_restored = self._window.restoreGeometry(geometry)
        settings.endGroup()

    def restore_layout(self) -> None:
        """The window's docks and toolbars, splitters, tables, toggles and the screen on
        view, as saved (once they are built)."""
        settings = self._settings()
        settings.beginGroup(GROUP)
        state = settings.value("window/state")
        restore_state = getattr(self._window, "restoreState", None)
        if isinstance(state, QByteArray) and callable(restore_state):
            restore_state(state)
        self._restore_views(settings)
        for toggle in self._toggles:
            checked = settings.value(f"toggles/{toggle.objectName()}")
            if checked is not None:
                toggle.setChecked(str(checked).lower() == "true")
        screen = settings.value("screen")
        settings.endGroup()
        if isinstance(screen, str) and screen:
            self._show_screen(screen)


    def restore_under(self, widget: QWidget) -> None:
        """The splitters and tables under ``widget`` as saved (a screen built after start)."""
        settings = self._settings()
        settings.beginGroup(GROUP)
        self._restore_views(settings, widget)
        settings.endGroup()

    def _restore_views(self, settings: QSettings, under: QWidget | None = None) -> None:
        for splitter in self._splitters(under):
            saved = settings.value(f"splitters/{widget_key(splitter, self._window)}")
            if isinstance(saved, QByteArray) and splitter.restoreState(saved):
                self.splitters_restored.add(splitter)
        for key, view, header in self._headers(under):
            columns = settings.value(f"tables/{key}/columns")
            saved = settings.value(f"tables/{key}/header")
            fits = str(columns) == str(header.count()) and header.count() > 0
            if fits and isinstance(saved, QByteArray) and _restore_header(header, saved):
                view.setProperty(WIDTHS_REMEMBERED, True)


def _restore_header(header: QHeaderView, saved: QByteArray) -> bool:
    """Widths, order and sort of ``header``'s columns; a sorting view sorts again.

    How each column resizes (stretches, fits its contents, or is the user's to drag) stays
    as the program sets it now: a saved state carries the modes of the version that saved
    it, and restoring them undid later fixes (a pane made to fit at 125 % came back with
    its last column past the edge for everyone with a remembered layout)."""
    modes = [header.sectionResizeMode(section) for section in range(header.count())]
    stretch_last = header.stretchLastSection()
    if not header.restoreState(saved):
        return False
    header.setStretchLastSection(stretch_last)
    for section, mode in enumerate(modes):
        if header.sectionResizeMode(section) != mode:
            header.setSectionResizeMode(section, mode)
    view = header.parentWidget()
    sorting = getattr(view, "isSortingEnabled", None)
    sort_by = getattr(view, "sortByColumn", None)
    if callable(sorting) and sorting() and callable(sort_by):
        section = header.sortIndicatorSection()
        if 0 <= section < header.count():
            sort_by(section, header.sortIndicatorOrder())
    return True


"""What holds colours re-renders when the palette changes (light ↔ dark, at run time).

Rich text and style sheets carry colours as text, so Qt cannot recolour them: each is given
here as a function of the theme, run now and again after every application palette change
(a View › Appearance choice, or the desktop switching its colour scheme). Models need
nothing: they read :func:`licenseapp.gui.theme.current` when the view asks for a colour.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QWidget,
)

from licenseapp.gui.theme import Ink, Theme, Tone, current

_FOLLOWER = "themeFollower"


class ThemeWatcher(QObject):
    """Signal: ``changed()`` after the application's palette changed.

    Told by the application's ``paletteChanged`` signal (deprecated by Qt for an event
    filter, and kept on purpose): a filter on the application would see every event of
    every object, a call into Python each, which waits for the interpreter while a loading
    worker runs (with a busy worker a 10,000-row table repainted in twice the time under
    three such filters)."""

    changed = Signal()


def watcher() -> ThemeWatcher:
    """The application's one watcher (made on first use, owned by the application)."""
    app = QCoreApplication.instance()
    assert isinstance(app, QGuiApplication), "a QApplication exists before any widget"
    found = app.findChild(ThemeWatcher, "themeWatcher", Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(found, ThemeWatcher):
        return found
    made = ThemeWatcher(app)
    made.setObjectName("themeWatcher")
    app.paletteChanged.connect(made.changed)
    return made


class ThemeFollower(QObject):
    """Keeps, for one widget, the renders to run again when the palette changes."""

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self.setObjectName(_FOLLOWER)
        self._renders: dict[str, Callable[[], None]] = {}
        watcher().changed.connect(self.rerender)

    def keep(self, key: str, render: Callable[[], None]) -> None:
        self._renders[key] = render
        render()

    @Slot()
    def rerender(self) -> None:
        for render in list(self._renders.values()):
            render()


def on_theme(owner: QObject, render: Callable[[], None], key: str = "") -> None:
    """Run ``render`` now, and again after each palette change while ``owner`` lives
    (a later call with the same ``key`` replaces it)."""
    found = owner.findChild(ThemeFollower, _FOLLOWER, Qt.FindChildOption.FindDirectChildrenOnly)
    follower = found if isinstance(found, ThemeFollower) else ThemeFollower(owner)
    follower.keep(key, render)


def show_html(browser: QTextBrowser, render: Callable[[], str]) -> None:
    """Show ``render()`` in ``browser``, rendered again in the new colours on a change."""
    on_theme(browser, lambda: browser.setHtml(render()), "html")


def themed_style(widget: QWidget, style: Callable[[Theme], str]) -> None:
    """``widget``'s style sheet as a function of the theme ('' for none)."""
    on_theme(widget, lambda: widget.setStyleSheet(style(current())), "style")


def ink_style(widget: QWidget, ink: Ink | None, extra: str = "") -> None:
    """Text of ``widget`` in ``ink`` (None: the palette's own) plus ``extra`` CSS."""
    themed_style(widget, lambda theme: (f"color: {theme.hex(ink)}; " if ink else "") + extra)


def make_hint(label: QLabel) -> QLabel:
    """A note beside the values: muted, yet readable (4.5:1), in both light and dark."""
    ink_style(label, Ink.HINT)
    return label


#: On a list or table widget's item: the :class:`Ink` of its text, the :class:`Tone` of
#: its background (kept as values, painted from the theme and again on a change).
INK_ROLE = Qt.ItemDataRole.UserRole + 901
TINT_ROLE = Qt.ItemDataRole.UserRole + 902


def paint_item(item: QListWidgetItem | QTableWidgetItem, *, ink: Ink | None = None,
               tint: Tone | None = None) -> None:
    """Colour ``item`` by meaning; :func:`follow_items` keeps it so after a change."""
    theme = current()
    if ink is not None:
        item.setData(INK_ROLE, ink.value)
        item.setForeground(QBrush(theme.ink(ink)))
    if tint is not None:
        item.setData(TINT_ROLE, tint.value)
        item.setBackground(QBrush(theme.badge(tint).background))


def follow_items(view: QListWidget | QTableWidget) -> None:
    """Repaint the items of ``view`` given colours by :func:`paint_item` on a change."""
    def repaint() -> None:
        items: list[QListWidgetItem | QTableWidgetItem | None]
        if isinstance(view, QListWidget):
            items = [view.item(n) for n in range(view.count())]
        else:
            items = [view.item(r, c) for r in range(view.rowCount())
                     for c in range(view.columnCount())]
        for item in items:
            if item is None:
                continue
            ink, tint = item.data(INK_ROLE), item.data(TINT_ROLE)
            paint_item(item, ink=Ink(ink) if ink else None, tint=Tone(tint) if tint else None)

    on_theme(view, repaint, "items")

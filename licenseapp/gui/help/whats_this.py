"""Help › What's this? (Shift+F1): point at any control to read what it is for.

Qt's "What's this" mode only answers for widgets given a "what's this" text, and ours carry
their explanation as a tool tip (and a name for screen readers). This filter answers for
every widget from what it already has: its accessible name as the title, its tip (or the tip
of the cell pointed at in a list, or of the nearest enclosing widget that has one) as the
text — one explanation, kept in one place, shown three ways. Shift+F1 works in the main
window and in every dialog and the wizard (they are windows of their own).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAccessible, QAction, QHelpEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWhatsThis, QWidget

#: Said when a control has neither a name nor a tip.
NOTHING_TO_SAY = "No explanation for this part."
#: Said under every explanation.
MORE = "F1 opens the guide at this screen."


def _tip(widget: QWidget, at: QPoint) -> str:
    """The tip of the cell at ``at`` (in ``widget``), else of the widget or the nearest
    enclosing one that has a tip."""
    view = widget.parentWidget()
    if isinstance(view, QAbstractItemView) and widget is view.viewport():
        index = view.indexAt(at)
        if index.isValid():
            cell = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(cell, str) and cell.strip():
                return cell
    found: QWidget | None = widget
    while found is not None and not found.isWindow():
        if found.toolTip().strip():
            return found.toolTip()
        found = found.parentWidget()
    return ""


def _name(widget: QWidget) -> str:
    """What a screen reader calls ``widget`` (a button's text, a field's label…), else the
    name of the nearest enclosing widget that has one."""
    found: QWidget | None = widget
    while found is not None and not found.isWindow():
        spoken = QAccessible.queryAccessibleInterface(found)
        name = spoken.text(QAccessible.Text.Name) if spoken is not None else ""
        if name.strip():
            return name.replace("&&", "\0").replace("&", "").replace("\0", "&")
        found = found.parentWidget()
    return ""


def explanation(widget: QWidget, at: QPoint) -> str:
    """What the "what's this" bubble says about ``widget`` pointed at ``at`` (rich text)."""
    if widget.whatsThis():
        return widget.whatsThis()
    name, tip = _name(widget), _tip(widget, at)
    more = f"<p><i>{escape(MORE)}</i></p>"
    if not name and not tip:
        return f"<p>{escape(NOTHING_TO_SAY)}</p>{more}"
    tip_html = tip if tip.lstrip().startswith("<") else escape(tip).replace("\n", "<br>")
    parts = [f"<b>{escape(name)}</b>"] if name and name not in tip else []
    if tip:
        parts.append(tip_html)
    return "<p>" + "</p><p>".join(parts) + "</p>" + more


class WhatsThisFilter(QObject):
    """Answers the "what's this" questions of widgets that have no text of their own.

    Installed on the application only while the mode lasts (:func:`enter_whats_this_mode`):
    a filter on the application sees every event of every object, a call into Python
    each, which waits for the interpreter while a loading worker runs (with a busy worker
    a 10,000-row table repainted in twice the time under three such filters)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.LeaveWhatsThisMode:  # told to each window: the mode is over
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self.deleteLater()
            return False
        if kind not in (QEvent.Type.QueryWhatsThis, QEvent.Type.WhatsThis) \
                or not isinstance(watched, QWidget) or watched.whatsThis():
            return False
        if kind == QEvent.Type.QueryWhatsThis:
            event.accept()
            return True
        assert isinstance(event, QHelpEvent)
        QWhatsThis.showText(event.globalPos(), explanation(watched, event.pos()), watched)
        return True


def enter_whats_this_mode() -> None:
    """Qt's "what's this" mode, with the filter that lets every widget answer while it
    lasts (it leaves with the mode)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not QWhatsThis.inWhatsThisMode() \
            and app.findChild(WhatsThisFilter) is None:
        app.installEventFilter(WhatsThisFilter(app))
    QWhatsThis.enterWhatsThisMode()


def what_is_this_action(parent: QObject) -> QAction:
    """Help › What's this? (Shift+F1)."""
    action = QAction("&What's this?", parent)
    action.setShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F1))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.setStatusTip("Point at any part of the window and click to read what it is for")
    action.triggered.connect(enter_whats_this_mode)
    return action

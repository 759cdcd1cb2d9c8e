"""Walking windows for controls a screen reader cannot name, and opening dialogs to walk.

A control's name is what Qt's accessibility gives a screen reader: its accessible name, else
its text (a button, a check box), else its label (a buddy, or its label in a form layout).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QLabel,
    QMenu,
    QMenuBar,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QWidget,
)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _part_of_another_control(widget: QWidget) -> bool:
    """Inner parts a screen reader reaches through their control: a drop-down's or a spin
    box's line edit, a scroll area's viewport, a calendar's cells."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QCalendarWidget)):
            return True
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            return True
        parent = parent.parentWidget() if not parent.isWindow() else None
    return False


def describe(widget: QWidget) -> str:
    """Where a control is, in words a developer can find it by."""
    path = []
    node: QWidget | None = widget
    while node is not None and not node.isWindow():
        path.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    window = widget.window()
    title = window.windowTitle() or type(window).__name__
    tip = f" (tip: {widget.toolTip()[:50]!r})" if widget.toolTip() else ""
    return f"{title}: {type(widget).__name__} at {' < '.join(path[:4])}{tip}"


def unnamed_controls(root: QWidget) -> list[str]:
    """Each control under ``root`` (shown, taking focus) without an accessible name, on
    every tab of its tab widgets."""
    found = _unnamed_shown(root)
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisibleTo(root):
            continue
        kept = tabs.currentIndex()
        for n in range(tabs.count()):
            if tabs.isTabEnabled(n) and n != kept:
                tabs.setCurrentIndex(n)
                found += _unnamed_shown(root)
        tabs.setCurrentIndex(kept)
    return list(dict.fromkeys(found))


def _unnamed_shown(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        shown = widget.isVisible() if widget is root else widget.isVisibleTo(root)
        if not shown or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.focusProxy() is not None or _part_of_another_control(widget):
            continue
        if isinstance(widget, (QScrollBar, QMenu, QMenuBar, QDialog)):
            continue  # a window's title names it; menus name their entries
        if isinstance(widget, QTabBar) and all(widget.tabText(n) for n in range(widget.count())):
            continue  # each tab is named by its text
        if isinstance(widget, QLabel) and not widget.text().strip():
            continue  # an empty message: nothing to read, not a control
        if widget.window() is not root.window():
            continue  # a popup of its own
        if not accessible_name(widget):
            found.append(describe(widget))
    return found


def new_dialogs(before: list[QWidget]) -> list[QDialog]:
    """Dialogs shown now that are none of ``before`` (kept as objects: an id of a freed
    wrapper is soon another's)."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and not any(w is b for b in before)]


def open_and_walk(trigger: Callable[[], None], offenders: dict[str, list[str]],
                  opened: list[str], *, settle_ms: int = 400, timeout_ms: int = 6000) -> None:
    """Run ``trigger``; walk each dialog it opens (also one opened modally, with ``exec``:
    the walk runs from a timer inside its event loop), note its class, then close it."""
    before = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    first_seen: list[tuple[QDialog, float]] = []
    done: list[QWidget] = []
    start = time.monotonic()

    def poll() -> None:
        now = time.monotonic()
        for dialog in new_dialogs(before + done):
            seen = next((t for d, t in first_seen if d is dialog), None)
            if seen is None:
                first_seen.append((dialog, now))
                continue
            if (now - seen) * 1000 < settle_ms:
                continue
            name = type(dialog).__name__
            opened.append(name)
            ours = type(dialog).__module__.startswith("licenseapp.")  # not Qt's file dialog
            if ours and (missing := unnamed_controls(dialog)):
                offenders.setdefault(name, []).extend(missing)
            done.append(dialog)
            dialog.reject()
            dialog.close()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(poll)
    timer.start()
    try:
        trigger()
        while (time.monotonic() - start) * 1000 < timeout_ms:
            QApplication.processEvents()
            pending = new_dialogs(before + done)
            elapsed = (time.monotonic() - start) * 1000
            if not pending and (done or (not first_seen and elapsed > 1500)):
                break
            time.sleep(0.02)
    finally:
        timer.stop()
    for dialog in new_dialogs(before):
        dialog.reject()
        dialog.close()
    QApplication.processEvents()

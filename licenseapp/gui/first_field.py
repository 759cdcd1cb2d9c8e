"""Where the keyboard goes when a dialog opens: its first field.

"First" is the first input (a line edit, text box, combo box, spin box, the chosen radio
button of a group, a check box) in the dialog's Tab order that is visible, enabled and
editable - not the tab bar or a button above it, so what is typed right after the dialog
opens lands in that field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QRadioButton,
           QCheckBox)


def _takes_typing(widget: QWidget, root: QWidget) -> bool:
    if not isinstance(widget, _INPUTS) or not root.isAncestorOf(widget):
        return False
    if not (widget.isVisibleTo(root) and widget.isEnabled()):
        return False
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return False
    if isinstance(widget, QRadioButton) and not widget.isChecked():
        parent = widget.parentWidget()
        group = parent.findChildren(QRadioButton) if parent is not None else []
        if any(r.isChecked() and r.parentWidget() is parent for r in group):
            return False  # Tab goes to the chosen one of the group
    read_only = getattr(widget, "isReadOnly", None)
    return not (callable(read_only) and read_only())


def first_field(root: QWidget) -> QWidget | None:
    """The first widget of ``root``'s Tab order that takes typing, or None."""
    widget = root.nextInFocusChain()
    for _step in range(5_000):  # the chain is a ring; a bound keeps a bad one finite
        if widget is None or widget is root:
            return None
        if _takes_typing(widget, root):
            # a combo box's line edit is reached through the combo box
            parent = widget.parentWidget()
            return parent if isinstance(parent, QComboBox) else widget
        widget = widget.nextInFocusChain()
    return None


def focus_first_field(root: QWidget) -> None:
    """Put the keyboard in ``root``'s first field, unless a field already has it."""
    focused = QApplication.focusWidget()
    if focused is not None and _takes_typing(focused, root):
        return
    field = first_field(root)
    if field is not None:
        field.setFocus(Qt.FocusReason.TabFocusReason)

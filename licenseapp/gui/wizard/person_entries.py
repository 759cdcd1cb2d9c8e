"""The wizard's people list: each person drawn whole, in any script, apart from the next.

An entry is two lines, the name (with the native-script name) and the reference with
citizenships and status. Qt's own item delegate sized a row by the list's font alone and
elided what did not fit: Arabic and Devanagari names, drawn in taller fallback fonts, lost
their second line to "…", and nothing told one entry from the next. Here each line is laid
out with Qt's text layout (which measures the fallback fonts really used), wrapped rather
than cut when the list is narrow, and entries are padded and ruled apart.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex

#: Space above and below an entry's text, in pixels; the rule between entries is in it.
PADDING = 6
_SIDE = 6


def laid_out(text: str, font: QFont, width: float) -> tuple[QTextLayout, float]:
    """``text`` laid out in lines of at most ``width`` pixels (wrapped at words, or anywhere
    in a word longer than that); returns the layout and its height."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)  # mixed: bidi per run
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1.0))
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return layout, height


class PersonEntryDelegate(QStyledItemDelegate):
    """Draws an item's text (lines split at ``\\n``, the first in bold) whole."""

    def _fonts(self, option: QStyleOptionViewItem) -> list[QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return [bold, QFont(option.font)]

    def _text_width(self, option: QStyleOptionViewItem) -> float:
        width = option.rect.width()
        widget = option.widget
        if width <= 0 and isinstance(widget, QAbstractItemView):
            width = widget.viewport().width()
        return max(width - 2 * _SIDE, 40)

    def _layouts(self, option: QStyleOptionViewItem, index: AnyIndex
                 ) -> list[tuple[QTextLayout, float]]:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        fonts = self._fonts(option)
        width = self._text_width(option)
        return [laid_out(line, fonts[min(n, 1)], width)
                for n, line in enumerate(text.split("\n"))]

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        self.initStyleOption(option, index)
        height = sum(h for _layout, h in self._layouts(option, index))
        return QSize(int(self._text_width(option)) + 2 * _SIDE,
                     int(height + 0.999) + 2 * PADDING + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        text_free = QStyleOptionViewItem(option)
        text_free.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_free, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (QPalette.ColorGroup.Normal if option.state & QStyle.StateFlag.State_Enabled
                 else QPalette.ColorGroup.Disabled)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(option.palette.color(group, role))
        y = float(option.rect.top() + PADDING)
        for layout, height in self._layouts(option, index):
            layout.draw(painter, QPointF(option.rect.left() + _SIDE, y))
            y += height
        painter.setPen(option.palette.color(QPalette.ColorGroup.Normal,
                                            QPalette.ColorRole.Mid))
        bottom = option.rect.bottom()
        painter.drawLine(QPointF(option.rect.left(), bottom),
                         QPointF(option.rect.right(), bottom))
        painter.restore()

    def text_rect(self, option: QStyleOptionViewItem, index: AnyIndex) -> QRectF:
        """Where the text of ``index`` is drawn in an item at ``option.rect``."""
        height = sum(h for _layout, h in self._layouts(option, index))
        return QRectF(option.rect.left() + _SIDE, option.rect.top() + PADDING,
                      self._text_width(option), height)


def use_person_entries(people: QListWidget, parent: QWidget | None = None) -> PersonEntryDelegate:
    """Draw ``people``'s entries whole; rows are laid out again when the list is resized
    (a narrower list wraps, so entries grow taller)."""
    delegate = PersonEntryDelegate(parent or people)
    people.setItemDelegate(delegate)
    people.setUniformItemSizes(False)
    people.setWordWrap(True)
    people.setResizeMode(QListWidget.ResizeMode.Adjust)
    people.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return delegate

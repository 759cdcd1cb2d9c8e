"""Fusion, with check boxes and radio buttons that show on a dark palette.

Fusion draws an unchecked indicator as a box of the base colour edged in the window colour
made darker: on a dark palette both are near black, and an unchecked box in a table or on a
page could not be seen (a "Release" column of empty boxes looked empty). Each indicator gets
Fusion's edge colour moved just far enough to keep 3:1 against both (WCAG's contrast for
the parts of a control).

The same goes for Qt's own one-colour arrows (the file dialog's "Parent folder", back and
forward): drawn black, they vanished on a dark palette; there they are painted in the
palette's button text colour."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from licenseapp.gui.theme import is_dark, readable
from licenseapp.gui.themed_icons import painted_in

#: WCAG 2.1's minimum contrast for the boundary of a control (1.4.11).
EDGE_CONTRAST = 3.0

_INDICATORS = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
}

#: Qt's black one-colour icons that a dark palette needs painted light.
_ONE_COLOUR_ICONS = {
    QStyle.StandardPixmap.SP_FileDialogToParent, QStyle.StandardPixmap.SP_ArrowBack,
    QStyle.StandardPixmap.SP_ArrowForward, QStyle.StandardPixmap.SP_ArrowUp,
    QStyle.StandardPixmap.SP_ArrowDown, QStyle.StandardPixmap.SP_ArrowLeft,
    QStyle.StandardPixmap.SP_ArrowRight,
}


def edge_colour(palette: QPalette) -> QColor:
    """Fusion's own edge colour, moved only as far as it must to keep
    :data:`EDGE_CONTRAST` against the base (inside a box) and the window (around it)."""
    base, window = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Window)
    return readable(window.darker(140), base, window, minimum=EDGE_CONTRAST)


class ReadableIndicatorStyle(QProxyStyle):
    """Fusion whose check box and radio button indicators carry a visible edge."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _INDICATORS:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(edge_colour(option.palette))  # type: ignore[attr-defined]
        pen.setWidthF(1.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)  # type: ignore[attr-defined]
        if element is QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 1.5, 1.5)
        painter.restore()

    def standardIcon(self, standard: QStyle.StandardPixmap,
                     option: QStyleOption | None = None,
                     widget: QWidget | None = None) -> QIcon:
        icon = super().standardIcon(standard, option, widget)
        if standard not in _ONE_COLOUR_ICONS:
            return icon
        palette = option.palette if option is not None else (  # type: ignore[attr-defined]
            widget.palette() if widget is not None else QApplication.palette())
        if not is_dark(palette.color(QPalette.ColorRole.Window)):
            return icon
        return painted_in(icon, palette)

"""Icons that follow the theme: Qt's built-in arrows are drawn black, which vanishes on a
dark toolbar; where the desktop's icon theme has no icon of that name, the built-in one is
painted in the palette's text colour, again after each palette change."""

from __future__ import annotations

from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from licenseapp.gui.theme_follow import on_theme

#: Pixel sizes painted (menus, toolbars, high-DPI toolbars).
SIZES = (16, 22, 24, 32, 48)


def _filled(pixmap: QPixmap, colour: QColor) -> QPixmap:
    painter = QPainter(pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(pixmap.rect(), colour)
    painter.end()
    return pixmap


def painted(icon: QIcon, colour: QColor, disabled: QColor | None = None) -> QIcon:
    """``icon``'s shape filled with ``colour`` (for a one-colour icon), and with
    ``disabled`` when its button or action is disabled."""
    result = QIcon()
    for size in SIZES:
        pixmap = icon.pixmap(size, size)
        if pixmap.isNull():
            continue
        result.addPixmap(_filled(QPixmap(pixmap), colour))
        if disabled is not None:
            result.addPixmap(_filled(QPixmap(pixmap), disabled), QIcon.Mode.Disabled)
    return result


def painted_in(icon: QIcon, palette: QPalette) -> QIcon:
    """``icon`` painted in ``palette``'s button text colours (enabled and disabled)."""
    return painted(icon, palette.color(QPalette.ColorRole.ButtonText),
                   palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText))


def follow_standard_icon(action: QAction, theme_name: str,
                         standard: QStyle.StandardPixmap) -> None:
    """Give ``action`` the icon theme's ``theme_name``, else Qt's ``standard`` one in the
    palette's text colour, and keep it so through theme changes."""
    def render() -> None:
        icon = QIcon.fromTheme(theme_name)
        if icon.isNull():
            icon = painted_in(QApplication.style().standardIcon(standard),
                              QApplication.palette())
        action.setIcon(icon)

    on_theme(action, render, key="icon")



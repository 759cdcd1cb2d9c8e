"""The application's icon: drawn in ``resources/icons/licenseapp.svg``, shipped as PNGs of
every size a desktop asks for (rendered by ``scripts/render_icons.py``), and a Windows .ico
for the bundle. The window takes it from the application (:func:`install_icon`); the
.desktop file names it by :data:`ICON_NAME`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from licenseapp.paths import resource_path

#: The icon's name: its files' stem and the .desktop file's ``Icon=``.
ICON_NAME = "licenseapp"
#: The rendered sizes, in pixels (the .ico holds those up to 256).
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_file(size: int | None = None, suffix: str = "png") -> Path:
    """A shipped icon file: the PNG of ``size``, or ``suffix`` "svg" / "ico"."""
    name = f"{ICON_NAME}-{size}.{suffix}" if size is not None else f"{ICON_NAME}.{suffix}"
    return resource_path("icons", name)


def application_icon() -> QIcon:
    """The icon at every rendered size, so Qt picks a crisp one for each place."""
    icon = QIcon()
    for size in PNG_SIZES:
        icon.addFile(str(icon_file(size)))
    return icon


def install_icon(app: QApplication) -> None:
    """Every window of ``app`` shows the application's icon."""
    app.setWindowIcon(application_icon())

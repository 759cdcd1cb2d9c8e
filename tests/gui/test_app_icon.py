"""The application icon: its source and every rendered file exist and hold what they say,
the window shows it, the .desktop file and the bundle spec name it."""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from licenseapp.gui.app_icon import ICON_NAME, PNG_SIZES, icon_file, install_icon
from licenseapp.gui.main_window import MainWindow

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def test_every_size_is_rendered_from_the_drawing() -> None:
    assert QSvgRenderer(str(icon_file(suffix="svg"))).isValid()
    for size in PNG_SIZES:
        image = QImage(str(icon_file(size)))
        assert image.size() == QSize(size, size), size
        assert image.hasAlphaChannel()
        # Drawn, not blank: the centre pixel is opaque (the document).
        assert image.pixelColor(size // 3, size // 2).alpha() == 255, size


def test_the_windows_icon_holds_the_sizes_up_to_256() -> None:
    data = icon_file(suffix="ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sides = []
    for entry in range(count):
        side, _h, _c, _r, _planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * entry)
        image = QImage.fromData(data[offset:offset + length])
        assert bits == 32 and not image.isNull()
        assert image.width() == (side or 256)
        sides.append(side or 256)
    assert sides == [size for size in PNG_SIZES if size <= 256]


def test_the_window_shows_the_icon(qtbot, runner) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.windowIcon()
    install_icon(app)
    try:
        window = MainWindow(runner)
        qtbot.addWidget(window)
        icon = window.windowIcon()
        assert not icon.isNull()
        assert {size.width() for size in icon.availableSizes()} >= {16, 32, 48, 256}
        window.close()
    finally:
        app.setWindowIcon(previous)


def test_the_desktop_file_and_the_bundle_name_it() -> None:
    desktop = (PACKAGING / "licenseapp.desktop").read_text(encoding="utf-8")
    assert f"Icon={ICON_NAME}\n" in desktop
    spec = (PACKAGING / "licenseapp.spec").read_text(encoding="utf-8")
    assert 'ICONS = ROOT / "resources" / "icons"' in spec
    assert f'icon=str(ICONS / "{ICON_NAME}.ico")' in spec  # Windows; the .desktop's on Linux

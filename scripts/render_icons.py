"""Render the application icon (resources/icons/licenseapp.svg) to the PNG sizes desktops
and bundles ask for, and a Windows .ico holding them; run again after editing the SVG:

    .venv/bin/python scripts/render_icons.py

The .ico is written here (it is a small container: a header, one directory entry per size,
then each size as PNG data), so nothing beyond Qt is needed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from licenseapp.gui.app_icon import ICON_NAME, PNG_SIZES

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / f"{ICON_NAME}.svg"
ICO_SIZES = tuple(size for size in PNG_SIZES if size <= 256)  # an .ico entry says up to 256


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon at ``size`` × ``size`` pixels, as PNG."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon file holding each PNG (ICONDIR, ICONDIRENTRY per image, the images)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 says 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE} is not a valid SVG", file=sys.stderr)
        return 1
    pngs = {size: render(renderer, size) for size in PNG_SIZES}
    for size, png in pngs.items():
        (ICONS / f"{ICON_NAME}-{size}.png").write_bytes(png)
    (ICONS / f"{ICON_NAME}.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    print(f"Wrote {len(pngs)} PNGs and {ICON_NAME}.ico to {ICONS}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

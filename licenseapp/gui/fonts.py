"""The shipped fonts, registered with Qt so every script in the demo data renders.

Without them a machine lacking CJK or Devanagari fonts shows empty boxes. The application
font is "Noto Sans" with the other shipped families as fallbacks, in that order, so a cell
mixing Latin and Chinese or Arabic finds a glyph for every character.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from licenseapp.fonts import SHIPPED_FONTS

log = logging.getLogger(__name__)

PRIMARY_FAMILY = "Noto Sans"


def fallback_families() -> list[str]:
    """The shipped families, primary first, each once."""
    families: list[str] = [PRIMARY_FAMILY]
    for font in SHIPPED_FONTS:
        if font.family not in families:
            families.append(font.family)
    return families


def register_shipped_fonts(primary: bool | None = None) -> list[str]:
    """Register the shipped font files with Qt — all, or only the primary family's
    (``primary=True``) or only the others (``primary=False``); returns the families loaded.

    A missing or unreadable file is logged and skipped: the app still starts, with the
    system fonts for that script.
    """
    loaded: list[str] = []
    for font in SHIPPED_FONTS:
        if primary is not None and (font.family == PRIMARY_FAMILY) != primary:
            continue
        font_id = QFontDatabase.addApplicationFont(str(font.path))
        if font_id < 0:
            log.warning("could not load the font %s", font.path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in loaded:
                loaded.append(family)
    return loaded


def apply_application_font(app: QApplication) -> QFont:
    """Make the shipped families the application font, keeping the platform's size."""
    font = QFont(app.font())
    font.setFamilies(fallback_families())
    app.setFont(font)
    return font


def install_fonts(app: QApplication, *, fallbacks_later: bool = False) -> list[str]:
    """The shipped fonts registered and made the application font. With
    ``fallbacks_later`` only the primary family is registered now (what the window's
    frame is drawn in); the caller registers the others with
    ``register_shipped_fonts(primary=False)`` before any record's name is shown."""
    loaded = register_shipped_fonts(primary=True if fallbacks_later else None)
    apply_application_font(app)
    return loaded

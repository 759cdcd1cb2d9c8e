"""The main window's status bar: the applications counted, where the database is, who acts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from licenseapp.gui.personal_settings import user_label_text

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow


def make_status_bar(window: MainWindow) -> None:
    bar = window.statusBar()
    window.counts_label = QLabel()
    window.location_label = QLabel("No database open")
    window.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    window.user_label = QLabel(user_label_text(window.context))
    bar.addPermanentWidget(window.counts_label)
    bar.addPermanentWidget(window.location_label)
    bar.addPermanentWidget(window.user_label)


def counts_text(shown: int, total: int, loaded: bool) -> str:
    """'1,234 applications' or '12 of 1,234 applications shown'; nothing before the list is in."""
    if not loaded:
        return ""
    if shown == total:
        return f"{total:,} application{'' if total == 1 else 's'}"
    return f"{shown:,} of {total:,} applications shown"

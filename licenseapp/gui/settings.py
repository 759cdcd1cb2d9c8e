"""The user's settings: the name recorded on events, the license renewal window.

Each option is declared once (key, type, default). They are kept with ``QSettings`` (an
INI file in the user's configuration directory). The display name reaches the services
through ``$LICENSEAPP_USER`` (:func:`licenseapp.config.current_user`), set at start by
:func:`apply_user_setting` and again whenever the user changes it.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from licenseapp.config import USER_ENV, current_user
from licenseapp.domain.deadlines import DEFAULT_RENEWAL_WINDOW_DAYS

ORGANIZATION = "LicenseApp"
APPLICATION = "LicenseApp"

DISPLAY_NAME_KEY = "user/display_name"
RENEWAL_WINDOW_KEY = "deadlines/renewal_window_days"
RENEWAL_WINDOW_RANGE = (1, 365)

#: The operating-system login (or $LICENSEAPP_USER) as found at start, before any setting.
_login_at_start: str | None = None


def store() -> QSettings:
    """Where the settings live (tests redirect it with ``QSettings.setPath``)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def display_name(settings: QSettings | None = None) -> str:
    """The name set in the settings ('' when none: the login name is used)."""
    value = (settings or store()).value(DISPLAY_NAME_KEY, "")
    return str(value).strip() if value else ""


def renewal_window_days(settings: QSettings | None = None) -> int:
    """Days before a license expires that its renewal falls due (60 by default)."""
    value = (settings or store()).value(RENEWAL_WINDOW_KEY, DEFAULT_RENEWAL_WINDOW_DAYS)
    try:
        days = int(str(value))
    except ValueError:
        return DEFAULT_RENEWAL_WINDOW_DAYS
    low, high = RENEWAL_WINDOW_RANGE
    return days if low <= days <= high else DEFAULT_RENEWAL_WINDOW_DAYS


def login_name() -> str:
    """Who the user is without a display name set: $LICENSEAPP_USER or the OS login."""
    return _login_at_start if _login_at_start is not None else current_user()


def apply_user_setting(settings: QSettings | None = None) -> str:
    """At start: services record the display name set in the settings, if any.

    Returns the name now recorded on events.
    """
    global _login_at_start
    if _login_at_start is None:
        _login_at_start = current_user()
    name = display_name(settings)
    if name:
        os.environ[USER_ENV] = name
    elif _login_at_start:
        os.environ[USER_ENV] = _login_at_start
    return current_user()


def save_settings(name: str, renewal_days: int, settings: QSettings | None = None) -> None:
    """Keep the settings and apply the display name at once."""
    target = settings or store()
    name = name.strip()
    if name:
        target.setValue(DISPLAY_NAME_KEY, name)
    else:
        target.remove(DISPLAY_NAME_KEY)
    target.setValue(RENEWAL_WINDOW_KEY, int(renewal_days))
    target.sync()
    apply_user_setting(target)


class SettingsDialog(QDialog):
    """Edit › Settings…: the name recorded on events and the renewal window."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("Settings")
        self.setMinimumWidth(520)

        self.name_edit = QLineEdit(display_name(settings))
        self.name_edit.setPlaceholderText(login_name())
        self.name_edit.setMaxLength(100)
        self.name_edit.setAccessibleName("Your name on events")
        self.name_edit.setClearButtonEnabled(True)
        name_help = QLabel(
            "Recorded as “who” on every status change, reassignment and audit entry. "
            f"Leave empty to use your login name ({login_name()})."
        )
        self.renewal_spin = QSpinBox()
        self.renewal_spin.setRange(*RENEWAL_WINDOW_RANGE)
        self.renewal_spin.setSuffix(" days before expiry")
        self.renewal_spin.setValue(renewal_window_days(settings))
        self.renewal_spin.setAccessibleName("Renewal window")
        renewal_help = QLabel(
            f"When a license renewal falls due on the deadlines screen and in calendar "
            f"exports. Default {DEFAULT_RENEWAL_WINDOW_DAYS} days."
        )
        for label in (name_help, renewal_help):
            label.setWordWrap(True)
            label.setStyleSheet("color: #555;")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Your &name on events:", self.name_edit)
        form.addRow("", name_help)
        form.addRow("License &renewal due:", self.renewal_spin)
        form.addRow("", renewal_help)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)

    def accept(self) -> None:
        save_settings(self.name_edit.text(), self.renewal_spin.value(), self._settings)
        super().accept()


def open_settings(parent: QWidget, on_saved: Callable[[], None]) -> SettingsDialog:
    """Edit › Settings…: open the dialog (window-modal, no nested event loop)."""
    dialog = SettingsDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(on_saved)
    dialog.open()
    return dialog

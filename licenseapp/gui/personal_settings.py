"""The person's own settings, kept with ``QSettings`` (an INI file in the user's
configuration directory), and the status bar's "User: …" made from them.

Light on purpose: the main window reads them before its first paint; Edit › Settings…
(:mod:`licenseapp.gui.settings`) edits them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings

from licenseapp.domain.settings import DISPLAY_NAME, InvalidSetting, Setting, V

if TYPE_CHECKING:
    from licenseapp.context import AppContext

ORGANIZATION = "LicenseApp"
APPLICATION = "LicenseApp"


def store() -> QSettings:
    """Where the personal settings live (tests redirect it with ``QSettings.setPath``)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def personal_key(setting: Setting[Any]) -> str:
    """The ``QSettings`` key of a personal setting ("user/display_name")."""
    return f"user/{setting.name}"


class QtPersonalSettings:
    """The person's own settings, in ``QSettings``; a value that is not one the setting can
    take (an edited file) reads as the default."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings

    def _store(self) -> QSettings:
        return self._settings if self._settings is not None else store()

    def settings(self) -> QSettings:
        """The ``QSettings`` they are kept in (the window's layout is kept there too)."""
        return self._store()

    def value(self, setting: Setting[V]) -> V:
        raw = self._store().value(personal_key(setting))
        if raw is None:
            return setting.default
        try:
            return setting.parse(str(raw))
        except InvalidSetting:
            return setting.default

    def set_value(self, setting: Setting[V], value: V) -> None:
        target = self._store()
        checked = setting.check(value)
        if checked == setting.default:
            target.remove(personal_key(setting))
        else:
            target.setValue(personal_key(setting), setting.to_text(checked))
        target.sync()

    def __repr__(self) -> str:
        return "QtPersonalSettings()"


def user_label_text(context: AppContext) -> str:
    """The status bar's "User: jdoe", with the display name if one is set."""
    name = context.personal.value(DISPLAY_NAME)
    return f"User: {name} ({context.actor})" if name and name != context.actor \
        else f"User: {context.actor}"

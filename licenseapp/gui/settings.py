"""Edit › Settings…: the team's settings, kept in the database, and the person's own.

Both are built from the declarations in :mod:`licenseapp.domain.settings` (label, help,
valid values); nothing here knows a default or a range. Team settings are read and changed
through :mod:`licenseapp.services.team_settings`, off the GUI thread, so the command line
and every colleague using the database see the same values; personal ones are kept with
``QSettings`` (an INI file in the user's configuration directory) by
:class:`~licenseapp.gui.personal_settings.QtPersonalSettings`, which the desktop app's
context carries.

Who is acting is not a setting: it is the login (:attr:`AppContext.actor`), recorded on
every event. The optional display name is shown beside it in the status bar, nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from licenseapp.context import AppContext
from licenseapp.domain.days import local_time
from licenseapp.domain.settings import (
    DISPLAY_NAME,
    PERSONAL_SETTINGS,
    TEAM_SETTINGS,
    NumberSetting,
    Scope,
    Setting,
    TextSetting,
    find_setting,
)
from licenseapp.gui.period_corrections_dialog import add_button as add_periods_button
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme_follow import make_hint
from licenseapp.gui.tracking.service_dialog import ServiceDialog
from licenseapp.gui.window_state import fit_on_screen
from licenseapp.services.changes import NOTHING, Changes

if TYPE_CHECKING:
    from licenseapp.services.team_settings import TeamSettingChange, TeamSettingValue
    from licenseapp.store.database import Database

def _save(db: Database | None, team: Sequence[tuple[str, int | str, int | str]],
          personal: dict[str, int | str]) -> SettingsSaved:
    """Off the GUI thread: check the personal values (refused before anything is recorded),
    then change each team setting ``(name, value, value shown when the dialog opened)``."""
    from licenseapp.services.team_settings import change_team_setting

    checked = {name: find_setting(name, Scope.PERSONAL).check(value)  # type: ignore[arg-type]
               for name, value in personal.items()}
    changes = [change_team_setting(db, name, value, expected=shown)
               for name, value, shown in team] if db is not None else []
    return SettingsSaved(tuple(changes), checked)


def _read_team(db: Database) -> list[TeamSettingValue]:
    from licenseapp.services.team_settings import read_team_settings

    return read_team_settings(db)


@dataclass(frozen=True)
class SettingsSaved:
    """What Save did: the team settings changed (each with what it changed), and the
    personal values to keep."""

    team: tuple[TeamSettingChange, ...]
    personal: Mapping[str, int | str]

    @property
    def changes(self) -> Changes:
        """What the team settings' changes changed, for the screens."""
        found = NOTHING
        for change in self.team:
            found = found | change.changes
        return found


def _origin_text(found: TeamSettingValue) -> str:
    """Where a team setting's value comes from, in words."""
    if found.problem:
        return f"The value stored is not used ({found.problem}); the default applies."
    if found.source == "default":
        return "Never changed: the default applies."
    return (f"Set to {found.shown} by {found.changed_by} on "
            f"{local_time(found.changed_at)}.")


class SettingsDialog(ServiceDialog):
    """The team's settings (for everyone using the database; loaded in the background) and
    the person's own. Save changes the team settings through the service — refused with
    the reason if a value cannot be taken or a colleague changed it meanwhile — and keeps
    the personal ones. ``succeeded(SettingsSaved)``."""

    refused_title = "Settings not saved"

    def __init__(self, runner: TaskRunner, db: Database | None, context: AppContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._db = db
        self._context = context
        self._shown: dict[str, int | str] = {}
        self.loaded = db is None
        self.setWindowTitle("Settings")
        self.setMinimumWidth(560)
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        #: One editor per setting, by name.
        self.editors: dict[str, QSpinBox | QLineEdit] = {}
        #: Under each editor: what the setting does (and for a team one, once loaded, who
        #: set it and when).
        self.help_labels: dict[str, QLabel] = {}

        self.team_box = QGroupBox("For everyone using this database")
        team_form = self._form(self.team_box)
        where = db.location.display if db is not None else ""
        self.team_note = QLabel(
            f"Kept in the database <b>{escape(where)}</b>: these apply to everyone who uses "
            "it, in the desktop app and on the command line. Each change is recorded in the "
            "audit trail with your login." if db is not None else
            "Open a database to see and change the settings its users share.")
        self.team_note.setTextFormat(Qt.TextFormat.RichText)
        self._help(self.team_note)
        team_form.addRow(self.team_note)
        self.status_label = QLabel("Loading the team settings…" if db is not None else "")
        self._help(self.status_label)
        team_form.addRow(self.status_label)
        for setting in TEAM_SETTINGS:
            self._add_editor(team_form, setting)
        self.periods_button = add_periods_button(self, team_form, runner, db)
        self.team_box.setEnabled(False)  # until the values are in

        personal_box = QGroupBox("Only for you, on this computer")
        personal_form = self._form(personal_box)
        for setting in PERSONAL_SETTINGS:
            editor = self._add_editor(personal_form, setting)
            self._show_value(setting, context.personal.value(setting))  # type: ignore[misc]
            if setting is DISPLAY_NAME and isinstance(editor, QLineEdit):
                editor.setPlaceholderText(context.actor)
                editor.setToolTip(f"Events are recorded under your login, {context.actor}.")

        layout = QVBoxLayout(self)
        layout.addWidget(self.team_box)
        layout.addWidget(personal_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.save_button.setEnabled(db is None)
        self.succeeded.connect(self._keep_personal)  # before whoever opened the dialog hears
        if db is not None:
            runner.submit(partial(_read_team, db), self._team_loaded, self._load_failed,
                          context=self)

    # --- building ------------------------------------------------------------------------

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    @staticmethod
    def _help(label: QLabel) -> None:
        label.setWordWrap(True)
        make_hint(label)

    def _add_editor(self, form: QFormLayout, setting: NumberSetting | TextSetting,
                    ) -> QSpinBox | QLineEdit:
        editor: QSpinBox | QLineEdit
        if isinstance(setting, NumberSetting):
            spin = QSpinBox()
            spin.setRange(setting.minimum, setting.maximum)
            spin.setSuffix(f" {setting.unit}" if setting.unit else "")
            spin.setValue(setting.default)
            spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            editor = spin
        else:
            line = QLineEdit()
            line.setMaxLength(setting.max_length)
            line.setClearButtonEnabled(True)
            editor = line
        editor.setAccessibleName(setting.label)
        editor.setObjectName(setting.name)
        label = QLabel(f"{setting.label}:")
        label.setBuddy(editor)
        form.addRow(label, editor)
        help_label = QLabel(self._help_text(setting))
        self._help(help_label)
        form.addRow("", help_label)
        self.help_labels[setting.name] = help_label
        self.editors[setting.name] = editor
        return editor

    @staticmethod
    def _help_text(setting: NumberSetting | TextSetting) -> str:
        if isinstance(setting, NumberSetting):
            valid = setting.valid_values()
            return (f"{setting.help} {valid[:1].upper()}{valid[1:]}; default "
                    f"{setting.show(setting.default)}.")
        return setting.help

    def _show_value(self, setting: Setting[Any], value: int | str) -> None:
        editor = self.editors[setting.name]
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        else:
            editor.setText(str(value))

    def _typed(self, setting: NumberSetting | TextSetting) -> int | str:
        editor = self.editors[setting.name]
        if isinstance(editor, QSpinBox):
            editor.interpretText()  # what was typed counts, even before the field is left
            return editor.value()
        return editor.text().strip()

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    # --- loading -------------------------------------------------------------------------

    def _team_loaded(self, found: Sequence[TeamSettingValue]) -> None:
        for value in found:
            self._shown[value.setting.name] = value.value
            self._show_value(value.setting, value.value)
            self.help_labels[value.setting.name].setText(
                f"{self._help_text(value.setting)}\n{_origin_text(value)}")
        self.status_label.hide()
        self.loaded = True
        self.team_box.setEnabled(True)
        self.save_button.setEnabled(True)
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """The help texts gained a line each (who set the value, and when) after the dialog
        opened at its first size: grow it so no text is cut or runs under the next field
        (at 125 % the threshold's did), within the screen."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            fit_on_screen(self, QSize(self.width(), needed))

    def _load_failed(self, exc: BaseException) -> None:
        self.status_label.setText("The team settings could not be read; only your own "
                                  "settings can be changed now.")
        self.loaded = True
        self.save_button.setEnabled(True)
        self._runner.report_error(exc)

    # --- saving --------------------------------------------------------------------------

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.team_box.setEnabled(enabled and self._db is not None and bool(self._shown))

    def field_widgets(self) -> dict[str, QWidget]:
        return dict(self.editors)

    def make_call(self) -> Callable[[], SettingsSaved] | None:
        if not self.loaded:
            return None
        team = [(s.name, self._typed(s), self._shown[s.name]) for s in TEAM_SETTINGS
                if s.name in self._shown and self._typed(s) != self._shown[s.name]]
        personal = {s.name: self._typed(s) for s in PERSONAL_SETTINGS}
        return partial(_save, self._db, team, personal)

    def _keep_personal(self, saved: SettingsSaved) -> None:
        for name, value in saved.personal.items():
            setting = find_setting(name, Scope.PERSONAL)
            if value != self._context.personal.value(setting):  # type: ignore[misc]
                self._context.personal.set_value(setting, value)  # type: ignore[misc, arg-type]


def open_settings(parent: QWidget, runner: TaskRunner, db: Database | None,
                  context: AppContext, on_saved: Callable[[SettingsSaved], None],
                  ) -> SettingsDialog:
    """Edit › Settings…: open the dialog (window-modal, no nested event loop)."""
    dialog = SettingsDialog(runner, db, context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.succeeded.connect(on_saved)
    dialog.open()
    return dialog

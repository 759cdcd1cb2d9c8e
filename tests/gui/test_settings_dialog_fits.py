"""Edit › Settings… shows each setting's help in full once the team's values are in: the
text grows a line ("Never changed: the default applies.") after the dialog opened, and at
125 % the threshold's help was cut and ran under its spin box."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from licenseapp.context import AppContext
from licenseapp.gui.personal_settings import QtPersonalSettings
from licenseapp.gui.settings import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def test_every_help_text_has_the_height_it_needs(qtbot, runner, db) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(runner, db, AppContext("tester", personal=QtPersonalSettings()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded)
    qtbot.wait(100)
    short = {name: (label.height(), label.heightForWidth(label.width()))
             for name, label in dialog.help_labels.items()
             if label.height() < label.heightForWidth(label.width())}
    assert short == {}
    room = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= room.height()

"""PySide6's import hook reads a module's file rather than its tokenized source, and answers
as PySide6's own check does (does the source mention PySide6?)."""

from __future__ import annotations

import json
import sys

import licenseapp.gui
import licenseapp.gui.people.model
import licenseapp.gui.records_model
from licenseapp.gui import import_hook


def test_installed_with_the_gui_and_answering_as_pyside_does() -> None:
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    assert getattr(check, "_licenseapp_reads_the_file", False)
    assert not import_hook.install()  # once
    assert check(licenseapp.gui.records_model) is True  # imports PySide6
    assert check(licenseapp.gui.people.model) is False  # only our own modules
    assert check(json) is False
    assert check(sys) is False  # built in: PySide6's own answer
    assert licenseapp.gui.__file__.endswith(".py")

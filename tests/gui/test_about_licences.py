"""Help › About › Third-party licences: the licences of what the program ships (issue #21)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from licenseapp.gui.help.about_dialog import AboutBox, ThirdPartyLicencesDialog


def test_about_opens_the_third_party_licences(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.about_action.trigger()
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(AboutBox)))
    box = next(b for b in window.findChildren(AboutBox) if b.isVisible())
    qtbot.mouseClick(box.licences_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.licences_dialog is not None and box.licences_dialog.isVisible())
    dialog = box.licences_dialog
    assert isinstance(dialog, ThirdPartyLicencesDialog)
    text = dialog.text.toPlainText()
    assert "PySide6_Essentials" in text and "GNU LESSER GENERAL PUBLIC LICENSE" in text
    assert box.isVisible()  # the licences open beside the box, which stays
    dialog.close()
    box.close()

"""Help › About LicenseApp, and from it the licences of the third-party software shipped
with the program (Qt for Python under the LGPL-3.0 among them; issue #21)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from licenseapp import __version__
from licenseapp.gui.app_icon import application_icon
from licenseapp.gui.dialog_handles import hold_until_closed


class ThirdPartyLicencesDialog(QDialog):
    """The shipped notices (the bundle's file, or collected from the installed packages)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from licenseapp.third_party_notices import notices

        self.setWindowTitle("Third-party licences — LicenseApp")
        self.setAccessibleName("Third-party licences")
        intro = QLabel("LicenseApp is built on the software and fonts below, each used under "
                       "its own licence. Qt and Qt for Python (PySide6) are used under the "
                       "GNU LGPL version 3.")
        intro.setWordWrap(True)
        intro.setAccessibleName("About these licences")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("Licence texts")
        self.text.setPlainText(notices())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setAccessibleName("Close the licences")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 560)


class AboutBox(QMessageBox):
    """The program's name, version and icon, with a button for the third-party licences."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.licences_dialog: ThirdPartyLicencesDialog | None = None
        self.setWindowTitle("About LicenseApp")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(
            f"<b>LicenseApp {__version__}</b><p>Drafts, files and tracks export-license "
            "applications for foreign nationals' access to controlled technology.</p>"
        )
        self.setIconPixmap(application_icon().pixmap(64, 64))  # the app's own icon
        self.licences_button = self.addButton("Third-party &licences…",
                                              QMessageBox.ButtonRole.ActionRole)
        self.licences_button.setAccessibleName("Third-party licences")
        self.addButton(QMessageBox.StandardButton.Close)
        # An action button would close the box; it opens the licences beside it instead.
        self.licences_button.clicked.disconnect()
        self.licences_button.clicked.connect(self.show_licences)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    @Slot()
    def show_licences(self) -> None:
        dialog = ThirdPartyLicencesDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "licences_dialog", dialog)
        dialog.open()


def show_about(parent: QWidget) -> AboutBox:
    box = AboutBox(parent)
    box.open()
    return box

"""The desktop app (PySide6). Entry point: :func:`licenseapp.gui.app.run`."""

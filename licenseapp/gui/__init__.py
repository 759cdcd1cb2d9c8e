"""The desktop app (PySide6). Entry point: :func:`licenseapp.gui.app.run`."""

from licenseapp.gui import import_hook

import_hook.install()  # before the GUI's modules are imported (see import_hook.py)

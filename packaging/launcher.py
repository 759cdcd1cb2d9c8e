"""Entry point of the PyInstaller bundle: the same as the ``licenseapp`` command."""

import os
import sys

# The windowed Windows program (and a .app started from the Finder) has no console:
# sys.stdout and sys.stderr are None there, and a write to them would fail. Output goes
# nowhere instead; the log file has everything (licenseapp/logging_setup.py).
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from licenseapp.__main__ import main  # noqa: E402

sys.exit(main())

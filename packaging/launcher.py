"""Entry point of the PyInstaller bundle: the same as the ``licenseapp`` command."""

import sys

from licenseapp.__main__ import main

sys.exit(main())

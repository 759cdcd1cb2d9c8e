"""Who is acting: the operating-system login.

Read once, by each front end when it starts (``AppContext.from_environment`` in
:mod:`licenseapp.context`), and carried from there on the database handle (``db.actor``);
nothing deeper asks. Until LicenseApp has verified identities, the login is who did
something — never a name typed in a settings screen. ``$LICENSEAPP_USER`` overrides it for
a whole run (tests, a script acting for a named account).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping

USER_ENV = "LICENSEAPP_USER"


def login_name() -> str:
    """The operating-system login ("unknown" if the system cannot say)."""
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):
        return "unknown"


def acting_user(environ: Mapping[str, str] | None = None) -> str:
    """The name recorded on events: ``$LICENSEAPP_USER`` if set, else the login."""
    override = (os.environ if environ is None else environ).get(USER_ENV, "").strip()
    return override or login_name()

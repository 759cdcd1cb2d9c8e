"""Settings that are not per-database: who the current user is."""

from __future__ import annotations

import getpass
import os

USER_ENV = "LICENSEAPP_USER"


def current_user() -> str:
    """The name recorded on every event: $LICENSEAPP_USER, else the operating-system login."""
    override = os.environ.get(USER_ENV, "").strip()
    if override:
        return override
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"

"""Logging: a rotating file in the user log directory; -v adds debug output on stderr.

Personal data (names, passport numbers, dates of birth) is never logged: log record ids and
references instead.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from licenseapp import paths

LOG_FILE_NAME = "licenseapp.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file() -> Path:
    return paths.user_log_dir() / LOG_FILE_NAME


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is 0600: the file started after a rotation is made
    by ``_open``, which would otherwise follow the umask (0644)."""

    def _open(self):  # type: ignore[no-untyped-def]
        os.close(os.open(self.baseFilename, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600))
        os.chmod(self.baseFilename, 0o600)
        return super()._open()


def configure(verbose: bool = False) -> Path | None:
    """Set up logging once; returns the log file, or None if it cannot be written."""
    root = logging.getLogger("licenseapp")
    if getattr(root, "_licenseapp_configured", False):
        return log_file()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    target: Path | None = log_file()
    try:
        assert target is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
        handler: logging.Handler = PrivateRotatingFileHandler(
            target, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(handler)
    except OSError:
        target = None
    if verbose:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
    root._licenseapp_configured = True  # type: ignore[attr-defined]
    return target

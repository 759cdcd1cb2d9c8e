"""The log holds no personal data, but it is the user's: every file of it is 0600, also the
one started when the log rotates (RotatingFileHandler opens it with the umask, 0644)."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from licenseapp.logging_setup import PrivateRotatingFileHandler


def test_a_rotated_log_stays_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "licenseapp.log"
        handler = PrivateRotatingFileHandler(target, maxBytes=200, backupCount=2,
                                             encoding="utf-8")
        log = logging.getLogger("licenseapp.test_rotation")
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        try:
            for n in range(40):
                log.info("line %d of a log that rotates", n)
        finally:
            log.removeHandler(handler)
            handler.close()
    finally:
        os.umask(old)
    files = sorted(tmp_path.glob("licenseapp.log*"))
    assert len(files) == 3  # the log and its two rotated copies
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f

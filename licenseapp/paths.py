"""Every file location the program uses, in one place (tests redirect it)."""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

APP_NAME = "LicenseApp"
APP_AUTHOR = "LicenseApp"

#: Overrides the user data directory (tests, portable installs).
DATA_DIR_ENV = "LICENSEAPP_DATA_DIR"
LOG_DIR_ENV = "LICENSEAPP_LOG_DIR"
#: Overrides the user configuration directory (seal keys and audit witnesses live there).
CONFIG_DIR_ENV = "LICENSEAPP_CONFIG_DIR"


def user_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def user_config_dir() -> Path:
    """The user's configuration directory; with only the data directory overridden (tests,
    portable installs) a ``config`` folder inside it, never the real one."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    data_override = os.environ.get(DATA_DIR_ENV)
    if data_override:
        return Path(data_override) / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def user_log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return user_data_dir() / "licenseapp.db"


def resources() -> Traversable:
    """The shipped resources (fonts, rule sets, form specs, reference data, templates).

    Installed (wheel, editable, bundle) they are the package ``licenseapp.resources``; run
    straight from a source checkout without installing, the ``resources/`` folder beside it.
    """
    try:
        return files("licenseapp.resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    node = resources()
    for part in parts:
        node = node / part
    return node


def resource_path(*parts: str) -> Path:
    """A resource as a real file path (resources ship as plain files, never zipped)."""
    return Path(str(resource(*parts)))


def user_rulesets_dir() -> Path:
    """Rule-set files the user adds (a file with a shipped id replaces the shipped one)."""
    return user_data_dir() / "rulesets"

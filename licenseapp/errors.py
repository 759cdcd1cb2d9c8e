"""Errors a user is told about, kept apart from bugs.

A :class:`LicenseAppError` carries a message a compliance officer understands; the command
line prints it on one line and exits non-zero, the desktop app shows it in a message box.
Anything else is a bug: it goes to the log and the crash dialog.
"""

from __future__ import annotations


class LicenseAppError(Exception):
    """An expected failure with a message meant for the user."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(LicenseAppError):
    """A value a user gave is wrong: names the field and the fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class NotFoundError(LicenseAppError):
    """A reference that names nothing in the database."""


class DatabaseError(LicenseAppError):
    """The database cannot be opened, is not ours, or is from a newer version."""


class ConflictError(LicenseAppError):
    """Someone else saved a newer version of the record first."""


class DamagedDatabaseError(DatabaseError):
    """The database file is there but its content is broken: a backup is the way back."""


class MissingFolderError(DatabaseError):
    """The database would be created in a folder that does not exist (a typo, most likely)."""

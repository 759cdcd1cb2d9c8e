"""Errors a user is told about, kept apart from bugs.

A :class:`LicenseAppError` carries a message a compliance officer understands; the command
line prints it on one line and exits non-zero, the desktop app shows it in a message box.
Anything else is a bug: it goes to the log and the crash dialog.

The message is written for whoever reads it, in either front end: it names no command-line
option or command. What a front end adds is its own: a :class:`ValidationError` names the
field by a neutral id (``"valid_until"``), which the command line turns into its option
(``--valid-until``, :mod:`licenseapp.cli.fields`) and a dialog into its widget; an error's
``code`` lets the command line add the option or command that helps.
"""

from __future__ import annotations


class LicenseAppError(Exception):
    """An expected failure with a message meant for the user."""

    exit_code = 2
    #: What kind of refusal this is, for a front end that adds its own advice to the
    #: message (e.g. the command line naming its option); "" when there is none.
    code = ""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class ValidationError(LicenseAppError):
    """A value a user gave is wrong.

    ``field`` names it by a neutral id in snake_case (``"note"``, ``"valid_until"``), never
    by a command-line option; ``fields`` are all the fields concerned (``field`` first),
    for a refusal that needs several. The message says what is wrong and the fix in words
    that read on their own, without the field's id.
    """

    def __init__(self, field: str, message: str, *, more_fields: tuple[str, ...] = (),
                 code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.field = field
        self.fields = (field, *more_fields)


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

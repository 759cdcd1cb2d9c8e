"""A failure of a backup, restore, check or copy, in the user's words."""

from __future__ import annotations

from licenseapp.errors import LicenseAppError
from licenseapp.gui.packets.wording import sentence
from licenseapp.gui.tasks import TaskRunner


def _sentence(message: str) -> str:
    """A sentence, but a message that opens with a file name keeps that name as it is."""
    first = message.strip().split(" ", 1)[0]
    if "/" in first or "\\" in first or "." in first.rstrip("."):
        return message.strip().rstrip(".") + "."
    return sentence(message)


def failure_text(runner: TaskRunner, exc: BaseException, what: str) -> str:
    """What went wrong as a sentence; a bug also goes to the crash report (``runner``)."""
    if isinstance(exc, LicenseAppError):
        return _sentence(exc.message)
    from licenseapp.services.failures import explain

    known = explain(exc)
    if known is not None:
        return _sentence(known)
    runner.report_error(exc)
    return f"The {what} stopped with an unexpected error; it was reported."

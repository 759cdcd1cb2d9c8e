"""A window's handle on a dialog it opened, for as long as that dialog is open.

Dialogs open non-modally with ``WA_DeleteOnClose``; their owner keeps a handle (to raise
the open one instead of a second, and for tests). The handle is cleared when the dialog
finishes — and only if it is still that dialog's: a new one may have taken its place
meanwhile (a save refused again shows a new conflict). Clearing on ``finished`` rather
than ``destroyed`` matters: deletion is deferred to the event loop, after the new dialog
may already be there. And the connection holds neither the owner nor the dialog: it is
let go while Qt destroys them (a dialog is its owner's child), and a Python wrapper freed
in the middle of that crashes the process.
"""

from __future__ import annotations

import weakref

from PySide6.QtWidgets import QDialog


def hold_until_closed(owner: object, name: str, dialog: QDialog) -> None:
    """Set ``owner.<name>`` to ``dialog``, and back to None once it has finished, unless
    another dialog took its place meanwhile."""
    setattr(owner, name, dialog)
    held, owner_ref = id(dialog), weakref.ref(owner)  # neither itself: see above

    def forget() -> None:
        still = owner_ref()
        if still is not None and id(getattr(still, name, None)) == held:
            setattr(still, name, None)

    dialog.finished.connect(forget)

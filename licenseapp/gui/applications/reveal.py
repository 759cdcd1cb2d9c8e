"""Select an application on the Applications screen, now or as soon as the list holds it.

A draft finished in the wizard reaches the list with its next read, which may come after
the wizard closes: the reference waits until the rows arrive, then is selected (the
filters cleared only if they hide it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

if TYPE_CHECKING:
    from licenseapp.gui.applications.view import ApplicationsWidget


class PendingReveal(QObject):
    """The one reference waiting for its row on ``view`` (a newer request replaces it)."""

    def __init__(self, view: ApplicationsWidget) -> None:
        super().__init__(view)
        self._view = view
        self.ref = ""
        model = view.model
        for arrived in (model.modelReset, model.rowsInserted, model.dataChanged):
            arrived.connect(self._arrived)

    def reveal(self, ref: str) -> None:
        self.ref = ""
        if self._view.model.row_of(ref) >= 0:
            self._view.reveal(ref)
        else:
            self.ref = ref

    @Slot()
    def _arrived(self) -> None:
        """Rows came: select once the list has finished taking them (a whole reload puts
        the previous selection back after its rows are in)."""
        if self.ref and self._view.model.row_of(self.ref) >= 0:
            QTimer.singleShot(0, self, self._select)

    @Slot()
    def _select(self) -> None:
        ref = self.ref
        if ref and self._view.model.row_of(ref) >= 0:
            self.ref = ""
            self._view.reveal(ref)


def reveal_when_listed(view: ApplicationsWidget, ref: str) -> None:
    """Select ``ref`` on ``view``: at once if listed, else when its row arrives."""
    pending = view.findChild(PendingReveal)
    if pending is None:
        pending = PendingReveal(view)
    pending.reveal(ref)

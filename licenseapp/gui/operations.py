"""Where every change made in the desktop app is announced, with what it changed.

Learned from Anki's ``OpChanges``: each action that writes runs its service call on the
task pool (:class:`~licenseapp.gui.tasks.TaskRunner`, which also keeps only the newest
outcome of a superseded request), and once it is back, the widget that asked announces the
service's :class:`~licenseapp.services.changes.Changes` here. :attr:`Operations.changed`
carries it to the screens (:mod:`licenseapp.gui.screen_updates`), each of which brings
only what it shows of those records up to date. Nothing reloads everything "just in case".
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from licenseapp.services.changes import Changes

log = logging.getLogger(__name__)


class Operations(QObject):
    """Signal: ``changed(Changes)`` after each action that changed something."""

    changed = Signal(object)

    def announce(self, changes: Changes) -> None:
        """Tell the screens about ``changes`` (nothing if nothing changed)."""
        if changes:
            log.debug("changed: %s", changes.describe())
            self.changed.emit(changes)

"""Actions that change data, run off the GUI thread, and tell every screen what changed.

Learned from Anki's ``CollectionOp``: a widget hands :meth:`Operations.run` the service call
(which returns a result with its :class:`~licenseapp.services.changes.Changes`) and what to
do with the result; the call runs on the task pool while the status bar says what is being
done, and when it is back the widget's callback runs first, then :attr:`Operations.changed`
carries the change set to the screens (see :mod:`licenseapp.gui.screen_updates`). Nothing
reloads everything "just in case".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from licenseapp.gui.tasks import FailureCallback, TaskRunner
from licenseapp.services.changes import Changes, Changing

log = logging.getLogger(__name__)

R = TypeVar("R", bound=Changing)


class Operations(QObject):
    """Signals: ``changed(Changes)`` after each operation that changed something;
    ``busy(str)`` when one starts (what it does) and ``idle()`` when none is left."""

    changed = Signal(object)
    busy = Signal(str)
    idle = Signal()

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._running = 0

    @property
    def running(self) -> int:
        return self._running

    def run(
        self,
        work: Callable[[], R],
        on_done: Callable[[R], None] | None = None,
        on_failure: FailureCallback | None = None,
        *,
        label: str,
        context: QObject | None = None,
    ) -> int:
        """Run ``work()`` off the GUI thread; then ``on_done(result)``, then ``changed``.

        A failure goes to ``on_failure`` (or the runner's error handler); nothing changed.
        """
        self._running += 1
        self.busy.emit(label)

        def finished(result: R) -> None:
            self._finish()
            if on_done is not None:
                on_done(result)
            self.announce(result.changes)

        def failed(error: BaseException) -> None:
            self._finish()
            if on_failure is not None:
                on_failure(error)
            else:
                self.runner.report_error(error)

        return self.runner.submit(work, finished, failed, context=context or self)

    def announce(self, changes: Changes) -> None:
        """Tell the screens about ``changes`` made outside :meth:`run` (a dialog that ran
        its own service call, a database restored)."""
        if changes:
            log.debug("changed: %s", changes.describe())
            self.changed.emit(changes)

    def _finish(self) -> None:
        self._running -= 1
        if not self._running:
            self.idle.emit()


def changes_of(result: Any) -> Changes:
    """The change set a service result carries (an empty one if it carries none)."""
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else Changes()

"""Run work off the GUI thread and bring the outcome back by signal.

Database, PDF and file work never runs on the GUI thread. A widget hands a callable to
:meth:`TaskRunner.submit` with what to do on success and on failure; the callable runs on a
thread pool, and the callbacks run later on the GUI thread, delivered by a queued signal.
No ``processEvents()`` anywhere.

While a worker runs Python, the GUI thread waits for the GIL each time Qt calls into
Python (a model's ``data()`` in a paint, a slot, a timer): up to the interpreter's switch
interval, 5 ms by default, before the worker is made to let go. A list painted while a
screen loaded took 3–4 times as long as idle. The runner sets the interval to
:data:`SWITCH_INTERVAL` (1 ms): then a paint takes little more than idle; the workers give
up a fraction of a percent to the more frequent hand-overs.

A callback that is a method of a widget deleted in the meantime is dropped, so a late
result never touches a dead window. A request submitted with a ``latest`` key supersedes
the earlier ones with the same key and context: only the newest one's outcome is delivered
(a filter typed letter by letter, a list reloaded twice). That is the one mechanism for
stale results; no screen keeps its own generation counter.
"""

from __future__ import annotations

import itertools
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

#: Seconds a thread runs Python before it hands the GIL to one waiting (see above).
SWITCH_INTERVAL = 0.001

T = TypeVar("T")

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]


@dataclass
class _Pending:
    on_success: SuccessCallback
    on_failure: FailureCallback | None
    context: QObject | None
    latest: tuple[int, str] | None = None


def _owner(callback: Callable[..., Any]) -> QObject | None:
    """The QObject a callback belongs to (a bound method or a partial of one), if any."""
    while isinstance(callback, partial):
        callback = callback.func
    owner = getattr(callback, "__self__", None)
    return owner if isinstance(owner, QObject) else None


def _alive(obj: QObject | None) -> bool:
    return obj is None or shiboken6.isValid(obj)


class TaskRunner(QObject):
    """A thread pool whose results come back to the GUI thread.

    ``on_error`` handles failures of tasks submitted without their own ``on_failure``
    (the composition root passes the error reporter: a message box or the crash dialog).
    """

    _finished = Signal(int, object, object)  # task id, result, exception

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_threads: int = 4,
        on_error: FailureCallback | None = None,
    ) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)
        self._newest: dict[tuple[int, str], int] = {}  # (context, latest key) → task id
        self._on_error = on_error
        self._closed = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def set_error_handler(self, on_error: FailureCallback | None) -> None:
        self._on_error = on_error

    def report_error(self, error: BaseException) -> None:
        """Hand ``error`` to the error handler (logged if there is none)."""
        if self._on_error is None:
            log.error("background task failed", exc_info=error)
        else:
            self._on_error(error)

    @property
    def pending(self) -> int:
        """Tasks submitted whose outcome has not been delivered yet."""
        return len(self._pending)

    def submit(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: FailureCallback | None = None,
        *,
        context: QObject | None = None,
        latest: str | None = None,
    ) -> int:
        """Run ``work()`` on the pool; call ``on_success(result)`` or ``on_failure(exc)`` later.

        ``context`` (by default the object the success callback is a method of): if it has
        been deleted by the time the outcome arrives, nothing is called. ``latest``: a name
        for the request; a later one with the same name and context supersedes this one,
        whose outcome is then dropped (see also :meth:`supersede`).
        """
        task_id = next(self._ids)
        if self._closed:
            # A widget closing after shutdown (a last save on hide): nobody is left to hear
            # the outcome, and the runner may be gone before the work ends.
            log.debug("task %d not started: the runner is shut down", task_id)
            return task_id
        owner = context if context is not None else _owner(on_success)
        slot = None
        if latest is not None:
            slot = (id(owner), latest)
            self._newest[slot] = task_id
        self._pending[task_id] = _Pending(on_success, on_failure, owner, slot)
        finished = self._finished

        def job() -> None:
            try:
                result = work()
            except BaseException as exc:  # delivered to the GUI thread, never swallowed
                finished.emit(task_id, None, exc)
            else:
                finished.emit(task_id, result, None)

        self._pool.start(job)
        return task_id

    @Slot(int, object, object)
    def _deliver(self, task_id: int, result: object, error: object) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None or not _alive(pending.context):
            return
        if pending.latest is not None:
            if self._newest.get(pending.latest) != task_id:
                return  # superseded by a later request
            del self._newest[pending.latest]
        if error is None:
            pending.on_success(result)
            return
        assert isinstance(error, BaseException)
        if pending.on_failure is not None:
            pending.on_failure(error)
        else:
            self.report_error(error)

    def supersede(self, context: QObject, latest: str) -> None:
        """Drop the outcome of ``context``'s request named ``latest`` still in flight (the
        database it was about was closed, the record it was for was left)."""
        self._newest[(id(context), latest)] = 0

    def wait(self, msecs: int = -1) -> bool:
        """Block until every running task has finished (shutdown and tests only)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Drop queued tasks, wait for running ones, and forget their outcomes; tasks
        submitted afterwards are not run."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone()
        self._pending.clear()


class ProgressNotes(QObject):
    """Carries a worker's progress notes to the GUI thread: the worker calls :meth:`send`,
    ``note(text)`` arrives by a queued signal (nothing is sent once the owner is gone).

    The owner (a dialog closed while its work runs) is deleted on the GUI thread while the
    worker may be sending: a check of "still there?" then an emit is a race that crashed
    the process. Its ``destroyed`` comes before its children go, so it closes a gate the
    worker passes under a lock: no note is being sent when the relay is deleted."""

    note = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gate = self._gate = _Gate()
        if parent is not None:
            parent.destroyed.connect(gate.close)

    def send(self, text: str) -> None:
        with self._gate.lock:
            if self._gate.open and shiboken6.isValid(self):
                self.note.emit(text)


class _Gate:
    """Open until the relay's owner is destroyed; closing waits for a note being sent."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open = True

    def close(self, *_args: object) -> None:
        with self.lock:
            self.open = False

"""Work runs off the GUI thread and its outcome comes back on it."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from licenseapp.gui.tasks import TaskRunner


def test_result_comes_back_on_the_gui_thread(qtbot, runner) -> None:
    worker_threads: list[threading.Thread] = []
    delivered: list[tuple[int, threading.Thread]] = []

    def work() -> int:
        worker_threads.append(threading.current_thread())
        return 42

    runner.submit(work, lambda result: delivered.append((result, threading.current_thread())))
    qtbot.waitUntil(lambda: bool(delivered))
    assert delivered == [(42, threading.main_thread())]
    assert worker_threads[0] is not threading.main_thread()
    assert runner.pending == 0


def test_failure_goes_to_the_failure_callback(qtbot, runner) -> None:
    failures: list[BaseException] = []

    def work() -> None:
        raise ValueError("boom")

    runner.submit(work, lambda _result: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], ValueError)
    assert failures[0].__traceback__ is not None  # the crash report needs it


def test_failure_without_callback_goes_to_the_error_handler(qtbot, qapp) -> None:
    reported: list[BaseException] = []
    runner = TaskRunner(on_error=reported.append)
    runner.submit(lambda: 1 / 0, lambda _result: None)
    qtbot.waitUntil(lambda: bool(reported))
    assert isinstance(reported[0], ZeroDivisionError)
    runner.shutdown()


def test_result_for_a_deleted_widget_is_dropped(qtbot, runner) -> None:
    class Receiver(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.got: list[object] = []

        def take(self, value: object) -> None:
            self.got.append(value)

    gate = threading.Event()
    receiver = Receiver()
    runner.submit(lambda: gate.wait(5), receiver.take)
    receiver.deleteLater()
    qtbot.waitUntil(lambda: not _alive(receiver))
    gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0)  # delivered (to nobody) without an error


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_work_submitted_after_shutdown_is_not_run(qtbot, qapp) -> None:
    """A widget that saves on a timer after the runner shut down (a wizard's last autosave)
    must not start work that would report to a runner already gone."""
    runner = TaskRunner()
    runner.shutdown()
    ran: list[int] = []
    runner.submit(lambda: ran.append(1), lambda _result: ran.append(2))
    qtbot.wait(50)
    assert ran == [] and runner.pending == 0


def test_a_later_request_with_the_same_name_supersedes_an_earlier_one(qtbot, runner) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    slow_may_end = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        slow_may_end.wait(5)
        return "old"

    runner.submit(slow, delivered.append, context=owner, latest="list")
    runner.submit(lambda: "new", delivered.append, context=owner, latest="list")
    qtbot.waitUntil(lambda: delivered == ["new"])
    slow_may_end.set()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert delivered == ["new"]  # the older outcome, arriving last, was dropped
    # another name, or another owner, is another request
    other = QWidget()
    qtbot.addWidget(other)
    runner.submit(lambda: "a", delivered.append, context=owner, latest="count")
    runner.submit(lambda: "b", delivered.append, context=other, latest="list")
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert sorted(delivered[1:]) == ["a", "b"]


def test_supersede_drops_a_request_in_flight(qtbot, runner) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    may_end = threading.Event()
    delivered: list[str] = []
    runner.submit(lambda: may_end.wait(5) and "read", delivered.append, context=owner,
                  latest="list")
    runner.supersede(owner, "list")  # e.g. another database opened meanwhile
    may_end.set()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert delivered == []


def test_the_gui_thread_waits_at_most_a_millisecond_for_a_worker_running_python(
        qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    """Each call from Qt into Python (a paint's data(), a slot) waits for the GIL up to the
    switch interval while a worker runs Python: the runner keeps it at 1 ms."""
    import sys

    from licenseapp.gui.tasks import SWITCH_INTERVAL

    assert sys.getswitchinterval() <= SWITCH_INTERVAL == 0.001

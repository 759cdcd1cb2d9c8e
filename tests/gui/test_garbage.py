"""Reference cycles are collected on the GUI thread, never by chance in a worker thread."""

from __future__ import annotations

import gc
import threading
import weakref

from licenseapp.gui.garbage import MainThreadCollector, collect_due


class _Node:
    def __init__(self) -> None:
        self.me = self


def _cycle() -> weakref.ref[_Node]:
    node = _Node()
    return weakref.ref(node)


def test_the_collector_turns_automatic_collection_off_and_collects_on_its_timer(qtbot) -> None:
    was_enabled, thresholds = gc.isenabled(), gc.get_threshold()
    gc.enable()
    try:
        collector = MainThreadCollector(interval_ms=10)
        assert not gc.isenabled()
        gc.set_threshold(1, 1, 1)
        try:
            ref = _cycle()
            assert ref() is not None  # only the cyclic collector can free it
            qtbot.waitUntil(lambda: ref() is None, timeout=2000)
        finally:
            gc.set_threshold(*thresholds)
        collector.stop()
        assert gc.isenabled()
    finally:
        if not was_enabled:
            gc.disable()


def test_a_worker_thread_never_collects() -> None:
    ref = _cycle()
    found: list[int] = []
    worker = threading.Thread(target=lambda: found.append(collect_due((0, 0, 0))))
    worker.start()
    worker.join()
    assert found == [0]
    assert ref() is not None
    collect_due((0, 0, 0))
    assert ref() is None


def test_a_big_list_loaded_freezes_what_is_alive_while_the_collector_runs(qtbot) -> None:
    from licenseapp.gui import garbage

    was_enabled = gc.isenabled()
    assert not garbage.loaded(garbage.FREEZE_ROWS)  # tests: no app collector, nothing frozen
    assert gc.get_freeze_count() == 0
    collector = MainThreadCollector()
    try:
        assert not garbage.loaded(garbage.FREEZE_ROWS - 1)  # a small list: left alone
        assert gc.get_freeze_count() == 0
        assert garbage.loaded(garbage.FREEZE_ROWS)
        assert gc.get_freeze_count() > 0
        ref = _cycle()
        assert ref() is not None
        gc.collect()  # what came after the freeze is still collected
        assert ref() is None
    finally:
        collector.stop()
        if not was_enabled:
            gc.disable()
    assert gc.get_freeze_count() == 0  # stopped: everything in sight again


def test_a_young_generation_of_a_big_load_is_frozen_not_walked(qtbot) -> None:
    """Everything made between two checks is young: a load's hundred thousand rows would be
    walked by a generation-0 collection with the window frozen; they are frozen instead,
    and a small young generation is still collected."""
    from licenseapp.gui import garbage

    was_enabled = gc.isenabled()
    collector = MainThreadCollector()
    try:
        gc.collect()
        ref = _cycle()
        collect_due((0, 0, 0))  # a few young objects: collected as before
        assert ref() is None and gc.get_freeze_count() == 0
        rows = [[n] for n in range(garbage.FREEZE_YOUNG + 1000)]  # a load, still alive
        collect_due((0, 0, 0))
        assert gc.get_freeze_count() >= len(rows)
        ref = _cycle()
        collect_due((0, 0, 0))  # what comes after is collected
        assert ref() is None
    finally:
        collector.stop()
        if not was_enabled:
            gc.disable()
    assert gc.get_freeze_count() == 0

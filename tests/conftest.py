"""Test fixtures shared by every layer.

The database under test is SQLite in a temporary file, or PostgreSQL when
``LICENSEAPP_TEST_PG_URL`` is set (CI runs the whole suite once each way). Every test gets
an empty database at the newest schema.
"""

from __future__ import annotations

import os

# Before any Qt import (PLATFORM.md: an empty value makes Qt abort misleadingly).
os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
# Qt warns (and Qt warnings fail tests) when the runtime directory is unset, as under CI.
if not os.environ.get("XDG_RUNTIME_DIR"):
    import tempfile

    _runtime = tempfile.mkdtemp(prefix="licenseapp-runtime-")
    os.chmod(_runtime, 0o700)
    os.environ["XDG_RUNTIME_DIR"] = _runtime

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbsupport import postgres_url, reset_postgres

from licenseapp.gui.garbage import collect_due

# As the desktop app does (gui/garbage.py): reference cycles are collected on the main
# thread only, between tests. A cycle holding a Qt object collected by chance in a worker
# thread crashed a CI run ("Segmentation fault ... Garbage-collecting" in a pool thread).
gc.disable()


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread() -> Iterator[None]:
    yield
    collect_due()


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user data, log directory or database."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("LICENSEAPP_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("LICENSEAPP_LOG_DIR", str(base / "log"))
    monkeypatch.setenv("LICENSEAPP_USER", "tester")
    monkeypatch.delenv("LICENSEAPP_DB", raising=False)


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A URL (or SQLite path) for an empty database on the backend under test."""
    url = postgres_url()
    if url:
        reset_postgres(url)
        yield url
    else:
        yield str(tmp_path / "test.db")


@pytest.fixture
def db(db_url: str):  # type: ignore[no-untyped-def]
    """An open, empty database at the newest schema."""
    from licenseapp.store.database import open_database

    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()

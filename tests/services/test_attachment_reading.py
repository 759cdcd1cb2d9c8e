"""Attaching from a path: only a regular file is read, its size checked from ``stat`` before
a byte is read, and never more than the limit + 1 byte (real files, no mocks)."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest
from factories import make_application

from licenseapp.errors import ValidationError
from licenseapp.services.output.attachments import attach, list_attachments
from licenseapp.store.database import Database

REF = "LA-2026-0001"


@pytest.mark.timeout(10)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(db: Database, tmp_path: Path) -> None:
    make_application(db)
    fifo = tmp_path / "scan.pdf"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(ValidationError, match=r"scan\.pdf.*not a regular file"):
        attach(db, REF, fifo, "passport")
    assert time.monotonic() - started < 1
    assert list_attachments(db, REF) == []


@pytest.mark.timeout(10)
def test_a_sparse_1_gb_file_is_refused_from_its_size_unread(db: Database,
                                                            tmp_path: Path) -> None:
    make_application(db)
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as f:
        f.write(b"%PDF-1.4\n")
        f.truncate(1024 ** 3)
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(ValidationError, match=r"huge\.pdf is 1024\.0 MB.*limit is 20\.0 MB"):
            attach(db, REF, huge, "other")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 1
    assert peak < 5 * 1024 * 1024
    assert list_attachments(db, REF) == []


def test_a_folder_and_a_missing_file_are_refused_in_one_sentence(db: Database,
                                                                 tmp_path: Path) -> None:
    make_application(db)
    with pytest.raises(ValidationError, match="is a folder, not a file"):
        attach(db, REF, tmp_path, "other")
    with pytest.raises(Exception, match="no file"):
        attach(db, REF, tmp_path / "gone.pdf", "other")

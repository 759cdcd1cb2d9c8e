"""Fixtures for the packet tests: a fully filled application on the database under test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from packet_fixtures import make_rich_application

from licenseapp.store.database import Database


@pytest.fixture
def rich_application(db: Database) -> Callable[..., int]:
    """``rich_application(ref, status=..., native=..., attachments=...)`` -> application id."""

    def make(ref: str = "LA-2026-0101", **kwargs: Any) -> int:
        return make_rich_application(db, ref, **kwargs)

    return make

"""Which database the suite runs on, importable by tests (conftest modules are not)."""

from __future__ import annotations

import os

PG_URL_ENV = "LICENSEAPP_TEST_PG_URL"


def postgres_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


def reset_postgres(url: str) -> None:
    """Empty the server database: drop and recreate the public schema."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()

"""The third-party notices follow the program's run-time requirements (issue #21)."""

from __future__ import annotations

from licenseapp import third_party_notices


def test_only_run_time_distributions_are_listed() -> None:
    names = {d.metadata["Name"].lower().replace("_", "-")
             for d in third_party_notices.runtime_distributions()}
    assert {"pyside6-essentials", "shiboken6", "sqlalchemy", "reportlab", "alembic"} <= names
    assert {"psycopg", "psycopg-binary"} <= names  # the PostgreSQL driver the bundle carries
    assert not names & {"pytest", "mypy", "ruff", "hypothesis", "pyinstaller", "pip"}


def test_notices_hold_each_licence_text_and_the_lgpl() -> None:
    text = third_party_notices.collect()
    assert "Permission is hereby granted" in text  # MIT texts from the packages' metadata
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "GNU GENERAL PUBLIC LICENSE" in text
    assert "SIL OPEN FONT LICENSE" in text.upper()  # the shipped Noto fonts
    assert "\nPython 3." in text

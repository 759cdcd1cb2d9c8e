"""Alembic environment: runs on the connection LicenseApp hands it (never a URL from an ini)."""

from __future__ import annotations

from alembic import context

from licenseapp.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called through licenseapp.store.migrate
    raise RuntimeError("LicenseApp migrations run through licenseapp.store.migrate only")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

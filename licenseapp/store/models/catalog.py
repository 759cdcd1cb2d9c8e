"""Controlled items, regulators, form types and the rule sets in use."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from licenseapp.store.base import SEALED_IF_SET, Base, UTCDateTime, Versioned


class ControlledItem(Versioned, Base):
    __tablename__ = "controlled_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    regime: Mapped[str] = mapped_column(String(10), default="EAR")
    classification: Mapped[str] = mapped_column(String(30), index=True)  # ECCN or USML category
    reasons_for_control: Mapped[str] = mapped_column(String(100), default="")
    ccats: Mapped[str] = mapped_column(String(20), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    owner_org_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    #: For an AI model: the access modes offered, comma-separated AccessMode values.
    access_modes: Mapped[str | None] = mapped_column(String(60), info={SEALED_IF_SET: True})
    #: Items are retired, never deleted: access and applications keep pointing at them.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime, info={SEALED_IF_SET: True})
    retired_by: Mapped[str | None] = mapped_column(String(100), info={SEALED_IF_SET: True})
    retired_reason: Mapped[str | None] = mapped_column(Text, info={SEALED_IF_SET: True})


class RegulatorRow(Base):
    __tablename__ = "regulators"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    portal: Mapped[str] = mapped_column(String(100), default="")


class FormTypeRow(Base):
    __tablename__ = "form_types"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    regulator_code: Mapped[str] = mapped_column(ForeignKey("regulators.code"))
    title: Mapped[str] = mapped_column(String(200))


class RuleSetRef(Base):
    """A rule set (a data file in resources/ or imported) as the database knows it.

    The rules themselves live in the file; this row records which version was seen, its
    hash, and whether the organization has activated it.
    """

    __tablename__ = "rule_sets"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    authority: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[str] = mapped_column(String(40), default="1")
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    source_text: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    activated_by: Mapped[str] = mapped_column(String(100), default="")

"""Issued licenses with their conditions and riders."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from licenseapp.store.base import Base, Versioned


class License(Versioned, Base):
    __tablename__ = "licenses"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="RESTRICT"), unique=True
    )
    number: Mapped[str] = mapped_column(String(60), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    valid_from: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    # active, suspended or revoked as recorded; "expiring"/"expired" are derived from dates.
    state: Mapped[str] = mapped_column(String(20), default="active")
    state_reason: Mapped[str] = mapped_column(Text, default="")

    conditions: Mapped[list[LicenseCondition]] = relationship(
        back_populates="license", cascade="all, delete-orphan", order_by="LicenseCondition.position"
    )


class LicenseCondition(Base):
    __tablename__ = "license_conditions"

    id: Mapped[int] = mapped_column(primary_key=True)
    license_id: Mapped[int] = mapped_column(
        ForeignKey("licenses.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="condition")  # condition or rider
    position: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text)
    anniversary_report: Mapped[bool] = mapped_column(Boolean, default=False)

    license: Mapped[License] = relationship(back_populates="conditions")

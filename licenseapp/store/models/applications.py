"""Applications, their items and parties, and their append-only status history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from licenseapp.store.base import SEALED_IF_SET, Base, UTCDateTime, Versioned, utcnow


def form_values_column() -> Mapped[dict[str, str] | None]:
    """Form blocks without a column of their own, by the form spec's field id
    (``{"b11": "D123456"}``); NULL when there are none — as in rows written before the
    column existed, whose record seals stay valid (see :mod:`licenseapp.store.seals`)."""
    return mapped_column(JSON(none_as_null=True), nullable=True, info={SEALED_IF_SET: True})


class Application(Versioned, Base):
    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_status_regulator", "status", "regulator_code"),
        Index("ix_applications_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(20), unique=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    regulator_code: Mapped[str] = mapped_column(ForeignKey("regulators.code"))
    form_code: Mapped[str] = mapped_column(ForeignKey("form_types.code"))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), index=True
    )
    owner: Mapped[str] = mapped_column(String(100), default="", index=True)
    status: Mapped[str] = mapped_column(String(40), default="draft")
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    regulator_ref: Mapped[str] = mapped_column(String(40), default="", index=True)
    transaction_no: Mapped[str] = mapped_column(String(40), default="")
    ruleset_id: Mapped[str | None] = mapped_column(String(80), index=True)
    resubmission_of_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    renewal_of_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    application_type: Mapped[str] = mapped_column(String(20), default="export")
    special_purpose: Mapped[str] = mapped_column(String(200), default="")
    documents_submitted: Mapped[str] = mapped_column(String(300), default="")
    end_use: Mapped[str] = mapped_column(Text, default="")
    justification: Mapped[str] = mapped_column(Text, default="")
    additional_info: Mapped[str] = mapped_column(Text, default="")
    loe_text: Mapped[str] = mapped_column(Text, default="")
    tcp_text: Mapped[str] = mapped_column(Text, default="")
    submitted_on: Mapped[date | None] = mapped_column(Date)
    registered_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    packet_sha256: Mapped[str] = mapped_column(String(64), default="")
    acknowledged_warnings: Mapped[str] = mapped_column(Text, default="")
    form_values: Mapped[dict[str, str] | None] = form_values_column()

    items: Mapped[list[ApplicationItem]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="ApplicationItem.position",
    )
    parties: Mapped[list[ApplicationParty]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationParty.id"
    )
    events: Mapped[list[StatusEvent]] = relationship(
        back_populates="application", order_by="StatusEvent.id"
    )


class ApplicationItem(Base):
    """One line of block 22: an item the application asks to release."""

    __tablename__ = "application_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("controlled_items.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)
    eccn: Mapped[str] = mapped_column(String(30), default="")
    model_number: Mapped[str] = mapped_column(String(100), default="")
    ccats: Mapped[str] = mapped_column(String(20), default="")
    quantity: Mapped[str] = mapped_column(String(30), default="")
    units: Mapped[str] = mapped_column(String(30), default="")
    # Money in whole cents (exact on every database; block 22(g), 22(h)).
    unit_price_cents: Mapped[int | None] = mapped_column(Integer)
    total_price_cents: Mapped[int | None] = mapped_column(Integer)
    manufacturer: Mapped[str] = mapped_column(String(200), default="")
    technical_description: Mapped[str] = mapped_column(Text, default="")
    form_values: Mapped[dict[str, str] | None] = form_values_column()  # e.g. 22(b) CTP

    application: Mapped[Application] = relationship(back_populates="items")


class ApplicationParty(Base):
    """A party named on the application: consignee, end user, purchaser..."""

    __tablename__ = "application_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))
    street: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str | None] = mapped_column(String(2))
    phone: Mapped[str] = mapped_column(String(40), default="")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )

    application: Mapped[Application] = relationship(back_populates="parties")


class StatusEvent(Base):
    """One change in an application's history. Never edited: a correction is a new event."""

    __tablename__ = "status_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="status")  # status, reassign, correction
    from_status: Mapped[str | None] = mapped_column(String(40))
    to_status: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str] = mapped_column(String(100), default="")
    corrects_event_id: Mapped[int | None] = mapped_column(ForeignKey("status_events.id"))

    application: Mapped[Application] = relationship(back_populates="events")

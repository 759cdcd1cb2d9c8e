"""A directive's order as received, and each access suspended under it (the directive clock).

The order records when it was received (the moment, in UTC, and the zone it was given in),
the deadline in minutes, and who recorded it. Each suspension made under it is a row written
once: the access, when and by whom, with the person and item named as they were then, so the
compliance record reads the same after the person or item is renamed or removed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from licenseapp.store.base import Base, UTCDateTime, utcnow


class DirectiveOrder(Base):
    __tablename__ = "directive_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    ruleset_id: Mapped[str] = mapped_column(String(80), index=True)
    title: Mapped[str] = mapped_column(String(300))
    citation: Mapped[str] = mapped_column(String(300), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_zone: Mapped[str] = mapped_column(String(64))
    deadline_minutes: Mapped[int] = mapped_column(Integer)
    #: The accesses that must stop, as last counted (the countdown's "of N").
    to_suspend: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(100))


class DirectiveSuspension(Base):
    __tablename__ = "directive_suspensions"
    __table_args__ = (UniqueConstraint("order_id", "grant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("directive_orders.id"), index=True)
    grant_id: Mapped[int] = mapped_column(Integer)  # an id, not a key: the record outlives it
    impact_group: Mapped[str] = mapped_column(String(20))
    person_ref: Mapped[str] = mapped_column(String(20))
    person_name: Mapped[str] = mapped_column(String(400))
    item_ref: Mapped[str] = mapped_column(String(40))
    item_name: Mapped[str] = mapped_column(String(300))
    mode: Mapped[str | None] = mapped_column(String(20))
    suspended_at: Mapped[datetime] = mapped_column(UTCDateTime)
    suspended_by: Mapped[str] = mapped_column(String(100))

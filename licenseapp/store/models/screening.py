"""Restricted-party screening: list snapshots with their entries, who was screened against
which snapshot, the hits found, and the reviewers' decisions (append-only)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from licenseapp.store.base import Base, UTCDateTime


class ScreeningSnapshot(Base):
    """One restricted-party list as loaded: its source, publication date, SHA-256 and counts.
    Exactly one is current (the one screening uses)."""

    __tablename__ = "screening_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
    published_on: Mapped[date] = mapped_column(Date)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    loaded_by: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    entry_count: Mapped[int] = mapped_column(Integer)
    counts: Mapped[str] = mapped_column(Text)  # JSON: [[list code, count], ...]
    current: Mapped[bool] = mapped_column(Boolean, default=False)


class ScreeningEntry(Base):
    """One entry of a snapshot, stored whole (``data``: JSON) so screening needs no re-parse."""

    __tablename__ = "screening_entries"
    __table_args__ = (Index("ix_screening_entries_snapshot", "snapshot_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("screening_snapshots.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    list_code: Mapped[str] = mapped_column(String(20))
    entry_id: Mapped[str] = mapped_column(String(80))
    fingerprint: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)


class ScreenedSubject(Base):
    """When a person or organization was last screened, against which snapshot, and the
    fingerprint of the data screened (names, date of birth, countries)."""

    __tablename__ = "screened_subjects"

    subject: Mapped[str] = mapped_column(String(12), primary_key=True)
    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("screening_snapshots.id"))
    screened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    fingerprint: Mapped[str] = mapped_column(String(64))


class ScreeningHit(Base):
    """A possible match of one of our records with one list entry. ``current``: found by
    the latest screening of the record (a hit no longer found stays, with its decisions)."""

    __tablename__ = "screening_hits"
    __table_args__ = (
        UniqueConstraint("subject", "subject_id", "list_code", "entry_id"),
        Index("ix_screening_hits_subject", "subject", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(12))
    subject_id: Mapped[int] = mapped_column(Integer)
    list_code: Mapped[str] = mapped_column(String(20))
    entry_id: Mapped[str] = mapped_column(String(80))
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("screening_snapshots.id"))
    score: Mapped[float] = mapped_column(Float)
    subject_fingerprint: Mapped[str] = mapped_column(String(64))
    entry_fingerprint: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)  # JSON: the hit with its explanation
    first_found_at: Mapped[datetime] = mapped_column(UTCDateTime)
    screened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    current: Mapped[bool] = mapped_column(Boolean, default=True)


class ScreeningDecision(Base):
    """A reviewer's decision on a hit, with the fingerprints of our record and the list
    entry it was made on: it applies while both stay. Append-only."""

    __tablename__ = "screening_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    hit_id: Mapped[int] = mapped_column(ForeignKey("screening_hits.id"), index=True)
    decision: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    subject_fingerprint: Mapped[str] = mapped_column(String(64))
    entry_fingerprint: Mapped[str] = mapped_column(String(64))

"""Attachments, deadline completions, the audit trail and database metadata."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from licenseapp.store.base import Base, UTCDateTime, utcnow


class Attachment(Base):
    """A supporting document: the bytes, their sniffed type and SHA-256."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed_by: Mapped[str] = mapped_column(String(100), default="")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))


class AttachmentSafety(Base):
    """Why an attachment is unsafe (active content, a polyglot, a deceptive name) and who
    accepted it after review, and when. An attachment with a row here and no acceptance
    blocks its packet; one without a row was found safe (or attached before the check)."""

    __tablename__ = "attachment_safety"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True
    )
    #: The findings, a JSON list of sentences.
    findings: Mapped[str] = mapped_column(Text)
    accepted_by: Mapped[str | None] = mapped_column(String(100))
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_note: Mapped[str | None] = mapped_column(Text)


class MarkedDeadline(Base):
    """What the team did about a computed deadline (the deadline itself is derived).

    ``key`` identifies the computed deadline (e.g. ``license-expiry:12``); a row here records
    that it was completed or snoozed, so it is never typed in twice.
    """

    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    due_on: Mapped[date] = mapped_column(Date)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_by: Mapped[str] = mapped_column(String(100), default="")
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    """Who did what to which record, when, before and after; each entry hashes the previous."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text, default="")
    before_json: Mapped[str] = mapped_column(Text, default="")
    after_json: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


class AppMeta(Base):
    """Key/value facts about the database itself (which product made it, when)."""

    __tablename__ = "licenseapp_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ = ["AppMeta", "Attachment", "AuditEntry", "MarkedDeadline", "RecordSeal", "date"]


class RecordSeal(Base):
    """The hash of a record as LicenseApp last wrote it; ``verify`` compares rows with it.

    A row changed, deleted or inserted behind the app's back (an SQL UPDATE with another
    tool) no longer matches its seal, and ``licenseapp verify`` names it.
    """

    __tablename__ = "record_seals"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    row_hash: Mapped[str] = mapped_column(String(64))

"""Rule-set versions and stored determinations: records that are written once, never edited.

A rule set (shipped or the user's) is stored with its content and SHA-256 the first time it
is used with that content; a changed file becomes the next version of the same id. A stored
determination keeps what was asked, what was answered and on which rule-set versions, so a
later change to the rules never changes a past answer. Both tables refuse UPDATE and DELETE
(triggers from revision 0010), also for changes made outside the app. They carry ids, not
foreign keys: a record outlives the person, item or draft it was about.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from licenseapp.store.base import Base, UTCDateTime, utcnow


class RuleSetVersion(Base):
    """One version of a rule set: its file's text exactly as it was used, and its hash."""

    __tablename__ = "rule_set_versions"
    __table_args__ = (
        UniqueConstraint("ruleset_id", "version_no"),
        UniqueConstraint("ruleset_id", "sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ruleset_id: Mapped[str] = mapped_column(String(80), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    declared_version: Mapped[str] = mapped_column(String(40))  # the file's own "version"
    title: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(200))  # the file name, e.g. ear.json
    content: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(100))


class StoredDetermination(Base):
    """A determination that mattered (shown for an application, used for impact or
    suspension, printed in a memo), as it was answered. JSON texts keep the inputs, the
    citations, every rule set's answer and the rule-set versions with their hashes."""

    __tablename__ = "determinations"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))  # application, impact, suspension, memo
    application_id: Mapped[int | None] = mapped_column(Integer, index=True)
    application_ref: Mapped[str] = mapped_column(String(20), default="")
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    item_id: Mapped[int | None] = mapped_column(Integer)
    access_mode: Mapped[str | None] = mapped_column(String(20))
    on_date: Mapped[date] = mapped_column(Date)
    license_required: Mapped[bool | None] = mapped_column(Boolean)
    answer: Mapped[str] = mapped_column(String(40))
    deciding_ruleset: Mapped[str | None] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text)
    citations: Mapped[str] = mapped_column(Text)  # JSON list
    inputs: Mapped[str] = mapped_column(Text)  # JSON: the person's and the item's facts
    results: Mapped[str] = mapped_column(Text)  # JSON: every rule set's answer
    rulesets: Mapped[str] = mapped_column(Text)  # JSON: [{id, version_no, sha256}]
    reference_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(100))

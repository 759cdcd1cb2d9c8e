"""People whose access is assessed, with citizenships, documents, résumé and access grants."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from licenseapp.store.base import SEALED_IF_SET, Base, UTCDateTime, Versioned


class Person(Versioned, Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(20), unique=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200), index=True)
    native_name: Mapped[str] = mapped_column(String(300), default="")
    other_names: Mapped[str] = mapped_column(String(500), default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    birth_city: Mapped[str] = mapped_column(String(100), default="")
    birth_country: Mapped[str | None] = mapped_column(String(2))
    residency_country: Mapped[str | None] = mapped_column(String(2))
    lpr_since: Mapped[date | None] = mapped_column(Date)
    immigration_status: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    employer_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    job_title: Mapped[str] = mapped_column(String(200), default="")
    duties: Mapped[str] = mapped_column(Text, default="")
    supervisor: Mapped[str] = mapped_column(String(200), default="")
    work_site: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: The employer's own number for the person: the stable key a roster import matches on.
    employee_number: Mapped[str | None] = mapped_column(String(40), index=True,
                                                        info={SEALED_IF_SET: True})

    citizenships: Mapped[list[Citizenship]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Citizenship.id"
    )
    documents: Mapped[list[PersonDocument]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonDocument.id"
    )
    resume: Mapped[list[ResumeEntry]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        order_by="(ResumeEntry.start_year, ResumeEntry.start_month)",
    )

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Citizenship(Base):
    __tablename__ = "citizenships"
    __table_args__ = (UniqueConstraint("person_id", "country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    country: Mapped[str] = mapped_column(String(2))
    acquired_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(
        String(20), default="birth"
    )  # birth, naturalization, descent

    person: Mapped[Person] = relationship(back_populates="citizenships")


class PersonDocument(Versioned, Base):
    """An immigration or identity document: passport, visa, I-94, EAD, I-797..."""

    __tablename__ = "person_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(60), default="")
    issuing_country: Mapped[str | None] = mapped_column(String(2))
    document_class: Mapped[str] = mapped_column(String(20), default="")  # visa class, EAD category
    issued_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)

    person: Mapped[Person] = relationship(back_populates="documents")


class ResumeEntry(Base):
    """One line of a résumé: school or job, month/year from and to (None = present)."""

    __tablename__ = "resume_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    organization: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    start_year: Mapped[int] = mapped_column(Integer)
    start_month: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int | None] = mapped_column(Integer)
    end_month: Mapped[int | None] = mapped_column(Integer)

    person: Mapped[Person] = relationship(back_populates="resume")


class AccessGrant(Versioned, Base):
    """A person's access, held or requested, to a controlled item.

    Its authorization state (not required, licensed, pending, license needed, suspended,
    denied) is derived from this record, the rule sets, applications and licenses.
    """

    __tablename__ = "access_grants"
    __table_args__ = (
        # One record per person, item and mode; "no mode" counts as a mode of its own.
        Index("uq_access_grants_person_item_mode", "person_id", "item_id",
              func.coalesce(text("mode"), ""), unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("controlled_items.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(20), default="requested")
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    granted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_by: Mapped[str] = mapped_column(String(100), default="")
    suspended_reason: Mapped[str] = mapped_column(Text, default="")
    suspended_ruleset_id: Mapped[str | None] = mapped_column(String(80))
    #: For an AI model: the AccessMode this record is for (None: the item as a whole).
    mode: Mapped[str | None] = mapped_column(String(20), info={SEALED_IF_SET: True})
    #: The day access began (or was first requested), as the user's records say.
    since: Mapped[date | None] = mapped_column(Date, info={SEALED_IF_SET: True})

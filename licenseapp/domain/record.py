"""One application as plain frozen values: what its packet prints and what the checker reads.

The service gathers it in one read-only session; the renderer only reads it. The same
``ApplicationRecord`` always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from licenseapp.domain.recorded import FormValues

#: Statuses whose packet is still a draft (a diagonal DRAFT mark on every page).
DRAFT_STATUSES = frozenset({"draft", "internal_review"})


@dataclass(frozen=True)
class Address:
    street: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str | None = None
    country_name: str = ""

    def lines(self) -> list[str]:
        """The address as printed on an envelope (empty parts left out)."""
        out = [line for line in self.street.splitlines() if line.strip()]
        locality = " ".join(x for x in (self.state, self.postal_code) if x)
        city = ", ".join(x for x in (self.city, locality) if x)
        if city:
            out.append(city)
        if self.country_name or self.country:
            out.append(self.country_name or self.country or "")
        return out


@dataclass(frozen=True)
class OrganizationInfo:
    legal_name: str
    address: Address = field(default_factory=Address)
    phone: str = ""
    fax: str = ""
    ein: str = ""
    snapr_cin: str = ""
    ddtc_code: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    signatory_name: str = ""
    signatory_title: str = ""


@dataclass(frozen=True)
class CitizenshipInfo:
    country: str
    country_name: str
    acquired_on: date | None = None
    ended_on: date | None = None
    basis: str = ""


@dataclass(frozen=True)
class DocumentInfo:
    """An immigration or identity document; the number is already masked.

    ``number`` (the number in full) is filled only when the record was read for a packet
    that prints document numbers in full; it is empty otherwise.
    """

    kind: str
    number_masked: str
    issuing_country: str | None = None
    issuing_country_name: str = ""
    document_class: str = ""
    issued_on: date | None = None
    expires_on: date | None = None
    number: str = field(default="", repr=False)


@dataclass(frozen=True)
class ResumeInfo:
    kind: str
    organization: str
    start_year: int
    start_month: int
    end_year: int | None = None
    end_month: int | None = None
    location: str = ""
    title: str = ""
    description: str = ""


@dataclass(frozen=True)
class PersonInfo:
    ref: str
    given_name: str
    family_name: str
    native_name: str = ""
    other_names: str = ""
    date_of_birth: date | None = None
    birth_city: str = ""
    birth_country: str | None = None
    birth_country_name: str = ""
    residency_country: str | None = None
    residency_country_name: str = ""
    lpr_since: date | None = None
    immigration_status: str | None = None
    immigration_status_label: str = ""
    email: str = ""
    phone: str = ""
    employer: str = ""
    job_title: str = ""
    duties: str = ""
    supervisor: str = ""
    work_site: str = ""
    citizenships: tuple[CitizenshipInfo, ...] = ()
    documents: tuple[DocumentInfo, ...] = ()
    resume: tuple[ResumeInfo, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True)
class ItemInfo:
    """One line of the application's items (block 22 on a BIS-748P)."""

    position: int
    item_ref: str
    name: str
    kind: str = ""
    regime: str = ""
    classification: str = ""
    reasons_for_control: str = ""
    eccn: str = ""
    model_number: str = ""
    ccats: str = ""
    quantity: str = ""
    units: str = ""
    unit_price: Decimal | None = None
    total_price: Decimal | None = None
    manufacturer: str = ""
    technical_description: str = ""
    form_values: FormValues = ()  # per-item blocks without a column, e.g. 22(b) CTP


@dataclass(frozen=True)
class PartyInfo:
    role: str
    name: str
    address: Address = field(default_factory=Address)
    phone: str = ""


@dataclass(frozen=True)
class AttachmentInfo:
    kind: str
    file_name: str
    media_type: str
    sha256: str
    content: bytes = field(repr=False, default=b"")
    #: Why the file is unsafe, while no person has accepted it (empty: nothing blocks).
    unsafe: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class ApplicationRecord:
    """One application, as its filing packet prints it."""

    ref: str
    regulator: str  # BIS, DDTC, ECJU
    form: str  # BIS-748P, DSP-5, SIEL
    status: str
    status_label: str
    updated_at: datetime  # the record's last change: fixes the PDF's date and identity
    organization: OrganizationInfo
    regulator_ref: str = ""
    regulator_ref_name: str = "reference"
    transaction_no: str = ""
    application_type: str = ""
    special_purpose: str = ""
    documents_submitted: str = ""
    end_use: str = ""
    justification: str = ""
    additional_info: str = ""
    loe_text: str = ""
    tcp_text: str = ""
    submitted_on: date | None = None
    version: int = 1
    resubmission_of_ref: str = ""
    resubmission_of_regulator_ref: str = ""
    prior_license_numbers: tuple[str, ...] = ()
    person: PersonInfo | None = None
    items: tuple[ItemInfo, ...] = ()
    parties: tuple[PartyInfo, ...] = ()
    attachments: tuple[AttachmentInfo, ...] = ()
    form_values: FormValues = ()  # blocks without a column, by field id (e.g. BIS block 11)

    @property
    def is_draft(self) -> bool:
        return self.status in DRAFT_STATUSES

    @property
    def application_date(self) -> date:
        """Block 4: the submission date once submitted, else the day of the last change."""
        return self.submitted_on or self.updated_at.date()

    def parties_in_role(self, role: str) -> tuple[PartyInfo, ...]:
        return tuple(p for p in self.parties if p.role == role)

"""An applicant organization as the user edits it, and its checks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from licenseapp.domain.countries import is_country_code
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.domain.text_limits import check_columns

_EIN = re.compile(r"^\d{2}-?\d{7}$")


@dataclass(frozen=True)
class OrganizationForm:
    legal_name: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = "US"
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
    default_loe_template: str = ""
    default_tcp_template: str = ""
    id: int | None = None
    version: int = 0


ORGANIZATION_LABELS: dict[str, str] = {
    "legal_name": "Legal name",
    "street": "Street address",
    "city": "City",
    "state": "State",
    "postal_code": "Postal code",
    "country": "Country",
    "phone": "Phone",
    "fax": "Fax",
    "ein": "Employer Identification Number",
    "snapr_cin": "SNAP-R Company Identification Number",
    "ddtc_code": "DDTC registrant code",
    "contact_name": "Contact person",
    "contact_phone": "Contact phone",
    "contact_email": "Contact e-mail",
    "signatory_name": "Signatory",
    "signatory_title": "Signatory's title",
    "default_loe_template": "Default letter of explanation template",
    "default_tcp_template": "Default technology control plan template",
}


def check_organization(form: OrganizationForm) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not form.legal_name.strip():
        problems.append(FieldProblem("legal_name", "type the organization's legal name"))
    if not form.country or not is_country_code(form.country):
        problems.append(FieldProblem("country", f"{form.country!r} is not an ISO 3166-1 "
                                                "country code (e.g. US, GB)"))
    if form.ein and not _EIN.match(form.ein.strip()):
        problems.append(FieldProblem("ein", "an EIN is nine digits, written 12-3456789"))
    if form.snapr_cin and not re.match(r"^[A-Z]\d{5,6}$", form.snapr_cin.strip().upper()):
        problems.append(FieldProblem("snapr_cin", "a SNAP-R CIN is a letter and five or six "
                                                  "digits, e.g. C123456"))
    if form.contact_email and "@" not in form.contact_email:
        problems.append(FieldProblem("contact_email",
                                     f"{form.contact_email!r} is not an e-mail address"))
    if form.signatory_name and not form.signatory_title.strip():
        problems.append(FieldProblem("signatory_title", "the signatory's title is printed "
                                                        "under the signature; type it"))
    taken = {p.field for p in problems}
    problems += [p for p in check_columns("organizations", {
        f: getattr(form, f) for f in ORGANIZATION_LABELS}) if p.field not in taken]
    return problems


__all__ = ["ORGANIZATION_LABELS", "OrganizationForm", "check_organization"]

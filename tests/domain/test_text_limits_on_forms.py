"""Every form refuses text that one of the databases could not store, naming the field."""

from __future__ import annotations

from datetime import date

from licenseapp.domain.draft_form import DraftForm, DraftItemForm, check_draft
from licenseapp.domain.organization_form import OrganizationForm, check_organization
from licenseapp.domain.person_form import PersonForm, ResumeForm, check_person


def test_person_form() -> None:
    form = PersonForm(given_name="Wei\x00", family_name="Zhang", other_names="x" * 10_000,
                      employee_number="E" * 41,
                      resume=(ResumeForm("employment", "Acme\u202e", 2020, 1),))
    fields = {p.field: p.message for p in check_person(form, date(2026, 12, 6))}
    assert "NUL" in fields["given_name"]
    assert "at most 500" in fields["other_names"]
    assert "at most 40" in fields["employee_number"]
    assert fields["resume[1]"].startswith("organization contains an invisible text-direction")


def test_organization_form() -> None:
    problems = check_organization(OrganizationForm(legal_name="Acme", signatory_name="S" * 201,
                                                   signatory_title="CEO"))
    assert [p.field for p in problems] == ["signatory_name"]


def test_draft_form() -> None:
    form = DraftForm(organization_id=1, items=(DraftItemForm(1, model_number="M\x07"),),
                     end_use="fine\nover two lines", justification="bad\x00")
    fields = {p.field: p.message for p in check_draft(form)}
    assert set(fields) == {"items[1]", "justification"}

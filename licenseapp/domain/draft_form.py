"""An application as the wizard edits it: plain values, saved as one draft."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from licenseapp.domain.enums import FORM_OF_REGULATOR, FormType, Regulator
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.domain.forms import FormSpecError, form_spec
from licenseapp.domain.recorded import FormValues, recorded_values
from licenseapp.domain.text_limits import check_columns, clean_problem
from licenseapp.domain.validators import ccats, eccn
from licenseapp.errors import ValidationError

#: Statuses in which the application's content may still be edited.
EDITABLE_STATUSES = frozenset({"draft", "internal_review"})


@dataclass(frozen=True)
class DraftItemForm:
    """One line of block 22: the controlled item and how it is described on the form."""

    item_id: int
    eccn: str = ""
    technical_description: str = ""
    ccats: str = ""
    model_number: str = ""
    form_values: FormValues = ()  # per-item blocks recorded by field id, e.g. 22(b) CTP


@dataclass(frozen=True)
class DraftForm:
    regulator: str = "BIS"
    form: str = "BIS-748P"
    organization_id: int | None = None
    person_id: int | None = None
    items: tuple[DraftItemForm, ...] = ()
    end_use: str = ""
    justification: str = ""
    additional_info: str = ""
    special_purpose: str = ""
    loe_text: str = ""
    tcp_text: str = ""
    renewal_of: str = ""  # the earlier application's reference
    resubmission_of: str = ""
    #: Blocks the data model has no column for, by the form spec's field id: BIS-748P
    #: blocks 7, 11, 12 and 13, SIEL 2 (``{"b11": "D123456"}`` as sorted pairs).
    form_values: FormValues = ()
    id: int | None = None
    ref: str = ""
    version: int = 0
    status: str = "draft"


DRAFT_LABELS: dict[str, str] = {
    "regulator": "Regulator",
    "form": "Form",
    "organization_id": "Applicant",
    "person_id": "Foreign national",
    "items": "Items (block 22)",
    "end_use": "Specific end use (block 21)",
    "justification": "Justification",
    "additional_info": "Additional information (block 24)",
    "special_purpose": "Special purpose (block 5)",
    "loe_text": "Letter of explanation",
    "tcp_text": "Technology control plan",
    "renewal_of": "Renewal of",
    "resubmission_of": "Resubmission of",
    "form_values": "Other blocks",
}


def check_draft(form: DraftForm) -> list[FieldProblem]:
    """What stops the draft from being stored at all (completeness is the checker's job:
    a draft may be incomplete, but never self-contradictory)."""
    problems: list[FieldProblem] = []
    try:
        regulator = Regulator(form.regulator)
        wanted = FORM_OF_REGULATOR[regulator]
        if FormType(form.form) is not wanted:
            problems.append(FieldProblem("form", f"{regulator.value} applications use "
                                                 f"{wanted.value}"))
    except ValueError:
        problems.append(FieldProblem("regulator", "choose BIS, DDTC or ECJU"))
    if form.organization_id is None:
        problems.append(FieldProblem("organization_id", "choose the applicant organization"))
    if not form.items:
        problems.append(FieldProblem("items", "choose at least one item to release"))
    seen: set[int] = set()
    for n, item in enumerate(form.items, 1):
        field = f"items[{n}]"
        if item.item_id in seen:
            problems.append(FieldProblem(field, "the same item is listed twice"))
        seen.add(item.item_id)
        if form.regulator == Regulator.BIS and item.eccn.strip():
            try:
                eccn(item.eccn)
            except ValidationError as err:
                problems.append(FieldProblem(field, err.message))
        if item.ccats.strip():
            try:
                ccats(item.ccats)
            except ValidationError as err:
                problems.append(FieldProblem(field, err.message))
        problems += [FieldProblem(field, f"{p.field.replace('_', ' ')} {p.message}")
                     for p in check_columns("application_items", {
                         "technical_description": item.technical_description,
                         "model_number": item.model_number})]
        problems += [FieldProblem(field, f"{key} {message}") for key, text in item.form_values
                     if (message := clean_problem(text, multi_line=True))]
    problems += check_columns("applications", {
        name: getattr(form, name) for name in ("end_use", "justification", "additional_info",
                                               "special_purpose", "loe_text", "tcp_text")})
    problems += [FieldProblem("form_values", f"{key} {message}") for key, text in form.form_values
                 if (message := clean_problem(text, multi_line=True))]
    if form.renewal_of and form.resubmission_of:
        problems.append(FieldProblem("renewal_of", "an application renews or resubmits, not "
                                                   "both"))
    return problems


def _recorded_ids(form_code: str) -> tuple[set[str], set[str]]:
    """The ids of the blocks the form records by id: (application-level, per item)."""
    try:
        spec = form_spec(form_code)
    except FormSpecError:
        return set(), set()
    return ({f.id for f in spec.recorded_fields()}, {f.id for f in spec.recorded_item_fields()})


def normalized(form: DraftForm) -> DraftForm:
    """The form with identifiers in their canonical spelling and the recorded blocks in
    their canonical form (a checked form only). Values for blocks the chosen form does not
    have (typed before the form was changed) are left out: a stored one that goes shows in
    the save's audit entry."""
    blocks, item_blocks = _recorded_ids(form.form)
    items = tuple(dataclasses.replace(
        i, eccn=eccn(i.eccn) if form.regulator == Regulator.BIS and i.eccn.strip()
        else i.eccn.strip(), ccats=i.ccats.strip().upper(),
        form_values=recorded_values(i.form_values, item_blocks)) for i in form.items)
    return dataclasses.replace(form, items=items,
                               form_values=recorded_values(form.form_values, blocks))


__all__ = ["DRAFT_LABELS", "EDITABLE_STATUSES", "DraftForm", "DraftItemForm", "check_draft",
           "normalized"]

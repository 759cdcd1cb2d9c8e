"""The wizard's draft: read an application as a form, save the form, start from an earlier one.

The first save creates the draft through :func:`drafting.insert_drafts` (the one way an
application is created); later saves update it under the same version check as every
other editable record. Only drafts and applications in internal review can be edited: a
filed application is a record of what was filed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from licenseapp.domain.draft_form import (
    DRAFT_LABELS,
    EDITABLE_STATUSES,
    DraftForm,
    DraftItemForm,
    check_draft,
    normalized,
)
from licenseapp.domain.edit_conflict import EditConflict
from licenseapp.domain.enums import PartyRole
from licenseapp.domain.form_problems import FieldProblem, FormInvalid
from licenseapp.domain.recorded import as_mapping, recorded_values
from licenseapp.errors import LicenseAppError
from licenseapp.services.drafts.drafting import DraftItem, DraftParty, NewApplication, insert_drafts
from licenseapp.services.drafts.form_saving import ChangedMeanwhile, save_update
from licenseapp.services.lookup import application_by_ref, application_key
from licenseapp.store.database import Database
from licenseapp.store.models import (
    Application,
    ApplicationItem,
    ApplicationParty,
    ControlledItem,
    Organization,
    Person,
)

ENTITY = "application"


def _form(session: Session, app: Application) -> DraftForm:
    refs = {i: r for i, r in session.execute(
        select(Application.id, Application.ref).where(Application.id.in_(
            [x for x in (app.renewal_of_id, app.resubmission_of_id) if x is not None])))}
    return DraftForm(
        id=app.id, ref=app.ref, version=app.version, status=app.status,
        regulator=app.regulator_code, form=app.form_code,
        organization_id=app.organization_id, person_id=app.person_id,
        items=tuple(DraftItemForm(i.item_id, i.eccn, i.technical_description, i.ccats,
                                  i.model_number, recorded_values(i.form_values))
                    for i in app.items),
        end_use=app.end_use, justification=app.justification,
        additional_info=app.additional_info, special_purpose=app.special_purpose,
        loe_text=app.loe_text, tcp_text=app.tcp_text,
        renewal_of=refs.get(app.renewal_of_id or -1, ""),
        resubmission_of=refs.get(app.resubmission_of_id or -1, ""),
        form_values=recorded_values(app.form_values),
    )


def _load(session: Session, ref: str) -> Application:
    return application_by_ref(session, ref, selectinload(Application.items),
                              selectinload(Application.parties), refresh=True)


def load_draft(db: Database, ref: str) -> DraftForm:
    with db.reading() as session:
        return _form(session, _load(session, ref))


def _parties(session: Session, form: DraftForm) -> tuple[DraftParty, ...]:
    """Applicant and end user: the organization; ultimate consignee: the foreign national
    at the organization's address (a deemed export is a release inside the company)."""
    org = session.get(Organization, form.organization_id)
    if org is None:
        raise FormInvalid([FieldProblem("organization_id", "that organization no longer "
                                                           "exists; choose another")],
                          DRAFT_LABELS)
    address = (org.street, org.city, org.state, org.postal_code, org.country)
    parties = [DraftParty(PartyRole.APPLICANT.value, org.legal_name, *address, org.phone,
                          organization_id=org.id)]
    person = session.get(Person, form.person_id) if form.person_id else None
    if form.person_id and person is None:
        raise FormInvalid([FieldProblem("person_id", "that person no longer exists; choose "
                                                     "another")], DRAFT_LABELS)
    if person is not None:
        parties.append(DraftParty(PartyRole.ULTIMATE_CONSIGNEE.value, person.full_name,
                                  *address, person_id=person.id))
    parties.append(DraftParty(PartyRole.END_USER.value, org.legal_name, *address, org.phone,
                              organization_id=org.id))
    return tuple(parties)


def _earlier_id(session: Session, ref: str, field: str) -> int | None:
    if not ref.strip():
        return None
    found = session.execute(select(Application.id).where(
        Application.ref == application_key(ref))).scalar_one_or_none()
    if found is None:
        raise FormInvalid([FieldProblem(field, f"no application {ref!r}")], DRAFT_LABELS)
    return int(found)


def _check_items_exist(session: Session, form: DraftForm) -> None:
    ids = {i.item_id for i in form.items}
    known = set(session.execute(select(ControlledItem.id).where(
        ControlledItem.id.in_(ids))).scalars())
    if ids - known:
        raise FormInvalid([FieldProblem("items", "an item chosen no longer exists; choose "
                                                 "again")], DRAFT_LABELS)


def _create(db: Database, form: DraftForm, actor: str) -> DraftForm:
    from licenseapp.services.catalog.access_data import rulesets_in_use

    assert form.organization_id is not None
    rulesets = rulesets_in_use(db)  # a colleague's directive too
    with db.unit_of_work() as session:  # one user action: one transaction
        _check_items_exist(session, form)
        created = insert_drafts(session, [NewApplication(
            organization_id=form.organization_id, regulator=form.regulator, form=form.form,
            person_id=form.person_id,
            items=tuple(DraftItem(i.item_id, i.eccn.strip(), i.technical_description,
                                  i.ccats.strip().upper(), i.model_number, i.form_values)
                        for i in form.items),
            parties=_parties(session, form), special_purpose=form.special_purpose,
            end_use=form.end_use, justification=form.justification,
            additional_info=form.additional_info, loe_text=form.loe_text,
            tcp_text=form.tcp_text, form_values=form.form_values,
            note=("renewal of " + form.renewal_of if form.renewal_of else
                  "resubmission of " + form.resubmission_of if form.resubmission_of else
                  "drafted in the wizard"))], actor=actor, now=db.clock.now(),
            rulesets=rulesets)[0]
        app = _load(session, created.ref)
        if form.renewal_of or form.resubmission_of:
            app.renewal_of_id = _earlier_id(session, form.renewal_of, "renewal_of")
            app.resubmission_of_id = _earlier_id(session, form.resubmission_of,
                                                 "resubmission_of")
            session.flush()
        return _form(session, app)


def _apply(session: Session, app: Application, form: DraftForm) -> None:
    app.regulator_code, app.form_code = form.regulator, form.form
    assert form.organization_id is not None
    app.organization_id, app.person_id = form.organization_id, form.person_id
    for name in ("end_use", "justification", "additional_info", "special_purpose",
                 "loe_text", "tcp_text"):
        setattr(app, name, getattr(form, name))
    app.form_values = as_mapping(form.form_values)
    app.renewal_of_id = _earlier_id(session, form.renewal_of, "renewal_of")
    app.resubmission_of_id = _earlier_id(session, form.resubmission_of, "resubmission_of")
    old = {i.item_id: i for i in app.items}
    lines = []
    for pos, i in enumerate(form.items, start=1):
        line = old.get(i.item_id) or ApplicationItem(item_id=i.item_id)
        line.position, line.eccn, line.ccats = pos, i.eccn.strip(), i.ccats.strip().upper()
        line.technical_description, line.model_number = i.technical_description, i.model_number
        line.form_values = as_mapping(i.form_values)
        lines.append(line)
    app.items = lines
    app.parties = [ApplicationParty(role=p.role, name=p.name, street=p.street, city=p.city,
                                    state=p.state, postal_code=p.postal_code, country=p.country,
                                    phone=p.phone, person_id=p.person_id,
                                    organization_id=p.organization_id)
                   for p in _parties(session, form)]


def save_draft(db: Database, form: DraftForm, *, base: DraftForm | None = None,
               actor: str | None = None) -> DraftForm:
    """Create or update the draft; returns it as stored (with its reference)."""
    problems = check_draft(form)
    if problems:
        raise FormInvalid(problems, DRAFT_LABELS)
    form = normalized(form)
    actor = actor or db.actor
    if form.id is None:
        return _create(db, form, actor)
    try:
        with db.unit_of_work() as session:
            app = _load(session, form.ref)
            if app.status not in EDITABLE_STATUSES:
                raise LicenseAppError(
                    f"{app.ref} is {app.status.replace('_', ' ')}; only drafts and "
                    "applications in internal review can be edited — start a resubmission "
                    "or renewal from it instead")
            _check_items_exist(session, form)
            save_update(session, app, form=form, stored=_form(session, app), base=base,
                        what=f"application {app.ref}", entity=ENTITY, entity_id=app.ref,
                        labels=DRAFT_LABELS, apply=lambda: _apply(session, app, form),
                        actor=actor, summary="edited")
            return _form(session, app)
    except ChangedMeanwhile:
        theirs = load_draft(db, form.ref)
        raise EditConflict(f"application {form.ref}", base or theirs, form, theirs,
                           labels=DRAFT_LABELS) from None


def start_from(db: Database, earlier_ref: str, purpose: str) -> DraftForm:
    """A new, unsaved draft copied from an earlier application: ``purpose`` is "renewal"
    (of an expiring license) or "resubmission" (after a return without action).

    The items keep their recorded blocks (22(b) describes the item); the application's own
    (replacement license number, certificates, documents on file) are given afresh."""
    if purpose not in ("renewal", "resubmission"):
        raise LicenseAppError(f"unknown purpose {purpose!r}; use renewal or resubmission")
    earlier = load_draft(db, earlier_ref)
    note = (f"Renewal of {earlier.ref}" if purpose == "renewal"
            else f"Resubmission of {earlier.ref}, returned without action")
    info = earlier.additional_info.strip()
    return DraftForm(
        regulator=earlier.regulator, form=earlier.form,
        organization_id=earlier.organization_id, person_id=earlier.person_id,
        items=earlier.items, end_use=earlier.end_use, justification=earlier.justification,
        additional_info=f"{note}.\n{info}".strip() if note not in info else info,
        special_purpose=earlier.special_purpose, loe_text=earlier.loe_text,
        tcp_text=earlier.tcp_text,
        renewal_of=earlier.ref if purpose == "renewal" else "",
        resubmission_of=earlier.ref if purpose == "resubmission" else "",
    )


__all__ = ["load_draft", "save_draft", "start_from"]

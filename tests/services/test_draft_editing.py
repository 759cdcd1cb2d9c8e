"""The wizard's draft: created once, edited under the version check, copied for a renewal
or a resubmission, kept on disk while unsaved; and the determination it shows."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from factories import make_application
from sqlalchemy import select

from licenseapp.domain.draft_form import DraftForm, DraftItemForm
from licenseapp.domain.edit_conflict import EditConflict
from licenseapp.domain.enums import ApplicationStatus
from licenseapp.domain.form_problems import FormInvalid
from licenseapp.errors import LicenseAppError
from licenseapp.services.catalog.people import load_person
from licenseapp.services.drafts import draft_recovery
from licenseapp.services.drafts.draft_editing import load_draft, save_draft, start_from
from licenseapp.services.drafts.wizard_data import determine_release, wizard_choices
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.store.database import open_database
from licenseapp.store.models import Application, ApplicationParty, AuditEntry


def _new_form(db) -> DraftForm:  # type: ignore[no-untyped-def]
    make_application(db, "LA-2026-0001")
    choices = wizard_choices(db)
    item = choices.items[0]
    return DraftForm(organization_id=choices.organizations[0].id,
                     person_id=choices.people[0].id,
                     items=(DraftItemForm(item.id, "4e091", "Access to model weights"),),
                     end_use="Research on model evaluation.")


def test_first_save_creates_the_draft_with_parties_and_later_saves_update_it(db) -> None:  # type: ignore[no-untyped-def]
    form = _new_form(db)
    saved = save_draft(db, form)
    assert saved.ref.startswith("LA-") and saved.ref != "LA-2026-0001"
    assert saved.status == "draft" and saved.items[0].eccn == "4E091"
    with db.reading() as s:
        roles = sorted(s.execute(select(ApplicationParty.role).join(Application).where(
            Application.ref == saved.ref)).scalars())
    assert roles == ["applicant", "end_user", "ultimate_consignee"]
    edited = save_draft(db, dataclasses.replace(saved, justification="Needed for the job."),
                        base=saved)
    assert edited.version > saved.version
    assert load_draft(db, saved.ref).justification == "Needed for the job."
    with db.reading() as s:
        last = s.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).scalars().first()
    assert last is not None and last.entity_id == saved.ref and "justification" in last.after_json


def test_bad_draft_is_refused_naming_the_field(db) -> None:  # type: ignore[no-untyped-def]
    form = _new_form(db)
    with pytest.raises(FormInvalid) as err:
        save_draft(db, dataclasses.replace(
            form, items=(DraftItemForm(form.items[0].item_id, "4Z999"),)))
    assert err.value.problems[0].field == "items[1]" and "ECCN" in str(err.value)
    with pytest.raises(FormInvalid, match="Applicant"):
        save_draft(db, dataclasses.replace(form, organization_id=None))


def test_filed_application_cannot_be_edited(db) -> None:  # type: ignore[no-untyped-def]
    saved = save_draft(db, _new_form(db))
    change_status(db, StatusChange(saved.ref, ApplicationStatus.WITHDRAWN))
    with pytest.raises(LicenseAppError, match="withdrawn"):
        save_draft(db, dataclasses.replace(load_draft(db, saved.ref), end_use="x"))


def test_two_sessions_edit_the_same_draft(db_url: str) -> None:
    a, b = open_database(db_url), open_database(db_url)
    try:
        saved = save_draft(a, _new_form(a))
        seen = load_draft(b, saved.ref)
        save_draft(a, dataclasses.replace(saved, end_use="Theirs."), base=saved)
        with pytest.raises(EditConflict) as err:
            save_draft(b, dataclasses.replace(seen, justification="Mine."), base=seen)
        merged = save_draft(b, err.value.merged())
        assert (merged.end_use, merged.justification) == ("Theirs.", "Mine.")
    finally:
        a.dispose()
        b.dispose()


def test_renewal_and_resubmission_cite_the_earlier_application(db) -> None:  # type: ignore[no-untyped-def]
    first = save_draft(db, _new_form(db))
    renewal = start_from(db, first.ref, "renewal")
    assert renewal.id is None and renewal.renewal_of == first.ref
    assert f"Renewal of {first.ref}" in renewal.additional_info
    stored = save_draft(db, renewal)
    assert stored.renewal_of == first.ref and stored.ref != first.ref
    again = save_draft(db, start_from(db, first.ref, "resubmission"))
    assert again.resubmission_of == first.ref


def test_unsaved_draft_survives_on_disk_and_is_offered_for_its_database(db) -> None:  # type: ignore[no-untyped-def]
    form = dataclasses.replace(_new_form(db), justification="typed but not saved — 张伟")
    path = draft_recovery.keep(form, 3, "/data/a.db")
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    back = draft_recovery.recover("/data/a.db")
    assert back is not None and back.form == form and back.page == 3
    assert draft_recovery.recover("/data/other.db") is None
    path.write_text("{not json")
    assert draft_recovery.recover() is None
    draft_recovery.discard()
    assert not path.exists()


def test_determination_for_the_person_and_items(db) -> None:  # type: ignore[no-untyped-def]
    form = _new_form(db)
    person = load_person(db, form.person_id or 0)
    found = determine_release(db, person, tuple(i.item_id for i in form.items),
                              date(2026, 11, 27))
    assert len(found) == 1 and "Mythos 5" in found[0].item
    assert found[0].determination.license_required is True
    assert "China" in found[0].determination.reason
    us = dataclasses.replace(person, citizenships=(), immigration_status="citizen")
    plain = determine_release(db, us, (form.items[0].item_id,), date(2026, 11, 27))
    assert plain[0].determination.license_required is not True

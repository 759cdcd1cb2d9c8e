"""The blocks without a column travel with the draft: saved and loaded on the database under
test, kept in the unsaved-draft file, audited, copied (or not) into a renewal, shown by
``show``."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

from factories import make_application
from sqlalchemy import select, text

from licenseapp.domain.draft_form import DraftForm, DraftItemForm
from licenseapp.services.drafts import draft_recovery
from licenseapp.services.drafts.applications import get_application
from licenseapp.services.drafts.draft_editing import load_draft, save_draft, start_from
from licenseapp.services.drafts.wizard_data import wizard_choices
from licenseapp.services.output.packets import application_record
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database
from licenseapp.store.models import AuditEntry

LONG_13 = "Import certificate No. 2026/CN/0042 issued by MOFCOM on 2026-01-05 — 中文"


def _form(db: Database) -> DraftForm:
    make_application(db, "LA-2026-0001")
    choices = wizard_choices(db)
    return DraftForm(
        organization_id=choices.organizations[0].id, person_id=choices.people[0].id,
        items=(DraftItemForm(choices.items[0].id, "4e091", "Access to model weights",
                             form_values=(("b22b", "0.75 WT"),)),),
        end_use="Research on model evaluation.",
        form_values=(("b11", "D123456"), ("b13", LONG_13), ("b7", "Other")))


def test_values_round_trip_through_save_and_load(db: Database) -> None:
    saved = save_draft(db, _form(db))
    assert saved.form_values == (("b11", "D123456"), ("b13", LONG_13), ("b7", "Other"))
    assert saved.items[0].form_values == (("b22b", "0.75 WT"),)
    again = load_draft(db, saved.ref)
    assert again == saved

    # clearing one block, changing another: stored exactly, audited by block id
    edited = dataclasses.replace(again, form_values=(("b11", ""), ("b13", LONG_13),
                                                     ("b7", "Other; BIS-711")))
    stored = save_draft(db, edited, base=again)
    assert stored.form_values == (("b13", LONG_13), ("b7", "Other; BIS-711"))
    with db.reading() as s:
        last = s.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).scalars().first()
    assert last is not None and "Other blocks" in last.summary
    assert "D123456" in last.before_json and "BIS-711" in last.after_json
    assert verify(db).ok

    record = application_record(db, saved.ref)
    assert record.form_values == stored.form_values
    assert record.items[0].form_values == (("b22b", "0.75 WT"),)
    detail = get_application(db, saved.ref)
    assert detail.form_values == {"b13": LONG_13, "b7": "Other; BIS-711"}
    assert detail.items[0].form_values == {"b22b": "0.75 WT"}


def test_an_item_without_values_and_an_application_without_values_store_null(
        db: Database) -> None:
    form = dataclasses.replace(_form(db), form_values=(),
                               items=(DraftItemForm(wizard_choices(db).items[0].id, "4E091"),))
    saved = save_draft(db, form)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT form_values FROM applications WHERE ref = :r"),
                            {"r": saved.ref}).scalar() is None
    assert load_draft(db, saved.ref).form_values == ()


def test_the_unsaved_draft_file_keeps_the_values(db: Database) -> None:
    form = _form(db)
    draft_recovery.keep(form, 4, "/data/a.db")
    back = draft_recovery.recover("/data/a.db")
    assert back is not None and back.form == form
    assert back.form.items[0].form_values == (("b22b", "0.75 WT"),)


def test_a_draft_file_from_before_the_values_still_opens(db: Database) -> None:
    form = _form(db)
    path = draft_recovery.keep(form, 2, "/data/a.db")
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["form"]["form_values"]
    for item in data["form"]["items"]:
        del item["form_values"]
    path.write_text(json.dumps(data), encoding="utf-8")
    back = draft_recovery.recover("/data/a.db")
    assert back is not None and back.form.form_values == ()
    assert back.form.items[0].form_values == ()


def test_a_renewal_keeps_the_item_blocks_and_asks_the_others_afresh(db: Database) -> None:
    first = save_draft(db, _form(db))
    renewal = start_from(db, first.ref, "renewal")
    assert renewal.form_values == ()
    assert renewal.items[0].form_values == (("b22b", "0.75 WT"),)


def test_values_of_another_form_are_not_stored(db: Database) -> None:
    form = dataclasses.replace(_form(db), form_values=(("b11", "D123456"), ("s2", "Temporary")))
    saved = save_draft(db, form)
    assert saved.form_values == (("b11", "D123456"),)


def test_show_json_carries_the_values(db: Database, db_url: str) -> None:
    saved = save_draft(db, _form(db))
    result = subprocess.run(
        [sys.executable, "-m", "licenseapp", "--db", db_url, "show", saved.ref, "--json"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["form_values"] == {"b11": "D123456", "b13": LONG_13, "b7": "Other"}
    assert shown["items"][0]["form_values"] == {"b22b": "0.75 WT"}
    text_out = subprocess.run(
        [sys.executable, "-m", "licenseapp", "--db", db_url, "show", saved.ref],
        capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert "block 11 Replacement License Number: D123456" in text_out.stdout
    assert "block 22(b) CTP: 0.75 WT" in text_out.stdout
    lines = text_out.stdout.splitlines()
    blocks = [line.strip().split(" ", 2)[1] for line in lines if line.strip().startswith("block ")
              and "CTP" not in line]
    assert blocks == ["7", "11", "13"]  # in the form's order

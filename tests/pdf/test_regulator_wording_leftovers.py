"""The last U.S.-only words on mixed and UK screens (#17 point 2) and a demo consistent with
the UK's rule: lists mixing regulators say "Person"; the people editor's status label says it
is for U.S. cases; a SIEL's data sheet has no immigration row; the demo's UK recipients are
abroad, and its UK licences suspended, revoked or surrendered are recorded."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from test_regulator_packets import _texts

from licenseapp.cli.main import main
from licenseapp.demo.dataset import generate_demo
from licenseapp.domain.person_form import PERSON_LABELS
from licenseapp.services.output.packets import build_packet
from licenseapp.services.reports.pending import pending_report
from licenseapp.store.database import Database
from licenseapp.store.models import Application, ApplicationParty, License


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db, size=60, seed=3)
    return db


def test_lists_that_mix_regulators_say_person(demo: Database, db_url: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (table,) = [s.table for s in pending_report(demo).sections if s.table][:1]
    assert "Person" in table.columns and "Foreign national" not in table.columns
    assert main(["--db", db_url, "list"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert "Person" in header and "Foreign national" not in header
    assert PERSON_LABELS["immigration_status"] == "Immigration status (U.S. cases)"


def test_the_demo_uk_recipients_are_abroad_and_their_licences_recorded(demo: Database) -> None:
    with demo.reading() as s:
        uk = {a.id: a for a in s.scalars(select(Application).where(
            Application.regulator_code == "ECJU"))}
        consignees = s.scalars(select(ApplicationParty).where(
            ApplicationParty.application_id.in_(uk),
            ApplicationParty.role == "ultimate_consignee")).all()
        licences = {lic.application_id: lic for lic in s.scalars(select(License))}
    assert consignees and all(c.country != "GB" and c.city for c in consignees)
    for app in uk.values():
        where = dict(app.form_values or {}).get("s7a", "")
        consignee = next(c for c in consignees if c.application_id == app.id)
        assert app.status == "draft" or consignee.city in where, app.ref
        if app.status in ("suspended", "revoked", "surrendered"):
            assert licences[app.id].state == app.status, app.ref
    assert {"suspended", "revoked"} & {a.status for a in uk.values()}


def test_a_siel_data_sheet_has_no_immigration_row(demo: Database) -> None:
    with demo.reading() as s:
        refs = {reg: s.scalars(select(Application.ref).where(
            Application.regulator_code == reg, Application.status == "approved")
            .order_by(Application.ref)).first() for reg in ("ECJU", "DDTC")}
    uk = _texts(build_packet(demo, str(refs["ECJU"])))["pdftotext"]
    sheet = uk.split("Recipient data sheet", 1)[1].split("Citizenships", 1)[0]
    assert "Country of residence" in sheet and "immigration status" not in sheet.lower()
    us = _texts(build_packet(demo, str(refs["DDTC"])))["pdftotext"]
    assert "U.S. immigration status" in us

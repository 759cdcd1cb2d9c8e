"""Stored values are shown in users' words, from one label table per value set (#18 point 7:
"green_card", "i94", "ead", "naturalization" were shown as stored)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from licenseapp.domain.enums import AttachmentKind, DocumentKind, ResumeKind
from licenseapp.domain.value_labels import (
    ATTACHMENT_KINDS,
    CITIZENSHIP_BASES,
    DOCUMENT_KINDS,
    RESUME_KINDS,
    label,
)
from licenseapp.gui.applications.detail_html import render_detail
from licenseapp.gui.people.person_rows import BASIS_CHOICES, DOCUMENT_CHOICES, RESUME_CHOICES
from licenseapp.gui.wizard.page_person import person_html
from licenseapp.services.catalog.people import load_person
from licenseapp.services.drafts.applications import get_application
from licenseapp.store.models import Application, Citizenship, Person, PersonDocument

#: A stored value shown raw: a code with an underscore, or a document code as a word.
RAW = re.compile(r"\b(?:[a-z0-9]+_[a-z0-9_]+|i94|i797|i20|ds2019|ead)\b")


@pytest.mark.parametrize(("table", "values"), [
    (DOCUMENT_KINDS, DocumentKind), (ATTACHMENT_KINDS, AttachmentKind),
    (RESUME_KINDS, ResumeKind), (CITIZENSHIP_BASES, ("birth", "naturalization", "descent"))])
def test_every_value_of_a_set_has_its_label(table, values) -> None:  # type: ignore[no-untyped-def]
    assert {str(v) for v in values} == set(table)
    assert not any(RAW.search(text) for text in table.values())
    assert label(DOCUMENT_KINDS, "green_card") == "Permanent resident (green card)"
    assert label(table, "something_new") == "Something new"  # never an underscore


def test_the_choices_offered_are_the_same_words() -> None:
    assert dict((v, t) for t, v in DOCUMENT_CHOICES) == DOCUMENT_KINDS
    assert dict((v, t) for t, v in RESUME_CHOICES) == RESUME_KINDS
    assert dict((v, t) for t, v in BASIS_CHOICES) == CITIZENSHIP_BASES


@pytest.fixture
def documented(db, sample_db_url):  # type: ignore[no-untyped-def]
    """A sample application whose person holds every kind of document and a citizenship by
    naturalization."""
    with db.unit_of_work() as s:
        app = s.execute(select(Application).order_by(Application.ref)).scalars().first()
        person = s.get(Person, app.person_id)
        s.add(Citizenship(person_id=person.id, country="CA", acquired_on=date(2015, 1, 1),
                          basis="naturalization"))
        for n, kind in enumerate(DocumentKind):
            s.add(PersonDocument(person_id=person.id, kind=kind.value, number=f"X{n}2345678",
                                 issuing_country="US", expires_on=date(2030, 1, 1)))
        return app.ref, person.id


def test_the_details_pane_says_documents_and_citizenships_in_words(db, documented) -> None:
    ref, _person = documented
    html = render_detail(get_application(db, ref))
    assert not RAW.findall(html.replace("&nbsp;", " ")), RAW.findall(html)
    for kind in DocumentKind:
        assert DOCUMENT_KINDS[kind].replace("(", "").split()[0] in html
    assert "Permanent resident (green card)" in html and "I-94 arrival record" in html
    assert "by naturalization" in html


def test_the_wizard_summary_says_documents_and_citizenships_in_words(db, documented) -> None:
    _ref, person = documented
    html = person_html(load_person(db, person))
    assert not RAW.findall(html), RAW.findall(html)
    assert "Permanent resident (green card)" in html and "Work authorization (EAD)" in html
    assert "by naturalization" in html


def test_the_audit_history_says_kinds_in_words(db, documented) -> None:
    from licenseapp.services.output import attachments
    from licenseapp.services.safety.audit_history import application_audit

    ref, _person = documented
    attachments.attach(db, ref, b"%PDF-1.4\n%%EOF\n", "work_authorization",
                       file_name="ead.pdf", actor="mchen")
    (attached,) = [e for e in application_audit(db, ref) if e.action == "attach"]
    assert "Kind: — → Work authorization" in attached.changes_text
    assert not RAW.findall(attached.changes_text.replace("ead.pdf", "")), attached.changes_text

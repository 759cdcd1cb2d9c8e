"""A fully filled application (with attachments) and PDF reading helpers for packet tests
(imported by the tests of this folder; the fixtures are in conftest.py)."""

from __future__ import annotations

import hashlib
import io
import sys
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factories import make_application

from licenseapp.store.database import Database
from licenseapp.store.models import (
    Application,
    Attachment,
    Organization,
    Person,
    PersonDocument,
    ResumeEntry,
)

LOE = (
    "Letter of explanation for the release of Mythos 5 technology.\n\n"
    "(i) Parties: <b>Zhang</b> & Sons is not a party; Northwind Frontier AI, Inc. is.\n"
    "(ii) Location: 1 Market St, San Jose.\n\n"
    "(iii) Technology: model weights and training know-how."
)
TCP = "Technology control plan.\n\n1. Commitment to compliance.\n2. Badge-controlled lab."


def attachment_pdf(pages: int = 2, title: str = "Passport scan") -> bytes:
    """A small PDF as an applicant would upload it (fonts embedded)."""
    from reportlab.pdfgen.canvas import Canvas

    from licenseapp.pdf import fonts

    face = fonts.face(fonts.BASE_FAMILY)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(420, 595), invariant=1, initialFontName=face)
    for page in range(1, pages + 1):
        canvas.setFont(face, 18)
        canvas.drawString(40, 540, f"{title} page {page}")
        canvas.rect(30, 30, 360, 480)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def attachment_png() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (300, 200), (200, 220, 240))
    for x in range(300):
        image.putpixel((x, 100), (20, 20, 20))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _attach(app_id: int | None, person_id: int | None, kind: str, name: str, media: str,
            content: bytes) -> Attachment:
    return Attachment(
        application_id=app_id, person_id=person_id, kind=kind, file_name=name, media_type=media,
        size=len(content), sha256=hashlib.sha256(content).hexdigest(), content=content,
        created_at=datetime(2026, 9, 1, tzinfo=UTC), created_by="tester",
    )


def make_rich_application(
    db: Database,
    ref: str = "LA-2026-0101",
    *,
    status: str = "draft",
    given: str = "Wei",
    family: str = "Zhang",
    native: str = "张伟",
    citizenship: str = "CN",
    regulator: str = "BIS",
    attachments: bool = True,
) -> int:
    """An application with every part of the packet filled in."""
    app_id = make_application(db, ref, regulator=regulator, status=status, given=given,
                              family=family, native=native, citizenship=citizenship)
    with db.unit_of_work() as s:
        app = s.get(Application, app_id)
        assert app is not None and app.person_id is not None
        org = s.get(Organization, app.organization_id)
        assert org is not None
        org.street, org.postal_code, org.phone = "1 Market St", "95113", "+1 408 555 0100"
        org.contact_name, org.contact_phone = "Priya Raman", "+1 408 555 0111"
        org.contact_email, org.ein = "export@northwind.example", "12-3456789"
        person = s.get(Person, app.person_id)
        assert person is not None
        person.other_names = "Zhang Wei; 張偉"
        person.date_of_birth, person.birth_city = date(1990, 5, 4), "Chengdu"
        person.job_title, person.supervisor = "Research Engineer", "Alex Kim"
        person.work_site = "1 Market St, San Jose, CA 95113"
        person.duties = "Trains and evaluates Mythos 5."
        person.documents.append(PersonDocument(kind="passport", number="E12345678",
                                               issuing_country=citizenship,
                                               expires_on=date(2030, 1, 1)))
        person.resume.append(ResumeEntry(kind="education", organization="Tsinghua University",
                                         location="Beijing", title="B.Eng.", start_year=2008,
                                         start_month=9, end_year=2012, end_month=6))
        person.resume.append(ResumeEntry(kind="employment", organization="Northwind Frontier AI",
                                         title="Research Engineer", start_year=2012,
                                         start_month=8))
        app.end_use = "Trains Mythos 5 at the San Jose lab."
        app.additional_info = f"Foreign national {given} {family}; no prior licenses."
        app.loe_text, app.tcp_text = LOE, TCP
        if attachments:
            s.add(_attach(None, person.id, "passport", "passport.pdf", "application/pdf",
                          attachment_pdf(2)))
            s.add(_attach(app.id, None, "resume", "résumé scan.png", "image/png",
                          attachment_png()))
            s.add(_attach(app.id, None, "other", "notes.docx", "application/msword", b"PK\x03"))
    return app_id


def page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)

"""The filing packet as a compliance officer receives it: every block, every name, every page
marked, every font embedded, the same bytes every time."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable

import pytest
from packet_fixtures import nfkc, page_texts
from pypdf import PdfReader

from licenseapp.domain.forms import form_spec
from licenseapp.domain.privacy import mask_number
from licenseapp.errors import NotFoundError
from licenseapp.services.output.packets import application_record, build_packet
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Person

Make = Callable[..., int]


def _outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)  # type: ignore[arg-type]
    return titles


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font used on any page -> whether its program is embedded."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for font in (resources.get_object().get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font.get("/BaseFont"))] = embedded
    return found


def test_summary_has_every_bis748p_block_with_number_and_label(
    db: Database, rich_application: Make
) -> None:
    rich_application()
    pdf = build_packet(db, "LA-2026-0101")
    text = "\n".join(page_texts(pdf))
    flat = " ".join(text.split())
    for field in form_spec("BIS-748P").walk():
        assert field.label in flat, field.number
    for number in range(1, 26):
        assert f"\n{number}\n" in text or f"\n{number} " in text, number
    for letter in "abcdefghij":
        assert f"22({letter})" in text
    assert "Technology" in text  # block 9's standard entry


def test_names_references_and_people_appear(db: Database, rich_application: Make) -> None:
    rich_application()
    with db.unit_of_work() as s:
        app = s.query(Application).filter_by(ref="LA-2026-0101").one()
        app.regulator_ref = "Z1234567"
    texts = page_texts(build_packet(db, "la-2026-0101"))
    joined = "\n".join(texts)
    for needle in ("Wei", "ZHANG", "张伟", "張偉", "Northwind Frontier AI, Inc.", "Dana Whitfield",
                   "Empowered Official", "Mythos 5", "4E091", "Priya Raman"):
        assert needle in joined, needle
    for page in texts:  # both references on every page
        assert "LA-2026-0101" in page and "Z1234567" in page
    assert "E12345678" not in joined  # document numbers are masked
    assert mask_number("E12345678") in joined


def test_arabic_name_prints_and_extracts(db: Database, rich_application: Make) -> None:
    rich_application(given="Mohammed", family="Al-Farsi", native="محمد الفارسي",
                     citizenship="SA", attachments=False)
    text = nfkc("\n".join(page_texts(build_packet(db, "LA-2026-0101"))))
    for word in ("محمد", "الفارسي"):
        assert word in text or word[::-1] in text
    assert "Saudi Arabia" in text


def test_page_x_of_y_and_section_bookmarks(db: Database, rich_application: Make) -> None:
    rich_application()
    reader = PdfReader(io.BytesIO(build_packet(db, "LA-2026-0101")))
    total = len(reader.pages)
    assert total >= 10
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in (page.extract_text() or "")
    titles = _outline_titles(reader)
    for section in ("Cover letter", "Filing summary — BIS-748P", "Letter of explanation",
                    "Foreign national data sheet", "Technology control plan",
                    "Supporting documents"):
        assert section in titles
    assert any("passport.pdf" in t for t in titles)
    assert any("résumé scan.png" in t for t in titles)


def test_attached_pdf_pages_are_merged_and_indexed(db: Database, rich_application: Make) -> None:
    rich_application()
    pdf = build_packet(db, "LA-2026-0101")
    texts = page_texts(pdf)
    merged = [i for i, t in enumerate(texts, 1) if "Passport scan page" in t]
    assert len(merged) == 2 and merged[1] == merged[0] + 1
    data = application_record(db, "LA-2026-0101")
    index = next(t for t in texts if "File name" in t and "SHA-256" in t)
    for attachment in data.attachments:
        assert attachment.sha256 in index.replace("\n", "")
    assert "notes.docx" in index
    assert any("cannot be reproduced" in t for t in texts)
    assert "DRAFT" in texts[merged[0] - 1]  # our marks stay on top of attached pages


def test_every_font_is_embedded(db: Database, rich_application: Make) -> None:
    rich_application()
    fonts = _fonts(PdfReader(io.BytesIO(build_packet(db, "LA-2026-0101"))))
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name or "Times" in name for name in fonts)


def test_same_record_gives_the_same_bytes(db: Database, rich_application: Make) -> None:
    rich_application()
    first = build_packet(db, "LA-2026-0101")
    second = build_packet(db, "LA-2026-0101")
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    with db.unit_of_work() as s:
        s.query(Application).filter_by(ref="LA-2026-0101").one().end_use = "Changed."
    assert build_packet(db, "LA-2026-0101") != first


@pytest.mark.parametrize("status", ["draft", "internal_review"])
def test_draft_mark_until_ready(db: Database, rich_application: Make, status: str) -> None:
    rich_application(status=status, attachments=False)
    assert all("DRAFT" in t for t in page_texts(build_packet(db, "LA-2026-0101")))


def test_no_draft_mark_once_ready(db: Database, rich_application: Make) -> None:
    from factories import complete_for_filing

    rich_application(status="ready")
    complete_for_filing(db, "LA-2026-0101")  # a letter that answers each element, and so on
    with db.unit_of_work() as s:  # no résumé gap; every job with its address and duties
        person = s.query(Person).one()
        person.resume[-1].start_month = 7
        for entry in person.resume:
            if entry.kind == "employment":
                entry.location = entry.location or "100 Market St, San Jose, CA"
                entry.description = entry.description or "Evaluates the model's safety."
    texts = page_texts(build_packet(db, "LA-2026-0101"))
    assert not any("DRAFT" in t for t in texts)
    assert "Ready to file" in texts[0]


@pytest.mark.parametrize(("regulator", "form", "label"), [
    ("DDTC", "DSP-5", "Country of Ultimate Destination"),
    ("ECJU", "SIEL", "Control List Entry"),
])
def test_other_forms_follow_their_specs(
    db: Database, rich_application: Make, regulator: str, form: str, label: str
) -> None:
    rich_application(regulator=regulator, attachments=False)
    pdf = build_packet(db, "LA-2026-0101")
    text = "\n".join(page_texts(pdf))
    assert f"Filing summary — {form}" in text and label in text
    assert "Name unconfirmed" in text
    width = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width)
    assert round(width) == (595 if form == "SIEL" else 612)  # A4 for the UK, letter otherwise


def test_unknown_reference_is_a_clear_error(db: Database) -> None:
    with pytest.raises(NotFoundError, match="LA-2026-0999"):
        build_packet(db, "LA-2026-0999")


def test_demo_application_with_non_latin_name(db: Database) -> None:
    demo = pytest.importorskip("licenseapp.demo.dataset")
    demo.generate_demo(db, size=24, seed=1)
    with db.reading() as s:
        refs = [ref for ref, in s.query(Application.ref).order_by(Application.ref)]
    picked = None
    for ref in refs:
        person = application_record(db, ref).person
        if person and any(0x0600 <= ord(c) <= 0x06FF or 0x4E00 <= ord(c) <= 0x9FFF
                          for c in person.native_name):
            picked = (ref, person.native_name)
            break
    assert picked is not None, "the demo set has no Chinese or Arabic name"
    ref, native = picked
    pdf = build_packet(db, ref)
    text = nfkc("\n".join(page_texts(pdf)))
    for word in native.split():
        assert word in text or word[::-1] in text, word
    assert all(_fonts(PdfReader(io.BytesIO(pdf))).values())


def test_the_bis_summary_prints_no_internal_notes(db: Database, rich_application: Make) -> None:
    """#22 point 9: block names confirmed, no "Spec:" line, no file names of our own data."""
    rich_application()
    text = "\n".join(page_texts(build_packet(db, "LA-2026-0101")))
    for internal in ("unconfirmed", "Spec:", ".csv", ".json", "form_bis748p", "licenseapp "):
        assert internal not in text, internal
    for block in ("Special Comprehensive License", "Resubmission Application Control",
                  "Items Previously Exported", "Import/End-User Certificate",
                  "Total Application Dollar Value", "Signature"):
        assert block in text

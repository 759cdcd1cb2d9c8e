"""The filing summary prints the blocks recorded by id with their numbers, in the form's order;
a block left empty prints exactly as a block LicenseApp did not record at all."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from packet_fixtures import page_texts

from licenseapp.domain.forms import FormField, FormSpec, form_spec
from licenseapp.pdf.packet import render_packet
from licenseapp.services.output.packets import application_record, build_packet
from licenseapp.store.database import Database
from licenseapp.store.models import Application, ApplicationItem

Make = Callable[..., int]


def _set_values(db: Database, ref: str, values: dict[str, str] | None,
                item_values: dict[str, str] | None = None) -> None:
    with db.unit_of_work() as s:
        app = s.query(Application).filter_by(ref=ref).one()
        app.form_values = values
        line = s.query(ApplicationItem).filter_by(application_id=app.id).one()
        line.form_values = item_values


def _summary(pdf: bytes, form: str) -> str:
    pages = [t for t in page_texts(pdf) if "Filing summary" in t or "Field and guidance" in t]
    text = "\n".join(pages)
    assert f"Filing summary — {form}" in text
    return " ".join(text.split())


def test_recorded_blocks_print_with_their_numbers(db: Database, rich_application: Make) -> None:
    rich_application()
    _set_values(db, "LA-2026-0101", {"b11": "D123456", "b7": "Other"}, {"b22b": "0.75 WT"})
    flat = _summary(build_packet(db, "LA-2026-0101"), "BIS-748P")
    assert re.search(r"\b11 Replacement License Number .*?D123456", flat)
    assert re.search(r"\b7 Documents on File with Applicant .*?Other", flat)
    assert re.search(r"22\(b\) CTP .*?0\.75 WT", flat)
    # in the form's order, and the blocks left empty still say so
    assert flat.index("Documents on File") < flat.index("D123456") < flat.index(
        "Items Previously Exported") < flat.index("Import/End-User Certificate")
    twelve = flat[flat.index("12 Items Previously Exported"):flat.index("13 Import")]
    assert "—" in twelve
    assert "Not recorded" not in flat and "not recorded" not in flat


def test_an_empty_recorded_block_prints_as_an_unrecorded_one(
        db: Database, rich_application: Make) -> None:
    """No values, no change: the packet is byte for byte what it was when these blocks had no
    source (the spec's guidance text aside, which is the same here)."""
    rich_application(attachments=False)
    data = application_record(db, "LA-2026-0101")
    spec = form_spec("BIS-748P")

    def unrecorded(field: FormField) -> FormField:
        field = dataclasses.replace(field, fields=tuple(unrecorded(f) for f in field.fields))
        return dataclasses.replace(field, source=None, unit="", choices=()) \
            if field.recorded else field

    before: FormSpec = dataclasses.replace(spec, fields=tuple(unrecorded(f) for f in spec.fields))
    assert not before.recorded_fields()
    assert render_packet(data, spec) == render_packet(data, before)


def test_siel_export_type_prints_the_choice_or_the_standard_entry(
        db: Database, rich_application: Make) -> None:
    rich_application(regulator="ECJU", attachments=False)
    flat = _summary(build_packet(db, "LA-2026-0101"), "SIEL")
    two = flat[flat.index("2 Export Type"):flat.index("3 Applicant")]
    assert "Permanent" in two and "Standard entry" in two
    _set_values(db, "LA-2026-0101", {"s2": "Temporary"})
    flat = _summary(build_packet(db, "LA-2026-0101"), "SIEL")
    two = flat[flat.index("2 Export Type"):flat.index("3 Applicant")]
    assert "Temporary" in two and "Standard entry" not in two

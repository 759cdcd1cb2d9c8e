"""Text copies out of a packet as the user typed it, in every script: pypdf and poppler's
pdftotext both give back each native-script name and the block values exactly (after NFC,
never NFKC: no presentation forms, no private-use codes; right-to-left in logical order)."""

from __future__ import annotations

import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from packet_fixtures import page_texts
from roster_scripts import ROSTER_NAMES

from licenseapp.pdf.reports import Report, ReportSection, ReportTable, render_report
from licenseapp.services.output.packets import build_packet
from licenseapp.store.database import Database
from licenseapp.store.models import Application

Make = Callable[..., int]

#: (script, given, family, native name, citizenship)
NAMES = [
    ("Latin", "Zoë", "Nuñez", "Zoë Nuñez-Ødegård", "ES"),
    ("Cyrillic", "Olga", "Sokolova", "Ольга Соколова", "RU"),
    ("Greek", "Dimitrios", "Papadopoulos", "Δημήτρης Παπαδόπουλος", "GR"),
    ("Chinese", "Wei", "Zhang", "张伟", "CN"),
    ("Arabic", "Mohammed", "Al-Otaibi", "محمد العتيبي", "SA"),
    # lam-alef: one glyph for two letters, which a reader must not swap (صالح is another name)
    ("Arabic ligature", "Salah", "Abdullah", "صلاح عبد الله", "EG"),
    ("Devanagari", "Priya", "Sharma", "प्रिया शर्मा", "IN"),
    ("Hebrew", "Noa", "Levi", "נועה לוי", "IL"),
    ("Bengali", "Koushik", "Chowdhury", "কৌশিক চৌধুরী", "BD"),
    ("Tamil", "Karthik", "Subramanian", "கார்த்திக் சுப்ரமணியன்", "IN"),
    ("Thai", "Somchai", "Jaidee", "สมชาย ใจดี", "TH"),
    ("Korean", "Minjun", "Kim", "김민준", "KR"),
    ("CJK Extension B", "Taro", "Yoshida", "𠮷田太郎", "JP"),
]

#: Invisible direction marks poppler puts around a right-to-left run it has reordered (its
#: own markup of the reading order, not characters of the document).
_POPPLER_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c"))


def _pdftotext(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "packet.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                             capture_output=True, text=True).stdout
    return out.translate(_POPPLER_MARKS)


def _flat(text: str) -> str:
    """NFC, and every run of whitespace one space (lines wrap where the page decides)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def _mixed_direction(text: str) -> bool:
    kinds = {unicodedata.bidirectional(c) for c in text}
    return bool(kinds & {"R", "AL"}) and "L" in kinds


@pytest.fixture(scope="module")
def has_pdftotext() -> None:
    try:
        subprocess.run(["pdftotext", "-v"], capture_output=True, check=False)
    except FileNotFoundError:  # pragma: no cover - poppler-utils is a test dependency
        pytest.fail("pdftotext (poppler-utils) is needed: apt-get install poppler-utils")


@pytest.mark.parametrize(("script", "given", "family", "native", "country"), NAMES,
                         ids=[n[0] for n in NAMES])
def test_names_and_block_values_copy_out_as_typed(
    db: Database, rich_application: Make, has_pdftotext: None,
    script: str, given: str, family: str, native: str, country: str,
) -> None:
    rich_application(given=given, family=family, native=native, citizenship=country,
                     attachments=False)
    end_use = f"Trains Mythos 5 with {native} at the San Jose lab."
    with db.unit_of_work() as s:
        app = s.query(Application).filter_by(ref="LA-2026-0101").one()
        app.end_use = end_use
    pdf = build_packet(db, "LA-2026-0101")
    values = [native, end_use, "Northwind Frontier AI, Inc.", "Research Engineer",
              "Trains and evaluates Mythos 5.", "1 Market St, San Jose, CA 95113"]
    for reader, text in (("pypdf", "\n".join(page_texts(pdf))), ("pdftotext", _pdftotext(pdf))):
        flat = _flat(text)
        for value in values:
            if reader == "pdftotext" and _mixed_direction(value):
                # poppler's reading order (TextOutputDev reorderText) runs a right-to-left
                # section up to the next left-to-right letter, so the space after an Arabic
                # name inside an English sentence comes out before the name: compare the
                # characters in order without the spaces.
                assert _squeezed(value) in _squeezed(text), (reader, script, value)
                continue
            assert _flat(value) in flat, (reader, script, value)
        assert not any(0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000 for c in text), reader
        assert not any("\ufb50" <= c <= "\ufeff" for c in text), reader  # presentation forms


def test_every_roster_script_copies_out_of_a_report(has_pdftotext: None) -> None:
    rows = tuple((script, name) for script, (name, _) in ROSTER_NAMES.items())
    report = Report("Roster", "Every script.", datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
                    (ReportSection("People", table=ReportTable(("Script", "Name"), rows,
                                                               (1, 3))),),
                    organization="Northwind Frontier AI, Inc.")
    pdf = render_report(report)
    for reader, text in (("pypdf", "\n".join(page_texts(pdf))), ("pdftotext", _pdftotext(pdf))):
        assert "[U+" not in text
        flat = _flat(text)
        for script, (name, _) in ROSTER_NAMES.items():
            assert _flat(name) in flat, (reader, script, name)

"""Each regulator's own words on its packet (#17 points 2-3): a DDTC and an ECJU packet made
from the demo data carry none of BIS's or the EAR's terms (nor, on the UK one, U.S.-only
terms), read back with both pypdf and pdftotext; a DSP-5 numbers its blocks as DECCS does
and lists the precedent licenses of the renewal chain."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from factories import make_application, make_license
from packet_fixtures import page_texts

from licenseapp.demo.dataset import generate_demo
from licenseapp.services.output.packets import build_packet
from licenseapp.store.database import Database
from licenseapp.store.models import Application

Make = Callable[..., int]

_EAR_TERMS = ("BIS ", "BIS-748P", "BIS expects", "15 CFR", "EAR ", "(EAR)", "deemed export",
              "Deemed export", "deemed-export", "SNAP-R", "ECCN", "Commerce Control List",
              "Country of birth", "Foreign national", "foreign national")
#: The terms that must not appear on a regulator's packet, in one table.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "DDTC": (*_EAR_TERMS, "licence"),
    "ECJU": (*_EAR_TERMS, "U.S. work site", "U.S. immigration status", "U.S. status",
             "U.S.-person", "22 CFR", "ITAR", "DDTC", "release controlled technology",
             "Foreign national data sheet"),
}


def _pdftotext(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "packet.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def _texts(pdf: bytes) -> dict[str, str]:
    return {"pypdf": _flat("\n".join(page_texts(pdf))), "pdftotext": _flat(_pdftotext(pdf))}


@pytest.fixture
def demo_packets(db: Database) -> dict[str, bytes]:
    generate_demo(db, size=24, seed=1)
    with db.reading() as s:
        refs = {reg: ref for ref, reg in s.query(Application.ref, Application.regulator_code)
                .order_by(Application.ref.desc())}
    return {reg: build_packet(db, refs[reg]) for reg in ("DDTC", "ECJU")}


def test_ddtc_and_ecju_packets_carry_only_their_regulators_words(
        demo_packets: dict[str, bytes]) -> None:
    for regulator, pdf in demo_packets.items():
        for reader, text in _texts(pdf).items():
            found = [t for t in FORBIDDEN[regulator] if t in text]
            assert not found, (regulator, reader, found)
    ddtc = _texts(demo_packets["DDTC"])["pdftotext"]
    assert "Foreign person data sheet" in ddtc and "22 CFR 120.50(b)" in ddtc
    # The screening section names the person in the form's word, as the data sheet does.
    screened = ddtc.split("Restricted-party screening", 1)[1]
    assert re.search(r"Foreign person [^:]+ \(P-\d+\): ", screened), screened[:400]
    uk = _texts(demo_packets["ECJU"])["pdftotext"]
    for words in ("licence to transfer controlled technology out of the United Kingdom",
                  "Work site: Aldergrove Aerospace UK Limited (remote, from",
                  "Recipient data sheet",
                  "Where the Recipient Is (Country of Receipt or Remote Access)"):
        assert words in uk, words
    screened = uk.split("Restricted-party screening", 1)[1]
    assert re.search(r"Recipient [^:]+ \(P-\d+\): ", screened), screened[:400]
    assert "not screened. Not screened" not in screened  # said once


def test_the_table_catches_bis_words_on_a_bis_packet(db: Database,
                                                     rich_application: Make) -> None:
    """The check can fail: a BIS packet has the words the table keeps off the others."""
    rich_application()
    text = _texts(build_packet(db, "LA-2026-0101"))["pdftotext"]
    assert {"U.S. work site", "Foreign national data sheet"} <= {
        t for t in FORBIDDEN["ECJU"] if t in text}


def test_a_dsp5_uses_deccs_block_numbers_and_lists_precedent_licenses(db: Database) -> None:
    first = make_application(db, "LA-2024-0011", regulator="DDTC", status="approved")
    other = make_application(db, "LA-2024-0012", regulator="DDTC", status="approved")
    renewal = make_application(db, "LA-2025-0013", regulator="DDTC", status="approved")
    current = make_application(db, "LA-2026-0014", regulator="DDTC")
    make_license(db, first, "050111111", issued_on=date(2024, 3, 1), expires_on=date(2026, 3, 1))
    make_license(db, other, "050333333", issued_on=date(2024, 6, 1), expires_on=date(2026, 6, 1))
    make_license(db, renewal, "050222222", issued_on=date(2025, 3, 1),
                 expires_on=date(2027, 3, 1))
    with db.unit_of_work() as s:
        apps = {a.id: a for a in s.query(Application)}
        apps[renewal].renewal_of_id = first
        apps[current].renewal_of_id = renewal
        # An earlier grant to the same person outside the chain counts as a precedent too.
        apps[other].person_id = apps[current].person_id
    text = _texts(build_packet(db, "LA-2026-0014"))["pdftotext"]
    for number, label in (("14", "Foreign End-User"), ("20", "Specific Purpose"),
                          ("21", "Precedent License Numbers"),
                          ("24", "Empowered Official (Name, Title)")):
        assert f"{number} {label}" in text, (number, label)
    assert "10 Foreign End-User" not in text
    block = text.split("21 Precedent License Numbers", 1)[1].split("22 Additional", 1)[0]
    # The renewal chain newest first, then the person's other earlier grant.
    assert block.index("050222222") < block.index("050111111") < block.index("050333333")


def test_a_siel_says_where_the_recipient_is(db: Database, rich_application: Make) -> None:
    """The UK licenses a transfer out of the UK: the letter and block 7(a) name the country the
    recipient receives or accesses the technology from."""
    app_id = rich_application(regulator="ECJU")
    with db.unit_of_work() as s:
        app = s.get(Application, app_id)
        assert app is not None
        app.form_values = {"s7a": "India: remote access from Bengaluru"}
    text = _texts(build_packet(db, "LA-2026-0101"))["pdftotext"]
    assert "who receives or accesses it from India: remote access from Bengaluru" in text
    # The page header may fall between the number and the label in the text's order.
    block = text.split("Where the Recipient Is (Country of Receipt or Remote Access)", 1)[1]
    assert block.split("8 Consignee", 1)[0].strip() == "India: remote access from Bengaluru"

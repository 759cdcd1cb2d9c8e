"""The directive day's documents print every name so that it copies back out as typed: the
directive compliance record, the determination memo, and the DSP-5 and SIEL packets, made from
the demo with people named in Latin with diacritics, Cyrillic, Greek, Arabic, Devanagari,
Chinese, Japanese, Korean, Hebrew and Thai. Per page, poppler's text is compared with the
names (NFC); no replacement box, private-use code or presentation form comes out, and every
font is an embedded TrueType subset (no Type 3)."""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from licenseapp.demo.dataset import generate_demo
from licenseapp.services.directive.compliance_record import write_compliance_record
from licenseapp.services.directive.memo import application_memo, pair_memo, write_memo
from licenseapp.services.directive.orders import record_order, suspend_under_order
from licenseapp.services.output.packets import build_packet
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import Person

#: person ref -> (given, family, native): the demo's names, and others where it has none
RENAMED = {
    "P-0007": ("さくら", "佐藤", "佐藤さくら"),            # Japanese, on Mythos 5
    "P-0008": ("민준", "김", "김민준"),                    # Korean, on Mythos 5
    "P-0013": ("Noa", "Levi", "נועה לוי"),               # Hebrew, on Mythos 5
    "P-0014": ("Ελένη", "Παππά", "Ελένη Παππά"),          # Greek legal name, on Mythos 5
    "P-0024": ("Yūki", "Tanaka", "田中 ゆうき"),           # Japanese, DSP-5 LA-2025-0007
    "P-0030": ("Nattapong", "Srisuk", "ณัฐพงศ์ ศรีสุข"),    # Thai, DSP-5 LA-2026-0016
    "P-0037": ("Avi", "Cohen", "אבי כהן"),               # Hebrew, SIEL LA-2026-0025
    "P-0039": ("Seo-yeon", "Park", "박서연"),             # Korean, SIEL LA-2026-0036
}
#: application ref -> (regulator's form, the foreign national's names as printed)
PACKETS = {
    "LA-2024-0004": ("DSP-5", ("Dimitrios Papadopoulos", "Δημήτρης Παπαδόπουλος")),
    "LA-2025-0007": ("DSP-5", ("Yūki Tanaka", "田中 ゆうき")),
    "LA-2026-0016": ("DSP-5", ("Nattapong Srisuk", "ณัฐพงศ์ ศรีสุข")),
    "LA-2026-0032": ("DSP-5", ("Omar Farouk", "عمر فاروق")),
    "LA-2026-0041": ("DSP-5", ("Vikram Singh", "विक्रम सिंह")),
    "LA-2026-0025": ("SIEL", ("Avi Cohen", "אבי כהן")),
    "LA-2026-0036": ("SIEL", ("Seo-yeon Park", "박서연")),
    "LA-2026-0038": ("SIEL", ("Iryna Kovalenko", "Ірина Коваленко")),
    "LA-2026-0042": ("SIEL", ("Lei Zhao", "赵磊")),
    "LA-2026-0043": ("SIEL", ("Khalid Mansour", "خالد منصور")),
}
#: (person, item) -> the person's name as the memo prints it
MEMOS = {
    ("P-0005", "ITM-001"): "Zoë Łukasiewicz",
    ("P-0007", "ITM-001"): "さくら 佐藤",
    ("P-0008", "ITM-001"): "민준 김",
    ("P-0014", "ITM-001"): "Ελένη Παππά",
    ("P-0003", "ITM-001"): "Aleksei Smirnov",
}
#: Invisible direction marks poppler puts around a right-to-left run it has reordered.
_POPPLER_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LICENSEAPP_USER", "tester")
        db = open_database(str(tmp_path_factory.mktemp("names") / "demo.db"))
        try:
            generate_demo(db)
            with db.unit_of_work() as s:
                for person in s.scalars(select(Person).where(Person.ref.in_(RENAMED))):
                    person.given_name, person.family_name, person.native_name = (
                        RENAMED[person.ref])
            yield db
        finally:
            db.dispose()


def _pages(pdf: bytes) -> list[str]:
    """poppler's text of each page (NFC, its direction marks dropped)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                              text=True).stdout
        count = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
        return [unicodedata.normalize("NFC", subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(path), "-"],
            check=True, capture_output=True, text=True).stdout).translate(_POPPLER_MARKS)
            for n in range(1, count + 1)]


def _fonts(pdf: bytes) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                             text=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def _squeezed(text: str) -> str:
    """Without whitespace: lines wrap where the page decides, and poppler puts the space
    beside a right-to-left name on the other side of it."""
    return "".join(unicodedata.normalize("NFC", text).split())


def _check(pdf: bytes, names: tuple[str, ...]) -> list[str]:
    for font in _fonts(pdf):
        name, kind, emb = font[0], font[1], font[-5]
        assert kind == "TrueType" and emb == "yes", font
        assert "+" in name, font  # a subset, embedded
    pages = _pages(pdf)
    text = "\n".join(pages)
    for page, words in enumerate(pages, 1):
        odd = {c for c in words if c in "■□\ufffd" or 0xE000 <= ord(c) <= 0xF8FF
               or "\ufb50" <= c <= "\ufeff"}
        assert not odd, (page, sorted(odd))
    for name in names:
        assert _squeezed(name) in _squeezed(text), name
    return pages


def test_the_compliance_record_names_everyone_suspended(demo: Database, tmp_path: Path) -> None:
    order = record_order(demo, "ai-access-directive-2026",
                         demo.clock.now() - timedelta(minutes=30), "Asia/Tokyo", 90)
    suspend_under_order(demo, order.id)
    path = tmp_path / "record.pdf"
    write_compliance_record(demo, order.id, path)
    pages = _check(path.read_bytes(), ("さくら 佐藤", "민준 김", "Ελένη Παππά", "Noa Levi",
                                       "Zoë Łukasiewicz", "Aleksei Smirnov", "Priya Sharma"))
    for given, family, _ in (RENAMED["P-0007"], RENAMED["P-0008"], RENAMED["P-0014"]):
        # each on the line of its row, whole (not wrapped inside the name)
        assert any(f"{given} {family}" in line for p in pages for line in p.splitlines())


@pytest.mark.parametrize(("person", "item"), list(MEMOS), ids=[p for p, _ in MEMOS])
def test_the_memo_names_the_person(demo: Database, tmp_path: Path, person: str,
                                   item: str) -> None:
    path = tmp_path / "memo.pdf"
    write_memo(demo, pair_memo(demo, person, item), path)
    name = MEMOS[person, item]
    pages = _check(path.read_bytes(), (name, f"{name} ({person})"))
    assert f"Whether {name} needs a license" in " ".join(pages[0].split())


def test_an_applications_memo_names_its_person(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "memo.pdf"
    write_memo(demo, application_memo(demo, "LA-2026-0043"), path)
    _check(path.read_bytes(), ("Khalid Mansour", "LA-2026-0043"))


@pytest.mark.parametrize("ref", list(PACKETS))
def test_dsp5_and_siel_packets_print_the_names_in_their_scripts(demo: Database,
                                                                ref: str) -> None:
    form, names = PACKETS[ref]
    pages = _check(build_packet(demo, ref), names)
    assert f"{form} filing packet" in pages[0]
    family, given = names[0].rsplit(" ", 1)[1], names[0].rsplit(" ", 1)[0]
    assert _squeezed(f"{family.upper()}, {given} {names[1]}") in _squeezed("\n".join(pages))
    letter = " ".join(pages[0].split())
    if "is sought because" in letter:  # the regulator's word: a UK case asks for a licence
        word = "licence" if form == "SIEL" else "license"
        assert f"The {word} is sought because" in letter

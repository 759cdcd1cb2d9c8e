"""Text copies out of a packet as the user typed it, in every script: pypdf and poppler's
pdftotext both give back each native-script name and the block values exactly (after NFC,
never NFKC: no presentation forms, no private-use codes; right-to-left in logical order)."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from packet_fixtures import page_texts
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import SimpleDocTemplate
from roster_scripts import ROSTER_NAMES

from licenseapp.demo.people import core_people
from licenseapp.pdf import fonts, richtext
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


def _pdftotext(pdf: bytes, *options: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "packet.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(path), "-"], check=True,
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


#: Words whose marks HarfBuzz draws with no advance at an offset from the glyph before them
#: (the e-matra of पटेल 44 units left of ट's end), one or more in each shaped script that has
#: them in the shipped fonts: (script, word)
OFFSET_MARK_WORDS = [
    ("Devanagari", "पटेल"), ("Bengali", "কৃষ্ণ"), ("Bengali anusvara", "বাংলা"),
    ("Gujarati", "કૃષ્ણ"), ("Telugu", "కృష్ణ"), ("Khmer", "កុំ"), ("Myanmar", "ကို"),
    ("Thai", "น้ำ"), ("Arabic harakat", "مُحَمَّد"), ("Hebrew niqqud", "שָׁלוֹם"),
]

#: Known limit of poppler (pdftotext default and -layout), not of the packet: a right-to-left
#: line is drawn left to right, so each mark comes before the letter it sits on, and poppler
#: puts the marks of Arabic harakat and Hebrew niqqud on a line of their own (``שלוֹם`` then
#: ``ָׁ``). ReportLab's own shaping gives the same (test_poppler_separates_right_to_left_marks).
#: pypdf gives these words as typed. (The letter's glyph standing for the letter and its marks,
#: last first, would satisfy poppler, which reverses a line character by character, but not
#: pypdf, which reverses it glyph by glyph: the two readers ask for opposite codes.)
POPPLER_RTL_MARKS = {"مُحَمَّد", "שָׁלוֹם"}

#: The native-script names of the demo's 40 people
DEMO_NATIVE_NAMES = [p.native for p in core_people()]
SHEET_WORDS = DEMO_NATIVE_NAMES + [w for _, w in OFFSET_MARK_WORDS]


def _word_sheet() -> bytes:
    """A document of every demo name and offset-mark word, each in a line of Latin text
    (``Name (पटेल), end``: the font changes mid-line, as in a packet's letter) and alone."""
    style = ParagraphStyle("sheet", fontName=fonts.face(fonts.BASE_FAMILY), fontSize=10.5,
                           leading=15)
    flow = [richtext.paragraph(text, style) for w in SHEET_WORDS
            for text in (f"Name ({w}), end", w)]
    out = io.BytesIO()
    SimpleDocTemplate(out, invariant=1).build(flow)
    return out.getvalue()


@pytest.fixture(scope="module")
def word_sheet(has_pdftotext: None) -> dict[str, list[str]]:
    """Each reader's lines of the word sheet (NFC, poppler's direction marks dropped)."""
    pdf = _word_sheet()
    texts = {"pypdf": "\n".join(page_texts(pdf)), "pdftotext": _pdftotext(pdf),
             "pdftotext -layout": _pdftotext(pdf, "-layout")}
    return {reader: [_flat(line) for line in text.splitlines() if line.strip()]
            for reader, text in texts.items()}


def test_the_sheet_holds_the_40_demo_names_and_marks_at_an_offset() -> None:
    assert len(set(DEMO_NATIVE_NAMES)) == 40
    for script, word in OFFSET_MARK_WORDS:
        if script == "Bengali anusvara":
            continue
        shaped = ttfonts.shapeStr(word, fonts.face(str(fonts.family_for(word[0]))), 10,
                                  force=True)
        assert any(d.x_advance == 0 and d.x_offset for d in shaped.__shapeData__), script


@pytest.mark.parametrize("reader", ["pypdf", "pdftotext", "pdftotext -layout"])
@pytest.mark.parametrize("word", SHEET_WORDS,
                         ids=DEMO_NATIVE_NAMES + [s for s, _ in OFFSET_MARK_WORDS])
def test_every_demo_name_and_offset_mark_word_copies_out(
    word_sheet: dict[str, list[str]], reader: str, word: str,
) -> None:
    lines = word_sheet[reader]
    if reader != "pypdf" and word in POPPLER_RTL_MARKS:
        pytest.xfail("poppler puts right-to-left marks on a line of their own (known limit)")
    k = SHEET_WORDS.index(word)
    in_line, alone = lines[2 * k], lines[2 * k + 1]
    assert alone == _flat(word), (reader, alone)
    if _mixed_direction(word + "Name"):
        # poppler and pypdf put the brackets and comma around a right-to-left name each in
        # their own order (poppler's reading order, see above): the name comes out whole.
        assert _flat(word) in in_line, (reader, in_line)
    else:
        assert in_line == f"Name ({_flat(word)}), end", (reader, in_line)


#: ReportLab alone (a fresh interpreter: none of the app's shaping fixes) sets a word in a
#: shipped font with HarfBuzz and writes its PDF to the path given.
_REPORTLAB_ONLY = """
import sys
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
pdfmetrics.registerFont(TTFont("Shipped", sys.argv[1]))
style = ParagraphStyle("s", fontName="Shipped", fontSize=12, leading=16, shaping=1)
SimpleDocTemplate(sys.argv[3], invariant=1).build([Paragraph(sys.argv[2], style)])
"""


@pytest.mark.parametrize("word", sorted(POPPLER_RTL_MARKS))
def test_poppler_separates_right_to_left_marks(has_pdftotext: None, tmp_path: Path,
                                                word: str) -> None:
    """The known limit above is poppler's: with ReportLab alone, the marks of the word also
    come out of pdftotext apart from their letters (on a line of their own), in both modes."""
    font = pdfmetrics.getFont(fonts.face(str(fonts.family_for(word[0])))).face.filename
    pdf = tmp_path / "word.pdf"
    subprocess.run([sys.executable, "-c", _REPORTLAB_ONLY, str(font), word, str(pdf)],
                   check=True)
    for options in ((), ("-layout",)):
        lines = [_flat(x) for x in _pdftotext(pdf.read_bytes(), *options).splitlines()
                 if x.strip()]
        assert len(lines) == 2, (options, lines)  # the letters, then the marks alone
        marks = "".join(unicodedata.normalize("NFKC", lines[1]).split())  # ﱠ: shadda, fatha
        assert marks and all(unicodedata.category(c) == "Mn" for c in marks), lines

"""Every PDF says what it is (title, author, subject, language, XMP metadata) and claims
PDF/A-2b where all its pages are our own; PDFBox Preflight (Debian libpdfbox2-java, a PDF/A-1b
validator: the stricter rules) finds nothing else to fault in a filed packet or a report."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from roster_scripts import ROSTER_NAMES

from licenseapp.pdf.reports import Report, ReportSection, ReportTable, render_report
from licenseapp.services.output.packets import build_packet
from licenseapp.store.database import Database

Make = Callable[..., int]
JARS = ("preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation",
        "jaxb-api")
PART_2_NOT_1 = "7.11.2 : Error on MetaData, part must be 1"
#: PDF/A-1 forbids transparency, PDF/A-2 allows it: the DRAFT mark is translucent.
TRANSPARENCY = "4.1.2 : Transparency error"


def _preflight(pdf: bytes) -> list[str]:
    """PDFBox Preflight's findings (PDF/A-1b rules), one a line."""
    jars = [Path("/usr/share/java") / f"{name}.jar" for name in JARS]
    missing = [str(j) for j in jars if not j.exists()]
    if missing or shutil.which("java") is None:
        pytest.fail("PDF/A validation needs java and PDFBox Preflight: apt-get install "
                    "default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java "
                    f"(missing: {', '.join(missing) or 'java'})")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["java", "-cp", ":".join(map(str, jars)),
             "org.apache.pdfbox.preflight.Validator_A1b", str(path)],
            capture_output=True, text=True, check=False)
    return [line for line in out.stdout.splitlines()[1:] if line.strip()]


def _report() -> bytes:
    table = ReportTable(("Reference", "Foreign national"),
                        tuple((f"LA-2026-{i:04d}", "Wei Zhang 张伟 / محمد العتيبي")
                              for i in range(60)), (1, 2))
    return render_report(Report("Pending applications", "Oldest first.",
                                datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
                                (ReportSection("BIS", table=table),),
                                organization="Northwind Frontier AI, Inc."))


def _metadata(pdf: bytes) -> tuple[dict[str, str], dict[str, object], str]:
    reader = PdfReader(io.BytesIO(pdf))
    info = {k: str(v) for k, v in (reader.metadata or {}).items()}
    root = reader.trailer["/Root"].get_object()
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    return info, dict(root), xmp


def test_report_says_what_it_is_and_is_pdfa(has_java: None) -> None:
    pdf = _report()
    info, root, xmp = _metadata(pdf)
    assert info["/Title"] == "Pending applications"
    assert info["/Author"] == "Northwind Frontier AI, Inc."
    assert info["/Subject"] == "Oldest first."
    assert str(root["/Lang"]) == "en-US"
    for fragment in ("<rdf:li xml:lang=\"x-default\">Pending applications</rdf:li>",
                     "<rdf:li>Northwind Frontier AI, Inc.</rdf:li>",
                     "<xmp:CreateDate>2026-11-27T09:30:00+00:00</xmp:CreateDate>",
                     "<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"):
        assert fragment in xmp
    assert _preflight(pdf) == [PART_2_NOT_1]


def test_filed_packet_is_pdfa_and_a_packet_with_foreign_pages_claims_nothing(
    db: Database, rich_application: Make, has_java: None
) -> None:
    rich_application("LA-2026-0101", status="ready", attachments=False)
    pdf = build_packet(db, "LA-2026-0101")
    info, root, xmp = _metadata(pdf)
    assert "LA-2026-0101" in info["/Title"] and info["/Author"] and info["/Subject"]
    assert str(root["/Lang"]) == "en-US" and "/OutputIntents" in root
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    found = _preflight(pdf)
    assert [f for f in found if not f.startswith(TRANSPARENCY)] == [PART_2_NOT_1]

    rich_application("LA-2026-0102", status="ready", attachments=True)  # an applicant's PDF
    _, root, xmp = _metadata(build_packet(db, "LA-2026-0102"))
    assert str(root["/Lang"]) == "en-US"
    assert "<pdfaid:part>" not in xmp and "<dc:title>" in xmp


@pytest.fixture(scope="module")
def has_java() -> None:
    if shutil.which("java") is None:
        pytest.fail("java is needed: apt-get install default-jre-headless")


def test_every_script_font_is_written_as_its_program_says(has_java: None) -> None:
    """Each shipped font's glyph widths in the PDF agree with the font program (shaped glyphs
    included): Preflight compares them for every font of a report in every roster script."""
    rows = tuple((script, name) for script, (name, _) in ROSTER_NAMES.items())
    pdf = render_report(Report("Roster", "Every script.", datetime(2026, 11, 27, tzinfo=UTC),
                               (ReportSection("People", table=ReportTable(("Script", "Name"),
                                                                          rows, (1, 3))),),
                               organization="Northwind Frontier AI, Inc."))
    assert _preflight(pdf) == [PART_2_NOT_1]

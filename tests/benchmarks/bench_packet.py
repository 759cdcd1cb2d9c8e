"""Benchmark: filing packets (targets: a ~10-page packet without attachments under 0.3 s;
100 packets under 30 s).

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_packet.py
    .venv/bin/pytest tests/benchmarks/bench_packet.py -s -p no:cacheprovider

Figures are printed beside a baseline measured in the same run: a one-paragraph PDF built
with ReportLab's platypus (the floor of any ReportLab document on this machine). Font
registration and the first layout happen once per process and are timed apart.

In the same run, the same packet is rendered as HTML with CSS paged media through WeasyPrint
(tests/benchmarks/packet_html.py: the same record and sections, letter pages, "Page x of y"
in a margin box, repeated table headers, the shipped fonts through @font-face), and the
ratio of the two times is printed with both page counts. WeasyPrint is optional:

    .venv/bin/pip install -e '.[bench]'
    apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0   # Debian 12

(it also loads libglib2.0-0, libharfbuzz0b and libfontconfig1, which those pull in).
Without libharfbuzz-subset0 WeasyPrint subsets fonts with fontTools, several times slower;
the benchmark says so beside its figures. Without the package or a library it prints one
line, "WeasyPrint not available: <why>", and reports the ReportLab figures alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import io
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from command_runs import compiled, environment, licenseapp, paired_medians
from figures import figure, suite_or

from licenseapp.domain.record import (
    Address,
    ApplicationRecord,
    CitizenshipInfo,
    DocumentInfo,
    ItemInfo,
    OrganizationInfo,
    PartyInfo,
    PersonInfo,
    ResumeInfo,
)

ONE_TARGET = 0.3
HUNDRED_TARGET = 30.0
MANY = suite_or(100, 20)  # packets in a row; in scripts/bench.sh 20 (the target scaled)
NAMES = [("Wei", "Zhang", "张伟", "CN", "China"), ("Omar", "Farouk", "عمر فاروق", "EG", "Egypt"),
         ("Priya", "Sharma", "प्रिया शर्मा", "IN", "India"),
         ("Olga", "Sokolova", "Ольга Соколова", "RU", "Russia"),
         ("Liam", "O'Connor", "", "IE", "Ireland")]
PARAGRAPH = ("Access to the controlled technology is limited to the named project team; the lab "
             "is badge-controlled, repositories require hardware tokens, and every access is "
             "logged and reviewed monthly by the export compliance office. ")


def sample(index: int = 0) -> ApplicationRecord:
    given, family, native, code, country = NAMES[index % len(NAMES)]
    org = OrganizationInfo(
        "Northwind Frontier AI, Inc.", Address("1 Market St", "San Jose", "CA", "95113", "US",
                                               "United States"),
        phone="+1 408 555 0100", contact_name="Priya Raman", contact_phone="+1 408 555 0111",
        contact_email="export@northwind.example", signatory_name="Dana Whitfield",
        signatory_title="Empowered Official", ein="12-3456789", snapr_cin="C12345",
    )
    resume = tuple(
        ResumeInfo("employment" if i else "education", f"Organization {i}", 2008 + 2 * i, 9,
                   2010 + 2 * i, 6, "San Jose, CA", f"Title {i}", PARAGRAPH[:160])
        for i in range(8)
    )
    person = PersonInfo(
        f"P-{index:04d}", given, family, native_name=native, date_of_birth=date(1990, 5, 4),
        birth_country=code, birth_country_name=country, immigration_status_label="H-1B",
        employer=org.legal_name, job_title="Research Engineer", duties=PARAGRAPH * 2,
        supervisor="Alex Kim", work_site="1 Market St, San Jose, CA 95113",
        citizenships=(CitizenshipInfo(code, country, date(1990, 5, 4)),),
        documents=(DocumentInfo("passport", "••••••678", code, country, "", None,
                                date(2030, 1, 1)),
                   DocumentInfo("visa", "••••••321", "US", "United States", "H-1B", None,
                                date(2027, 3, 31))),
        resume=resume,
    )
    items = tuple(ItemInfo(i, f"ITM-{i:03d}", f"Controlled technology {i}", eccn="4E091",
                           reasons_for_control="RS, AT", technical_description=PARAGRAPH)
                  for i in range(1, 3))
    return ApplicationRecord(
        ref=f"LA-2026-{index + 1:04d}", regulator="BIS", form="BIS-748P", status="draft",
        status_label="Draft", updated_at=datetime(2026, 9, 1, 15, tzinfo=UTC),
        organization=org, regulator_ref_name="Application Control Number",
        end_use=PARAGRAPH, additional_info=PARAGRAPH, loe_text="\n\n".join([PARAGRAPH * 3] * 5),
        tcp_text="\n\n".join([PARAGRAPH * 3] * 5), person=person, items=items,
        parties=(PartyInfo("end_user", org.legal_name, org.address),),
    )


def baseline_pdf() -> bytes:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buf = io.BytesIO()
    SimpleDocTemplate(buf, invariant=1).build(
        [Paragraph(PARAGRAPH, getSampleStyleSheet()["Normal"])]
    )
    return buf.getvalue()


def _median(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


#: The shared libraries WeasyPrint loads, and the Debian 12 package of each.
WEASYPRINT_LIBRARIES = (
    ("libgobject-2.0.so.0", "libglib2.0-0"), ("libpango-1.0.so.0", "libpango-1.0-0"),
    ("libharfbuzz.so.0", "libharfbuzz0b"), ("libfontconfig.so.1", "libfontconfig1"),
    ("libpangoft2-1.0.so.0", "libpangoft2-1.0-0"),
)
SUBSET_LIBRARY = ("libharfbuzz-subset.so.0", "libharfbuzz-subset0")


def _why(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def _loads(library: str) -> bool:
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def weasyprint_renderer() -> tuple[Callable[[str], bytes] | None, str]:
    """A function HTML -> PDF bytes through WeasyPrint (fonts configured once, as ReportLab
    registers them once), and a remark; or None and why WeasyPrint cannot be used here."""
    if importlib.util.find_spec("weasyprint") is None:  # found, not imported
        return None, "the Python package is not installed (pip install -e '.[bench]')"
    missing = [f"{lib} (Debian: {pkg})" for lib, pkg in WEASYPRINT_LIBRARIES if not _loads(lib)]
    if missing:
        return None, "missing system library " + ", ".join(missing)
    try:
        # WeasyPrint prints a banner on stdout when a library fails to load: kept out of
        # the report, which gives its own one line.
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from weasyprint import HTML
            from weasyprint.text.fonts import FontConfiguration

            fonts = FontConfiguration()
    except ImportError as exc:
        return None, (f"the Python package is not installed ({exc.name or exc}); "
                      "pip install -e '.[bench]'")
    except Exception as exc:
        return None, f"it fails to load ({_why(exc)})"

    def render(html: str) -> bytes:
        pdf = HTML(string=html).write_pdf(font_config=fonts)
        assert isinstance(pdf, bytes)
        return pdf

    remark = ""
    if not _loads(SUBSET_LIBRARY[0]):
        remark = (f"fonts subset with fontTools: {SUBSET_LIBRARY[0]} missing "
                  f"(Debian: {SUBSET_LIBRARY[1]}), several times slower")
    return render, remark


def _paired(first: Callable[[], object], second: Callable[[], object],
            runs: int) -> tuple[float, float]:
    """Medians of both, timed alternately (a load that comes and goes hits both alike)."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        for fn, times in ((first, a), (second, b)):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
    return statistics.median(a), statistics.median(b)


def _reportlab(index: int) -> bytes:
    from licenseapp.pdf.packet import render_packet

    return render_packet(sample(index))


def _weasy(render: Callable[[str], bytes], html: Callable[[ApplicationRecord], str],
           index: int) -> bytes:
    return render(html(sample(index)))


def _weasyprint(pages: int, save: Path | None) -> dict[str, float]:
    """The same packet as HTML through WeasyPrint, timed against ReportLab in turn."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from packet_html import packet_html

    from licenseapp.pdf.packet import render_packet

    render, remark = weasyprint_renderer()
    if render is None:
        print(f"WeasyPrint not available: {remark}")
        return {}
    try:
        t0 = time.perf_counter()
        pdf = render(packet_html(sample(0)))  # the warm-up: fonts loaded, caches filled
        warm = time.perf_counter() - t0
        wp_pages = _pages(pdf)
        rl, wp = _paired(lambda: render_packet(sample(0)),
                         lambda: render(packet_html(sample(0))), suite_or(7, 3))
        scripts = {NAMES[i][1]: _paired(partial(_reportlab, i),
                                        partial(_weasy, render, packet_html, i),
                                        suite_or(3, 1))
                   for i in range(len(NAMES))}
    except Exception as exc:  # a broken install is reported, never fatal to the benchmark
        print(f"WeasyPrint not available: rendering failed ({_why(exc)})")
        return {}
    if save is not None:
        (save / "packet-weasyprint.pdf").write_bytes(pdf)
    from weasyprint import __version__ as version

    print(f"WeasyPrint {version}, the same packet as HTML + CSS paged media"
          + (f" ({remark})" if remark else "") + ", timed in turn with ReportLab:")
    print(f"  first HTML to PDF (font loading, first layout): {warm:.2f} s")
    print(f"  packet: WeasyPrint {wp * 1000:.0f} ms, {wp_pages} pages; ReportLab "
          f"{rl * 1000:.0f} ms, {pages} pages; ReportLab/WeasyPrint time {rl / wp:.2f} "
          f"(WeasyPrint takes {wp / rl:.1f}x as long)")
    for family, (rl_s, wp_s) in scripts.items():
        print(f"  native name of {family}: WeasyPrint {wp_s * 1000:.0f} ms, ReportLab "
              f"{rl_s * 1000:.0f} ms; ReportLab/WeasyPrint {rl_s / wp_s:.2f}")
    return {"weasyprint_one": wp, "weasyprint_pages": wp_pages, "reportlab_paired": rl,
            "reportlab_to_weasyprint": rl / wp}


def run(save: Path | None = None) -> dict[str, float]:
    """Time the packets; ``save``: a folder to keep the ReportLab and WeasyPrint PDFs in."""
    t0 = time.perf_counter()
    from licenseapp.pdf import fonts
    from licenseapp.pdf.packet import render_packet

    fonts.all_faces()
    render_packet(sample(0))
    baseline_pdf()
    warm = time.perf_counter() - t0

    baseline = _median(baseline_pdf, 20)
    one = _median(lambda: render_packet(sample(0)), 10)
    pages = _pages(render_packet(sample(0)))
    scripts = {NAMES[i][1]: _median(lambda i=i: render_packet(sample(i)), 5)
               for i in range(len(NAMES))}

    t0 = time.perf_counter()
    for i in range(MANY):
        render_packet(replace(sample(i), ref=f"LA-2026-{i + 1:04d}"))
    hundred = time.perf_counter() - t0

    print(f"imports, font registration and first layout: {warm:.2f} s (once per process)")
    print(f"baseline, one-paragraph ReportLab PDF: {baseline * 1000:.1f} ms")
    print(f"packet, {pages} pages, no attachments: {one * 1000:.0f} ms "
          f"(target < {ONE_TARGET * 1000:.0f} ms; {one / baseline:.0f}x baseline)")
    for family, seconds in scripts.items():
        print(f"  native name of {family}: {seconds * 1000:.0f} ms")
    print(f"{MANY} packets: {hundred:.2f} s (target < {HUNDRED_TARGET * MANY / 100:.0f} s; "
          f"{hundred / baseline:.0f}x baseline)")
    result = {"baseline": baseline, "one": one, "hundred": hundred, "pages": pages}
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
        (save / "packet-reportlab.pdf").write_bytes(render_packet(sample(0)))
    result.update(_weasyprint(pages, save))
    result.update(_from_database())
    figure(f"{pages}-page packet (ReportLab)", one, None, ONE_TARGET)
    if "weasyprint_one" in result:
        figure(f"{pages}-page packet against WeasyPrint (the same content, timed in turn)",
               result["reportlab_paired"], result["weasyprint_one"], 1.0,
               baseline_name=f"WeasyPrint, {result['weasyprint_pages']:.0f} pages")
    figure(f"{MANY} packets", hundred, None, HUNDRED_TARGET * MANY / 100)
    if "database_hundred" in result:
        figure(f"{MANY} demo packets read from SQLite and rendered", result["database_hundred"],
               None, HUNDRED_TARGET * MANY / 100)
    if "command" in result:
        figure(f"`packet` as a command, {result['command_pages']:.0f} pages",
               result["command"], result["command_baseline"], None,
               baseline_name="one-paragraph ReportLab document as a command")
    return result


def _from_database() -> dict[str, float]:
    """MANY packets through the service (read from SQLite, then rendered), on the demo set."""
    try:
        from licenseapp.demo import dataset as demo
    except ImportError:
        return {}
    from licenseapp.services.output.packets import build_packet
    from licenseapp.store.database import open_database
    from licenseapp.store.models import Application

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(str(Path(tmp) / "bench.db"))
        try:
            demo.generate_demo(db, size=100, seed=1)
            with db.reading() as s:
                refs = [r for r, in s.query(Application.ref).order_by(Application.ref)][:MANY]
            t0 = time.perf_counter()
            for ref in refs:
                build_packet(db, ref)
            seconds = time.perf_counter() - t0
            latin = _latin_ref(db)
        finally:
            db.dispose()
        print(f"{MANY} demo packets read from SQLite and rendered: {seconds:.2f} s")
        return {"database_hundred": seconds, **_as_command(Path(tmp), latin)}


def _latin_ref(db: object) -> str:
    """An application of a person whose names are all in Latin letters."""
    from sqlalchemy import select

    from licenseapp.store.models import Application, Person

    with db.reading() as s:  # type: ignore[attr-defined]
        rows = s.execute(
            select(Application.ref, Person.given_name, Person.family_name, Person.native_name)
            .join(Person, Person.id == Application.person_id).order_by(Application.ref)).all()
    return next(str(ref) for ref, *names in rows
                if all(ord(c) < 0x250 for c in "".join(n or "" for n in names)))


BASELINE_COMMAND = r"""
import sys
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate
SimpleDocTemplate(sys.argv[1], invariant=1).build(
    [Paragraph(sys.argv[2], getSampleStyleSheet()["Normal"])])
"""
#: Runs the command line after it with an audit hook listing the font files it opens.
FONTS_OPENED = (
    "import sys\n"
    "opened = set()\n"
    "def hook(event, args):\n"
    "    if event == 'open' and str(args[0]).lower().endswith(('.ttf', '.otf', '.ttc')):\n"
    "        opened.add(str(args[0]).rsplit('/', 1)[-1])\n"
    "sys.addaudithook(hook)\n"
    "from licenseapp.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "print('FONTS ' + ' '.join(sorted(opened)), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _as_command(folder: Path, ref: str) -> dict[str, float]:
    """``licenseapp packet REF -o FILE`` as a user runs it (a fresh process, byte-code
    compiled, output buffered), against a one-paragraph ReportLab document made by a fresh
    process, medians of five in turn; and the font files the command opens."""
    import subprocess

    compiled()
    db, out = folder / "bench.db", folder / "packet.pdf"
    command = licenseapp("--db", str(db), "packet", ref, "-o", str(out), "--force")
    ours, baseline = paired_medians(command, [sys.executable, "-c", BASELINE_COMMAND,
                                              str(folder / "one.pdf"), PARAGRAPH], 5)
    pages = _pages(out.read_bytes())
    fonts = subprocess.run([sys.executable, "-c", FONTS_OPENED, *command[3:]],
                           env=environment(), capture_output=True, text=True, check=True)
    opened = next((line[6:] for line in fonts.stderr.splitlines()
                   if line.startswith("FONTS ")), "?")
    print(f"packet as a command ({ref}, a Latin name, {pages} pages): {ours:.2f} s; "
          f"baseline, a one-paragraph ReportLab document as a command: {baseline:.2f} s; "
          f"ratio {ours / baseline:.1f}x (medians of 5 in turn); font files opened: "
          f"{opened or 'none'}")
    return {"command": ours, "command_baseline": baseline, "command_pages": float(pages)}


def test_packet_benchmark() -> None:
    result = run()
    assert result["pages"] >= 8
    assert result["one"] < ONE_TARGET
    assert result["hundred"] < HUNDRED_TARGET
    assert result.get("database_hundred", 0.0) < HUNDRED_TARGET
    assert result.get("weasyprint_pages", 8) >= 8  # when WeasyPrint is installed


if __name__ == "__main__":
    # ``--save DIR`` keeps both PDFs of the compared packet, to look at them.
    run(Path(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] == "--save" else None)

"""The filing packet as HTML with CSS paged media, for the WeasyPrint comparison in
bench_packet.py (benchmark-only code: the app prints with ReportLab).

It carries the same content as :func:`licenseapp.pdf.packet.render_packet` prints for one
application record (cover letter, filing summary, letter of explanation, foreign-national
data sheet with the résumé timeline, technology control plan, index of supporting
documents), with the same page furniture: letter-size pages, references in the header,
"Page x of y" in a bottom margin box, table headers repeated on every page, the diagonal
DRAFT mark, and the project's shipped fonts through ``@font-face`` (so both renderers embed
and shape the same faces). The wording comes from the ReportLab renderer's own modules where
they expose it. Every value from the record goes through :func:`html.escape`.
"""

from __future__ import annotations

import re
from html import escape

from licenseapp.domain.enclosures import enclosure_phrases
from licenseapp.domain.form_values import FieldEntry, field_entry, item_entry
from licenseapp.domain.forms import FormField, FormSpec, form_spec
from licenseapp.domain.record import ApplicationRecord, DocumentInfo, PersonInfo, ResumeInfo
from licenseapp.domain.value_labels import (  # the renderer's own labels: the same words
    ATTACHMENT_KINDS,
    DOCUMENT_KINDS,
    label,
)
from licenseapp.fonts import SHIPPED_FONTS
from licenseapp.pdf.document import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, WATERMARK_TEXT
from licenseapp.pdf.packet import page_frame
from licenseapp.pdf.packet.person import (
    FULL_NUMBERS_NOTE,
    MASKED_NUMBERS_NOTE,
    _gap,
    _months,
)
from licenseapp.pdf.tables import iso, long_date, month_year, size_text

#: CSS family names of the shipped fonts (prefixed so no system font of the same name is
#: picked instead), in the ReportLab renderer's fallback order.
_CSS_FAMILY = {f.family: f"LA {f.family}" for f in SHIPPED_FONTS}
_WEIGHT = {"regular": ("normal", "normal"), "bold": ("bold", "normal"),
           "italic": ("normal", "italic")}
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")


def font_faces() -> str:
    """``@font-face`` rules for every shipped font file (file: URLs)."""
    rules = []
    for font in SHIPPED_FONTS:
        weight, style = _WEIGHT[font.style]
        rules.append(
            f'@font-face {{ font-family: "{_CSS_FAMILY[font.family]}"; '
            f'src: url("{font.path.resolve().as_uri()}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


def _font_stack() -> str:
    return ", ".join(f'"{name}"' for name in dict.fromkeys(_CSS_FAMILY.values()))


def _px(points: float) -> str:
    return f"{points:.2f}pt"


def stylesheet(data: ApplicationRecord, form: FormSpec) -> str:
    """Paged media and the look of licenseapp.pdf.styles, as CSS."""
    info = page_frame(data, form)
    size = "A4" if form.page_size == "a4" else "letter"

    def content(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return f"""
{font_faces()}
@page {{
  size: {size};
  margin: {_px(MARGIN_TOP)} {_px(MARGIN_X)} {_px(MARGIN_BOTTOM)} {_px(MARGIN_X)};
  @top-left {{ content: {content(info.header_left)}; width: 50%; }}
  @top-right {{ content: {content(info.header_right)}; width: 50%; text-align: right; }}
  @bottom-left {{ content: {content(info.footer_left)}; width: 38%; }}
  @bottom-center {{ content: "Page " counter(page) " of " counter(pages); width: 24%; }}
  @bottom-right {{ content: {content(info.footer_right)}; width: 38%; text-align: right; }}
}}
@page {{
  @top-left {{ font: 7.5pt/9.5pt {_font_stack()}; color: #5c5c5c; vertical-align: bottom;
               padding-bottom: 6pt; border-bottom: 0.5pt solid #9a9a9a; }}
  @top-right {{ font: 7.5pt/9.5pt {_font_stack()}; color: #5c5c5c; vertical-align: bottom;
                padding-bottom: 6pt; border-bottom: 0.5pt solid #9a9a9a; }}
  @bottom-left {{ font: 7.5pt/9.5pt {_font_stack()}; color: #5c5c5c; vertical-align: top;
                  padding-top: 4pt; border-top: 0.5pt solid #9a9a9a; }}
  @bottom-center {{ font: 7.5pt/9.5pt {_font_stack()}; color: #5c5c5c; vertical-align: top;
                    padding-top: 14pt; border-top: 0.5pt solid #9a9a9a; text-align: center; }}
  @bottom-right {{ font: 7.5pt/9.5pt {_font_stack()}; color: #5c5c5c; vertical-align: top;
                   padding-top: 4pt; border-top: 0.5pt solid #9a9a9a; }}
}}
html {{ font-family: {_font_stack()}; font-size: 10pt; line-height: 14pt; color: #1a1a1a; }}
body {{ margin: 0; }}
section + section {{ break-before: page; }}
p {{ margin: 0 0 6pt; }}
h1 {{ font-size: 14pt; line-height: 18pt; margin: 0 0 8pt; bookmark-level: 1; }}
h2 {{ font-size: 11pt; line-height: 14pt; margin: 10pt 0 4pt; bookmark-level: 2;
      break-after: avoid; }}
.title {{ font-size: 17pt; line-height: 22pt; font-weight: bold; margin: 0 0 4pt;
          bookmark-level: 1; bookmark-label: "Cover letter"; }}
.small, .lines p {{ font-size: 7.5pt; line-height: 9.5pt; color: #5c5c5c; margin: 0; }}
.lines p {{ font-size: 10pt; line-height: 14pt; color: #1a1a1a; }}
.letter {{ font-size: 10.5pt; line-height: 15pt; margin: 0 0 9pt; }}
.warn {{ font-size: 7.5pt; line-height: 9.5pt; font-style: italic; color: #8a4b00; }}
.muted {{ font-size: 7.5pt; line-height: 9.5pt; color: #5c5c5c; }}
.strong-note {{ font-size: 9pt; line-height: 12pt; font-weight: bold; margin-top: 3pt; }}
table {{ width: 100%; border-collapse: collapse; border: 0.5pt solid #9a9a9a;
         font-size: 9pt; line-height: 12pt; margin: 0 0 2pt; }}
thead {{ display: table-header-group; }}
th, td {{ text-align: left; vertical-align: top; padding: 3pt 4pt 4pt;
          border-bottom: 0.25pt solid #9a9a9a; }}
th {{ background: #dfe5ee; font-weight: bold; }}
td p {{ margin: 0; }}
td.label {{ font-weight: bold; }}
tr.shaded td {{ background: #eef1f5; font-weight: bold; }}
tr.zebra td {{ background: #eef1f5; }}
.signature {{ break-inside: avoid; }}
.signature hr {{ width: 2.8in; margin: 32pt 0 3pt; border: 0; border-top: 0.6pt solid #1a1a1a; }}
.draft {{ position: fixed; top: 3.3in; left: 0; width: 100%; text-align: center;
          font-size: 120pt; line-height: 120pt; font-weight: bold;
          color: rgba(191, 26, 26, 0.13); transform: rotate(-48deg); }}
"""


# --- text --------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")


def text(value: str) -> str:
    """User text, escaped, line ends kept."""
    return escape(_clean(value)).replace("\n", "<br>")


def paragraphs(value: str, css: str = "") -> list[str]:
    """User text of any length: one ``<p>`` per paragraph (blank lines separate them)."""
    attr = f' class="{css}"' if css else ""
    parts = [p for p in _BLANK_LINES.split(_clean(value).strip("\n")) if p.strip()]
    return [f"<p{attr}>{text(p)}</p>" for p in parts]


def _p(value: str, css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return f"<p{attr}>{text(value)}</p>"


def _cell(value: str | list[str]) -> str:
    if isinstance(value, list):
        return "".join(value) or '<span class="muted">—</span>'
    return text(value) if value.strip() else '<span class="muted">—</span>'


def ruled_table(header: list[str], rows: list[list[str | list[str]]], widths: list[float],
                *, zebra: bool = True) -> str:
    cols = "".join(f'<col style="width: {w * 100:.1f}%">' for w in widths)
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for i, row in enumerate(rows):
        css = ' class="zebra"' if zebra and i % 2 else ""
        body.append(f"<tr{css}>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>")
    return (f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def field_table(rows: list[tuple[str, str | list[str]]]) -> str:
    body = "".join(f'<tr><td class="label">{escape(label)}</td><td>{_cell(value)}</td></tr>'
                   for label, value in rows)
    return ('<table><colgroup><col style="width: 30%"><col style="width: 70%"></colgroup>'
            f"<tbody>{body}</tbody></table>")


# --- sections ----------------------------------------------------------------------------


def _person_phrase(data: ApplicationRecord) -> str:
    person = data.person
    if person is None:
        return "the foreign national named in the application"
    phrase = person.full_name + (f" ({person.native_name})" if person.native_name else "")
    countries = [c.country_name for c in person.citizenships if c.ended_on is None]
    if countries:
        phrase += ", a national of " + " and ".join(countries)
    if person.job_title:
        phrase += f", employed as {person.job_title}"
    if person.work_site:
        phrase += f" at {person.work_site}"
    return phrase


def cover_letter(data: ApplicationRecord, spec: FormSpec) -> str:
    org = data.organization
    out = [f'<p class="title">{text(org.legal_name)}</p>']
    contact = [*org.address.lines()]
    if org.phone:
        contact.append(f"Telephone {org.phone}")
    out += [_p(line, "small") for line in contact]
    out.append('<div style="height: 0.3in"></div>')
    out.append(_p(long_date(data.application_date, day_first=spec.page_size == "a4"),
                  "letter"))
    out.append('<div class="lines">' + "".join(_p(line) for line in spec.regulator_address)
               + "</div>")
    ref = data.regulator_ref or "not yet assigned"
    licence = "licence" if spec.regulator == "ECJU" else "license"
    out.append('<div style="height: 0.2in"></div>')
    subject = (
        f"Re: Application for a {licence} to release controlled technology to a foreign "
        f"national ({spec.code}). Our reference {data.ref}; {data.regulator_ref_name}: {ref}."
    )
    out.append(f'<h2 style="bookmark-level: none">{text(subject)}</h2>')
    out.append(_p("Dear Sir or Madam:", "letter"))
    portal = f" for filing in {spec.portal}" if spec.portal else ""
    out.append(_p(f"{org.legal_name} requests authorization to release the controlled "
                  f"technology listed below to {_person_phrase(data)}. The enclosed "
                  f"application is prepared on form {spec.code}{portal}.", "letter"))
    if data.items:
        rows: list[list[str | list[str]]] = [
            [i.name, i.eccn or i.classification, i.reasons_for_control] for i in data.items]
        out.append(ruled_table(["Item", "Classification", "Reasons for control"], rows,
                               [0.5, 0.22, 0.28], zebra=False))
        out.append('<div style="height: 8pt"></div>')
    phrases = enclosure_phrases(data)
    listed = phrases[0] if len(phrases) == 1 else "; ".join(phrases[:-1]) + "; and " + phrases[-1]
    out.append(_p("The packet encloses " + listed + ".", "letter"))
    reach = ", ".join(x for x in (org.contact_phone or org.phone, org.contact_email) if x)
    if org.contact_name or reach:
        who = org.contact_name or "our export compliance office"
        out.append(_p(f"Please direct questions about this application to {who}"
                      + (f" ({reach})" if reach else "") + ".", "letter"))
    sign = ['<p class="letter" style="margin: 0">Sincerely,</p>', "<hr>"]
    sign.append(_p(org.signatory_name) if org.signatory_name
                else _p("No signatory recorded for the applicant", "muted"))
    if org.signatory_title:
        sign.append(_p(org.signatory_title))
    sign.append(_p(org.legal_name))
    out.append('<div class="signature lines">' + "".join(sign) + "</div>")
    return "\n".join(out)


def _guidance(spec: FormField) -> list[str]:
    cell = [f"<p><b>{escape(spec.label)}</b></p>",
            f'<p class="muted">{escape(spec.requirement_label)}</p>']
    if spec.note:
        cell.append(f'<p class="muted">{escape(spec.note)}</p>')
    if not spec.name_confirmed:
        cell.append('<p class="warn">Name unconfirmed</p>')
    return cell


def _entry(spec: FormField, entry: FieldEntry) -> list[str]:
    if entry.blank:
        if spec.required:
            return ['<p class="warn">Missing: required for this application</p>']
        if spec.requirement in ("leave_blank", "obsolete"):
            return ['<p class="muted">(leave blank)</p>']
        return ['<p class="muted">—</p>']
    cell: list[str] = []
    for line in entry.lines:
        cell += paragraphs(line)
    if entry.standard:
        cell.append('<p class="muted">Standard entry from the form\'s instructions</p>')
    if spec.requirement == "leave_blank":
        cell.append('<p class="warn">The instructions say to leave this blank</p>')
    return cell


def filing_summary(data: ApplicationRecord, form: FormSpec) -> str:
    portal = form.portal or "the regulator's portal"
    out = [f"<h1>{text(f'Filing summary — {form.code}')}</h1>", _p(form.title),
           _p(f"Key these entries into {portal} field by field, in this order. 'Standard entry' "
              "marks wording taken from the form's instructions because the record has none. "
              "Names flagged 'unconfirmed' have not been checked against the primary text. "
              f"Spec: {form.status}.", "small")]
    rows: list[str] = []

    def row(spec: FormField, entry: list[str]) -> None:
        rows.append(f"<tr><td><b>{escape(spec.number)}</b></td>"
                    f"<td>{''.join(_guidance(spec))}</td><td>{''.join(entry)}</td></tr>")

    for spec in form.fields:
        if spec.repeat is None:
            row(spec, _entry(spec, field_entry(spec, data)))
            continue
        row(spec, [f'<p class="muted">{len(data.items)} item(s) follow</p>'] if data.items
            else ['<p class="warn">Missing: no items recorded</p>'])
        for index, item in enumerate(data.items, start=1):
            caption = f"{spec.number} {spec.label}: item {index} of {len(data.items)}: {item.name}"
            if item.item_ref:
                caption += f" ({item.item_ref})"
            rows.append(f'<tr class="shaded"><td colspan="3">{text(caption)}</td></tr>')
            for sub in spec.fields:
                row(sub, _entry(sub, item_entry(sub, item)))
    out.append('<table style="margin-top: 4pt"><colgroup><col style="width: 9%">'
               '<col style="width: 36%"><col style="width: 55%"></colgroup>'
               "<thead><tr><th>No.</th><th>Field and guidance</th><th>Entry</th></tr></thead>"
               f"<tbody>{''.join(rows)}</tbody></table>")
    return "\n".join(out)


def _text_section(title: str, body: str, missing: str) -> str:
    return "\n".join([f"<h1>{escape(title)}</h1>",
                      *(paragraphs(body) or [_p(missing, "warn")])])


def _identity(person: PersonInfo) -> str:
    birth = ", ".join(x for x in (person.birth_city, person.birth_country_name) if x)
    residence = person.residency_country_name
    if person.lpr_since:
        residence = f"{residence} (permanent resident since {iso(person.lpr_since)})".strip()
    others = [_p(n.strip()) for n in person.other_names.splitlines() if n.strip()]
    return field_table([
        ("Family name", person.family_name), ("Given names", person.given_name),
        ("Name in native script", person.native_name), ("Other names used", others or ""),
        ("Date of birth", iso(person.date_of_birth)), ("Place of birth", birth),
        ("Country of residence", residence),
        ("U.S. immigration status", person.immigration_status_label),
        ("E-mail", person.email), ("Telephone", person.phone),
        ("Internal reference", person.ref),
    ])


def _number(document: DocumentInfo, full: bool) -> str:
    return (document.number or document.number_masked) if full else document.number_masked


def _documents(person: PersonInfo, full: bool) -> str:
    if not person.documents:
        return _p("No immigration or identity document recorded.", "warn")
    rows: list[list[str | list[str]]] = [
        [label(DOCUMENT_KINDS, d.kind), _number(d, full),
         d.issuing_country_name or (d.issuing_country or ""), d.document_class,
         iso(d.issued_on), iso(d.expires_on)]
        for d in person.documents
    ]
    table = ruled_table(["Document", "Number" if full else "Number (masked)", "Issued by",
                         "Class", "Issued", "Expires"], rows,
                        [0.24, 0.18, 0.18, 0.12, 0.14, 0.14])
    note = (_p(FULL_NUMBERS_NOTE, "strong-note") if full
            else _p(MASKED_NUMBERS_NOTE, "muted"))
    return table + note


def _resume(entries: tuple[ResumeInfo, ...]) -> str:
    if not entries:
        return _p("No résumé entries recorded.", "warn")
    rows: list[str] = []
    latest_end: int | None = None
    for entry in sorted(entries, key=lambda e: (e.start_year, e.start_month)):
        start = _months(entry.start_year, entry.start_month)
        gap = _gap(latest_end, start)
        if gap:
            rows.append(f'<tr><td colspan="4" class="warn">{escape(gap)}</td></tr>')
        where = "\n".join(x for x in (entry.organization, entry.location) if x)
        what = ([f"<p><b>{text(entry.title)}</b></p>"] if entry.title else []) + paragraphs(
            entry.description)
        span = (f"{month_year(entry.start_year, entry.start_month)} – "
                f"{month_year(entry.end_year, entry.end_month)}")
        cells = [span, entry.kind.replace("_", " ").capitalize(), where]
        rows.append("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in cells)
                    + f"<td>{_cell(what)}</td></tr>")
        end = (_months(entry.end_year, entry.end_month or 12) if entry.end_year is not None
               else None)
        if end is None:
            latest_end = 10**9
        elif latest_end is None or end > latest_end:
            latest_end = end
    return ('<table><colgroup><col style="width: 19%"><col style="width: 15%">'
            '<col style="width: 28%"><col style="width: 38%"></colgroup><thead><tr>'
            "<th>From – to</th><th>Kind</th><th>School or employer</th>"
            f"<th>Title and description</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def person_sheet(data: ApplicationRecord, full: bool) -> str:
    person = data.person
    out = ["<h1>Foreign national data sheet</h1>"]
    if person is None:
        return "\n".join([*out, _p("No foreign national is linked to this application.",
                                   "muted")])
    name = f"{person.family_name.upper()}, {person.given_name}" + (
        f"   {person.native_name}" if person.native_name else "")
    out.append(f'<h2 style="bookmark-level: none">{text(name)}</h2>')
    out.append(_identity(person))
    citizenships: list[list[str | list[str]]] = [
        [c.country_name, c.country, c.basis, iso(c.acquired_on), iso(c.ended_on) or "current"]
        for c in person.citizenships]
    out.append("<h2>Citizenships</h2>")
    out.append(ruled_table(["Country", "Code", "Basis", "Acquired", "Ended"], citizenships,
                           [0.34, 0.1, 0.2, 0.18, 0.18]) if citizenships
               else _p("No citizenship recorded.", "warn"))
    out.append("<h2>Immigration and identity documents</h2>")
    out.append(_documents(person, full))
    out.append("<h2>Employment</h2>")
    out.append(field_table([
        ("Employer", person.employer or data.organization.legal_name),
        ("Job title", person.job_title), ("Supervisor", person.supervisor),
        ("U.S. work site", person.work_site), ("Duties", paragraphs(person.duties) or ""),
    ]))
    out.append('<h2 style="bookmark-label: \'Résumé timeline\'">Résumé (month/year)</h2>')
    out.append(_resume(person.resume))
    return "\n".join(out)


def documents_index(data: ApplicationRecord) -> str:
    out = ["<h1>Supporting documents</h1>"]
    if not data.attachments:
        out.append(_p("No supporting documents are attached. BIS expects copies of the "
                      "passport, visa and work authorization and the résumé with a "
                      "deemed-export application.", "warn"))
        return "\n".join(out)
    out.append(_p("Each document follows in this order. The SHA-256 identifies the exact "
                  "file.", "small"))
    rows: list[list[str | list[str]]] = [
        [str(i), label(ATTACHMENT_KINDS, a.kind), a.file_name,
         f"{a.media_type}\n{size_text(a.size)}", a.sha256, ""]
        for i, a in enumerate(data.attachments, start=1)]
    out.append(ruled_table(["#", "Document", "File name", "Type, size", "SHA-256", "Page"], rows,
                           [0.05, 0.15, 0.26, 0.15, 0.31, 0.08]))
    return "\n".join(out)


def packet_html(data: ApplicationRecord, form: FormSpec | None = None, *,
                full_document_numbers: bool = False) -> str:
    """The whole packet (without the attached documents themselves) as one HTML page."""
    form = form or form_spec(data.form)
    info = page_frame(data, form)
    sections = [
        cover_letter(data, form),
        filing_summary(data, form),
        _text_section("Letter of explanation", data.loe_text,
                      "No letter of explanation is recorded for this application."),
        person_sheet(data, full_document_numbers),
        _text_section("Technology control plan", data.tcp_text,
                      "No technology control plan is recorded for this application."),
        documents_index(data),
    ]
    draft = f'<div class="draft">{escape(WATERMARK_TEXT)}</div>' if info.draft else ""
    body = "\n".join(f"<section>\n{s}\n</section>" for s in sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(info.title)}</title>"
        f'<meta name="author" content="{escape(info.author)}">'
        f'<meta name="description" content="{escape(info.subject)}">'
        f'<meta name="generator" content="LicenseApp benchmark">'
        f"<style>{stylesheet(data, form)}</style></head>\n"
        f"<body>{draft}\n{body}\n</body></html>\n"
    )

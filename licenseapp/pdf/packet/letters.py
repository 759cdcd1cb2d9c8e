"""The cover letter to the regulator, the letter of explanation and the technology control
plan."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer

from licenseapp.domain.enclosures import enclosure_phrases
from licenseapp.domain.forms import FormSpec
from licenseapp.domain.letter_text import as_printed, tidy
from licenseapp.domain.record import ApplicationRecord
from licenseapp.domain.recorded import value_of
from licenseapp.pdf import richtext
from licenseapp.pdf.document import heading, outlined
from licenseapp.pdf.styles import INK, styles
from licenseapp.pdf.tables import long_date, muted, ruled_table

#: A person's U.S. standing, when the letter must name it (a directive reaches them).
_STANDING = {"lpr": "a lawful permanent resident of the United States",
             "protected": "a protected individual (asylee or refugee) in the United States"}


def _as_standing(data: ApplicationRecord, text: str) -> str:
    """``text`` naming the person by their U.S. standing when the form's word ("a foreign
    national") is not what they are (a green-card holder under a directive)."""
    standing = _STANDING.get(data.person.immigration_status or "", "") if data.person else ""
    if not standing:
        return text
    return text.replace("a foreign national", standing.split(" (")[0].removesuffix(
        " of the United States").removesuffix(" in the United States"))


def _person_phrase(data: ApplicationRecord, spec: FormSpec) -> str:
    person = data.person
    if person is None:
        return f"the {spec.term('recipient')} named in the application"
    name = person.full_name
    if person.native_name:
        name += f" ({person.native_name})"
    countries = [c.country_name for c in person.citizenships if c.ended_on is None]
    phrase = name
    standing = _STANDING.get(person.immigration_status or "", "")
    if standing:  # a green-card holder is no "foreign national": say what they are
        phrase += f", {standing}" + (" and" if countries else "")
    if countries:
        phrase += (" " if standing else ", ") + "a national of " + " and ".join(countries)
    if person.job_title:
        phrase += f", employed as {person.job_title}"
    if person.work_site:
        phrase += f" at {person.work_site}"
    where = spec.term("recipient_location")
    location = " ".join(value_of(data.form_values, where).split()) if where else ""
    if location:
        phrase += f", who receives or accesses it from {location}"
    return phrase


def cover_letter(data: ApplicationRecord, spec: FormSpec, available_width: float) -> list[Flowable]:
    s = styles()
    org = data.organization
    day_first = spec.page_size == "a4"
    story: list[Flowable] = [
        outlined(richtext.paragraph(org.legal_name, s.title), "Cover letter"),
    ]
    contact = [*org.address.lines()]
    if org.phone:
        contact.append(f"Telephone {org.phone}")
    story += [richtext.paragraph(line, s.small) for line in contact]
    story.append(Spacer(1, 0.3 * inch))
    story.append(richtext.paragraph(long_date(data.application_date, day_first=day_first),
                                    s.letter))
    story += [richtext.paragraph(line, s.lines) for line in spec.regulator_address]
    story.append(Spacer(1, 0.2 * inch))
    ref = data.regulator_ref or "not yet assigned"
    subject = (
        f"Re: Application for {_as_standing(data, spec.term('letter_subject'))} "
        f"({spec.code}). Our reference {data.ref}; {data.regulator_ref_name}: {ref}."
    )
    story.append(richtext.paragraph(subject, s.h2))
    story.append(richtext.paragraph("Dear Sir or Madam:", s.letter))
    portal = f" for filing in {spec.portal}" if spec.portal else ""
    story.append(richtext.paragraph(tidy(
        f"{org.legal_name} requests authorization to {spec.term('transfer')} the controlled "
        f"technology listed below to {_person_phrase(data, spec)}. The enclosed application "
        f"is prepared on form "
        f"{spec.code}{portal}."),
        s.letter,
    ))
    if data.justification.strip():  # the legal basis, as recorded (e.g. the directive)
        story.append(richtext.paragraph(
            f"The {spec.term('license')} is sought because: "
            + " ".join(data.justification.split()), s.letter))
    if data.items:
        rows = [
            [item.name, item.eccn or item.classification, item.reasons_for_control]
            for item in data.items
        ]
        w = available_width
        story.append(ruled_table(["Item", "Classification", "Reasons for control"], rows,
                                 [w * 0.5, w * 0.22, w * 0.28], zebra=False))
        story.append(Spacer(1, 8))
    story.append(richtext.paragraph(
        "The packet encloses " + _listed(enclosure_phrases(data)) + ".", s.letter))
    reach = ", ".join(x for x in (org.contact_phone or org.phone, org.contact_email) if x)
    if org.contact_name or reach:
        who = org.contact_name or "our export compliance office"
        story.append(richtext.paragraph(
            f"Please direct questions about this application to {who}"
            + (f" ({reach})" if reach else "") + ".",
            s.letter,
        ))
    story.append(_signature(data, available_width))
    return story


def _listed(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else "; ".join(phrases[:-1]) + "; and " + phrases[-1]


def _signature(data: ApplicationRecord, width: float) -> Flowable:
    s = styles()
    org = data.organization
    lines: list[Flowable] = [
        Paragraph("Sincerely,", s.letter),
        Spacer(1, 0.45 * inch),
        HRFlowable(width=2.8 * inch, thickness=0.6, color=INK, hAlign="LEFT", spaceAfter=3),
    ]
    if org.signatory_name:
        lines.append(richtext.paragraph(org.signatory_name, s.lines))
    else:
        lines.append(muted("No signatory recorded for the applicant"))
    if org.signatory_title:
        lines.append(richtext.paragraph(org.signatory_title, s.lines))
    lines.append(richtext.paragraph(org.legal_name, s.lines))
    return KeepTogether(lines)


def _text_section(title: str, text: str, missing: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [heading(title)]
    body = richtext.paragraphs(as_printed(text), s.body)
    story += body or [richtext.paragraph(missing, s.cell_warn)]
    return story


def letter_of_explanation(data: ApplicationRecord) -> list[Flowable]:
    return _text_section(
        "Letter of explanation", data.loe_text,
        "No letter of explanation is recorded for this application.",
    )


def technology_control_plan(data: ApplicationRecord) -> list[Flowable]:
    return _text_section(
        "Technology control plan", data.tcp_text,
        "No technology control plan is recorded for this application.",
    )

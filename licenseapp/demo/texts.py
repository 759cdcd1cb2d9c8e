"""Wording of the demo: application texts, event notes, license conditions and riders."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from licenseapp.demo.catalog import (
    DIRECTIVE_DATE,
    LOE_TEMPLATE,
    TCP_TEMPLATE,
    ItemSpec,
    OrgSpec,
)
from licenseapp.demo.people import PersonPlan
from licenseapp.demo.pools import BIRTH_CITIES
from licenseapp.demo.rand import pick, ri
from licenseapp.domain.countries import country_name
from licenseapp.domain.enums import FORM_OF_REGULATOR, ImmigrationStatus, Regulator
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.forms import form_spec

VAGUE = "including but not limited to"


@dataclass(frozen=True)
class ApplicationPlan:
    """One demo application to be written: whose, for what, and its story (problems, links)."""

    regulator: str
    org: OrgSpec
    person: PersonPlan
    items: tuple[ItemSpec, ...]
    directive: bool
    problem: str  # "", "missing_end_use", "vague"
    dob: date
    hire: date
    visa_expires: date | None
    prior_licenses: tuple[str, ...]
    resubmits: str  # the returned application's regulator reference
    renews: str  # the license being renewed


def _citizenship(p: PersonPlan) -> str:
    return " and ".join(country_name(c) for c in p.countries) or "unknown"


def _item_names(items: tuple[ItemSpec, ...]) -> str:
    return "; ".join(f"{i.name} ({i.classification})" for i in items)


_PURPOSE = {
    "ai_model_access": "train, fine-tune and evaluate the model",
    "technology": "develop and improve the products the technology is for",
    "source_code": "maintain and extend the software",
    "technical_data": "design, integrate and test the program's hardware",
}


def end_use(c: ApplicationPlan) -> str:
    if c.problem == "missing_end_use":
        return ""
    p, first = c.person, c.items[0]
    where = f"{c.org.legal_name}, {p.site.one_line}"
    if c.regulator == "ECJU":
        text = (f"Transfer of {_item_names(c.items)} to {p.full_name}, {p.title}, for the "
                "development of signal-processing software for a Royal Navy radar programme, "
                "including secure electronic access while on secondment abroad.")
    else:
        text = (f"{p.full_name} will work as {p.title} at {where}. Access to "
                f"{_item_names(c.items)} is needed to {_PURPOSE[first.kind]}; the release "
                "stays within the company's controlled systems.")
    if c.directive:
        text += (" Access was suspended on "
                 f"{DIRECTIVE_DATE.isoformat()} under the AI access directive and resumes only "
                 "under the license applied for.")
    if c.problem == "vague":
        text += f" Duties include research, development and support activities, {VAGUE} " \
                "evaluation, deployment and related work."
    return text


def justification(c: ApplicationPlan) -> str:
    p = c.person
    text = (f"{c.org.legal_name} hired {p.full_name} for specialized expertise that the "
            f"{p.title.split(',')[0].lower()} role requires; without this authorization the "
            "employee cannot perform the core duties of the position.")
    if c.directive:
        text += (" The 2026 AI access directive (effective "
                 f"{DIRECTIVE_DATE.isoformat()}) requires an individual license for every "
                 "non-U.S.-citizen with access to 4E091 model weights, permanent residents "
                 "included.")
    return text


def additional_info(c: ApplicationPlan) -> str:
    p = c.person
    where = f"{p.birth_city}, {country_name(p.birth_country)}" if p.birth_country else "unknown"
    native = f" ({p.native})" if p.native != p.full_name else ""
    text = (f"{_term(c, 'recipient').capitalize()}: {p.full_name}{native}"
            + f", born {c.dob.isoformat()} in {where}; citizenship: {_citizenship(p)}; ")
    if p.status:
        text += f"U.S. status: {ImmigrationStatus(p.status).label}"
    else:
        text += f"UK immigration status: {p.visa_class or 'British citizen'}"
    if c.visa_expires is not None:
        text += f" (visa valid until {c.visa_expires.isoformat()})"
    text += f"; employed since {c.hire.isoformat()}."
    word = _term(c, "license")  # a UK record says licence
    text += (f" Prior {word}s: " + ", ".join(c.prior_licenses) + "."
             if c.prior_licenses else f" No prior {word}s.")
    if c.resubmits:
        text += (f" Resubmission of application {c.resubmits}, returned without action "
                 "(15 CFR 748.4(g)); the deficiencies have been corrected.")
    if c.renews:
        text += f" Renewal of license {c.renews} before its expiry."
    return text


def _term(c: ApplicationPlan, key: str) -> str:
    """The regulator's own word (the form spec's terms), so a UK record says 'transfer'."""
    return form_spec(FORM_OF_REGULATOR[Regulator(c.regulator)]).term(key)


#: How the technology reaches the person, per the kind of transfer the regulator licenses.
_ACCESS = {
    "release": "electronic access on company systems under our TCP.",
    "transfer": "electronic transfer to, and remote access from, the recipient's location "
                "abroad, on company systems under our TCP.",
}


def recipient_abroad(p: PersonPlan) -> tuple[str, str]:
    """(country code, city) a UK case's recipient works from: abroad, in their own country
    (a SIEL is needed only for a transfer out of the UK), Ireland for a British national."""
    country = next((c for c in p.countries if c != "GB"), "IE")
    if p.birth_country == country and p.birth_city:
        return country, p.birth_city
    return country, BIRTH_CITIES.get(country, ("",))[0]


def recipient_location(p: PersonPlan) -> str:
    """Where a UK case's recipient receives the technology (SIEL block 7(a)): a SIEL is needed
    only for a transfer out of the UK, here remote access from the recipient's country."""
    country, city = recipient_abroad(p)
    return (f"{country_name(country)}: remote access from {city or 'abroad'} through the "
            "company's secured network")


def loe(c: ApplicationPlan) -> str:
    p = c.person
    transfer = _term(c, "transfer")
    return LOE_TEMPLATE.format(
        transfer=transfer.capitalize(), access=_ACCESS[transfer], transfer_word=transfer,
        recipient=_term(c, "recipient"),
        org=c.org.legal_name, address=c.org.sites[0].one_line, name=p.full_name,
        citizenship=_citizenship(p), title=p.title, site=p.site.one_line,
        items=_item_names(c.items), use=p.duties, signatory=c.org.signatory_name,
        signatory_title=c.org.signatory_title,
    )


def tcp(c: ApplicationPlan, rev: int) -> str:
    p = c.person
    return TCP_TEMPLATE.format(
        org=c.org.legal_name, short=c.org.short, rev=rev, signatory=c.org.signatory_name,
        signatory_title=c.org.signatory_title, items=_item_names(c.items), name=p.full_name,
        citizenship=_citizenship(p), supervisor=p.supervisor.split(",")[0], site=p.site.one_line,
        supervisor_word=_term(c, "supervisor"),
    )


_PORTAL = {"BIS": "SNAP-R", "DDTC": "DECCS", "ECJU": "LITE"}
_RFI = ("the complete employment history for 2014-2016", "a revised TCP describing IT access "
        "controls", "details of any foreign military or government service",
        "a copy of the current I-797 approval notice", "an organization chart for the project")
_BACK = ("reviewer asks to explain the résumé gap", "Legal requests a TCP revision",
         "block 21 needs the project name", "passport copy illegible; rescan")
_RWA = ("the résumé leaves gaps of more than 30 days", "the TCP was not attached",
        "the application duplicates one already in process")
_WITHDRAW = ("the foreign national left the company", "the project was cancelled",
             "filed in error; replaced by a corrected application",
             "the employee moved to a role without access")
_DENY = {
    "BIS": ("release would be contrary to U.S. national security interests (15 CFR 742.4)",
            "risk of diversion to a military end user in Country Group D:5"),
    "DDTC": ("policy of denial under 22 CFR 126.1 for the person's country of birth",
             "the defense services exceed what the program needs"),
    "ECJU": ("refused under Criterion 7 (risk of diversion) of the Strategic Export Licensing "
             "Criteria",),
}


def event_note(
    regulator: str, a: S | None, b: S, rng: random.Random, *, ref: str, license_no: str,
    valid_until: date | None, directive: bool,
) -> tuple[str, str]:
    """The note and reference of the event that moves an application from ``a`` to ``b``."""
    portal = _PORTAL[regulator]
    if a is None:
        return ("Drafted in bulk for the AI access directive." if directive
                else "Draft created from the onboarding request."), ""
    if b is S.DRAFT:
        return f"Back to drafting: {pick(rng, _BACK)}.", ""
    if b is S.INTERNAL_REVIEW:
        return "Sent to export-control review.", ""
    if b is S.READY:
        return "Cleared by review; packet generated and signed.", ""
    if b is S.SUBMITTED:
        return f"Submitted in {portal}.", ""
    if b is S.RETURNED_UNREGISTERED:
        return "Returned unregistered: supporting documents not in PDF (15 CFR 748.6(e)).", ""
    if b is S.REGISTERED:
        if a is S.INFO_REQUESTED:
            return "Answer to the request for information filed; review resumed.", ref
        if a is S.INTENT_TO_DENY:
            return "Response to the intent to deny filed; the licensing officer resumed review.", \
                ref
        return {"BIS": f"Registered; Application Control Number {ref}.",
                "DDTC": f"Case number {ref} assigned.",
                "ECJU": f"Initial checks started; case reference {ref}."}[regulator], ref
    if b is S.INFO_REQUESTED:
        return f"Request for information: provide {pick(rng, _RFI)}.", ""
    if b is S.REFERRED:
        return {"BIS": "Referred to Defense, Energy and State.",
                "DDTC": "Staffed to DTSA (Department of Defense).",
                "ECJU": "Advice requested from MOD and FCDO."}[regulator], ""
    if b is S.ESCALATED:
        return "Escalated to the Operating Committee after the agencies disagreed.", ""
    if b is S.INTENT_TO_DENY:
        return "Intent to deny received; response due within 20 days (15 CFR 750.6).", ""
    if b in (S.APPROVED, S.APPROVED_WITH_CONDITIONS, S.PARTIALLY_APPROVED):
        until = valid_until.isoformat() if valid_until else ""
        if regulator == "ECJU":
            how = "Issued" if b is S.APPROVED else "Issued with provisos"
            return f"{how}; licence {license_no} valid until {until}.", license_no
        how = {S.APPROVED: "Approved",
               S.APPROVED_WITH_CONDITIONS: "Approved with provisos" if regulator == "DDTC"
               else "Approved with conditions",
               S.PARTIALLY_APPROVED: "Partially approved"}[b]
        return f"{how}; license {license_no} valid until {until}.", license_no
    if b is S.DENIED:
        verdict = "Refused" if regulator == "ECJU" else "Denied"
        return f"{verdict}: {pick(rng, _DENY[regulator])}.", ""
    if b is S.APPEALED:
        return ("Appeal filed (15 CFR Part 756)." if regulator == "BIS"
                else "Appeal lodged against the refusal."), ""
    if b is S.RETURNED_WITHOUT_ACTION:
        if a is S.INFO_REQUESTED:
            return "Returned without action: no answer to the request for information.", ""
        return f"Returned without action: {pick(rng, _RWA)}.", ""
    if b is S.LICENSE_NOT_REQUIRED:
        return ("ECJU advises that no licence is required for this transfer." if regulator ==
                "ECJU" else "BIS advises that no license is required for this release."), ""
    if b in _OWN_STEPS:
        return _OWN_STEPS[b], ""
    return f"Withdrawn: {pick(rng, _WITHDRAW)}.", ""


#: The notes of the steps only some regulators have (each regulator's lifecycle file).
_OWN_STEPS = {
    S.PRE_LICENSE_CHECK: "BIS requested a pre-license check abroad; the clock stops meanwhile.",
    S.AWAITING_ASSURANCES: "BIS is seeking government-to-government assurances.",
    S.APPLICANT_DELAY: "We agreed to a delay while the project plan is revised.",
    S.MULTILATERAL_REVIEW: "BIS referred the case for multilateral review.",
    S.GOVERNMENT_CONSULTATION: "BIS is consulting another government on the end user.",
    S.RECONSIDERATION: "Request for reconsideration of the denial filed with DDTC.",
    S.CLOSED: "Closed by the regulator without a decision.",
    S.APPLICANT_EDITING: "Returned to us for editing in LITE.",
    S.FINAL_REVIEW: "Under final review by the licensing officer.",
    S.SUSPENDED: "The regulator suspended the licence pending a compliance review.",
    S.REVOKED: "The regulator revoked the licence.",
    S.SURRENDERED: "Licence surrendered: the employee no longer needs the access.",
}


def conditions(
    regulator: str, status: S, p: PersonPlan, org: OrgSpec, items: tuple[ItemSpec, ...],
    rng: random.Random, *, case: str, must_report: bool = False,
) -> list[tuple[str, str, bool]]:
    """(kind, text, anniversary report) for a license's conditions and riders.

    ``must_report``: include the condition that asks for a report on each anniversary.
    """
    first = items[0]
    if regulator == "DDTC":
        pool = [
            ("condition", f"Proviso: {p.full_name} must sign a non-disclosure agreement citing "
             f"DDTC case {case} before access; keep it on file.", False),
            ("condition", "Proviso: no release of manufacturing know-how or software source "
             "code for the T/R modules.", False),
            ("condition", f"Proviso: access is limited to the program at {p.site.city}.", False),
        ]
    elif regulator == "ECJU":
        pool = [
            ("condition", "Proviso: transfers only by secure electronic means accredited to "
             "OFFICIAL-SENSITIVE.", False),
            ("condition", "Proviso: keep records of every transfer for four years.", False),
        ]
    else:
        pool = [
            ("condition", f"The foreign national may not access source code for {first.name}; "
             "access is limited to what block 22(j) describes.", False),
            ("condition", f"This license is valid only while {p.full_name} is employed by "
             f"{org.legal_name} and holds valid U.S. work authorization; notify BIS within 30 "
             "days if either ends.", False),
            ("condition", "The Technology Control Plan submitted with the application must be "
             "kept in force; material changes need prior BIS approval.", False),
            _ANNIVERSARY,
            ("condition", "No release for work on behalf of end users in Country Group D:5.",
             False),
        ]
    riders = [
        ("rider", "This license does not authorize the release of technology classified under "
         "any ECCN or category other than those listed on it.", False),
        ("rider", "Issued on the basis of the representations in the letter of explanation; "
         "report material changes (15 CFR 748.6(f)).", False),
    ]
    result: list[tuple[str, str, bool]] = []
    if status is S.PARTIALLY_APPROVED:
        if len(items) > 1:
            result.append(("condition", f"Approved for {items[0].name} only; the request for "
                           f"{items[1].name} is denied.", False))
        else:
            result.append(("condition", "Approved for development technology only; production "
                           "technology is excluded.", False))
    if status is S.APPROVED:
        result += rng.sample(riders, ri(rng, 0, 1))
    else:
        result += rng.sample(pool, min(len(pool), ri(rng, 2, 3)))
        result += rng.sample(riders, ri(rng, 0, 2))
    if must_report and not any(report for _, _, report in result):
        result.append(_ANNIVERSARY)
    return result


_ANNIVERSARY = ("condition", "The licensee must report to BIS on each anniversary of issue the "
                "technology released and the foreign national's duties.", True)


__all__ = ["VAGUE", "ApplicationPlan", "additional_info", "conditions", "end_use", "event_note",
           "justification", "loe", "tcp"]

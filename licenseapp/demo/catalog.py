"""The demo's applicant companies, their sites and their controlled items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

#: The directive of the product's scenario: AI-model access licensed for every non-citizen.
DIRECTIVE_RULESET = "ai-access-directive-2026"
DIRECTIVE_DATE = date(2026, 11, 20)


@dataclass(frozen=True)
class Site:
    street: str
    city: str
    state: str
    postal_code: str
    country: str

    @property
    def one_line(self) -> str:
        return _one_line(self)


@cache
def _one_line(site: Site) -> str:
    return ", ".join(x for x in (site.street, site.city, f"{site.state} {site.postal_code}"
                                 .strip()) if x)


@dataclass(frozen=True)
class OrgSpec:
    key: str
    legal_name: str
    sites: tuple[Site, ...]
    phone: str
    fax: str
    ein: str
    snapr_cin: str
    ddtc_code: str
    contact_name: str
    contact_phone: str
    contact_email: str
    signatory_name: str
    signatory_title: str
    email_domain: str
    short: str  # used in transaction numbers


ORGS: tuple[OrgSpec, ...] = (
    OrgSpec(
        "ai", "Northwind Frontier AI, Inc.",
        (Site("500 Harrison Street", "San Francisco", "CA", "94107", "US"),
         Site("1201 Third Avenue", "Seattle", "WA", "98101", "US")),
        "+1 415 555 0100", "", "88-4127356", "C74213", "",
        "Megan Chen", "+1 415 555 0142", "export.compliance@northwind-ai.example",
        "Daniel Reyes", "General Counsel", "northwind-ai.example", "NFA",
    ),
    OrgSpec(
        "semi", "Cascadia Semiconductor Corporation",
        (Site("2200 NE Brookwood Parkway", "Hillsboro", "OR", "97124", "US"),
         Site("11501 Domain Drive", "Austin", "TX", "78758", "US")),
        "+1 503 555 0170", "+1 503 555 0171", "93-0876543", "C51877", "",
        "Adaeze Okafor", "+1 503 555 0188", "tradecompliance@cascadia-semi.example",
        "Robert Tanaka", "Vice President, Trade Compliance", "cascadia-semi.example", "CSC",
    ),
    OrgSpec(
        "aero", "Aldergrove Aerospace & Defense Systems, Inc.",
        (Site("4800 Bradford Drive NW", "Huntsville", "AL", "35805", "US"),
         Site("7600 S Nogales Highway", "Tucson", "AZ", "85756", "US")),
        "+1 256 555 0120", "+1 256 555 0121", "63-1122334", "C30951", "M41872",
        "Johan Lindqvist", "+1 256 555 0133", "itar.compliance@aldergrove-ads.example",
        "Janet Cole", "Director of Trade Compliance, Empowered Official",
        "aldergrove-ads.example", "AAD",
    ),
    OrgSpec(
        "uk", "Aldergrove Aerospace UK Limited",
        (Site("Building 20, Aztec West, Almondsbury", "Bristol", "", "BS32 4TD", "GB"),),
        "+44 117 496 0123", "", "", "", "",
        "Sarah Whitaker", "+44 117 496 0150", "exportcontrol@aldergrove-uk.example",
        "Sarah Whitaker", "Head of Export Control", "aldergrove-uk.example", "AUK",
    ),
)

ORG_INDEX = {o.key: i for i, o in enumerate(ORGS)}


@dataclass(frozen=True)
class ItemSpec:
    key: str
    org: str
    name: str
    kind: str
    regime: str
    classification: str
    reasons: str
    ccats: str
    description: str
    release: str  # the general statement of the technology for block 22(j)


ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec(
        "mythos", "ai", "Mythos 5", "ai_model_access", "EAR", "4E091", "RS, AT", "G195530",
        "Access to the weights of the Mythos 5 frontier model (closed weights, trained with "
        "more than 10^26 operations) in the internal research environment.",
        "Model weights of Mythos 5, a closed frontier model trained with more than 10^26 "
        "operations (4E091), released by read access in Northwind's isolated research cluster.",
    ),
    ItemSpec(
        "fable", "ai", "Fable 5", "ai_model_access", "EAR", "4E091", "RS, AT", "",
        "Access to the weights of the Fable 5 multimodal model (closed weights, trained with "
        "more than 10^26 operations) for fine-tuning and evaluation.",
        "Model weights of Fable 5, a closed multimodal model trained with more than 10^26 "
        "operations (4E091), released for fine-tuning and evaluation on internal clusters.",
    ),
    ItemSpec(
        "halcyon", "ai", "Halcyon 3 (published weights)", "ai_model_access", "EAR",
        "not subject (published)", "", "", "Published open-weight model; weights made "
        "available to the public without restriction, so not subject to the EAR (15 CFR "
        "734.7).",
        "Published model weights of Halcyon 3 (publicly available).",
    ),
    ItemSpec(
        "gan", "semi", "GaN-on-SiC HEMT process technology", "technology", "EAR", "3E001",
        "NS, MT, NP, RS, AT", "G187214",
        "Development and production technology for GaN-on-SiC high-electron-mobility "
        "transistors (3A001.b.3 power amplifiers): epitaxy recipes, process flow, yield data.",
        "Technology for the development and production of GaN-on-SiC MMIC power amplifiers "
        "controlled by 3A001.b.3: process flow, epitaxial recipes, layout rules and test data.",
    ),
    ItemSpec(
        "opc", "semi", "Mask-synthesis (OPC) source code", "source_code", "EAR", "3D001",
        "NS, RS, AT", "",
        "Source code of the optical proximity correction and mask-synthesis engine specially "
        "designed for the development of 3B001 lithography equipment.",
        "Source code of the mask-synthesis software specially designed for the development of "
        "3B001 lithography equipment, released by read/write repository access.",
    ),
    ItemSpec(
        "enclave", "semi", "Secure-enclave cryptographic core technology", "technology", "EAR",
        "5E002", "NS, RS, AT, EI", "G190077",
        "Development technology for the secure enclave's hardware cryptographic cores "
        "(5A002.a), including side-channel countermeasures.",
        "Technology for the development of hardware cryptographic cores controlled by 5A002.a "
        "(RTL, verification plans, side-channel test results).",
    ),
    ItemSpec(
        "blade", "aero", "Single-crystal turbine blade cooling technology", "technology", "EAR",
        "9E003", "NS, SI, AT", "G182946",
        "Technology for the development of cooled single-crystal high-pressure turbine blades "
        "(9E003.a.1): cooling-passage design, casting and coating data.",
        "Technology for the development of cooled single-crystal turbine blades (9E003.a.1): "
        "cooling-passage design data, casting process data and thermal test results.",
    ),
    ItemSpec(
        "aesa", "aero", "AESA radar T/R module technical data", "technical_data", "ITAR",
        "USML XI(d)", "", "",
        "Technical data directly related to the transmit/receive modules of the AN/APG-series "
        "active electronically scanned array radar (USML Category XI(a)(3)).",
        "Technical data (USML XI(d)) for AESA radar transmit/receive modules: design, "
        "integration and test data, released by access to the program's data repository.",
    ),
    ItemSpec(
        "ml22", "uk", "Naval radar signal-processing development technology", "technology", "UK",
        "ML22.a", "", "",
        "Technology for the development of signal-processing software for naval fire-control "
        "radars controlled by ML5 (UK Military List, ML22.a).",
        "ML22.a technology for the development of signal-processing software for ML5 naval "
        "fire-control radars, transferred electronically to the named engineer.",
    ),
)

ITEM_INDEX = {it.key: i for i, it in enumerate(ITEMS)}

#: Classifications that need no license for anyone but embargoed destinations' nationals
#: (EAR99) or for anyone at all (not subject to the EAR): never applied for in the demo.
NO_LICENSE_CLASSES = frozenset({"EAR99", "not subject (published)"})

#: Which items an organization's people may be given access to (EAR99 ones rarely).
ORG_ITEMS: dict[str, tuple[str, ...]] = {
    "ai": ("mythos", "fable"),
    "semi": ("gan", "opc", "enclave"),
    "aero": ("aesa", "blade"),
    "uk": ("ml22",),
}

#: The regime each regulator licenses.
REGIME_OF_REGULATOR = {"BIS": "EAR", "DDTC": "ITAR", "ECJU": "UK"}


#: The demo's letters answer each element of Supp. 2 to Part 748, paragraph (o)(2), with a
#: sentence about the case (the checker reads them as content, not as keywords).
LOE_TEMPLATE = (
    "(i) Parties: {org} is the applicant and the end user. The {recipient} is {name}, a "
    "national of {citizenship}, employed as {title}. No other party receives the technology.\n"
    "(ii) Location: {name} works with the technology only at {site}.\n"
    "(iii) Technology: {items}.\n"
    "(iv) {transfer}: {access}\n"
    "(v) Use: {name} will use {items} for these duties: {use}\n"
    "(vi) Scope: the {transfer_word} to {name} is limited to {items} as these duties need; "
    "no other controlled technology, and no production or development technology of other "
    "projects, is released to {name}.\n"
    "(vii) Availability abroad: comparable technology is not available in {citizenship} or "
    "elsewhere abroad from any source we know of: {items} are developed by {org} and are "
    "not sold, licensed or published outside the company.\n"
    "{signatory}, {signatory_title}"
)

TCP_TEMPLATE = (
    "TCP {short}-TCP rev. {rev} (on file), signed by {signatory}. {org} is committed to "
    "complying with the export control regulations that govern this technology; "
    "{signatory} is responsible for this plan. Technology: {items}. Participant: {name}, a "
    "national of {citizenship}; {supervisor_word} {supervisor}. Badge-controlled areas at "
    "{site}; role-based IT access with logging; restricted-party screening at hire, annual "
    "export-control training; access reviewed quarterly, revoked on departure."
)

#: The organizations' default templates, in the template engine's placeholders
#: (licenseapp.domain.templates), so "fill the letter" works on the demo data.
ORG_LOE_TEMPLATE = (
    "(i) Parties: {applicant.legal_name} is the applicant and the end user. The foreign "
    "national is {person.full_name}, a national of {person.citizenships}, employed as "
    "{person.job_title}. No other party receives the technology.\n"
    "(ii) Location: {person.full_name} works with the technology only at {work_site}.\n"
    "(iii) Technology: {items.names} ({items.eccns}).\n"
    "(iv) Release: electronic access on company systems under our TCP.\n"
    "(v) Use: {person.full_name} will use {items.names} for these duties: {person.duties}\n"
    "(vi) Scope: the release to {person.full_name} is limited to {items.names} as these "
    "duties need; no other controlled technology is released to {person.full_name}.\n"
    "(vii) Availability abroad: comparable technology is not available in "
    "{person.citizenships} or elsewhere abroad from any source we know of: {items.names} "
    "are developed by {applicant.legal_name} and are not sold, licensed or published "
    "outside the company.\n"
    "{signatory.name}, {signatory.title}"
)
ORG_TCP_TEMPLATE = (
    "The technology control plan of {applicant.legal_name} applies (on file), signed by "
    "{signatory.name}. {applicant.legal_name} is committed to complying with the export "
    "control regulations that govern this technology; {signatory.name} is responsible for "
    "this plan. Technology: {items.names} ({items.eccns}). Participant: {person.full_name}, "
    "a national of {person.citizenships}; U.S.-person supervisor {person.supervisor}. "
    "Badge-controlled areas at {work_site}; role-based IT access with logging; "
    "restricted-party screening at hire, annual export-control training; access reviewed "
    "quarterly, revoked on departure."
)

#: The UK licenses a transfer out of the country, not a release at home: a UK organization's
#: templates say so and name no U.S.-person supervisor.
_UK_WORDS = (
    ("(iv) Release: electronic access on company systems under our TCP.",
     "(iv) Transfer: electronic transfer to, and remote access from, the recipient's location "
     "abroad, on company systems under our TCP."),
    ("U.S.-person supervisor", "supervisor"),
    ("The foreign national is", "The recipient is"),
    ("the release to", "the transfer to"),
    ("is released to", "is transferred to"),
)


def org_templates(country: str) -> tuple[str, str]:
    """An organization's default letter of explanation and TCP templates, in the words of
    the country it exports from."""
    loe, tcp = ORG_LOE_TEMPLATE, ORG_TCP_TEMPLATE
    if country == "GB":
        for us, uk in _UK_WORDS:
            loe, tcp = loe.replace(us, uk), tcp.replace(us, uk)
    return loe, tcp


__all__ = [
    "DIRECTIVE_DATE",
    "DIRECTIVE_RULESET",
    "ITEMS",
    "ITEM_INDEX",
    "LOE_TEMPLATE",
    "ORGS",
    "ORG_INDEX",
    "ORG_ITEMS",
    "ORG_LOE_TEMPLATE",
    "ORG_TCP_TEMPLATE",
    "REGIME_OF_REGULATOR",
    "TCP_TEMPLATE",
    "ItemSpec",
    "OrgSpec",
    "Site",
    "org_templates",
]

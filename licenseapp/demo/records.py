"""A demo person's rows: the person, citizenships, documents and résumé, with dates.

Dates hang off two anchors: ``today`` and the person's hire date (itself placed before their
first application). Résumés run month by month from secondary school to the current job;
a person flagged ``gap`` has one gap of two to five months, ``vague`` one vague description.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

from licenseapp.demo.catalog import ORG_INDEX, ORGS
from licenseapp.demo.people import PersonPlan
from licenseapp.demo.pools import (
    DEGREES,
    PRIOR_EMPLOYERS,
    UNIVERSITIES,
    UNIVERSITY_REGION,
    VAGUE_DUTIES,
)
from licenseapp.demo.rand import pick, rb, ri
from licenseapp.demo.texts import recipient_abroad
from licenseapp.domain.countries import country_name

Row = dict[str, Any]

# Number formats: 9 is a digit, @ a letter, anything else itself.
_PASSPORT_FORMATS = {
    "CN": "E99999999", "IN": "@9999999", "RU": "759999999", "GB": "999999999",
    "CA": "@@999999", "AU": "PA9999999", "US": "@99999999", "SG": "K9999999@",
    "UA": "F@999999", "IR": "@99999999", "DE": "C9@@99@@9",
}
_SECONDARY = {
    "chinese": "{city} No. {n} High School", "indian": "Kendriya Vidyalaya No. {n}, {city}",
    "cyrillic": "School No. {n}, {city}", "arabic": "{city} Model Secondary School",
    "french": "Lycée Ampère, {city}", "spanish": "Instituto de Educación Secundaria {n}",
    "german": "Gymnasium {city}", "anglo": "{city} Collegiate Institute",
}
_GREEN_CARD_CLASSES = ("E21", "E31", "E11", "IR1", "E13")


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _ym(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def _number(rng: random.Random, pattern: str) -> str:
    digits = f"{rng.getrandbits(64):020d}"  # 19+ random digits, more than any format needs
    out = []
    d = 0
    for c in pattern:
        if c == "9":
            out.append(digits[-1 - d])
            d += 1
        elif c == "@":
            out.append(_LETTERS[rb(rng, len(_LETTERS))])
        else:
            out.append(c)
    return "".join(out)


def stamp(d: date, rng: random.Random) -> datetime:
    """A moment during the U.S. business day of ``d``, in UTC."""
    return datetime(d.year, d.month, d.day, ri(rng, 14, 22), rb(rng, 60),
                    rb(rng, 60), tzinfo=UTC)


class Ids:
    """The next id of each table: ids are assigned here, not by the database."""

    def __init__(self) -> None:
        self._counters: dict[str, Callable[[], int]] = {}

    def of(self, table: str) -> Callable[[], int]:
        """A function that returns the table's next id at each call."""
        found = self._counters.get(table)
        if found is None:
            found = self._counters[table] = count(1).__next__
        return found

    def take(self, table: str) -> int:
        return self.of(table)()


def person_rows(
    p: PersonPlan, rng: random.Random, today: date, hire: date, ids: Ids
) -> tuple[Row, list[Row], list[Row], list[Row]]:
    """The person row and its citizenships, documents and résumé entries."""
    org = ORGS[ORG_INDEX[p.org]]
    created = stamp(hire - timedelta(days=ri(rng, 5, 40)), rng)
    resume, dob = _resume(p, rng, today, hire, ids, org.legal_name)
    lpr_since = None
    if p.status == "lpr":
        years = p.lpr_years or ri(rng, 1, 9)
        lpr_since = max(today - timedelta(days=365 * years + rb(rng, 200)),
                        dob + timedelta(days=365 * 21))
    residency = "US" if p.status == "lpr" else None
    work_site = f"{org.legal_name}, {p.site.one_line}"
    if p.org == "uk":  # a SIEL's recipient works abroad: the licence is for the transfer
        country, city = recipient_abroad(p)
        residency = country
        work_site = (f"{org.legal_name} (remote, from {city + ', ' if city else ''}"
                     f"{country_name(country)})")
    person: Row = {
        "id": p.id, "ref": p.ref, "given_name": p.given, "family_name": p.family,
        "native_name": p.native, "other_names": p.other_names, "date_of_birth": dob,
        "birth_city": p.birth_city, "birth_country": p.birth_country,
        "residency_country": residency, "lpr_since": lpr_since,
        "immigration_status": p.status, "email": p.email(org),
        "phone": f"{org.phone[:-2]}{p.id % 100:02d}",
        "employer_id": ORG_INDEX[p.org] + 1, "job_title": p.title, "duties": p.duties,
        "supervisor": p.supervisor, "work_site": work_site,
        "notes": _notes(p), "version": 1, "created_at": created, "updated_at": created,
    }
    next_citizenship = ids.of("citizenships")
    citizenships = [
        {
            "id": next_citizenship(), "person_id": p.id, "country": c.country,
            "acquired_on": dob if c.acquired_year is None
            else date(c.acquired_year, ri(rng, 1, 12), ri(rng, 1, 28)),
            "ended_on": None if c.ended_year is None
            else date(c.ended_year, ri(rng, 1, 12), ri(rng, 1, 28)),
            "basis": c.basis,
        }
        for c in p.citizenships
    ]
    documents = _documents(p, rng, today, hire, lpr_since, ids, created)
    return person, citizenships, documents, resume


def _notes(p: PersonPlan) -> str:
    notes = []
    if p.birth_country is None:
        notes.append("Country of birth unknown: no birth record; passport states none.")
    if p.status == "protected":
        notes.append("Asylee (8 U.S.C. 1158); protected individual under 8 U.S.C. 1324b(a)(3).")
    if any(c.ended_year for c in p.citizenships):
        notes.append("Former citizenship lapsed on naturalization; certificate on file.")
    if "expired_visa" in p.flags:
        notes.append("Visa foil expired; I-94 still valid. New stamp at next consular trip.")
    return " ".join(notes)


def _doc(ids: Ids, p: PersonPlan, kind: str, number: str, country: str | None, cls: str,
         issued: date | None, expires: date | None, created: datetime) -> Row:
    return {
        "id": ids.take("person_documents"), "person_id": p.id, "kind": kind, "number": number,
        "issuing_country": country, "document_class": cls, "issued_on": issued,
        "expires_on": expires, "version": 1, "created_at": created, "updated_at": created,
    }


def _documents(p: PersonPlan, rng: random.Random, today: date, hire: date,
               lpr_since: date | None, ids: Ids, created: datetime) -> list[Row]:
    rows: list[Row] = []
    for country in p.countries:
        issued = today - timedelta(days=ri(rng, 200, 3000))
        years = 5 if country in ("SA", "JO", "AE", "KW") else 10
        expires = issued + timedelta(days=365 * years)
        if expires <= today + timedelta(days=30):
            expires = today + timedelta(days=ri(rng, 200, 1500))
        rows.append(_doc(ids, p, "passport", _number(rng, _PASSPORT_FORMATS.get(country,
                         "@@9999999")), country, "", issued, expires, created))
    status = p.status
    if status is None:  # the UK subsidiary's people
        if p.visa_class and p.visa_class != "EUSS settled":
            days = p.visa_days if p.visa_days is not None else ri(rng, 120, 1500)
            rows.append(_doc(ids, p, "visa", _number(rng, "RF9999999"), "GB", p.visa_class,
                             today - timedelta(days=ri(rng, 100, 900)),
                             today + timedelta(days=days), created))
        elif p.visa_class:
            rows.append(_doc(ids, p, "visa", _number(rng, "9999999999"), "GB", p.visa_class,
                             today - timedelta(days=ri(rng, 400, 1800)), None, created))
        return rows
    if status == "lpr":
        assert lpr_since is not None
        issued = lpr_since
        while issued + timedelta(days=3650) < today:
            issued += timedelta(days=3650)
        rows.append(_doc(ids, p, "green_card", _number(rng, "IOE9999999999"), "US",
                         pick(rng, _GREEN_CARD_CLASSES), issued,
                         issued + timedelta(days=3650), created))
        return rows
    if status == "protected":
        rows.append(_doc(ids, p, "i94", _number(rng, "99999999999"), "US", "AS",
                         today - timedelta(days=ri(rng, 700, 1500)), None, created))
        rows.append(_doc(ids, p, "ead", _number(rng, "SRC9999999999"), "US", "A05",
                         today - timedelta(days=ri(rng, 100, 600)),
                         today + timedelta(days=ri(rng, 100, 700)), created))
        return rows
    roll = rng.random()
    if p.visa_days is not None:
        visa_expires = today + timedelta(days=p.visa_days)
    elif roll < 0.07:
        visa_expires = today + timedelta(days=ri(rng, 5, 89))
    elif roll < 0.085:
        visa_expires = today - timedelta(days=ri(rng, 5, 200))
    else:
        visa_expires = today + timedelta(days=ri(rng, 120, 1000))
    stay_until = visa_expires if visa_expires > today else today + timedelta(
        days=ri(rng, 150, 900))
    cls = {"h1b": "H-1B", "l1": "L-1B", "o1": "O-1A", "f1": "F-1", "j1": "J-1", "tn": "TN",
           "e3": "E-3"}.get(status, status.upper())
    cls = p.visa_class or cls
    visa_issued = min(visa_expires - timedelta(days=ri(rng, 500, 1000)), hire)
    if not (status == "tn" and "CA" in p.countries):  # Canadians need no visa foil
        rows.append(_doc(ids, p, "visa", _number(rng, "99999999"), "US", cls, visa_issued,
                         visa_expires, created))
    if status in ("f1", "j1"):
        rows.append(_doc(ids, p, "i94", _number(rng, "99999999999"), "US", f"{cls} D/S",
                         visa_issued, None, created))
        program_end = today + timedelta(days=ri(rng, 90, 700))
        rows.append(_doc(ids, p, "i20" if status == "f1" else "ds2019",
                         _number(rng, "N9999999999"), "US", cls, visa_issued, program_end,
                         created))
        if status == "f1":
            ead_end = today + timedelta(days=40 if "ead_soon" in p.flags
                                        else ri(rng, 30, 400))
            rows.append(_doc(ids, p, "ead", _number(rng, "IOE9999999999"), "US",
                             "C03C" if "ead_soon" in p.flags or rng.random() < 0.5 else "C03B",
                             hire - timedelta(days=ri(rng, 5, 30)), ead_end, created))
        return rows
    rows.append(_doc(ids, p, "i94", _number(rng, "99999999999"), "US", cls,
                     today - timedelta(days=ri(rng, 30, 700)), stay_until, created))
    if status in ("h1b", "l1", "o1"):
        rows.append(_doc(ids, p, "i797", _number(rng, "WAC9999999999"), "US", f"I-129 {cls}",
                         visa_issued, stay_until, created))
    return rows


def _region(p: PersonPlan) -> str:
    return UNIVERSITY_REGION.get(p.style, "EU")


def _resume(p: PersonPlan, rng: random.Random, today: date, hire: date, ids: Ids,
            employer: str) -> tuple[list[Row], date]:
    """Entries from secondary school to the current job, and the date of birth."""
    region = _region(p)
    field = pick(rng, DEGREES[p.org])
    abroad = "UK" if p.org == "uk" else "US"
    degrees: list[tuple[str, int, str, str]] = []  # title, months, school, location
    home_univ = UNIVERSITIES.get(region, UNIVERSITIES["EU"])
    school, where = home_univ[rb(rng, len(home_univ))]
    degrees.append((f"B.Sc., {field}", 46, school, where))
    if p.status == "f1" or rng.random() < 0.55:
        pool = UNIVERSITIES[abroad] if p.status == "f1" or rng.random() < 0.6 else home_univ
        school, where = pool[rb(rng, len(pool))]
        degrees.append((f"M.Sc., {field}", 22, school, where))
    if p.status not in ("f1",) and rng.random() < 0.25:
        pool = UNIVERSITIES[abroad]
        school, where = pool[rb(rng, len(pool))]
        degrees.append((f"Ph.D., {field}", 58, school, where))
    hire_m = month_index(hire)
    edu_months = 48 + sum(d[1] for d in degrees)
    if p.status == "f1":
        start = hire_m - edu_months  # straight from the degree to OPT
    else:
        start = (today.year - p.age + 14) * 12 + 8  # September of the year they turned 14
        if start + edu_months > hire_m - 1:
            start = hire_m - 1 - edu_months - rb(rng, 12)
    birth_year = start // 12 - 14
    dob = date(birth_year, ri(rng, 1, 8), ri(rng, 1, 28))
    city = p.birth_city or "International"
    secondary = _SECONDARY.get(p.style, "{city} High School").format(city=city,
                                                                     n=ri(rng, 2, 40))
    entries: list[list[Any]] = [  # kind, org, location, title, description, start, end
        ["education", secondary, p.birth_city, "Secondary school diploma", "", start,
         start + 47],
    ]
    t = start + 48
    for title, months, school, where in degrees:
        entries.append(["education", school, where, title, f"Major: {field}.", t,
                        t + months - 1])
        t += months
    free = hire_m - t  # months of work before the current job
    if free > 0:
        count = 1 if free < 30 else ri(rng, 1, min(3, free // 18))
        cut = sorted(rng.sample(range(t + 1, hire_m), count - 1)) if count > 1 else []
        bounds = [t, *cut, hire_m]
        pool = PRIOR_EMPLOYERS[region if region in PRIOR_EMPLOYERS else "EU"]
        for i in range(count):
            us_job = p.org != "uk" and i == count - 1 and rng.random() < 0.4
            name, where = pick(rng, PRIOR_EMPLOYERS["US"] if us_job else pool)
            title, duties = _prior_job(rng, p.org)
            entries.append(["employment", name, where, title, duties, bounds[i],
                            bounds[i + 1] - 1])
    entries.append(["employment", employer, f"{p.site.city}, {p.site.state}".strip(", "),
                    p.title, p.duties, hire_m, None])
    long_enough = [e for e in entries[1:-1] if e[6] - e[5] > 6]
    if "gap" in p.flags and long_enough:
        pick(rng, long_enough)[6] -= ri(rng, 2, 5)  # a gap of two to five months follows
    if "vague" in p.flags:
        jobs = [e for e in entries if e[0] == "employment"]
        jobs[0][4] = pick(rng, VAGUE_DUTIES)
    rows = []
    next_entry = ids.of("resume_entries")
    for kind, org_name, where, title, description, s, e in entries:
        sy, sm = _ym(s)
        ey, em = _ym(e) if e is not None else (None, None)
        rows.append({
            "id": next_entry(), "person_id": p.id, "kind": kind,
            "organization": org_name, "location": where, "title": title,
            "description": description, "start_year": sy, "start_month": sm,
            "end_year": ey, "end_month": em,
        })
    return rows, dob


_PRIOR_TITLES = {
    "ai": ("Software Engineer", "Data Scientist", "Research Assistant", "ML Engineer"),
    "semi": ("Process Engineer", "Design Engineer", "Research Assistant", "Test Engineer"),
    "aero": ("Design Engineer", "Systems Engineer", "Research Assistant", "Test Engineer"),
    "uk": ("Software Engineer", "Electronics Engineer", "Graduate Engineer"),
}


def _prior_job(rng: random.Random, org: str) -> tuple[str, str]:
    title = pick(rng, _PRIOR_TITLES[org])
    return title, f"{title}: design, implementation and testing for product teams."


__all__ = ["Ids", "Row", "month_index", "person_rows", "stamp"]

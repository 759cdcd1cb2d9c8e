"""The demo's people: 40 hand-made foreign nationals, then as many generated ones as needed.

A person is built in two steps. :func:`core_people` / :func:`generated_person` decide who
the person is (name, employer, immigration status, citizenships, items); the rows with
dates (birth, résumé, documents) come later from :mod:`demo_records`, once the person's
applications are placed in time, so that nobody is hired after their first application.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from licenseapp.demo.catalog import ORG_INDEX, ORG_ITEMS, ORGS, OrgSpec, Site
from licenseapp.demo.names import STYLE_BY_KEY, STYLES, ascii_fold, name_for
from licenseapp.demo.pools import JOBS, SUPERVISORS
from licenseapp.demo.rand import pick, rb, ri

#: U.S. statuses whose holders are not "foreign persons" under the ordinary EAR rule.
NOT_FOREIGN_PERSONS = frozenset({"lpr", "protected"})


@dataclass(frozen=True)
class CitizenshipSpec:
    country: str
    basis: str  # birth, naturalization, descent
    acquired_year: int | None = None  # naturalization year (birth/descent: date of birth)
    ended_year: int | None = None


@dataclass(slots=True)
class PersonPlan:
    """Who a person is; dates are filled in when their records are written."""

    id: int
    ref: str
    org: str
    style: str
    given: str
    family: str
    native: str
    other_names: str
    female: bool
    status: str | None
    birth_country: str | None
    birth_city: str
    citizenships: tuple[CitizenshipSpec, ...]
    age: int
    site: Site
    title: str
    duties: str
    supervisor: str
    items: list[str]
    flags: frozenset[str] = frozenset()
    visa_days: int | None = None  # visa expiry, days from today, when fixed
    lpr_years: int | None = None
    visa_class: str = ""
    app_ids: list[int] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def countries(self) -> list[str]:
        """Current citizenships, the first one primary."""
        return [c.country for c in self.citizenships if c.ended_year is None]

    @property
    def foreign_person(self) -> bool:
        return self.status not in NOT_FOREIGN_PERSONS

    def email(self, org: OrgSpec) -> str:
        first = ascii_fold(self.given.split()[0]).lower().replace("'", "")
        last = ascii_fold(self.family.split()[0]).lower().replace("'", "")
        return f"{first}.{last}.{self.id}@{org.email_domain}"


def _cits(text: str) -> tuple[CitizenshipSpec, ...]:
    """``"CN-2014;SG+2014"``: CN from birth ended 2014, SG by naturalization in 2014.

    ``~`` marks citizenship by descent.
    """
    result: list[CitizenshipSpec] = []
    for part in text.split(";"):
        if "+" in part:
            code, year = part.split("+")
            result.append(CitizenshipSpec(code, "naturalization", int(year)))
        elif "-" in part:
            code, year = part.split("-")
            result.append(CitizenshipSpec(code, "birth", None, int(year)))
        elif part.endswith("~"):
            result.append(CitizenshipSpec(part[:-1], "descent"))
        else:
            result.append(CitizenshipSpec(part, "birth"))
    # The current ones first, birth before naturalization: the primary is the first current.
    return tuple(sorted(result, key=lambda c: c.ended_year is not None))


# given | family | native | f/m | org | status | birth country | birth city | citizenships |
# age | style | flags | visa expiry (days from today) | LPR for (years) | visa class
_CORE = """
Wei|Zhang|张伟|m|ai|h1b|CN|Chengdu|CN;CA+2016|36|chinese||58||
Priya|Sharma|प्रिया शर्मा|f|ai|lpr|IN|Jaipur|IN|33|indian|||4|
Aleksei|Smirnov|Алексей Смирнов|m|ai|o1|RU|Novosibirsk|RU;IL+2019|38|cyrillic||||
José|Núñez|José Núñez|m|ai|h1b|ES|Sevilla|ES|31|spanish|vague|||
Zoë|Łukasiewicz|Zoë Łukasiewicz|f|ai|lpr|PL|Kraków|PL|35|polish|||3|
Mohammed|Al-Otaibi|محمد العتيبي|m|ai|f1|SA|Riyadh|SA|27|arabic|ead_soon|||
Na|Li|李娜|f|ai|lpr|CN|Wuhan|CN|41|chinese|||6|
Arjun|Mehta|अर्जुन मेहता|m|ai|h1b|IN|Pune|IN|30|indian|expired_visa gap|-23||
Yusuf|Haddad|يوسف حداد|m|ai|protected|SY|Aleppo|SY|34|arabic||||
Şebnem|Öztürk|Şebnem Öztürk|f|ai|l1|TR|İstanbul|TR|37|turkish||||L-1B
Jing|Chen|陳靜|f|ai|h1b|TW|Taipei|TW|32|chinese||12||
Thị Hương|Nguyễn|Nguyễn Thị Hương|f|ai|f1|VN|Hà Nội|VN|26|vietnamese||||
Rahul|Verma|राहुल वर्मा|m|ai|lpr|IN|Lucknow|IN|39|indian|||7|
Liam|O'Connor|Liam O'Connor|m|ai|tn|CA|Waterloo|CA|29|anglo||||
Fang|Wang|王芳|f|semi|h1b|CN|Hangzhou|CN|34|chinese||77||
Dmitry|Kuznetsov|Дмитрий Кузнецов|m|semi|h1b|RU|Kazan|RU|40|cyrillic|gap|34||
Fatima|Al-Sayed|فاطمة السيد|f|semi|lpr|EG|Alexandria|EG|45|arabic|||9|
Anjali|Gupta|अंजलि गुप्ता|f|semi|h1b|IN|Indore|IN|31|indian||88||
Jürgen|Müller|Jürgen Müller|m|semi|l1|DE|Stuttgart|DE|44|german||||L-1A
João|Gonçalves|João Gonçalves|m|semi|j1|BR|Porto Alegre|BR|33|portuguese||||
Amira|Khalil|أميرة خليل|f|semi|h1b|||JO+2008|36|arabic||||
Chloe|Nguyen|Chloe Nguyen|f|semi|e3|AU|Melbourne|AU|30|anglo||||
María|Fernández Ruiz|María Fernández Ruiz|f|semi|tn|MX|Monterrey|MX|32|spanish||||
Tomáš|Dvořák|Tomáš Dvořák|m|aero|o1|CZ|Brno|CZ|42|german||||
Olga|Sokolova|Ольга Соколова|f|aero|h1b|RU|Rostov-on-Don|UA~|37|cyrillic||||
Omar|Farouk|عمر فاروق|m|aero|h1b|EG|Cairo|EG|35|arabic|vague|||
Vikram|Singh|विक्रम सिंह|m|aero|h1b|IN|Kanpur|IN|33|indian||||
Yang|Liu|刘洋|m|aero|h1b|CN|Harbin|CN-2014;SG+2014|40|chinese||||H-1B1
Björn|Åkesson|Björn Åkesson|m|aero|lpr|SE|Göteborg|SE|46|swedish|||11|
Ioana|Ștefănescu|Ioana Ștefănescu|f|aero|f1|RO|Cluj-Napoca|RO|27|romanian|gap|||
Hamid|Rezaei|حمید رضایی|m|aero|tn|IR|Tehran|IR;CA+2012|43|arabic||||
Dimitrios|Papadopoulos|Δημήτρης Παπαδόπουλος|m|aero|h1b|GR|Thessaloniki|GR|36|german||||
Rohan|Patel|रोहन पटेल|m|uk||IN|Pune|IN;GB+2018|35|indian||||
Mei Ling|Tan|陈美玲|f|uk||MY|Penang|MY|31|chinese||||Skilled Worker
Iryna|Kovalenko|Ірина Коваленко|f|uk||UA|Kharkiv|UA|29|cyrillic||||Ukraine Scheme
Khalid|Mansour|خالد منصور|m|uk||JO|Amman|JO|38|arabic||||Skilled Worker
François|Lefèvre|François Lefèvre|m|uk||FR|Grenoble|FR|41|french||||EUSS settled
Siddharth|Rao|सिद्धार्थ राव|m|uk||IN|Bengaluru|IN|27|indian||34||Graduate
Małgorzata|Wójcik|Małgorzata Wójcik|f|uk||PL|Gdańsk|PL|33|polish||||EUSS pre-settled
Lei|Zhao|赵磊|m|uk||CN|Beijing|CN|36|chinese||88||Skilled Worker
"""

#: Items of the core people, by position in the list above (the rest get their org's first).
_CORE_ITEMS: dict[int, tuple[str, ...]] = {
    0: ("mythos", "fable"), 1: ("mythos",), 2: ("mythos", "fable"), 3: ("fable",),
    4: ("mythos", "fable", "halcyon"), 5: ("fable",), 6: ("mythos",), 7: ("mythos", "fable"),
    8: ("mythos",), 9: ("fable", "halcyon"), 10: ("mythos", "fable"), 11: ("fable",),
    12: ("mythos", "fable"), 13: ("mythos",),
    14: ("gan", "enclave"), 15: ("opc",), 16: ("gan", "opc", "enclave"), 17: ("enclave",),
    18: ("gan", "opc"), 19: ("gan",), 20: ("opc", "enclave"), 21: ("enclave",), 22: ("gan",),
    23: ("aesa", "blade"), 24: ("aesa",), 25: ("aesa", "blade"), 26: ("blade", "aesa"),
    27: ("aesa",), 28: ("aesa", "blade"), 29: ("blade", "aesa"), 30: ("aesa",), 31: ("aesa",),
}

CORE_COUNT = 40


def _job(org: str, index: int) -> tuple[str, str, str]:
    jobs, sups = JOBS[org], SUPERVISORS[org]
    title, duties = jobs[index % len(jobs)]
    return title, duties, sups[index % len(sups)]


def core_people() -> list[PersonPlan]:
    """The 40 hand-made people, with ids 1..40."""
    org_of = {o.key: o for o in ORGS}
    result: list[PersonPlan] = []
    for i, line in enumerate(x for x in _CORE.strip().splitlines() if x):
        (given, family, native, sex, org, status, birth, city, cits, age, style, flags,
         visa_days, lpr_years, visa_class) = line.split("|")
        title, duties, supervisor = _job(org, i)
        other = ascii_fold(f"{given} {family}")
        sites = org_of[org].sites
        result.append(
            PersonPlan(
                id=i + 1, ref=f"P-{i + 1:04d}", org=org, style=style, given=given,
                family=family, native=native,
                other_names=other if other != f"{given} {family}" else "",
                female=sex == "f", status=status or None, birth_country=birth or None,
                birth_city=city, citizenships=_cits(cits), age=int(age),
                site=sites[i % len(sites)], title=title, duties=duties, supervisor=supervisor,
                items=list(_CORE_ITEMS.get(i, ORG_ITEMS[org][:1])),
                flags=frozenset(flags.split()), visa_days=int(visa_days) if visa_days else None,
                lpr_years=int(lpr_years) if lpr_years else None, visa_class=visa_class,
            )
        )
    return result


_ORG_WEIGHTS = (("ai", 45), ("semi", 22), ("aero", 20), ("uk", 13))
_US_STATUSES = (("h1b", 38), ("lpr", 22), ("f1", 9), ("l1", 6), ("o1", 6), ("j1", 2),
                ("protected", 2))
_UK_VISAS = (("Skilled Worker", 6), ("Graduate", 1), ("Global Talent", 1))
_SECOND_CITIZENSHIP = ("CA", "GB", "AU", "SG", "DE", "IE", "NZ")
_TOTALS: dict[tuple[tuple[str, int], ...], int] = {}


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    total = _TOTALS.get(pairs) or _TOTALS.setdefault(pairs, sum(w for _, w in pairs))
    pick = rng.random() * total
    for value, weight in pairs:
        pick -= weight
        if pick < 0:
            return value
    return pairs[-1][0]


class NameCounter:
    """Hands out each style's names in turn, moving on when a style is used up."""

    def __init__(self, reserved: set[tuple[str, str]] | None = None) -> None:
        self.reserved = reserved or set()  # names already taken (the hand-made people's)
        self.used = {s.key: 0 for s in STYLES}
        self.capacity = {s.key: s.capacity for s in STYLES}
        self.weights = tuple((s.key, s.weight) for s in STYLES)

    def take(self, rng: random.Random) -> tuple[str, int]:
        key = _weighted(rng, self.weights)
        if self.used[key] >= self.capacity[key]:
            roomy = [s.key for s in STYLES if self.used[s.key] < self.capacity[s.key]]
            if roomy:  # else every style wraps around and names start to repeat
                key = roomy[0]
        k = self.used[key]
        self.used[key] = k + 1
        return key, k


def generated_person(
    rng: random.Random, person_id: int, names: NameCounter, year: int
) -> PersonPlan:
    """One more plausible person (ids above the core's); ``year`` is the current year."""
    org_key = _weighted(rng, _ORG_WEIGHTS)
    org = ORGS[ORG_INDEX[org_key]]
    while True:
        style_key, k = names.take(rng)
        style = STYLE_BY_KEY[style_key]
        name = name_for(style, k)
        if (name.given, name.family) not in names.reserved or k >= style.capacity:
            break
    country = _weighted(rng, style.countries)
    cits = [CitizenshipSpec(country, "birth")]
    birth: str | None = country
    if rng.random() < 0.1:
        second = pick(rng, [c for c in _SECOND_CITIZENSHIP if c != country])
        ended = None
        if country in ("CN", "IN", "SG", "MY") and rng.random() < 0.5:
            ended = year - ri(rng, 2, 12)  # the old citizenship lapsed on naturalization
        cits = [CitizenshipSpec(country, "birth", None, ended),
                CitizenshipSpec(second, "naturalization", ended or year - ri(rng, 2, 15))]
        cits.sort(key=lambda c: c.ended_year is not None)
    roll = rng.random()
    if roll < 0.005:
        birth = None
    elif roll < 0.04 and country == "UA":
        birth = "RU"
    status: str | None
    visa_class = ""
    if org_key == "uk":
        status = None
        visa_class = _weighted(rng, _UK_VISAS)
    elif country in ("CA", "MX") and rng.random() < 0.5:
        status = "tn"
    elif country == "AU" and rng.random() < 0.5:
        status = "e3"
    else:
        status = _weighted(rng, _US_STATUSES)
        if status == "l1":
            visa_class = pick(rng, ("L-1A", "L-1B"))
    title, duties, supervisor = _job(org_key, rb(rng, 12))
    options = ORG_ITEMS[org_key]
    items = rng.sample(options, ri(rng, 1, len(options)))
    if org_key == "aero" and "aesa" not in items and rng.random() < 0.7:
        items.insert(0, "aesa")
    if org_key == "ai" and rng.random() < 0.12:
        items.append("halcyon")
    return PersonPlan(
        id=person_id, ref=f"P-{person_id:04d}", org=org_key, style=style_key,
        given=name.given, family=name.family, native=name.native, other_names=name.other,
        female=name.female, status=status, birth_country=birth,
        birth_city=_birth_city(rng, birth), citizenships=tuple(cits),
        age=ri(rng, 24, 56) if status != "f1" else ri(rng, 24, 30),
        site=org.sites[rb(rng, len(org.sites))], title=title, duties=duties,
        supervisor=supervisor, items=items,
        flags=frozenset(_flags(rng)), visa_class=visa_class,
    )


def _birth_city(rng: random.Random, country: str | None) -> str:
    from licenseapp.demo.pools import BIRTH_CITIES

    cities = BIRTH_CITIES.get(country or "", ())
    return cities[rb(rng, len(cities))] if cities else ""


def _flags(rng: random.Random) -> list[str]:
    flags: list[str] = []
    if rng.random() < 0.08:
        flags.append("gap")
    if rng.random() < 0.06:
        flags.append("vague")
    return flags


__all__ = [
    "CORE_COUNT",
    "NOT_FOREIGN_PERSONS",
    "CitizenshipSpec",
    "NameCounter",
    "PersonPlan",
    "core_people",
    "generated_person",
]

"""Name matching a reviewer can trust: normalisation, other scripts, low-weight words, the
facts that move a score without making a hit, and every score explained."""

from __future__ import annotations

from datetime import date

import pytest

from licenseapp.domain.screening.entries import ListEntry, derived_id, list_code
from licenseapp.domain.screening.matching import FACTS_REACH, NameIndex, Query, score_entry
from licenseapp.domain.screening.name_scoring import score_names
from licenseapp.domain.screening.names import name_form, words

SDN = "Specially Designated Nationals (SDN) - Treasury Department"


def entry(name: str, *alts: str, kind: str = "individual", countries: tuple[str, ...] = (),
          dobs: tuple[str, ...] = (), code: str = "SDN") -> ListEntry:
    return ListEntry(code, SDN, derived_id(code, name), name, alts, kind, countries,
                     dates_of_birth=dobs)


@pytest.mark.parametrize(("text", "expected"), [
    ("ZHANG, Wei", ["zhang", "wei"]),
    ("José Núñez-Ríos", ["jose", "nunez", "rios"]),
    ("张伟", ["zhang", "wei"]),
    ("Владимир Путин", ["vladimir", "putin"]),
    ("राहुल गांधी", ["rahul", "gamdhi"]),
    ("ACME, L.L.C.", ["acme", "llc"]),
    ("حسن البغدادي", ["hsn", "al", "bghddy"]),
])
def test_names_become_comparable_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_word_order_case_and_accents_do_not_matter() -> None:
    found = score_names(name_form("josé núñez"), name_form("NUNEZ, Jose"))
    assert found.score == 100
    assert "word order ignored" in found.factors[0].label


def test_company_suffixes_weigh_little_and_never_match_alone() -> None:
    index = NameIndex([entry("ACME CORP", kind="entity"), entry("CORP HOLDINGS LLC",
                                                               kind="entity")])
    assert index.search(Query(("CORP",), "organization"), 80) == []  # "CORP" names nobody
    assert index.search(Query(("Beta Corp",), "organization"), 80) == []
    [hit] = index.search(Query(("Acme Corporation Ltd.",), "organization"), 80)
    assert hit.entry.name == "ACME CORP" and "weighted low" in hit.factors[0].label


def test_other_scripts_are_read_and_the_reading_shown() -> None:
    listed = [entry("PUTIN, Vladimir", countries=("RU",)), entry("ZHANG, Wei"),
              entry("AL-BAGHDADI, Hassan"), entry("XI, Jinping"), entry("KIM, Jong Un")]
    index = NameIndex(listed)
    for text, name in (("Владимир Путин", "PUTIN, Vladimir"), ("张伟", "ZHANG, Wei"),
                       ("حسن البغدادي", "AL-BAGHDADI, Hassan"), ("习近平", "XI, Jinping"),
                       ("김정은", "KIM, Jong Un")):
        [hit] = index.search(Query((text,)), 85)
        assert hit.entry.name == name
        assert f"'{text}' read as '" in hit.factors[0].label


def test_transliteration_variants_and_typos_match_explained() -> None:
    [hit] = NameIndex([entry("MUHAMMAD, Yusuf")]).search(Query(("Mohammed Yousef",)), 85)
    label = hit.factors[0].label
    assert "'mohammed' ~ 'muhammad'" in label and "'yousef' ~ 'yusuf'" in label
    found = score_entry(Query(("Dmitry Kuzentsov",)), entry("KUZNETSOV, Dmitry"))
    assert found is not None and found.score >= 85


def test_a_missing_middle_name_is_nearly_as_good_a_shared_surname_is_not() -> None:
    full = entry("KUZNETSOV, Dmitry Vadimovich")
    missing = score_entry(Query(("Dmitry Kuznetsov",)), full)
    assert missing is not None and missing.name_score == 93
    assert "list name also has 'vadimovich'" in missing.factors[0].label
    assert score_entry(Query(("Ivan Kuznetsov",)), full, 70) is None


def test_facts_move_a_score_but_never_make_a_hit_alone() -> None:
    listed = entry("RIVERA, Carla Maria", countries=("MX",), dobs=("1971-04-02",))
    query = Query(("Carlos Rivera",), "person", ("MX",), date(1971, 4, 2))
    found = score_entry(query, listed)
    assert found is not None
    facts = {f.label: f.effect for f in found.factors[1:]}
    assert facts == {"country MX on both": 5.0, "date of birth 1971-04-02 on both": 8.0}
    threshold = found.name_score + FACTS_REACH + 1  # the name alone is out of reach
    assert score_entry(query, listed, threshold) is None
    other = Query(("Carla Maria Rivera",), "person", ("ES",), date(1990, 1, 1))
    against = score_entry(other, listed)
    assert against is not None and against.score == against.name_score - 8 - 15
    assert [f.effect for f in against.factors[1:]] == [-8.0, -15.0]


def test_a_person_is_not_a_vessel() -> None:
    found = score_entry(Query(("Sea Star",), "person"), entry("SEA STAR", kind="vessel"))
    assert found is not None and found.score == 80
    assert found.factors[-1].label == "the list entry is a vessel"


def test_list_codes_and_derived_ids() -> None:
    assert list_code(SDN) == "SDN"
    assert list_code("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury") == "NS-MBS"
    assert derived_id("EL", "Acme, Ltd.") == derived_id("EL", "ACME LTD")  # stable
    assert derived_id("EL", "Acme, Ltd.") != derived_id("EL", "Acme Two Ltd")
    assert entry("A").fingerprint != entry("A", "B").fingerprint
    assert entry("A", "B", "C").fingerprint == entry("A", "C", "B").fingerprint


def test_an_entry_is_the_same_party_in_every_format_of_the_list() -> None:
    """The shipped list gives countries only; trade.gov's files add addresses and programs
    change often: none of that makes a cleared hit come back."""
    from dataclasses import replace

    shipped = entry("ZHANG, Wei", countries=("CN",))
    published = replace(shipped, addresses=("12 Road, Beijing, CN",), programs=("SDGT",))
    assert published.fingerprint == shipped.fingerprint
    assert replace(shipped, dates_of_birth=("1980",)).fingerprint != shipped.fingerprint

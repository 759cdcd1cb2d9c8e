"""What a record is found by: folded words, Latin letters for other scripts, codes joined."""

from __future__ import annotations

from licenseapp.domain.search.index import KindIndex, RecordKind, SearchRecord
from licenseapp.domain.search.keys import code_words, fold, name_words, searchable


def test_fold_drops_accents_case_and_punctuation() -> None:
    assert fold("José  Núñez-Díaz") == "jose nunez diaz"
    assert fold("ZOË Lefèvre") == "zoe lefevre"
    assert fold("LA-2026_0042") == "la 2026 0042"
    assert fold("محمّد") == "محمد"  # the shadda is a mark


def test_a_name_in_another_script_is_also_in_latin_letters() -> None:
    assert name_words("张伟") == ["张伟", "zhang wei"]
    assert name_words("Zoë Łukasiewicz") == ["zoe łukasiewicz", "zoe lukasiewicz"]
    assert name_words("Wei Zhang") == ["wei zhang"]


def test_a_code_is_also_found_without_separators() -> None:
    assert code_words("LA-2026-0042") == ["la 2026 0042", "la20260042"]
    assert code_words("Z1243153") == ["z1243153"]


def _people(*names: tuple[int, str, str]) -> KindIndex:
    return KindIndex(RecordKind.PEOPLE, [
        SearchRecord(RecordKind.PEOPLE, pid, name, "", searchable((name, native), (f"P-{pid}",)))
        for pid, name, native in names])


def _keys(index: KindIndex, typed: str) -> list[object]:
    return [found.key for found in index.search(typed, 5)[0]]


def test_words_in_any_order_at_word_starts_then_anywhere() -> None:
    index = _people((1, "Wei Zhang", "张伟"), (2, "Zhangsun Li", ""), (3, "Ahmed Al-Zahrani", ""),
                    (4, "Priya Sharma", "प्रिया शर्मा"))
    assert _keys(index, "zhang") == [1, 2]
    assert _keys(index, "wei zh") == [1]
    assert _keys(index, "zhang wei") == [1]
    assert _keys(index, "hrani") == [3]  # inside a word
    assert _keys(index, "hr") == []  # too short to look inside words
    assert _keys(index, "张") == [1]
    assert _keys(index, "शर्मा") == [4]
    assert _keys(index, "p 4") == [4]
    assert _keys(index, "") == []


def test_more_says_whether_records_were_left_out() -> None:
    index = _people(*((n, f"Name{n} Lee", "") for n in range(1, 8)))
    found, more = index.search("lee", 5)
    assert len(found) == 5 and more
    found, more = index.search("lee", 7)
    assert len(found) == 7 and not more


def test_replaced_makes_a_new_index_and_leaves_the_old_one() -> None:
    index = _people((1, "Wei Zhang", ""), (2, "Li Na", ""))
    renamed = SearchRecord(RecordKind.PEOPLE, 1, "Wei Chang", "", searchable(("Wei Chang",)))
    added = SearchRecord(RecordKind.PEOPLE, 3, "Omar Haddad", "", searchable(("Omar Haddad",)))
    newer = index.replaced([renamed, added], removed=[2])
    assert _keys(newer, "chang") == [1] and _keys(newer, "zhang") == []
    assert _keys(newer, "haddad") == [3] and _keys(newer, "li na") == []
    assert _keys(index, "zhang") == [1] and _keys(index, "li na") == [2]


def test_numbers_are_looked_for_inside_codes_and_letters_inside_names_only() -> None:
    apps = KindIndex(RecordKind.APPLICATIONS, [
        SearchRecord(RecordKind.APPLICATIONS, "LA-2026-0042", "LA-2026-0042", "",
                     searchable(codes=("LA-2026-0042", "GBSIEL/2026/0363956/P")))])
    assert [f.key for f in apps.search("0042", 5)[0]] == ["LA-2026-0042"]
    assert [f.key for f in apps.search("3639", 5)[0]] == ["LA-2026-0042"]
    assert apps.search("siel", 5)[0] == []  # letters inside a code: too many false hits
    assert [f.key for f in apps.search("gbsiel", 5)[0]] == ["LA-2026-0042"]  # a word's start
    people = _people((7, "Omar Al-Zahrani", ""))
    assert _keys(people, "0007") == []  # "P-7" is p 7: no 0007 in it
    assert _keys(people, "zahr") == [7] and _keys(people, "hrani") == [7]


def test_a_name_written_only_in_its_script_is_found_in_latin_letters() -> None:
    index = KindIndex(RecordKind.PEOPLE, [
        SearchRecord(RecordKind.PEOPLE, 1, "张伟", "", searchable(("张伟",))),
        SearchRecord(RecordKind.PEOPLE, 2, "Дмитрий Иванов", "",
                     searchable(("Дмитрий Иванов",)))])
    assert _keys(index, "zhang") == [1]
    assert _keys(index, "ivanov") == [2]
    assert _keys(index, "Иван") == [2]

"""Build the labelled evaluation set for restricted-party screening (pairs.csv), from the
shipped Consolidated Screening List, deterministically (seed 23).

Each row pairs a name as one of our records might hold it with one list entry, labelled
1 (the same party) or 0 (a different party that looks alike):

- true matches are made from an entry's own names with the variation real records show:
  word order ("ZHANG, Wei" → "Wei Zhang"), a missing middle name, a typo, transliteration
  variants ("Mohammed"/"Muhammad", "Sergey"/"Sergei"), company suffixes changed, and other
  scripts (Cyrillic for Russian and Belarusian parties, Arabic script for Middle Eastern
  ones, Chinese characters, Korean Hangul);
- true non-matches pair such a name with another entry sharing a word with it (the same
  family name, the same given name, the same company words), in Latin and other scripts.

Run from the repository: ``.venv/bin/python tests/screening_eval/generate_pairs.py``.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from screening_scripts import arabic, cyrillic, han, hangul  # noqa: E402

from licenseapp import paths  # noqa: E402
from licenseapp.domain.screening.entries import ListEntry  # noqa: E402
from licenseapp.domain.screening.list_files import read_list_file  # noqa: E402
from licenseapp.domain.screening.names import words  # noqa: E402

SEED = 23
ARABIC_COUNTRIES = {"IR", "IQ", "SY", "LB", "YE", "SA", "AE", "JO", "PS", "EG", "LY", "SD",
                    "AF", "KW", "QA", "BH", "OM", "DZ", "MA", "TN"}
CYRILLIC_COUNTRIES = {"RU", "BY", "UA", "KZ", "KG", "TJ", "UZ"}
TRANSLIT = [("mohammed", "muhammad"), ("mohammad", "muhammad"), ("muhammad", "mohamed"),
            ("ahmed", "ahmad"), ("hussein", "husayn"), ("hassan", "hasan"), ("yusuf", "yousef"),
            ("abdul", "abd al"), ("sergey", "sergei"), ("aleksandr", "alexander"),
            ("yuriy", "yuri"), ("dmitry", "dmitri"), ("evgeny", "yevgeniy"), ("ou", "u"),
            ("kh", "h"), ("y", "i"), ("ph", "f"), ("j", "dj"), ("ei", "ey"), ("ii", "i")]
FIELDS = ["pair", "label", "kind", "query", "country", "list", "entry_id", "variation",
          "script"]


def natural(name: str) -> tuple[str, list[str]]:
    """ "ZHANG, Wei Ming" → ("zhang", ["wei", "ming"]): family name, given names."""
    if "," in name:
        family, given = name.split(",", 1)
        return family.strip(), given.split()
    parts = name.split()
    return parts[-1], parts[:-1]


def typo(token: str, rng: random.Random) -> str:
    if len(token) < 5:
        return token
    i = rng.randrange(1, len(token) - 1)
    how = rng.choice(("swap", "drop", "double", "change"))
    if how == "swap":
        return token[:i] + token[i + 1] + token[i] + token[i + 2:]
    if how == "drop":
        return token[:i] + token[i + 1:]
    if how == "double":
        return token[:i] + token[i] + token[i:]
    return token[:i] + rng.choice("aeiourstnl") + token[i + 1:]


def translit(text: str, rng: random.Random) -> str | None:
    lower = text.lower()
    options = [(a, b) for a, b in TRANSLIT if a in lower]
    if not options:
        return None
    a, b = rng.choice(options)
    return lower.replace(a, b, 1).title()


def person_variants(entry: ListEntry, rng: random.Random) -> list[tuple[str, str, str]]:
    """(query, variation, script) true-match names for an individual."""
    family, given = natural(entry.name)
    if not given or not re.fullmatch(r"[A-Za-z' .-]+", entry.name.replace(",", "")):
        return []
    plain = " ".join([*given, family])
    out = [(plain, "word order", "latin")]
    if len(given) >= 2:
        out.append((" ".join([given[0], family]), "missing middle name", "latin"))
    tokens = plain.split()
    longest = max(range(len(tokens)), key=lambda i: len(tokens[i]))
    typod = " ".join(typo(t, rng) if i == longest else t for i, t in enumerate(tokens))
    if typod != plain:
        out.append((typod, "typo", "latin"))
    varied = translit(plain, rng)
    if varied and varied.lower() != plain.lower():
        out.append((varied, "transliteration variant", "latin"))
    for alias in entry.alt_names[:1]:
        a_family, a_given = natural(alias)
        if a_given:
            out.append((" ".join([*a_given, a_family]), "alias, word order", "latin"))
    countries = set(entry.countries)
    if countries & CYRILLIC_COUNTRIES:
        out.append((cyrillic(plain), "Cyrillic script", "cyrillic"))
    if countries & ARABIC_COUNTRIES:
        out.append((arabic(plain, rng), "Arabic script", "arabic"))
    if "CN" in countries or "HK" in countries or "TW" in countries:
        found = han(family, given)
        if found:
            out.append((found, "Chinese characters", "han"))
    if "KP" in countries or "KR" in countries:
        found = hangul(family, given)
        if found:
            out.append((found, "Korean Hangul", "hangul"))
    return out


SUFFIXES = [("co., ltd.", "company limited"), ("co., ltd", "co ltd"), ("limited", "ltd"),
            ("llc", "l.l.c."), ("corporation", "corp."), ("company", "co."), ("inc.", ""),
            ("jsc", "joint stock company"), ("ooo", "llc")]


def org_variants(entry: ListEntry, rng: random.Random) -> list[tuple[str, str, str]]:
    name = entry.name
    if len(words(name)) < 2 or not re.fullmatch(r"[A-Za-z0-9'&.,() -]+", name):
        return []
    out = []
    lower = name.lower()
    for a, b in SUFFIXES:
        if a in lower:
            out.append((lower.replace(a, b).strip().title(), "company suffix changed",
                        "latin"))
            break
    tokens = name.split()
    longest = max(range(len(tokens)), key=lambda i: len(tokens[i]))
    typod = " ".join(typo(t, rng) if i == longest else t for i, t in enumerate(tokens))
    if typod != name:
        out.append((typod, "typo", "latin"))
    out.append((re.sub(r"[^\w\s]", "", name).upper(), "punctuation and case", "latin"))
    if set(entry.countries) & CYRILLIC_COUNTRIES and len(tokens) <= 4:
        out.append((cyrillic(re.sub(r"[^\w\s]", "", name)), "Cyrillic script", "cyrillic"))
    return out


def main() -> None:
    rng = random.Random(SEED)
    content = paths.resource("screening", "consolidated_screening_list.json").read_bytes()
    entries = [e for e in read_list_file(content, "csl.json", None).entries  # type: ignore[arg-type]
               if e.kind not in ("vessel", "aircraft")]
    people = [e for e in entries if e.kind == "individual"]
    orgs = [e for e in entries if e.kind == "entity"]
    by_word: dict[str, list[ListEntry]] = defaultdict(list)
    for e in entries:
        for w in set(words(e.name)):
            if len(w) >= 3:
                by_word[w].append(e)
    rows: list[dict[str, str]] = []

    def add(label: int, kind: str, query: str, entry: ListEntry, variation: str,
            script: str) -> None:
        rows.append({"pair": str(len(rows) + 1), "label": str(label), "kind": kind,
                     "query": query, "country": "", "list": entry.list_code,
                     "entry_id": entry.entry_id, "variation": variation, "script": script})

    def lookalike(entry: ListEntry, pool: list[ListEntry]) -> ListEntry | None:
        own = set(words(entry.name))
        for w in rng.sample(sorted(own), len(own)):
            others = [o for o in by_word.get(w, []) if o in pool_set[id(pool)]
                      and own & set(words(o.name)) != own
                      and set(words(o.name)) != own]
            if others:
                return rng.choice(others)
        return None

    pool_set = {id(people): set(people), id(orgs): set(orgs)}
    cross = [e for e in people if set(e.countries) & (CYRILLIC_COUNTRIES | ARABIC_COUNTRIES
                                                      | {"CN", "KP", "HK", "TW"})]
    chosen = rng.sample(people, 220) + rng.sample(cross, 160)
    for entry in dict.fromkeys(chosen):
        variants = person_variants(entry, rng)
        if not variants:
            continue
        picked = rng.sample(variants, min(2, len(variants)))
        scripts = [v for v in variants if v[2] != "latin" and v not in picked]
        picked += scripts[:1]
        for query, variation, script in picked:
            add(1, "person", query, entry, variation, script)
            other = lookalike(entry, people)
            if other is not None and rng.random() < 0.8:
                add(0, "person", query, other, f"look-alike ({variation})", script)
    # Names in Chinese characters and Korean Hangul: every listed person who has them.
    east_asian = [(e, v) for e in people if set(e.countries) & {"CN", "HK", "TW", "KP"}
                  for v in person_variants(e, rng) if v[2] in ("han", "hangul")]
    for entry, (query, variation, script) in rng.sample(east_asian, min(120, len(east_asian))):
        add(1, "person", query, entry, variation, script)
        other = lookalike(entry, people)
        if other is not None:
            add(0, "person", query, other, f"look-alike ({variation})", script)
    for entry in rng.sample(orgs, 150):
        for query, variation, script in org_variants(entry, rng)[:2]:
            add(1, "organization", query, entry, variation, script)
            other = lookalike(entry, orgs)
            if other is not None:
                add(0, "organization", query, other, f"look-alike ({variation})", script)
    with (HERE / "pairs.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, FIELDS, lineterminator="\n")
        out.writeheader()
        out.writerows(rows)
    labels = [r["label"] for r in rows]
    print(f"{len(rows)} pairs: {labels.count('1')} matches, {labels.count('0')} non-matches")


if __name__ == "__main__":
    main()

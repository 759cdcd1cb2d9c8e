"""Benchmark: license determination for 10,000 people x 10 items (target: under 2 s).

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_determination.py
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_determination.py

It prints the time for the 100,000 determinations, the time of a baseline measured in the
same run (a trivial loop building 100,000 dicts of the same size as a result), and the ratio.
Loading the rule sets and reference tables is timed apart: it happens once per process.
"""

from __future__ import annotations

import random
import time
from datetime import date

from licenseapp.domain.rules import (
    CitizenshipFacts,
    ItemFacts,
    PersonFacts,
    clear_cache,
    determine,
    load_rulesets,
)
from licenseapp.domain.rules.reference import load_reference

PEOPLE = 10_000
ON = date(2026, 11, 27)
TARGET_SECONDS = 2.0
ECCNS = ("3E001", "4E091", "3A090.a", "3A090", "EAR99", "5E002", "0A501.a", "1E355", "9E003",
         "3E002")
COUNTRIES = ("CN", "IN", "GB", "CA", "DE", "FR", "KR", "JP", "RU", "IR", "BR", "MX", "TW", "VN",
             "NG", "AU", "IL", "TR", "PK", "CU", "HK", "AE", "SG", "UA", "EG")
STATUSES = ("h1b", "h1b", "h1b", "f1", "l1", "o1", "lpr", "lpr", "protected", "tn", None)


def people(n: int, seed: int = 7) -> list[PersonFacts]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        first = CitizenshipFacts(rng.choice(COUNTRIES), basis="birth")
        cits = [first]
        if rng.random() < 0.2:  # dual nationals, some naturalized
            cits.append(CitizenshipFacts(rng.choice(COUNTRIES),
                                         date(2000 + rng.randrange(25), 1, 1),
                                         basis="naturalization"))
        status = rng.choice(STATUSES)
        residency = rng.choice(COUNTRIES) if rng.random() < 0.05 else None
        out.append(PersonFacts.of(*cits, status=status, residency=residency,
                                  name=f"Person {i:05d}"))
    return out


def run() -> dict[str, float]:
    clear_cache()
    t0 = time.perf_counter()
    rulesets = load_rulesets()
    load_reference()
    load_seconds = time.perf_counter() - t0
    persons = people(PEOPLE)
    items = [ItemFacts.from_eccn(e) for e in ECCNS]

    t0 = time.perf_counter()
    answers = {True: 0, False: 0, None: 0}
    for person in persons:
        for item in items:
            answers[determine(person, item, ON, rulesets).license_required] += 1
    engine_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    sink = 0
    for i in range(PEOPLE):
        for j in range(len(items)):
            row = {"license_required": None, "country": "CN", "regulator": "BIS",
                   "form": "BIS-748P", "ruleset": "ear-baseline", "reason": "",
                   "citations": (), "missing": (), "results": (), "on": ON,
                   "eccn": ECCNS[j], "notes": (), "policy": i}
            sink += len(row)
    baseline_seconds = time.perf_counter() - t0
    assert sink == PEOPLE * len(items) * 13

    total = PEOPLE * len(items)
    print(f"rule sets and reference loaded in {load_seconds * 1000:.0f} ms (once)")
    print(f"{total:,} determinations: {engine_seconds:.3f} s "
          f"({engine_seconds / total * 1e6:.1f} µs each; target < {TARGET_SECONDS:.0f} s)")
    print(f"baseline, {total:,} dicts built in a loop: {baseline_seconds:.3f} s")
    print(f"ratio engine / baseline: {engine_seconds / baseline_seconds:.1f}x")
    print(f"answers: required {answers[True]:,}, not required {answers[False]:,}, "
          f"unknown {answers[None]:,}")
    return {"load": load_seconds, "engine": engine_seconds, "baseline": baseline_seconds}


def test_determination_benchmark() -> None:
    # Reported, not asserted: an absolute time fails on a shared machine with no change in
    # the product; the ratio to the baseline above is the figure to read.
    report(run())


def report(figures: dict[str, float]) -> None:
    from figures import figure

    figure("determinations (every person × item)", figures["engine"], figures["baseline"],
           None, baseline_name="the same number of dicts built in a loop")
    figure("determinations, absolute", figures["engine"], None, TARGET_SECONDS)


if __name__ == "__main__":
    report(run())

"""Precision and recall of the screening matcher on the labelled pairs (pairs.csv).

A pair is predicted a match when :func:`score_entry` finds one at the threshold (the name
alone within reach, the facts added). Recall is also measured end to end: the true entry
among what a search of the whole list returns. Run from the repository to print the table:
``.venv/bin/python tests/screening_eval/screening_evaluation.py``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from licenseapp import paths
from licenseapp.domain.screening.entries import ListEntry
from licenseapp.domain.screening.list_files import read_list_file
from licenseapp.domain.screening.matching import NameIndex, Query, score_entry

HERE = Path(__file__).parent
#: The published reference point: Watchman's Jaro-Winkler at 0.80 (OpenSanctions Pairs).
REFERENCE = {"precision": 0.986, "recall": 0.689, "cross_script_recall": 0.50}


@dataclass(frozen=True)
class Pair:
    label: bool
    kind: str
    query: str
    entry: ListEntry
    variation: str
    script: str

    @property
    def cross_script(self) -> bool:
        return self.script != "latin"


@cache
def entries() -> dict[tuple[str, str], ListEntry]:
    content = paths.resource("screening", "consolidated_screening_list.json").read_bytes()
    listed = read_list_file(content, "csl.json", None)  # type: ignore[arg-type]
    return {(e.list_code, e.entry_id): e for e in listed.entries}


@cache
def pairs() -> tuple[Pair, ...]:
    found = entries()
    with (HERE / "pairs.csv").open(encoding="utf-8") as f:
        return tuple(Pair(r["label"] == "1", r["kind"], r["query"],
                          found[(r["list"], r["entry_id"])], r["variation"], r["script"])
                     for r in csv.DictReader(f))


@cache
def scores() -> tuple[tuple[float, float], ...]:
    """(score, name score) of each pair, 0 when nothing matched."""
    out = []
    for p in pairs():
        m = score_entry(Query((p.query,), p.kind), p.entry)
        out.append((m.score, m.name_score) if m else (0.0, 0.0))
    return tuple(out)


@dataclass(frozen=True)
class Quality:
    threshold: float
    precision: float
    recall: float
    cross_script_recall: float
    cross_script_precision: float
    true_pos: int
    false_pos: int
    false_neg: int


def quality(threshold: float, reach: float = 10.0) -> Quality:
    tp = fp = fn = xtp = xfn = xfp = 0
    for p, (score, name) in zip(pairs(), scores(), strict=True):
        hit = score >= threshold and name >= threshold - reach
        if p.label and hit:
            tp += 1
            xtp += p.cross_script
        elif p.label:
            fn += 1
            xfn += p.cross_script
        elif hit:
            fp += 1
            xfp += p.cross_script
    return Quality(threshold, tp / max(1, tp + fp), tp / max(1, tp + fn),
                   xtp / max(1, xtp + xfn), xtp / max(1, xtp + xfp), tp, fp, fn)


def search_recall(threshold: float) -> tuple[float, float]:
    """Recall (overall, cross-script) when each true match must be found by searching the
    whole list: candidate selection included."""
    index = NameIndex(list(entries().values()))
    found = total = xfound = xtotal = 0
    for p in pairs():
        if not p.label:
            continue
        hits = index.search(Query((p.query,), p.kind), threshold)
        ok = any(m.entry == p.entry for m in hits)
        found += ok
        total += 1
        xfound += ok and p.cross_script
        xtotal += p.cross_script
    return found / total, xfound / max(1, xtotal)


def table(thresholds: tuple[float, ...] = (70, 75, 80, 82, 85, 88, 90, 95)) -> str:
    lines = ["| threshold | precision | recall | cross-script recall | cross-script precision "
             "| TP | FP | FN |", "|---|---|---|---|---|---|---|---|"]
    for t in thresholds:
        q = quality(t)
        lines.append(f"| {t:.0f} | {q.precision:.3f} | {q.recall:.3f} | "
                     f"{q.cross_script_recall:.3f} | {q.cross_script_precision:.3f} | "
                     f"{q.true_pos} | {q.false_pos} | {q.false_neg} |")
    return "\n".join(lines)


if __name__ == "__main__":
    import time

    start = time.perf_counter()
    print(table())
    print(f"({len(pairs())} pairs scored in {time.perf_counter() - start:.1f} s)")

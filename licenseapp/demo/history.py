"""Plausible status histories: walks through a regulator's lifecycle, and their pacing.

A history is a walk from the lifecycle's initial status to a target that mostly takes the
shortest way and now and then a detour a real case takes (an internal review, a request for
information and the answer to it, a referral to other agencies, an intent to deny that the
applicant rebuts). Every step is a transition of the regulator's table.
"""

from __future__ import annotations

import random
from collections import deque
from functools import cache
from itertools import pairwise

from licenseapp.demo.rand import rb, ri
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.lifecycle import Lifecycle, lifecycle

_FAR = 1_000

#: Detours and how often a case takes them when it passes by.
_DETOURS: dict[tuple[S, S], float] = {
    (S.DRAFT, S.INTERNAL_REVIEW): 0.8,
    (S.INTERNAL_REVIEW, S.DRAFT): 0.12,
    (S.READY, S.DRAFT): 0.04,
    (S.SUBMITTED, S.RETURNED_UNREGISTERED): 0.06,
    (S.REGISTERED, S.INFO_REQUESTED): 0.22,
    (S.INFO_REQUESTED, S.REGISTERED): 0.9,
    (S.REGISTERED, S.REFERRED): 0.45,
    (S.REFERRED, S.INFO_REQUESTED): 0.08,
    (S.REFERRED, S.ESCALATED): 0.05,
    (S.REGISTERED, S.INTENT_TO_DENY): 0.03,
    (S.INTENT_TO_DENY, S.REGISTERED): 0.5,
}

#: Statuses a withdrawal may come from, and the detour targets some outcomes prefer.
_WITHDRAW_FROM = (S.DRAFT, S.INTERNAL_REVIEW, S.READY, S.SUBMITTED, S.REGISTERED,
                  S.INFO_REQUESTED, S.REFERRED)

DECISIONS = frozenset({S.APPROVED, S.APPROVED_WITH_CONDITIONS, S.PARTIALLY_APPROVED,
                       S.DENIED, S.RETURNED_WITHOUT_ACTION, S.LICENSE_NOT_REQUIRED})


@cache
def _distances(regulator: str, target: S) -> dict[S, int]:
    """Steps from each status to ``target`` (``_FAR`` when it cannot be reached)."""
    lc = lifecycle(regulator)
    reverse: dict[S, list[S]] = {s: [] for s in lc.statuses}
    for source, targets in lc.transitions.items():
        for t in targets:
            reverse[t].append(source)
    dist = dict.fromkeys(lc.statuses, _FAR)
    dist[target] = 0
    queue = deque([target])
    while queue:
        s = queue.popleft()
        for prev in reverse[s]:
            if dist[prev] == _FAR:
                dist[prev] = dist[s] + 1
                queue.append(prev)
    return dist


@cache
def _sorted_next(regulator: str, status: S) -> tuple[S, ...]:
    return tuple(sorted(lifecycle(regulator).allowed(status)))


def _walk(regulator: str, start: S, target: S, rng: random.Random, detours: int) -> list[S]:
    dist = _distances(regulator, target)
    path = [start]
    seen: dict[S, int] = {start: 1}
    current = start
    while current != target:
        nexts = _sorted_next(regulator, current)
        step: S | None = None
        if detours > 0:
            for n in nexts:
                p = _DETOURS.get((current, n))
                if p and dist[n] < _FAR and seen.get(n, 0) < 2 and n != target \
                        and rng.random() < p:
                    step = n
                    detours -= 1
                    break
        if step is None:
            progress = [n for n in nexts if dist[n] == dist[current] - 1]
            step = progress[rb(rng, len(progress))]
        path.append(step)
        seen[step] = seen.get(step, 0) + 1
        current = step
    return path


def history(regulator: str, target: S, rng: random.Random, *, plain: bool = False) -> list[S]:
    """A valid path from the initial status to ``target``; ``plain``: hardly any detours."""
    lc: Lifecycle = lifecycle(regulator)
    budget = 0 if plain else 3
    via: S | None = None
    if target is S.WITHDRAWN:
        options = [s for s in _WITHDRAW_FROM if s in lc.transitions]
        via = options[rb(rng, len(options))]
    elif target is S.DENIED and S.INTENT_TO_DENY in lc.transitions and rng.random() < 0.7:
        via = S.INTENT_TO_DENY
    elif target in (S.APPROVED, S.APPROVED_WITH_CONDITIONS) and S.APPEALED in lc.transitions \
            and rng.random() < 0.03:
        via = S.APPEALED  # won on appeal
    elif target is S.RETURNED_WITHOUT_ACTION and regulator == "BIS" and rng.random() < 0.5:
        via = S.INFO_REQUESTED  # the applicant never answered
    if via is None or via == lc.initial:
        first = [lc.initial]
    else:
        first = _walk(regulator, lc.initial, via, rng, budget)
    if via is not None and via != target:
        return first + _walk(regulator, via, target, rng, budget)[1:]
    return _walk(regulator, lc.initial, target, rng, budget)


# Days a step takes, by the status it enters (and, for some, where it comes from).
_PACE: dict[S, tuple[int, int]] = {
    S.INTERNAL_REVIEW: (1, 6), S.DRAFT: (1, 5), S.READY: (1, 6), S.SUBMITTED: (0, 3),
    S.RETURNED_UNREGISTERED: (1, 4), S.REGISTERED: (1, 5), S.INFO_REQUESTED: (5, 25),
    S.REFERRED: (2, 9), S.ESCALATED: (25, 45), S.INTENT_TO_DENY: (15, 60),
    S.APPEALED: (10, 44), S.RETURNED_WITHOUT_ACTION: (3, 30), S.WITHDRAWN: (1, 30),
}
_PACE_FROM: dict[tuple[S, S], tuple[int, int]] = {
    (S.INFO_REQUESTED, S.REGISTERED): (8, 30),
    (S.INTENT_TO_DENY, S.REGISTERED): (10, 20),
    (S.INTENT_TO_DENY, S.DENIED): (18, 25),
    (S.INFO_REQUESTED, S.RETURNED_WITHOUT_ACTION): (31, 45),
}
_DECISION_FROM: dict[S, tuple[int, int]] = {
    S.REGISTERED: (20, 70), S.REFERRED: (20, 50), S.ESCALATED: (20, 40), S.APPEALED: (30, 90),
    S.INTENT_TO_DENY: (10, 20), S.INFO_REQUESTED: (20, 40),
}


def pace(path: list[S], rng: random.Random) -> list[int]:
    """Days between consecutive events (the first is 0)."""
    days = [0]
    for a, b in pairwise(path):
        span = _PACE_FROM.get((a, b))
        if span is None and b in DECISIONS and b is not S.RETURNED_WITHOUT_ACTION:
            span = _DECISION_FROM.get(a, (20, 60))
        if span is None:
            span = _PACE.get(b, (1, 10))
        days.append(ri(rng, *span))
    return days


def compress(days: list[int], available: int) -> list[int]:
    """The same steps squeezed into ``available`` days (for cases drafted very recently)."""
    total = sum(days)
    if total <= available:
        return days
    squeezed = [d * available // total for d in days]
    return squeezed


__all__ = ["DECISIONS", "compress", "history", "pace"]

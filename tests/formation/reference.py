"""Brute-force definitions of the classic theories: every subset, each definition read literally.

A second way to count, independent of majlis.formation's enumerators (which go through
majlis.games' minimal winning coalitions and Axelrod's intervals).
"""

from __future__ import annotations

from itertools import combinations

from majlis.model import FormationOpportunity


def subsets(opp: FormationOpportunity) -> list[frozenset[str]]:
    ids = [p.id for p in opp.parties if p.eligible and p.seats > 0]
    return [frozenset(c) for k in range(1, len(ids) + 1) for c in combinations(ids, k)]


def seats(opp: FormationOpportunity, s: frozenset[str]) -> int:
    return sum(opp.party(p).seats for p in s)


def wins(opp: FormationOpportunity, s: frozenset[str]) -> bool:
    return seats(opp, s) >= opp.majority_threshold


def mwc(opp: FormationOpportunity) -> set[frozenset[str]]:
    return {s for s in subsets(opp) if wins(opp, s) and all(not wins(opp, s - {p}) for p in s)}


def _best(cands: set[frozenset[str]], key) -> set[frozenset[str]]:
    scored = {s: key(s) for s in cands}
    scored = {s: v for s, v in scored.items() if v is not None}
    if not scored:
        return set()
    low = min(scored.values())
    return {s for s, v in scored.items() if v <= low + 1e-9}


def minimum(opp):
    return _best(mwc(opp), lambda s: seats(opp, s))


def fewest(opp):
    return _best(mwc(opp), len)


def _xs(opp, s):
    xs = [opp.party(p).left_right for p in s]
    return None if None in xs else xs


def minimal_range(opp):
    return _best(
        mwc(opp), lambda s: None if _xs(opp, s) is None else max(_xs(opp, s)) - min(_xs(opp, s))
    )


def line(opp) -> list[str]:
    placed = [p for p in opp.parties if p.eligible and p.seats > 0 and p.left_right is not None]
    return [p.id for p in sorted(placed, key=lambda p: (p.left_right, -p.seats, p.id))]


def connected(opp, s: frozenset[str]) -> bool:
    order = line(opp)
    if not s or not s <= set(order):
        return False
    idx = sorted(order.index(p) for p in s)
    return idx[-1] - idx[0] + 1 == len(idx)


def mcw(opp):
    """Axelrod: connected, winning, and any member's departure makes it losing or unconnected."""
    return {
        s
        for s in subsets(opp)
        if connected(opp, s)
        and wins(opp, s)
        and all(not wins(opp, s - {p}) or not connected(opp, s - {p}) for p in s)
    }


def distance(opp, s):
    """Seat-weighted mean distance from the coalition's median member by seats (by hand)."""
    xs = _xs(opp, s)
    if xs is None:
        return None
    members = sorted(s, key=lambda p: opp.party(p).left_right)
    half = seats(opp, s) / 2
    running = 0
    for p in members:
        running += opp.party(p).seats
        if running >= half:
            policy = opp.party(p).left_right
            break
    return sum(opp.party(p).seats * abs(opp.party(p).left_right - policy) for p in s) / seats(
        opp, s
    )


def minimal_distance(opp):
    return _best(mwc(opp), lambda s: distance(opp, s))


def largest(opp):
    top = max(p.seats for p in opp.parties if p.eligible)
    big = {p.id for p in opp.parties if p.eligible and p.seats == top}
    return {s for s in mwc(opp) if s & big}


def incumbent(opp):
    inc = frozenset(
        p for p in opp.incumbent_parties if opp.party(p).eligible and opp.party(p).seats
    )
    return {inc} if inc else set()


THEORY_SETS = {
    "minimal-winning": mwc,
    "minimum-winning": minimum,
    "fewest-parties": fewest,
    "minimal-range": minimal_range,
    "minimal-connected": mcw,
    "minimal-distance": minimal_distance,
    "largest-party": largest,
    "incumbent": incumbent,
}

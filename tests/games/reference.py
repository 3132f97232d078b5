"""Brute-force reference for simple games, written independently of majlis.games.

Everything here enumerates all 2^n coalitions of a predicate ``wins(frozenset) -> bool``
and applies the textbook definitions (Felsenthal & Machover 1998) literally, with
Fractions. It never calls majlis' index functions.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, permutations
from math import factorial


def subsets(players):
    players = list(players)
    for r in range(len(players) + 1):
        for c in combinations(players, r):
            yield frozenset(c)


def weighted_predicate(weights, quotas, k=None):
    """Predicate of the game: all weight vectors reach their quota, or fewer than k outside."""
    if isinstance(quotas, int):
        weights, quotas = [weights], [quotas]
    n = len(weights[0])

    def wins(s):
        if all(sum(r[i] for i in s) >= q for r, q in zip(weights, quotas)):
            return True
        return k is not None and n - len(s) < k

    return wins


def dual_predicate(wins, n):
    full = frozenset(range(n))
    return lambda s: not wins(full - s)


def swings(wins, n):
    out = [0] * n
    for s in subsets(range(n)):
        if wins(s):
            continue
        for i in range(n):
            if i not in s and wins(s | {i}):
                out[i] += 1
    return out


def ref_banzhaf(wins, n):
    sw = swings(wins, n)
    return [Fraction(x, sum(sw)) for x in sw]


def ref_penrose(wins, n):
    return [Fraction(x, 2 ** (n - 1)) for x in swings(wins, n)]


def ref_shapley_shubik(wins, n):
    """By the definition with orderings when n is small, else by the subset formula."""
    if n <= 7:
        counts = [0] * n
        for order in permutations(range(n)):
            s = frozenset()
            for p in order:
                if not wins(s) and wins(s | {p}):
                    counts[p] += 1
                    break
                s = s | {p}
        return [Fraction(c, factorial(n)) for c in counts]
    out = [Fraction(0)] * n
    for s in subsets(range(n)):
        if wins(s):
            continue
        for i in range(n):
            if i not in s and wins(s | {i}):
                out[i] += Fraction(factorial(len(s)) * factorial(n - len(s) - 1), factorial(n))
    return out


def winning_coalitions(wins, n):
    return [s for s in subsets(range(n)) if wins(s)]


def minimal_winning(wins, n):
    return [s for s in winning_coalitions(wins, n) if all(not wins(s - {i}) for i in s)]


def ref_holler_packel(wins, n):
    mw = minimal_winning(wins, n)
    c = [sum(1 for s in mw if i in s) for i in range(n)]
    return [Fraction(x, sum(c)) for x in c]


def ref_deegan_packel(wins, n):
    mw = minimal_winning(wins, n)
    return [
        sum((Fraction(1, len(s)) for s in mw if i in s), Fraction(0)) / len(mw) for i in range(n)
    ]


def ref_johnston(wins, n):
    score = [Fraction(0)] * n
    for s in winning_coalitions(wins, n):
        crit = [i for i in s if not wins(s - {i})]
        for i in crit:
            score[i] += Fraction(1, len(crit))
    total = sum(score)
    return [x / total for x in score]


def ref_coleman(wins, n):
    sw = swings(wins, n)
    w = len(winning_coalitions(wins, n))
    return [Fraction(x, w) for x in sw], [Fraction(x, 2**n - w) for x in sw]


def ref_union_value(wins, n, structure, outer, inner):
    """Owen-type values from the defining formula, summing over unions and members."""
    m = len(structure)
    vals = [Fraction(0)] * n
    for k, union in enumerate(structure):
        others = [u for j, u in enumerate(structure) if j != k]
        b = len(union)
        for i in union:
            rest = [p for p in union if p != i]
            for r in range(m):
                for chosen in combinations(others, r):
                    q_set = frozenset(p for u in chosen for p in u)
                    a = (
                        Fraction(factorial(r) * factorial(m - 1 - r), factorial(m))
                        if outer == "shapley"
                        else Fraction(1, 2 ** (m - 1))
                    )
                    for t in range(b):
                        for tt in combinations(rest, t):
                            s = q_set | frozenset(tt)
                            if wins(s | {i}) and not wins(s):
                                be = (
                                    Fraction(factorial(t) * factorial(b - 1 - t), factorial(b))
                                    if inner == "shapley"
                                    else Fraction(1, 2 ** (b - 1))
                                )
                                vals[i] += a * be
    return vals

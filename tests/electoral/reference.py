"""Slow, independently written reference implementations used as test oracles.

Written from the textbook definitions, not from majlis's code: a divisor method awards the
seats to the ``seats`` largest entries of the full quotient table; largest remainder
works in pure integers (remainder of ``v * S`` modulo ``V`` for Hare).
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt  # noqa: F401


def divisor_table(method: str, k: int, first: Fraction | None = None) -> Fraction:
    """d(k) for the named method (Huntington-Hill returns d(k)**2)."""
    if method == "dhondt":
        d = Fraction(k + 1)
    elif method == "sainte-lague":
        d = Fraction(2 * k + 1)
    elif method == "imperiali":
        d = Fraction(k + 2)
    elif method == "danish":
        d = Fraction(3 * k + 1)
    elif method == "adams":
        d = Fraction(k)
    elif method == "huntington-hill":
        return Fraction(k * (k + 1))
    else:
        raise AssertionError(method)
    if k == 0 and first is not None:
        d = first
    return d


def ref_divisor(
    votes: list[int], seats: int, method: str, first: Fraction | None = None
) -> list[int]:
    """Top-``seats`` entries of the quotient table; ties -> more votes, then lower index."""
    power = 2 if method == "huntington-hill" else 1
    entries = []
    for i, v in enumerate(votes):
        if v == 0:
            continue
        for k in range(seats):
            d = divisor_table(method, k, first)
            # infinite quotient encoded as a huge sort key
            q = (1, Fraction(0)) if d == 0 else (0, Fraction(v**power) / d)
            entries.append((q, v, -i, i))
    entries.sort(reverse=True)
    out = [0] * len(votes)
    for *_, i in entries[:seats]:
        out[i] += 1
    return out


def ref_hare(votes: list[int], seats: int) -> list[int]:
    """Hamilton in integers: floor(v S / V) + the largest remainders (v S mod V)."""
    total = sum(votes)
    base = [v * seats // total for v in votes]
    rem = [v * seats % total for v in votes]
    left = seats - sum(base)
    order = sorted(range(len(votes)), key=lambda i: (rem[i], votes[i], -i), reverse=True)
    order = [i for i in order if votes[i] > 0]
    for j in range(left):  # more seats left than lists: go round again
        base[order[j % len(order)]] += 1
    return base


def ref_droop(votes: list[int], seats: int) -> list[int]:
    """Largest remainder with the integer Droop quota floor(V/(S+1)) + 1."""
    q = sum(votes) // (seats + 1) + 1
    base = [v // q for v in votes]
    rem = [v % q for v in votes]
    left = seats - sum(base)
    order = sorted(range(len(votes)), key=lambda i: (rem[i], votes[i], -i), reverse=True)
    order = [i for i in order if votes[i] > 0]
    for j in range(left):  # more seats left than lists: go round again
        base[order[j % len(order)]] += 1
    return base


def ref_sntv(votes: list[int], seats: int) -> list[int]:
    winners = sorted(range(len(votes)), key=lambda i: (-votes[i], i))[:seats]
    return [1 if i in winners else 0 for i in range(len(votes))]


def ref_lr_general(votes: list[int], seats: int, num_extra: int) -> list[int]:
    """Largest remainder with quota V / (S + num_extra) (1: Hagenbach-Bischoff, 2: Imperiali),
    in integers: whole = v (S + e) // V, remainder = v (S + e) % V. If the whole quotas exceed
    S, seats are taken back from the smallest remainders (fewer votes, then later list first)."""
    total, m = sum(votes), seats + num_extra
    base = [v * m // total for v in votes]
    rem = [v * m % total for v in votes]
    left = seats - sum(base)
    if left < 0:
        order = sorted(
            (i for i in range(len(votes)) if base[i] > 0), key=lambda i: (rem[i], votes[i], -i)
        )
        for j in range(-left):
            base[order[j % len(order)]] -= 1
        return base
    order = sorted(
        (i for i in range(len(votes)) if votes[i] > 0),
        key=lambda i: (rem[i], votes[i], -i),
        reverse=True,
    )
    for j in range(left):
        base[order[j % len(order)]] += 1
    return base

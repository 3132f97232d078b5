"""Divisor (highest-averages) methods in exact rational arithmetic.

A divisor method gives seats one at a time to the list with the highest quotient
``votes / d(k)``, where ``k`` is the number of seats the list already holds and
``d(0) < d(1) < ...`` is the method's divisor sequence. Quotients are compared as exact
fractions (Huntington–Hill compares squared quotients ``votes**2 / (k (k + 1))``), so no
float rounding ever decides a seat. Equal quotients are broken by the ``tie_break`` rule:
``"votes"`` (more votes, then earlier in the list; the default), ``"order"`` (earlier in the
list) or ``"lot"`` (a random order drawn once from ``seed``; pass an int for reproducible
output across calls).

Lists with zero votes (or below the legal ``threshold``, a share of all valid votes) never
win a seat.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from majlis.electoral._input import as_fraction
from majlis.electoral._registry import allocation_method, run_core
from majlis.errors import UnknownMethodError, ValidationError

__all__ = [
    "DIVISOR_RULES",
    "DivisorRule",
    "adams",
    "danish",
    "dhondt",
    "divisor_method",
    "divisor_rule",
    "huntington_hill",
    "imperiali",
    "sainte_lague",
]


@dataclass(frozen=True)
class DivisorRule:
    """A divisor sequence: ``d(k) ** power`` for ``k = 0, 1, ...`` as exact fractions.

    ``power`` is 1 for rational divisors and 2 for Huntington–Hill, whose divisor
    ``sqrt(k (k + 1))`` is compared through its square. ``d(k) = 0`` gives an infinite
    quotient (every list with votes wins its first seat before anyone's second).
    """

    id: str
    power: int
    _fn: Callable[[int], Fraction]
    _count: Callable[[int, Fraction], int] | None = None

    def __call__(self, k: int) -> Fraction:
        """Return ``d(k) ** power`` (a Fraction, 0 meaning an infinite quotient)."""
        return self._fn(k)

    def quotient(self, votes: int, k: int) -> Fraction | None:
        """Return ``votes**power / d(k)**power`` exactly, or None when it is infinite."""
        d = self._fn(k)
        if d == 0:
            return None if votes > 0 else Fraction(0)
        return Fraction(votes**self.power) / d

    def count_above(self, votes: int, level: Fraction, cap: int) -> int:
        """How many quotients of a list exceed ``level`` (> 0): its seats if ``level`` were the
        last winning quotient; at most ``cap``. Closed form for the named rules, else a
        bisection over ``k`` (quotients never increase with ``k``)."""
        if votes <= 0:
            return 0
        if self._count is not None:
            return min(self._count(votes, level), cap)

        def above(k: int) -> bool:
            q = self.quotient(votes, k)
            return q is None or q > level

        if above(cap - 1):
            return cap
        lo, hi = -1, cap - 1  # above(lo) holds (vacuously for -1), above(hi) does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if above(mid):
                lo = mid
            else:
                hi = mid
        return hi


def _linear(a: int, b: int, first: Fraction | None) -> Callable[[int], Fraction]:
    if first is None:
        return lambda k: Fraction(a * k + b)
    return lambda k: first if k == 0 else Fraction(a * k + b)


def _linear_count(a: int, b: int, first: Fraction | None) -> Callable[[int, Fraction], int]:
    """Quotients ``v / d(k) > level``, i.e. ``d(k) < v / level``, for ``d(k) = a k + b`` (k >= 1)."""
    d0 = Fraction(b) if first is None else first

    def count(votes: int, level: Fraction) -> int:
        x = Fraction(votes) / level
        if d0 >= x:
            return 0
        m = (x - b) / a  # k >= 1 counts while k < m
        return 1 + max(0, -((-m.numerator) // m.denominator) - 1)

    return count


def _hh_count(votes: int, level: Fraction) -> int:
    """Huntington–Hill: quotients ``v**2 / (k (k + 1)) > level``, i.e. ``k (k + 1) < v**2 / level``."""
    x = Fraction(votes * votes) / level
    k = math.isqrt(x.numerator // x.denominator)
    while k > 0 and k * (k + 1) >= x:
        k -= 1
    while (k + 1) * (k + 2) < x:
        k += 1
    return k + 1  # k = 0 (an infinite quotient) always counts


_LINEAR = {  # id -> (a, b): d(k) = a k + b
    "dhondt": (1, 1),
    "sainte-lague": (2, 1),
    "imperiali": (1, 2),
    "danish": (3, 1),
    "adams": (1, 0),
}


def divisor_rule(method: str, first_divisor: Any = None) -> DivisorRule:
    """Return the :class:`DivisorRule` of divisor method ``method``.

    Parameters
    ----------
    method : str
        ``"dhondt"`` (1, 2, 3, ...), ``"sainte-lague"`` (1, 3, 5, ...), ``"imperiali"``
        (2, 3, 4, ...), ``"danish"`` (1, 4, 7, ...), ``"huntington-hill"``
        (sqrt(k (k+1)): 0, 1.41, 2.45, ...) or ``"adams"`` (0, 1, 2, ...).
    first_divisor : number, optional
        Replaces ``d(0)`` (e.g. 1.4 Nordic or 1.7 Iraq for Sainte-Laguë); must lie in
        ``(0, d(1)]``. Floats are read through their decimal repr, so 1.7 is exactly 17/10.

    Examples
    --------
    >>> rule = divisor_rule("sainte-lague", first_divisor=1.7)
    >>> [str(rule(k)) for k in range(4)]
    ['17/10', '3', '5', '7']
    """
    if method == "huntington-hill":
        if first_divisor is not None:
            raise ValidationError(
                "first_divisor does not apply to huntington-hill (its first divisor is 0)"
            )
        return DivisorRule(method, 2, lambda k: Fraction(k * (k + 1)), _hh_count)
    if method not in _LINEAR:
        raise UnknownMethodError(
            f"unknown divisor method {method!r}: use one of {', '.join(sorted(DIVISOR_RULES))}"
        )
    a, b = _LINEAR[method]
    first = None
    if first_divisor is not None:
        if method == "adams":
            raise ValidationError("first_divisor does not apply to adams (its first divisor is 0)")
        first = as_fraction(first_divisor, "first_divisor")
        if not 0 < first <= a + b:
            raise ValidationError(
                f"first_divisor must be greater than 0 and at most {a + b} for {method}, got {first_divisor}"
            )
    return DivisorRule(method, 1, _linear(a, b, first), _linear_count(a, b, first))


DIVISOR_RULES: tuple[str, ...] = (
    "adams",
    "danish",
    "dhondt",
    "huntington-hill",
    "imperiali",
    "sainte-lague",
)
"""Ids of the built-in divisor sequences."""


_HEAP_ONLY = 2048
"""Up to this many seats (or 8 per list) the heap hands out every seat; beyond, a quota
estimate hands out most of them first, so time grows with the lists, not the seats."""


def _divisor_core(votes: list[int], seats: int, ranks: list[int], rule: DivisorRule) -> list[int]:
    """Allocate with a heap of exact quotients; ties go to the lower rank.

    Large houses start from :func:`_seats_above`: every quotient above a level ``L`` chosen a
    little below the last winning quotient is a seat in any order of award, so only the last
    few seats (at most about one per list) go through the heap and its tie-breaks.
    """
    heap: list[tuple[int, Fraction, int, int]] = []

    def push(i: int, k: int) -> None:
        q = rule.quotient(votes[i], k)
        # (0, ...) = infinite quotient, sorts first; otherwise larger quotient first
        heapq.heappush(heap, (0, Fraction(0), ranks[i], i) if q is None else (1, -q, ranks[i], i))

    result = [0] * len(votes)
    if seats > max(_HEAP_ONLY, 8 * len(votes)):
        result = _seats_above(votes, seats, rule)
    for i, v in enumerate(votes):
        if v > 0:
            push(i, result[i])
    for _ in range(seats - sum(result)):
        _, _, _, i = heapq.heappop(heap)
        result[i] += 1
        push(i, result[i])
    return result


def _seats_above(votes: list[int], seats: int, rule: DivisorRule) -> list[int]:
    """Seats every list wins above a level found by bisection, at most ``seats`` in all and
    (for the named rules) within about one per list of ``seats``.

    The level is bisected in floating point on a log scale (it need not be special: any level
    whose count does not exceed ``seats`` is correct); the counts are exact.
    """

    def counts(level: float) -> list[int]:
        lv = Fraction(level)
        return [rule.count_above(v, lv, seats) for v in votes]

    top = max(v for v in votes) ** rule.power  # above every finite quotient: d >= 1 from k = 1
    lo, hi = math.log(top) - 4 * math.log(seats + 1) - 10, math.log(top) + 1
    best = counts(math.exp(hi))  # only the infinite quotients, at most one per list
    target = seats - len(votes)
    for _ in range(200):
        mid = (lo + hi) / 2
        c = counts(math.exp(mid))
        if sum(c) > seats:
            lo = mid
        else:
            hi, best = mid, c
            if sum(c) >= target:
                break
        if hi - lo < 1e-15:
            break
    return best


def divisor_method(
    votes: Any,
    seats: int,
    divisors: Callable[[int], Any] | Sequence[Any],
    *,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate ``seats`` by the divisor method with any divisor sequence.

    Parameters
    ----------
    votes : Mapping[str, int] or sequence of int
        Votes per list (a mapping gives a mapping back, a sequence a list).
    seats : int
        House (district) size, at least 1.
    divisors : callable or sequence
        ``d(k)`` for ``k = 0, 1, ...``: a function of ``k`` or a sequence at least ``seats``
        long, of non-negative, non-decreasing numbers (ints, Fractions, Decimals, strings
        or floats; floats are read through their decimal repr).
    threshold : number, optional
        Legal threshold as a share of all valid votes (e.g. ``0.05``).
    tie_break : {"votes", "order", "lot"}
        How equal quotients are broken (see the module docstring); ``seed`` for ``"lot"``.

    Returns
    -------
    dict or list
        Seats per list, summing to ``seats``.

    References
    ----------
    Balinski, M. L. and Young, H. P. (2001). *Fair Representation*, 2nd ed., Brookings,
    ch. 8 and appendix A (divisor methods).

    Examples
    --------
    >>> divisor_method({"A": 100, "B": 80, "C": 30}, 5, [1, 2, 3, 4, 5])
    {'A': 3, 'B': 2, 'C': 0}
    """
    if callable(divisors):
        fn = divisors
    else:
        seq = list(divisors)
        if not seq or (isinstance(seats, int) and len(seq) < seats):
            raise ValidationError(
                f"the divisor sequence has {len(seq)} terms, fewer than the {seats} seats"
            )
        # past the end only the (never awarded) seat after the last one is looked at
        fn = lambda k: seq[min(k, len(seq) - 1)]
    cache: dict[int, Fraction] = {}

    def d(k: int) -> Fraction:
        if k not in cache:
            x = as_fraction(fn(k), f"divisor d({k})")
            if x < 0 or (k > 0 and x < d(k - 1)):
                raise ValidationError(
                    f"divisors must be non-negative and non-decreasing, got d({k}) = {x}"
                )
            cache[k] = x
        return cache[k]

    return run_core(
        _divisor_core,
        votes,
        seats,
        threshold=threshold,
        tie_break=tie_break,
        seed=seed,
        rule=DivisorRule("custom", 1, d),
    )


def _named(
    method: str, votes: Any, seats: int, first_divisor: Any, **kw: Any
) -> dict[str, int] | list[int]:
    return run_core(_divisor_core, votes, seats, rule=divisor_rule(method, first_divisor), **kw)


@allocation_method(
    "dhondt", name="D'Hondt (Jefferson)", family="divisor", options=("first_divisor",)
)
def dhondt(
    votes: Any,
    seats: int,
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate seats by D'Hondt (Jefferson): divisors 1, 2, 3, ...

    Parameters are those of :func:`divisor_method`; ``first_divisor`` optionally replaces
    the divisor 1 of a list's first seat.

    References
    ----------
    Balinski and Young (2001), *Fair Representation*, appendix A (Jefferson's method).
    Worked example: votes 100,000 / 80,000 / 30,000 / 20,000, 8 seats -> 4, 3, 1, 0
    (quotients 100k, 80k, 50k, 40k, 33.3k, 30k, 26.7k, 25k win).

    Examples
    --------
    >>> dhondt({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8)
    {'A': 4, 'B': 3, 'C': 1, 'D': 0}
    """
    return _named(
        "dhondt", votes, seats, first_divisor, threshold=threshold, tie_break=tie_break, seed=seed
    )


@allocation_method(
    "sainte-lague", name="Sainte-Laguë (Webster)", family="divisor", options=("first_divisor",)
)
def sainte_lague(
    votes: Any,
    seats: int,
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate seats by Sainte-Laguë (Webster), optionally modified: divisors f, 3, 5, 7, ...

    With ``first_divisor=None`` the divisors are 1, 3, 5, ... (pure Sainte-Laguë); 1.4 is
    the Nordic modification and 1.7 is Iraq's (votes / 1.7, 3, 5, 7, ...).

    References
    ----------
    Sainte-Laguë, A. (1910). La représentation proportionnelle et la méthode des moindres
    carrés. *Annales scientifiques de l'É.N.S.* 27, 529–542.
    Iraq: IHEC seat-distribution system No. 12 of 2018 (divisors 1.7, 3, 5, 7, ...), kept by
    the third amendment (27 March 2023) to Law 12/2018 for the 2023 and 2025 elections
    (sources: the Iraq dataset's ``laws.csv`` and ``sources/RULES.md`` in ``majlis/data/iraq``).

    Examples
    --------
    >>> votes = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}
    >>> sainte_lague(votes, 8)
    {'A': 3, 'B': 3, 'C': 1, 'D': 1}
    >>> sainte_lague(votes, 8, first_divisor=1.7)
    {'A': 4, 'B': 3, 'C': 1, 'D': 0}
    """
    return _named(
        "sainte-lague",
        votes,
        seats,
        first_divisor,
        threshold=threshold,
        tie_break=tie_break,
        seed=seed,
    )


@allocation_method(
    "imperiali",
    name="Imperiali (divisors 2, 3, 4, ...)",
    family="divisor",
    options=("first_divisor",),
)
def imperiali(
    votes: Any,
    seats: int,
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate seats by the Imperiali divisor method: divisors 2, 3, 4, ...

    References
    ----------
    Used for Belgian municipal councils; see Gallagher, M. and Mitchell, P. (eds.) (2005),
    *The Politics of Electoral Systems*, OUP, appendix B.

    Examples
    --------
    >>> imperiali({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8)
    {'A': 5, 'B': 3, 'C': 0, 'D': 0}
    """
    return _named(
        "imperiali",
        votes,
        seats,
        first_divisor,
        threshold=threshold,
        tie_break=tie_break,
        seed=seed,
    )


@allocation_method(
    "danish", name="Danish (divisors 1, 4, 7, ...)", family="divisor", options=("first_divisor",)
)
def danish(
    votes: Any,
    seats: int,
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate seats by the Danish method: divisors 1, 4, 7, 10, ... (3k + 1).

    References
    ----------
    Danish Parliamentary Elections Act, s. 77 (distribution of supplementary seats within a
    province by divisors 1, 4, 7, ...); Gallagher and Mitchell (2005), appendix B.

    Examples
    --------
    >>> danish({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8)
    {'A': 3, 'B': 3, 'C': 1, 'D': 1}
    """
    return _named(
        "danish", votes, seats, first_divisor, threshold=threshold, tie_break=tie_break, seed=seed
    )


@allocation_method("huntington-hill", name="Huntington–Hill (equal proportions)", family="divisor")
def huntington_hill(
    votes: Any,
    seats: int,
    *,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate seats by Huntington–Hill: divisors sqrt(k (k + 1)) = 0, 1.41, 2.45, ...

    Quotients are compared squared (``votes**2 / (k (k + 1))``), exactly. Every list with
    votes gets a first seat before any list gets a second.

    References
    ----------
    Huntington, E. V. (1928). The apportionment of representatives in Congress. *Trans.
    AMS* 30, 85–110. Used for the US House since 1941 (2 U.S.C. § 2a).

    Examples
    --------
    >>> huntington_hill({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8)
    {'A': 3, 'B': 3, 'C': 1, 'D': 1}
    """
    return run_core(
        _divisor_core,
        votes,
        seats,
        rule=divisor_rule("huntington-hill"),
        threshold=threshold,
        tie_break=tie_break,
        seed=seed,
    )


@allocation_method("adams", name="Adams (smallest divisors)", family="divisor")
def adams(
    votes: Any,
    seats: int,
    *,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate seats by Adams' method: divisors 0, 1, 2, ...

    References
    ----------
    Balinski and Young (2001), *Fair Representation*, appendix A (Adams' method).

    Examples
    --------
    >>> adams({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8)
    {'A': 3, 'B': 3, 'C': 1, 'D': 1}
    """
    return run_core(
        _divisor_core,
        votes,
        seats,
        rule=divisor_rule("adams"),
        threshold=threshold,
        tie_break=tie_break,
        seed=seed,
    )

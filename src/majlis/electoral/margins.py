"""Flip margins for divisor methods: how many votes change a seat (election-night questions).

* :func:`votes_to_gain` — the exact minimum number of extra votes list X needs to win one
  more seat, every other list's votes fixed;
* :func:`votes_to_lose` — the smallest loss of votes that costs X a seat;
* :func:`votes_to_transfer` — the minimum number of votes moving from X to Y for Y to win
  one more seat;
* :func:`last_seat` / :func:`next_seat` — the last seat awarded (the lowest winning quotient)
  and the seat that would come next;
* :func:`flip_margins` — all of it for every list of a district.

Every answer is exact: quotients are compared as fractions (squared for Huntington–Hill)
with the same tie-break rule as :func:`~majlis.electoral.allocate_seats`, and the minimum is
found by bisection over whole numbers of votes on an exact "does X win that seat" test,
which is monotone because divisor methods are vote-monotone (Balinski and Young 2001,
ch. 9). A legal threshold is applied to the new totals at every step, exactly as the seat
table applies it: a list below it must first reach it, and a list that gains votes raises the
bar for the others (so every margin starts from, and re-allocates like, the seat table).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from majlis.electoral._input import (
    as_fraction,
    check_seats,
    normalize_votes,
    threshold_mask,
    tie_ranks,
)
from majlis.electoral.divisor import DivisorRule, _divisor_core, divisor_rule
from majlis.electoral.methods import get_method
from majlis.errors import InfeasibleQuotaError, UnknownIdError, ValidationError
from majlis.limits import MAX_SEATS_MARGINS, check_limit

__all__ = [
    "FlipMargins",
    "ListMargin",
    "SeatInfo",
    "flip_margins",
    "last_seat",
    "next_seat",
    "votes_to_gain",
    "votes_to_lose",
    "votes_to_transfer",
]


@dataclass(frozen=True)
class SeatInfo:
    """One seat of a divisor allocation: the list, its seat number and the winning quotient.

    ``quotient`` is ``votes / d(k)`` as a Fraction (for Huntington–Hill a float, the divisor
    being irrational) or ``None`` when the divisor is 0 (an infinite quotient).
    """

    list: str
    seat: int
    quotient: Fraction | float | None


@dataclass(frozen=True)
class ListMargin:
    """A list's seats and the votes that would change them (None: impossible)."""

    list: str
    votes: int
    seats: int
    votes_to_gain: int | None
    votes_to_lose: int | None


@dataclass(frozen=True)
class FlipMargins:
    """Flip margins of one district: per-list margins plus the last and next seat."""

    method: str
    seats: int
    lists: tuple[ListMargin, ...]
    last_seat: SeatInfo
    next_seat: SeatInfo | None
    threshold: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (quotients as strings of exact fractions)."""

        def seat(s: SeatInfo | None) -> dict[str, Any] | None:
            if s is None:
                return None
            return {
                "list": s.list,
                "seat": s.seat,
                "quotient": None if s.quotient is None else str(s.quotient),
            }

        return {
            "method": self.method,
            "seats": self.seats,
            "lists": [m.__dict__.copy() for m in self.lists],
            "last_seat": seat(self.last_seat),
            "next_seat": seat(self.next_seat),
            "threshold": self.threshold,
        }


Key = tuple[int, Fraction]
"""Sort key of a quotient: larger is better; ``(1, 0)`` is an infinite quotient."""


class _Setup:
    """One district's votes, rule, threshold and tie order, and its allocation.

    :meth:`allocate` is the allocation of :func:`~majlis.electoral.allocate_seats` (threshold
    applied to the votes given, tie priorities from them), so every margin starts from the
    seat table's result and re-allocates the same way.
    """

    def __init__(
        self,
        votes: Any,
        seats: Any,
        method: str,
        first_divisor: Any,
        threshold: Any,
        tie_break: str,
        seed: int | None,
    ) -> None:
        info = get_method(method)
        if info.family != "divisor":
            raise ValidationError(f"flip margins are defined for divisor methods, not {method}")
        self.method = method
        self.rule: DivisorRule = divisor_rule(method, first_divisor)
        self.names, self.votes = normalize_votes(votes)
        if not any(self.votes):
            raise ValidationError("every list has zero votes: there is nothing to allocate")
        self.seats = check_seats(seats)
        check_limit(self.seats, MAX_SEATS_MARGINS, "seats for flip margins")
        self.threshold = None if threshold is None else as_fraction(threshold, "threshold")
        self.tie_break, self.seed = tie_break, seed
        self.ranks = tie_ranks(self.votes, tie_break, seed)
        if self.threshold is not None:  # as the seat table: an error if nobody passes
            threshold_mask(self.votes, self.threshold)
        self.eligible = self.passing(self.votes)
        self.alloc = self.allocate(self.votes)
        self._competitors: dict[tuple[int, int, tuple[bool, ...]], tuple[Key, int] | None] = {}

    def passing(self, votes: list[int]) -> list[bool]:
        """Which lists reach the threshold with these votes (all with votes if none)."""
        if self.threshold is None:
            return [v > 0 for v in votes]
        try:
            return [p and v > 0 for p, v in zip(threshold_mask(votes, self.threshold), votes)]
        except InfeasibleQuotaError:
            return [False] * len(votes)

    def allocate(self, votes: list[int]) -> list[int]:
        """Seats per list for these votes, exactly as the seat table allocates them."""
        ok = self.passing(votes)
        if not any(ok):
            return [0] * len(votes)
        ranks = tie_ranks(votes, self.tie_break, self.seed)
        return _divisor_core(
            [v if p else 0 for v, p in zip(votes, ok)], self.seats, ranks, self.rule
        )

    def with_votes(self, x: int, w: int) -> list[int]:
        votes = list(self.votes)
        votes[x] = w
        return votes

    def index(self, party: Any) -> int:
        if self.names is None:
            if isinstance(party, int) and 0 <= party < len(self.votes):
                return party
            raise UnknownIdError(f"no list number {party!r}: use 0 to {len(self.votes) - 1}")
        if party not in self.names:
            raise UnknownIdError(f"unknown list {party!r}: use one of {', '.join(self.names)}")
        return self.names.index(party)

    def name(self, i: int) -> str:
        return self.names[i] if self.names is not None else str(i)

    def key(self, v: int, k: int) -> Key:
        """Sort key of quotient v / d(k)."""
        q = self.rule.quotient(v, k)
        return (1, Fraction(0)) if q is None else (0, q)

    def competitor(self, x: int, m: int, votes: list[int]) -> tuple[Key, int] | None:
        """The m-th best quotient entry (key, list) of the lists other than x that pass the
        threshold with ``votes``: what x must beat to hold ``seats - m + 1`` seats. Cached by
        the set of passing lists (without a threshold it never changes)."""
        ok = self.passing(votes)
        cache_key = (x, m, tuple(ok))
        if cache_key not in self._competitors:
            others = [v if p and j != x else 0 for j, (v, p) in enumerate(zip(self.votes, ok))]
            best: tuple[Key, int] | None = None
            if any(others):
                held = (
                    _divisor_core(others, m - 1, self.ranks, self.rule)
                    if m > 1
                    else [0] * len(others)
                )
                for j, v in enumerate(others):
                    if v:
                        cand = (self.key(v, held[j]), j)
                        if best is None or (cand[0], -self.ranks[j]) > (
                            best[0],
                            -self.ranks[best[1]],
                        ):
                            best = cand
            self._competitors[cache_key] = best
        return self._competitors[cache_key]

    def wins(self, x: int, w: int, k: int, m: int) -> bool:
        """With w votes (others fixed), does x win its (k+1)-th seat against the m-th best
        entry of the others, the threshold applied to the new totals?"""
        votes = self.with_votes(x, w)
        if w == 0 or not self.passing(votes)[x]:
            return False
        comp = self.competitor(x, m, votes)
        if comp is None:
            return True
        mine, (theirs, j) = self.key(w, k), comp
        if mine != theirs:
            return mine > theirs
        ranks = tie_ranks(votes, self.tie_break, self.seed)
        return ranks[x] < ranks[j]

    def enough(self, x: int, k: int) -> int:
        """A vote count that beats every other list's finite quotients for seat k + 1, clears
        the threshold and pushes every other list below it: if x does not win that seat with
        it, no count does (margins are monotone in x's votes)."""
        others = [v for j, v in enumerate(self.votes) if j != x]
        top, rest = max(others, default=0), sum(others)
        finite = [self.rule(i) for i in range(2) if self.rule(i) > 0]
        ratio = self.rule(k) / min(finite) if self.rule(k) > 0 else Fraction(1)
        scale = math.isqrt(math.ceil(ratio)) + 1 if self.rule.power == 2 else math.ceil(ratio)
        w = (top + 1) * (scale + 1)
        if self.threshold is not None and 0 < self.threshold < 1:
            t = self.threshold
            w += math.ceil(t * rest / (1 - t)) + 1  # x passes the threshold
            w = max(w, math.floor(top / t) + 1)  # ... and every other list falls below it
        return max(w, self.votes[x] + 1)


def _bisect(pred: Any, lo: int, hi: int) -> int:
    """Smallest w in (lo, hi] with pred(w) true, given pred(lo) false and pred(hi) true."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _gain(st: _Setup, x: int) -> int | None:
    s = st.alloc[x]
    if s >= st.seats:
        return None
    m = st.seats - s  # x wins seat s + 1 when it beats the others' (seats - s)-th best entry

    def pred(w: int) -> bool:
        return st.wins(x, w, s, m)

    hi = st.enough(x, s)
    if not pred(hi):  # e.g. an infinite quotient whose tie order does not follow the votes
        return None
    return _bisect(pred, st.votes[x], hi) - st.votes[x]


def _lose(st: _Setup, x: int) -> int | None:
    s = st.alloc[x]
    if s == 0:
        return None
    m = st.seats - s + 1  # x keeps seat s while it beats the others' (seats - s + 1)-th entry
    keep = _bisect(lambda w: st.wins(x, w, s - 1, m), 0, st.votes[x])
    return st.votes[x] - (keep - 1)


def votes_to_gain(
    votes: Mapping[str, int] | Any,
    seats: int,
    party: Any,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> int | None:
    """Return the minimum extra votes ``party`` needs to win one more seat (others fixed).

    Parameters
    ----------
    votes : Mapping[str, int] or sequence of int
        Votes per list.
    seats : int
        District magnitude.
    party : str or int
        The list (its name, or its index for a plain sequence).
    method, first_divisor, tie_break, seed
        As for :func:`~majlis.electoral.allocate_seats`; divisor methods only.

    Returns
    -------
    int or None
        The exact minimum (None if no number of votes can win another seat, e.g. the list
        already holds every seat).

    Examples
    --------
    >>> v = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}
    >>> votes_to_gain(v, 8, "D")  # must beat the last seat, A's 100,000 / 4 = 25,000 (a tie
    5001
    >>> # at 25,000 goes to A, which has more votes)
    """
    st = _Setup(votes, seats, method, first_divisor, threshold, tie_break, seed)
    return _gain(st, st.index(party))


def votes_to_lose(
    votes: Mapping[str, int] | Any,
    seats: int,
    party: Any,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> int | None:
    """Return the minimum number of votes ``party`` must lose to lose a seat (None: no seat).

    Examples
    --------
    >>> v = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}
    >>> votes_to_lose(v, 8, "C")  # at 20,000 C ties A's 5th quotient 100,000 / 5 and loses it
    10000
    """
    st = _Setup(votes, seats, method, first_divisor, threshold, tie_break, seed)
    return _lose(st, st.index(party))


def votes_to_transfer(
    votes: Mapping[str, int] | Any,
    seats: int,
    source: Any,
    target: Any,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> int | None:
    """Return the minimum number of votes moving from ``source`` to ``target`` that gives
    ``target`` one more seat (None if even all of ``source``'s votes are not enough).

    Examples
    --------
    >>> v = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}
    >>> votes_to_transfer(v, 8, "A", "D")  # 20,000 + t > (100,000 - t) / 4 for t > 4,000
    4001
    """
    st = _Setup(votes, seats, method, first_divisor, threshold, tie_break, seed)
    x, y = st.index(source), st.index(target)
    if x == y:
        raise ValidationError("source and target must be different lists")
    base = st.alloc[y]

    def gains(t: int) -> bool:
        v = list(st.votes)
        v[x] -= t
        v[y] += t
        return st.allocate(v)[y] > base

    if st.votes[x] == 0 or not gains(st.votes[x]):
        return None
    return _bisect(gains, 0, st.votes[x])


def _last(st: _Setup) -> tuple[int, int]:
    """(list, k) of the last seat awarded: the lowest winning quotient, the weakest tie."""
    won = [j for j, s in enumerate(st.alloc) if s > 0]
    j = min(won, key=lambda j: (st.key(st.votes[j], st.alloc[j] - 1), -st.ranks[j]))
    return j, st.alloc[j] - 1


def _info(st: _Setup, j: int, k: int) -> SeatInfo:
    q: Fraction | float | None = st.rule.quotient(st.votes[j], k)
    if q is not None and st.rule.power == 2:
        q = float(q) ** 0.5
    return SeatInfo(st.name(j), k + 1, q)


def _next(st: _Setup) -> tuple[int, int] | None:
    """(list, k) of the seat that would come next, among the lists passing the threshold."""
    open_ = [j for j, ok in enumerate(st.eligible) if ok]
    if not open_:
        return None
    j = max(open_, key=lambda j: (st.key(st.votes[j], st.alloc[j]), -st.ranks[j]))
    return j, st.alloc[j]


def last_seat(
    votes: Any,
    seats: int,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> SeatInfo:
    """Return the last seat awarded (the lowest winning quotient).

    Examples
    --------
    >>> last_seat({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8)
    SeatInfo(list='A', seat=4, quotient=Fraction(25000, 1))
    """
    st = _Setup(votes, seats, method, first_divisor, threshold, tie_break, seed)
    return _info(st, *_last(st))


def next_seat(
    votes: Any,
    seats: int,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> SeatInfo | None:
    """Return the seat that would be awarded next (seat ``seats + 1``), or None.

    Examples
    --------
    >>> next_seat({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8)  # A, B, D tie at 20,000
    SeatInfo(list='A', seat=5, quotient=Fraction(20000, 1))
    """
    st = _Setup(votes, seats, method, first_divisor, threshold, tie_break, seed)
    nxt = _next(st)
    return None if nxt is None else _info(st, *nxt)


def flip_margins(
    votes: Any,
    seats: int,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> FlipMargins:
    """Return every list's seats, votes to gain and votes to lose, plus the last/next seat.

    Examples
    --------
    >>> fm = flip_margins({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8)
    >>> [(m.list, m.seats, m.votes_to_gain, m.votes_to_lose) for m in fm.lists]
    [('A', 4, 33334, 20001), ('B', 3, 20001, 20000), ('C', 1, 20001, 10000), ('D', 0, 5001, None)]
    """
    st = _Setup(votes, seats, method, first_divisor, threshold, tie_break, seed)
    rows = tuple(
        ListMargin(st.name(i), st.votes[i], st.alloc[i], _gain(st, i), _lose(st, i))
        for i in range(len(st.votes))
    )
    nxt = _next(st)
    return FlipMargins(
        method,
        st.seats,
        rows,
        _info(st, *_last(st)),
        None if nxt is None else _info(st, *nxt),
        None if st.threshold is None else str(st.threshold),
    )

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
ch. 9). Legal thresholds are not modelled here (a list under the threshold must first reach
it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from majlis.electoral._input import check_seats, normalize_votes, tie_ranks
from majlis.electoral.divisor import DivisorRule, _divisor_core, divisor_rule
from majlis.electoral.methods import get_method
from majlis.errors import UnknownIdError, ValidationError

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
        }


class _Setup:
    def __init__(
        self,
        votes: Any,
        seats: Any,
        method: str,
        first_divisor: Any,
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
        self.tie_break, self.seed = tie_break, seed
        self.ranks = tie_ranks(self.votes, tie_break, seed)
        self.alloc = _divisor_core(self.votes, self.seats, self.ranks, self.rule)

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

    def key(self, v: int, k: int) -> tuple[int, Fraction]:
        """Sort key of quotient v / d(k): larger is better; (1, 0) is infinite."""
        q = self.rule.quotient(v, k)
        return (1, Fraction(0)) if q is None else (0, q)

    def others(self, x: int, count: int) -> list[tuple[tuple[int, Fraction], int, int]]:
        """The best ``count`` quotient entries of every list but x, best first."""
        entries = []
        for j, v in enumerate(self.votes):
            if j == x or v == 0:
                continue
            for k in range(min(count, self.seats + 1)):
                entries.append((self.key(v, k), j, k))
        entries.sort(key=lambda e: (e[0][0], e[0][1], -self.ranks[e[1]]), reverse=True)
        return entries[:count]

    def beats(
        self, x: int, w: int, k: int, comp: tuple[tuple[int, Fraction], int, int] | None
    ) -> bool:
        """Does list x with w votes win its (k+1)-th seat against competitor entry comp?"""
        if w == 0:
            return False
        if comp is None:
            return True
        mine, theirs = self.key(w, k), comp[0]
        if mine != theirs:
            return mine > theirs
        votes = list(self.votes)
        votes[x] = w
        ranks = tie_ranks(votes, self.tie_break, self.seed)
        return ranks[x] < ranks[comp[1]]


def _bisect(pred: Any, lo: int, hi: int) -> int:
    """Smallest w in (lo, hi] with pred(w) true, given pred(lo) false and pred(hi) true."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid
    return hi


def votes_to_gain(
    votes: Mapping[str, int] | Any,
    seats: int,
    party: Any,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
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
    st = _Setup(votes, seats, method, first_divisor, tie_break, seed)
    x = st.index(party)
    s = st.alloc[x]
    if s >= st.seats:
        return None
    need = st.seats - s  # others keep need - 1 seats; the competitor is the next entry
    ents = st.others(x, need)
    comp = ents[need - 1] if len(ents) >= need else None
    k = s

    def pred(w: int) -> bool:
        return st.beats(x, w, k, comp)

    lo = st.votes[x]
    if pred(lo):  # pragma: no cover - would mean the allocation already gives the seat
        return 0
    if comp is not None and comp[0][0] == 1:
        # an infinite quotient is beaten only by another infinite one (divisor 0) winning the tie;
        # under "order" or "lot" that tie does not depend on votes: one vote decides it or nothing does
        if st.rule(k) != 0 or (st.tie_break != "votes" and not pred(max(lo, 1))):
            return None
    hi = max(2 * lo, 1)
    while not pred(hi):
        hi *= 2
    return _bisect(pred, lo, hi) - st.votes[x]


def votes_to_lose(
    votes: Mapping[str, int] | Any,
    seats: int,
    party: Any,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
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
    st = _Setup(votes, seats, method, first_divisor, tie_break, seed)
    x = st.index(party)
    s = st.alloc[x]
    if s == 0:
        return None
    need = st.seats - s + 1  # if x drops to s - 1 seats the others hold need seats
    ents = st.others(x, need)
    comp = ents[need - 1] if len(ents) >= need else None
    k = s - 1
    # largest w that loses: smallest w that wins is found by bisection on (0, v]
    w_win = _bisect(lambda w: st.beats(x, w, k, comp), 0, st.votes[x])
    return st.votes[x] - (w_win - 1)


def votes_to_transfer(
    votes: Mapping[str, int] | Any,
    seats: int,
    source: Any,
    target: Any,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
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
    st = _Setup(votes, seats, method, first_divisor, tie_break, seed)
    x, y = st.index(source), st.index(target)
    if x == y:
        raise ValidationError("source and target must be different lists")
    base = st.alloc[y]

    def gains(t: int) -> bool:
        v = list(st.votes)
        v[x] -= t
        v[y] += t
        ranks = tie_ranks(v, st.tie_break, st.seed)
        return _divisor_core(v, st.seats, ranks, st.rule)[y] > base

    if st.votes[x] == 0 or not gains(st.votes[x]):
        return None
    return _bisect(gains, 0, st.votes[x])


def _seat_order(st: _Setup, seats: int) -> list[tuple[int, int]]:
    """(list, k) of the first ``seats`` seats in award order."""
    entries = []
    for j, v in enumerate(st.votes):
        if v:
            for k in range(seats):
                entries.append((st.key(v, k), j, k))
    entries.sort(key=lambda e: (e[0][0], e[0][1], -st.ranks[e[1]]), reverse=True)
    return [(j, k) for _, j, k in entries[:seats]]


def _info(st: _Setup, j: int, k: int) -> SeatInfo:
    q = st.rule.quotient(st.votes[j], k)
    if q is not None and st.rule.power == 2:
        q = float(q) ** 0.5  # type: ignore[assignment]
    return SeatInfo(st.name(j), k + 1, q)


def last_seat(
    votes: Any,
    seats: int,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> SeatInfo:
    """Return the last seat awarded (the lowest winning quotient).

    Examples
    --------
    >>> last_seat({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8)
    SeatInfo(list='A', seat=4, quotient=Fraction(25000, 1))
    """
    st = _Setup(votes, seats, method, first_divisor, tie_break, seed)
    j, k = _seat_order(st, st.seats)[-1]
    return _info(st, j, k)


def next_seat(
    votes: Any,
    seats: int,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> SeatInfo | None:
    """Return the seat that would be awarded next (seat ``seats + 1``), or None.

    Examples
    --------
    >>> next_seat({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8)  # A, B, D tie at 20,000
    SeatInfo(list='A', seat=5, quotient=Fraction(20000, 1))
    """
    st = _Setup(votes, seats, method, first_divisor, tie_break, seed)
    order = _seat_order(st, st.seats + 1)
    if len(order) <= st.seats:
        return None
    j, k = order[-1]
    return _info(st, j, k)


def flip_margins(
    votes: Any,
    seats: int,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
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
    st = _Setup(votes, seats, method, first_divisor, tie_break, seed)
    opts = dict(first_divisor=first_divisor, tie_break=tie_break, seed=seed)
    keys = st.names if st.names is not None else list(range(len(st.votes)))
    rows = tuple(
        ListMargin(
            st.name(i),
            st.votes[i],
            st.alloc[i],
            votes_to_gain(votes, seats, keys[i], method, **opts),
            votes_to_lose(votes, seats, keys[i], method, **opts),
        )
        for i in range(len(st.votes))
    )
    return FlipMargins(
        method,
        st.seats,
        rows,
        last_seat(votes, seats, method, **opts),
        next_seat(votes, seats, method, **opts),
    )

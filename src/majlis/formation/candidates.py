"""Potential governments of a formation opportunity, enumerated without a blind ``2**n``.

Three enumerations, each bounded:

* :func:`potential_governments` -- the choice set of the fitted model (Martin & Stevenson
  2001 use every subset of the parliamentary parties). Here: every non-empty subset of the
  ``max_parties`` largest eligible parties (12 by default) and of the outgoing government's
  parties, with at most ``max_size`` members. Minority, minimal winning and surplus coalitions
  are all in it. 12 parties give at most 4,095 coalitions; in ParlGov's post-war
  post-election cabinets no government party ranks below the 12th largest eligible party
  (see ``tests/formation/test_candidates.py``). The count is checked before any work and
  more than :data:`MAX_CANDIDATES` coalitions raise :class:`~majlis.errors.TooLargeError`.
* :func:`minimal_winning` -- the minimal winning coalitions of the eligible parties through
  :func:`majlis.games.minimal_winning_coalitions` (output-sensitive: the work is
  proportional to the number of coalitions found), refused beyond
  :data:`MAX_MINIMAL_WINNING`.
* :func:`connected_winning` -- Axelrod's minimal connected winning coalitions: intervals of
  the left-right line, ``O(n**2)``.

A coalition is returned as a tuple of party ids ordered by seats (largest first, ties by id).

References
----------
.. [1] L. W. Martin and R. T. Stevenson, "Government Formation in Parliamentary
   Democracies", *American Journal of Political Science* 45(1) (2001) 33-50.
.. [2] R. Axelrod, *Conflict of Interest*, Markham, 1970 (minimal connected winning).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations, islice
from math import comb

import numpy as np

from majlis.errors import TooLargeError, ValidationError
from majlis.games import WeightedGame, minimal_winning_coalitions
from majlis.model import FormationOpportunity

__all__ = [
    "DEFAULT_MAX_PARTIES",
    "MAX_CANDIDATES",
    "MAX_MINIMAL_WINNING",
    "STATUSES",
    "CandidateSet",
    "coalition_status",
    "connected_winning",
    "count_minimal_winning",
    "iter_minimal_winning",
    "left_right_order",
    "minimal_winning",
    "order_coalition",
    "potential_governments",
]

#: Largest eligible parties a potential government is drawn from by default.
DEFAULT_MAX_PARTIES = 10
#: At most this many potential governments per opportunity (2**20).
MAX_CANDIDATES = 1 << 20
#: At most this many minimal winning coalitions per opportunity.
MAX_MINIMAL_WINNING = 200_000
#: The size status of a coalition.
STATUSES = ("minority", "minimal-winning", "surplus")


def order_coalition(opportunity: FormationOpportunity, parties: Iterable[str]) -> tuple[str, ...]:
    """The coalition's party ids, largest first (ties by id); unknown ids raise.

    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 10, 6, (OpportunityParty("a", 3), OpportunityParty("b", 7)))
    >>> order_coalition(opp, ["a", "b"])
    ('b', 'a')
    """
    ps = {p: opportunity.party(p).seats for p in set(parties)}
    return tuple(sorted(ps, key=lambda p: (-ps[p], p)))


def coalition_status(opportunity: FormationOpportunity, parties: Iterable[str]) -> str:
    """``"minority"``, ``"minimal-winning"`` (every member needed) or ``"surplus"``.

    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s) for p, s in
    ...       [("A", 45), ("B", 40), ("C", 15)]))
    >>> [coalition_status(opp, c) for c in (["A"], ["A", "C"], ["A", "B", "C"])]
    ['minority', 'minimal-winning', 'surplus']
    """
    return opportunity.status_of(parties)


@dataclass(frozen=True)
class CandidateSet:
    """Potential governments of one opportunity as bitmasks over :attr:`parties`.

    Attributes
    ----------
    opportunity : FormationOpportunity
    parties : tuple of str
        The parties coalitions are drawn from, largest first; bit ``i`` is ``parties[i]``.
    masks : numpy.ndarray of int64
        One bitmask per potential government.
    """

    opportunity: FormationOpportunity
    parties: tuple[str, ...]
    masks: np.ndarray
    _lookup: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lookup", {int(m): i for i, m in enumerate(self.masks)})

    def __len__(self) -> int:
        return len(self.masks)

    def members(self) -> np.ndarray:
        """Boolean matrix: row ``k`` says which of :attr:`parties` are in coalition ``k``."""
        bits = np.arange(len(self.parties), dtype=np.int64)
        return ((self.masks[:, None] >> bits[None, :]) & 1).astype(bool)

    def coalition(self, k: int) -> tuple[str, ...]:
        """Party ids of coalition ``k`` (largest first)."""
        m = int(self.masks[k])
        return tuple(p for i, p in enumerate(self.parties) if m >> i & 1)

    def mask_of(self, parties: Iterable[str]) -> int | None:
        """The bitmask of a coalition, or ``None`` if a party is not among :attr:`parties`."""
        m = 0
        for p in parties:
            try:
                m |= 1 << self.parties.index(p)
            except ValueError:
                return None
        return m

    def index_of(self, parties: Iterable[str]) -> int | None:
        """Position of a coalition in the set, or ``None`` if it is not a candidate."""
        m = self.mask_of(parties)
        return None if m is None else self._lookup.get(m)


def _count(n: int, max_size: int) -> int:
    return sum(comb(n, k) for k in range(1, max_size + 1))


def potential_governments(
    opportunity: FormationOpportunity,
    *,
    max_parties: int = DEFAULT_MAX_PARTIES,
    max_size: int | None = None,
) -> CandidateSet:
    """Every potential government drawn from the largest parties and the incumbents.

    Parameters
    ----------
    opportunity : FormationOpportunity
    max_parties : int
        Coalitions are drawn from the ``max_parties`` largest eligible parties (ties at the
        cut are all kept) plus the outgoing government's parties.
    max_size : int, optional
        At most this many parties per coalition (default: no limit beyond ``max_parties``).

    Returns
    -------
    CandidateSet
        Coalitions in increasing bitmask order (the single largest party first).

    Raises
    ------
    TooLargeError
        More than :data:`MAX_CANDIDATES` coalitions would be enumerated.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s) for p, s in
    ...       [("A", 45), ("B", 40), ("C", 15)]))
    >>> cs = potential_governments(opp)
    >>> len(cs), cs.coalition(0), cs.coalition(len(cs) - 1)
    (7, ('A',), ('A', 'B', 'C'))
    """
    if max_parties < 1:
        raise ValidationError(f"max_parties must be at least 1, got {max_parties}")
    eligible = opportunity.eligible_parties
    chosen = list(eligible[:max_parties])
    if len(eligible) > max_parties:  # keep parties tied with the last one kept
        cut = chosen[-1].seats
        chosen += [p for p in eligible[max_parties:] if p.seats == cut]
    names = [p.id for p in chosen]
    for pid in opportunity.incumbent_parties:
        p = opportunity.party(pid)
        if p.eligible and p.seats > 0 and pid not in names:
            names.append(pid)
    names.sort(key=lambda pid: (-opportunity.party(pid).seats, pid))
    n = len(names)
    size = n if max_size is None else max(0, min(max_size, n))
    total = _count(n, size)
    if total > MAX_CANDIDATES:
        raise TooLargeError(
            f"opportunity {opportunity.id!r}: {total:,} potential governments from {n} parties; "
            f"at most {MAX_CANDIDATES:,} (lower max_parties or set max_size)"
        )
    if n >= 63:
        raise TooLargeError(
            f"opportunity {opportunity.id!r}: at most 62 parties in a coalition set"
        )
    if size == n:
        masks = np.arange(1, 1 << n, dtype=np.int64)
    elif n <= 20:
        every = np.arange(1, 1 << n, dtype=np.int64)
        masks = every[_popcount(every) <= size]
    else:  # only the coalitions asked for (their count is bounded above)
        found = [
            sum(1 << i for i in c) for k in range(1, size + 1) for c in combinations(range(n), k)
        ]
        masks = np.sort(np.array(found, dtype=np.int64))
    return CandidateSet(opportunity, tuple(names), masks)


def _popcount(masks: np.ndarray) -> np.ndarray:
    x = masks.astype(np.uint64)
    c = np.zeros(len(x), dtype=np.int64)
    while np.any(x):
        c += (x & np.uint64(1)).astype(np.int64)
        x >>= np.uint64(1)
    return c


def iter_minimal_winning(
    opportunity: FormationOpportunity,
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    max_size: int | None = None,
) -> Iterator[tuple[str, ...]]:
    """Yield the minimal winning coalitions of the eligible parties, fewest seats first.

    Lazy and output-sensitive (:func:`majlis.games.minimal_winning_coalitions`): taking the
    first ``k`` costs about ``k`` coalitions' work however many there are.

    Parameters
    ----------
    include, exclude : iterables of party ids
        Parties every coalition must contain / may not contain.
    max_size : int, optional
        Only coalitions of at most this many parties.
    """
    eligible = opportunity.eligible_parties
    ids = [p.id for p in eligible]
    inc = [i for i in include]
    exc = [x for x in exclude if x in ids]
    if any(x not in ids for x in inc):
        return
    weights = [p.seats for p in eligible]
    q = opportunity.majority_threshold
    if sum(w for pid, w in zip(ids, weights) if pid not in exc) < q:
        return
    game = WeightedGame(weights, q, names=ids)
    for c in minimal_winning_coalitions(game, include=inc, exclude=exc, max_size=max_size):
        yield tuple(ids[i] for i in c)


def count_minimal_winning(
    opportunity: FormationOpportunity,
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    size: int | None = None,
    seats: int | None = None,
) -> int:
    """Count minimal winning coalitions exactly without listing them.

    A coalition with ``t`` seats is minimal winning iff ``t >= q`` and every member holds more
    than ``t - q`` seats; for each ``t`` a subset-sum count over the parties heavier than
    ``t - q`` gives the number (``O(n * t)`` per total, integers throughout).

    Parameters
    ----------
    include, exclude : iterables of party ids
    size : int, optional
        Count only coalitions of exactly this many parties.
    seats : int, optional
        Count only coalitions holding exactly this many seats.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s) for p, s in
    ...       [("A", 45), ("B", 40), ("C", 15)]))
    >>> count_minimal_winning(opp), count_minimal_winning(opp, include=["A"])
    (3, 2)
    """
    eligible = opportunity.eligible_parties
    w = {p.id: p.seats for p in eligible}
    must = list(dict.fromkeys(include))
    if any(m not in w for m in must):
        return 0
    banned = set(exclude)
    if banned & set(must):
        return 0
    free = [w[p] for p in w if p not in banned and p not in must]
    q = opportunity.majority_threshold
    base = sum(w[m] for m in must)
    heaviest = max([*free, *(w[m] for m in must)], default=0)
    totals = range(q, q + heaviest) if seats is None else [seats] if seats >= q else []
    exact = len(free) > 60
    total = 0
    for t in totals:
        floor = t - q
        if any(w[m] <= floor for m in must):
            continue
        target = t - base
        if target < 0:
            continue
        allowed = [x for x in free if floor < x <= target]
        if size is None:
            dp = np.zeros(target + 1, dtype=object if exact else np.int64)
            dp[0] = 1
            for x in allowed:
                dp[x:] = dp[x:] + dp[:-x]
            total += int(dp[target])
        else:
            need = size - len(must)
            if need < 0:
                continue
            dp2 = np.zeros((need + 1, target + 1), dtype=object if exact else np.int64)
            dp2[0, 0] = 1
            for x in allowed:
                dp2[1:, x:] = dp2[1:, x:] + dp2[:-1, :-x]
            total += int(dp2[need, target])
    return total


def minimal_winning(
    opportunity: FormationOpportunity, *, max_size: int | None = None
) -> list[tuple[str, ...]]:
    """The minimal winning coalitions of the eligible parties, fewest seats first.

    A coalition is minimal winning when it holds at least ``majority_threshold`` seats and
    loses that as soon as any member leaves (von Neumann & Morgenstern 1944; Riker 1962).
    Ineligible seats (ParlGov's "others", independents) count towards the house only.

    Raises
    ------
    TooLargeError
        More than :data:`MAX_MINIMAL_WINNING` coalitions (count them with
        :func:`count_minimal_winning`, take the first ones with :func:`iter_minimal_winning`).

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s) for p, s in
    ...       [("A", 45), ("B", 40), ("C", 15)]))
    >>> minimal_winning(opp)
    [('B', 'C'), ('A', 'C'), ('A', 'B')]
    """
    out = list(
        islice(iter_minimal_winning(opportunity, max_size=max_size), MAX_MINIMAL_WINNING + 1)
    )
    if len(out) > MAX_MINIMAL_WINNING:
        raise TooLargeError(
            f"opportunity {opportunity.id!r}: {count_minimal_winning(opportunity):,} minimal "
            f"winning coalitions; at most {MAX_MINIMAL_WINNING:,} are listed"
        )
    return out


def left_right_order(opportunity: FormationOpportunity) -> list[str]:
    """Eligible parties with a left-right position, from left to right (ties by seats, id)."""
    placed = [p for p in opportunity.eligible_parties if p.left_right is not None]
    placed.sort(key=lambda p: (p.left_right, -p.seats, p.id))
    return [p.id for p in placed]


def connected_winning(opportunity: FormationOpportunity) -> list[tuple[str, ...]]:
    """Axelrod's minimal connected winning coalitions, from left to right.

    A coalition is *connected* when it holds every party between its leftmost and rightmost
    members on the left-right line (parties with no position cannot be placed and are left
    out), and *minimal connected winning* when it wins and loses, or stops being connected,
    whenever any member leaves: on a line, when dropping either end makes it lose.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(
    ...     OpportunityParty(p, s, left_right=x) for p, s, x in
    ...     [("A", 8, 1), ("B", 21, 2), ("C", 26, 3), ("D", 12, 4), ("E", 33, 5)]))
    >>> connected_winning(opp)
    [('C', 'B', 'A'), ('C', 'B', 'D'), ('E', 'C', 'D')]
    """
    line = left_right_order(opportunity)
    seats = [opportunity.party(p).seats for p in line]
    q = opportunity.majority_threshold
    out: list[tuple[str, ...]] = []
    n = len(line)
    prefix = [0]
    for s in seats:
        prefix.append(prefix[-1] + s)
    for i in range(n):
        for j in range(i, n):
            total = prefix[j + 1] - prefix[i]
            if total < q:
                continue
            if i == j or total - seats[i] < q:
                out.append(order_coalition(opportunity, line[i : j + 1]))
            break  # longer intervals from i contain this winning one: not minimal
    return out

"""Coalition theories: which governments a theory predicts for a formation opportunity.

Every theory is a registered function ``f(opportunity, *, top=None) -> Ranking``: the ranked
coalitions, best first (a sequence of :class:`RankedCoalition`), and how many the theory
predicts in all. The classic theories predict a *set* of coalitions, all tied: each carries
the score ``1 / len(set)`` (the chance that a single guess drawn from the set is a given
coalition) and rank 1. The fitted ``model`` scores every potential government with its
probability. With ``top=k`` only the first ``k`` are listed, lazily: Iraq's 2022 house has
410,157 minimal winning coalitions, counted exactly (:func:`count_minimal_winning`) but never
all listed; without ``top`` a set larger than :data:`MAX_MINIMAL_WINNING` raises
:class:`~majlis.errors.TooLargeError`.

============================  ============================================================
id                            prediction
============================  ============================================================
``minimal-winning``           every minimal winning coalition (von Neumann & Morgenstern)
``minimum-winning``           the minimal winning coalitions with the fewest seats (Riker)
``fewest-parties``            the minimal winning coalitions with the fewest parties
                              (Leiserson's bargaining proposition)
``minimal-range``             the minimal winning coalitions with the smallest left-right
                              range (Leiserson)
``minimal-connected``         the minimal connected winning coalitions (Axelrod)
``minimal-distance``          the minimal winning coalitions whose members sit closest to
                              the coalition's policy (de Swaan)
``largest-party``             the minimal winning coalitions that include the largest party
``incumbent``                 the outgoing government continues
``model``                     every potential government with its conditional-logit
                              probability (Martin & Stevenson; see :mod:`.logit`)
============================  ============================================================

Winning means holding at least ``majority_threshold`` seats; only eligible parties join
coalitions (ParlGov's "others" and independents count towards the house only). Policy-based
theories use the ``left_right`` positions and leave out coalitions with an unplaced member.

Examples
--------
Lijphart's hypothetical parliament (five parties A-E from left to right with 8, 21, 26, 12
and 33 of 100 seats):

>>> from majlis.model import FormationOpportunity, OpportunityParty
>>> house = FormationOpportunity("lijphart", 100, 51, tuple(
...     OpportunityParty(p, s, left_right=x) for p, s, x in
...     [("A", 8, 1), ("B", 21, 2), ("C", 26, 3), ("D", 12, 4), ("E", 33, 5)]))
>>> [c.parties for c in minimum_winning(house)]
[('E', 'D', 'A')]
>>> [c.parties for c in fewest_parties(house)]
[('E', 'B'), ('E', 'C')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from heapq import merge
from itertools import islice, takewhile
from typing import Any, overload

import numpy as np

from majlis.errors import TooLargeError
from majlis.formation._registry import coalition_theory
from majlis.formation.candidates import (
    MAX_MINIMAL_WINNING,
    CandidateSet,
    coalition_status,
    connected_winning,
    count_minimal_winning,
    iter_minimal_winning,
    left_right_order,
    order_coalition,
)
from majlis.model import FormationOpportunity

__all__ = [
    "RankedCoalition",
    "Ranking",
    "fewest_parties",
    "incumbent",
    "largest_party",
    "minimal_connected",
    "minimal_distance",
    "minimal_range",
    "minimal_winning_theory",
    "minimum_winning",
    "model",
    "policy_distance",
    "rank_coalitions",
]

#: Ranges and distances closer than this are ties (positions are decimal fractions).
TOLERANCE = 1e-9


@dataclass(frozen=True)
class RankedCoalition:
    """One predicted government.

    Attributes
    ----------
    parties : tuple of str
        Party ids, largest first.
    score : float
        Higher is better: a probability for the model, ``1 / len(set)`` for set theories.
    seats : int
    status : str
        ``"minority"``, ``"minimal-winning"`` or ``"surplus"``.
    rank : int
        1 + the number of coalitions with a strictly higher score (ties share a rank).
    """

    parties: tuple[str, ...]
    score: float
    seats: int
    status: str
    rank: int = 1

    def to_dict(self) -> dict[str, Any]:
        """``{"parties", "score", "seats", "status", "rank"}``."""
        return {
            "parties": list(self.parties),
            "score": self.score,
            "seats": self.seats,
            "status": self.status,
            "rank": self.rank,
        }


@dataclass(frozen=True)
class Ranking(Sequence[RankedCoalition]):
    """A theory's ranked coalitions (best first) and how many it predicts in all.

    A sequence of :class:`RankedCoalition`; ``total`` exceeds ``len(self)`` when the list
    was cut at ``top``.
    """

    coalitions: tuple[RankedCoalition, ...]
    total: int

    @overload
    def __getitem__(self, i: int) -> RankedCoalition: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[RankedCoalition]: ...
    def __getitem__(self, i: int | slice) -> RankedCoalition | Sequence[RankedCoalition]:
        return self.coalitions[i]

    def __len__(self) -> int:
        return len(self.coalitions)

    def to_dict(self) -> dict[str, Any]:
        """``{"total", "coalitions": [...]}``."""
        return {"total": self.total, "coalitions": [c.to_dict() for c in self.coalitions]}


def rank_coalitions(
    opportunity: FormationOpportunity, coalitions: Sequence[Sequence[str]], scores: Sequence[float]
) -> list[RankedCoalition]:
    """Rank coalitions by score (stable for ties), with competition ranks.

    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 10, 6, (OpportunityParty("a", 6), OpportunityParty("b", 4)))
    >>> [(c.parties, c.rank) for c in rank_coalitions(opp, [["b"], ["a"], ["a", "b"]], [0.2, 0.4, 0.4])]
    [(('a',), 1), (('a', 'b'), 1), (('b',), 3)]
    """
    order = sorted(range(len(coalitions)), key=lambda i: -scores[i])
    out: list[RankedCoalition] = []
    rank = 0
    for pos, i in enumerate(order):
        if pos == 0 or scores[i] < scores[order[pos - 1]]:
            rank = pos + 1
        parties = order_coalition(opportunity, coalitions[i])
        out.append(
            RankedCoalition(
                parties,
                float(scores[i]),
                opportunity.seats_of(parties),
                coalition_status(opportunity, parties),
                rank,
            )
        )
    return out


def _tied(
    opportunity: FormationOpportunity,
    coalitions: Iterable[Sequence[str]],
    top: int | None,
    count: Callable[[], int] | None = None,
) -> Ranking:
    """A set of tied coalitions: list the first ``top`` (all if ``None``), count them all."""
    limit = MAX_MINIMAL_WINNING if top is None else top
    listed = [tuple(c) for c in islice(coalitions, limit + 1)]
    if len(listed) <= limit:
        total = len(listed)
    else:
        total = count() if count is not None else -1
        if top is None or total < 0:
            shown = f"{total:,}" if total >= 0 else f"more than {limit:,}"
            raise TooLargeError(
                f"opportunity {opportunity.id!r}: {shown} coalitions predicted; at most "
                f"{MAX_MINIMAL_WINNING:,} are listed (ask for the first ones with top=K)"
            )
        listed = listed[:limit]
    share = 1.0 / total if total else 0.0
    return Ranking(tuple(rank_coalitions(opportunity, listed, [share] * len(listed))), total)


def _all_argmin(
    coalitions: Iterable[tuple[str, ...]], key: Callable[[tuple[str, ...]], float | None]
) -> list[tuple[str, ...]]:
    """The coalitions with the smallest key (``None`` keys are left out), within TOLERANCE."""
    best: float | None = None
    kept: list[tuple[tuple[str, ...], float]] = []
    for n, c in enumerate(coalitions):
        if n >= MAX_MINIMAL_WINNING:
            raise TooLargeError(
                f"more than {MAX_MINIMAL_WINNING:,} minimal winning coalitions to compare"
            )
        v = key(c)
        if v is None:
            continue
        if best is None or v < best - TOLERANCE:
            best, kept = v, [(c, v)]
        elif v <= best + TOLERANCE:
            kept.append((c, v))
    return [c for c, v in kept if best is not None and v <= best + TOLERANCE]


def _chain(first: tuple[str, ...], rest: Iterable[tuple[str, ...]]) -> Iterator[tuple[str, ...]]:
    yield first
    yield from rest


def _order(opportunity: FormationOpportunity, c: Sequence[str]) -> tuple[int, ...]:
    index = {p.id: i for i, p in enumerate(opportunity.eligible_parties)}
    return tuple(sorted(index[p] for p in c))


def _unique(coalitions: Iterable[tuple[str, ...]]) -> Iterator[tuple[str, ...]]:
    seen: set[frozenset[str]] = set()
    for c in coalitions:
        key = frozenset(c)
        if key not in seen:
            seen.add(key)
            yield c


def _unplaced(opportunity: FormationOpportunity) -> list[str]:
    return [p.id for p in opportunity.eligible_parties if p.left_right is None]


@coalition_theory(
    "minimal-winning",
    name="Minimal winning",
    citation="J. von Neumann and O. Morgenstern, Theory of Games and Economic Behavior, 1944; "
    "W. H. Riker, The Theory of Political Coalitions, 1962",
    minimal_winning=True,
)
def minimal_winning_theory(opportunity: FormationOpportunity, *, top: int | None = None) -> Ranking:
    """Every minimal winning coalition: winning, and losing if any member leaves.

    References
    ----------
    .. [1] J. von Neumann and O. Morgenstern, *Theory of Games and Economic Behavior*,
       Princeton University Press, 1944.
    .. [2] W. H. Riker, *The Theory of Political Coalitions*, Yale University Press, 1962.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s)
    ...       for p, s in [("A", 45), ("B", 40), ("C", 15)]))
    >>> [c.parties for c in minimal_winning_theory(opp)]
    [('B', 'C'), ('A', 'C'), ('A', 'B')]
    """
    return _tied(
        opportunity,
        iter_minimal_winning(opportunity),
        top,
        lambda: count_minimal_winning(opportunity),
    )


@coalition_theory(
    "minimum-winning",
    name="Minimum winning (size principle)",
    citation="W. H. Riker, The Theory of Political Coalitions, 1962; W. A. Gamson, "
    "American Sociological Review 26 (1961) 373-382",
    minimal_winning=True,
)
def minimum_winning(opportunity: FormationOpportunity, *, top: int | None = None) -> Ranking:
    """The minimal winning coalitions with the fewest seats (Riker's size principle).

    References
    ----------
    .. [1] W. H. Riker, *The Theory of Political Coalitions*, Yale University Press, 1962.
    .. [2] W. A. Gamson, "A Theory of Coalition Formation", *American Sociological Review*
       26(3) (1961) 373-382.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s)
    ...       for p, s in [("A", 45), ("B", 40), ("C", 15)]))
    >>> [c.parties for c in minimum_winning(opp)]
    [('B', 'C')]
    """
    coalitions = iter_minimal_winning(opportunity)
    first = next(coalitions, None)
    if first is None:
        return Ranking((), 0)
    fewest = opportunity.seats_of(first)
    same = takewhile(lambda c: opportunity.seats_of(c) == fewest, coalitions)
    return _tied(
        opportunity,
        _chain(first, same),
        top,
        lambda: count_minimal_winning(opportunity, seats=fewest),
    )


@coalition_theory(
    "fewest-parties",
    name="Fewest parties (bargaining proposition)",
    citation="M. Leiserson, Coalitions in Politics, PhD thesis, Yale University, 1966",
    minimal_winning=True,
)
def fewest_parties(opportunity: FormationOpportunity, *, top: int | None = None) -> Ranking:
    """The minimal winning coalitions with the fewest parties (Leiserson's bargaining
    proposition: fewer partners are easier to bargain with and to hold together).

    References
    ----------
    .. [1] M. Leiserson, *Coalitions in Politics*, PhD thesis, Yale University, 1966;
       "Factions and Coalitions in One-Party Japan", *APSR* 62(3) (1968) 770-787.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s)
    ...       for p, s in [("A", 30), ("B", 30), ("C", 25), ("D", 15)]))
    >>> [c.parties for c in fewest_parties(opp)]
    [('A', 'C'), ('B', 'C'), ('A', 'B')]
    """
    for k in range(1, len(opportunity.eligible_parties) + 1):
        coalitions = iter_minimal_winning(opportunity, max_size=k)
        first = next(coalitions, None)
        if first is not None:  # none smaller exists, so every one found has k parties
            return _tied(
                opportunity,
                _chain(first, coalitions),
                top,
                lambda: count_minimal_winning(opportunity, size=k),
            )
    return Ranking((), 0)


def _positions(opportunity: FormationOpportunity, parties: Sequence[str]) -> list[float] | None:
    xs = [opportunity.party(p).left_right for p in parties]
    return None if any(x is None for x in xs) else [float(x) for x in xs if x is not None]


def _range(opportunity: FormationOpportunity, parties: Sequence[str]) -> float | None:
    xs = _positions(opportunity, parties)
    return None if xs is None else max(xs) - min(xs)


@coalition_theory(
    "minimal-range",
    name="Minimal range",
    citation="M. Leiserson, Coalitions in Politics, 1966",
    needs_positions=True,
    minimal_winning=True,
)
def minimal_range(opportunity: FormationOpportunity, *, top: int | None = None) -> Ranking:
    """The minimal winning coalitions with the smallest left-right range (the distance
    between their leftmost and rightmost members).

    References
    ----------
    .. [1] M. Leiserson, *Coalitions in Politics*, PhD thesis, Yale University, 1966.
    .. [2] A. Lijphart, *Patterns of Democracy*, Yale University Press, 1999, ch. 6.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s, left_right=x)
    ...       for p, s, x in [("A", 45, 2), ("B", 40, 6), ("C", 15, 5)]))
    >>> [c.parties for c in minimal_range(opp)]
    [('B', 'C')]
    """
    line = left_right_order(opportunity)
    x = {p: opportunity.party(p).left_right or 0.0 for p in line}
    seats = [opportunity.party(p).seats for p in line]
    q = opportunity.majority_threshold
    # the smallest range of a winning interval of the line is the smallest range of a minimal
    # winning coalition (a winning interval holds one; a coalition's interval wins)
    best: float | None = None
    for i in range(len(line)):
        held = 0
        for j in range(i, len(line)):
            held += seats[j]
            if held >= q:
                r = x[line[j]] - x[line[i]]
                best = r if best is None else min(best, r)
                break
    if best is None:
        return Ranking((), 0)
    found: dict[frozenset[str], tuple[str, ...]] = {}
    for p in line:
        window = {o for o in line if x[p] <= x[o] <= x[p] + best + TOLERANCE}
        outside = [o.id for o in opportunity.eligible_parties if o.id not in window]
        for c in iter_minimal_winning(opportunity, exclude=outside):
            if len(found) > MAX_MINIMAL_WINNING:
                raise TooLargeError(
                    f"opportunity {opportunity.id!r}: more than {MAX_MINIMAL_WINNING:,} "
                    "minimal-range coalitions"
                )
            width = _range(opportunity, c)
            if width is not None and width <= best + TOLERANCE:
                found.setdefault(frozenset(c), c)
    ordered = sorted(found.values(), key=lambda c: (opportunity.seats_of(c), c))
    return _tied(opportunity, ordered, top)


@coalition_theory(
    "minimal-connected",
    name="Minimal connected winning",
    citation="R. Axelrod, Conflict of Interest, Markham, 1970",
    needs_positions=True,
)
def minimal_connected(opportunity: FormationOpportunity, *, top: int | None = None) -> Ranking:
    """Axelrod's minimal connected winning coalitions: adjacent on the left-right line,
    winning, and losing or disconnected if any member leaves (they need not be minimal
    winning: a party in the middle can be needed for connectedness alone).

    References
    ----------
    .. [1] R. Axelrod, *Conflict of Interest: A Theory of Divergent Goals with Applications
       to Politics*, Markham, 1970.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s, left_right=x)
    ...       for p, s, x in [("A", 45, 2), ("B", 40, 6), ("C", 15, 5)]))
    >>> [c.parties for c in minimal_connected(opp)]
    [('A', 'C'), ('B', 'C')]
    """
    return _tied(opportunity, connected_winning(opportunity), top)


def policy_distance(opportunity: FormationOpportunity, parties: Sequence[str]) -> float | None:
    """Mean distance of a coalition's members from its policy, per seat.

    The coalition's policy is the position of its median member by seats (the member whose
    seats contain the coalition's middle seat; the leftmost of two when the seats split
    evenly); the distance is ``sum(seats_i * |x_i - policy|) / seats``. ``None`` when a
    member has no position.

    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s, left_right=x)
    ...       for p, s, x in [("A", 45, 2), ("B", 40, 6), ("C", 15, 5)]))
    >>> policy_distance(opp, ["A", "C"])
    0.75
    """
    xs = _positions(opportunity, parties)
    if xs is None:
        return None
    seats = [opportunity.party(p).seats for p in parties]
    total = sum(seats)
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    running = 0
    policy = xs[order[-1]]
    for i in order:
        running += seats[i]
        if 2 * running >= total:
            policy = xs[i]
            break
    return sum(s * abs(x - policy) for s, x in zip(seats, xs)) / total


@coalition_theory(
    "minimal-distance",
    name="Minimal policy distance",
    citation="A. de Swaan, Coalition Theories and Cabinet Formations, Elsevier, 1973",
    needs_positions=True,
    minimal_winning=True,
)
def minimal_distance(opportunity: FormationOpportunity, *, top: int | None = None) -> Ranking:
    """The minimal winning coalitions whose members are, per seat, closest to the
    coalition's policy (:func:`policy_distance`).

    De Swaan's actors seek the winning coalition whose expected policy lies closest to their
    own; we take a coalition's policy to be its median member by seats, and its policy
    distance the seat-weighted mean distance of its members from it (an operationalisation:
    de Swaan tests several).

    References
    ----------
    .. [1] A. de Swaan, *Coalition Theories and Cabinet Formations*, Elsevier, 1973.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s, left_right=x)
    ...       for p, s, x in [("A", 45, 2), ("B", 40, 6), ("C", 15, 5)]))
    >>> [c.parties for c in minimal_distance(opp)]
    [('B', 'C')]
    """
    placed = iter_minimal_winning(opportunity, exclude=_unplaced(opportunity))
    best = _all_argmin(placed, lambda c: policy_distance(opportunity, c))
    return _tied(opportunity, best, top)


@coalition_theory(
    "largest-party",
    name="Largest party included",
    citation="B. Peleg, International Journal of Game Theory 10 (1981) 11-33",
    minimal_winning=True,
)
def largest_party(opportunity: FormationOpportunity, *, top: int | None = None) -> Ranking:
    """The minimal winning coalitions that include the largest party (any of them if several
    tie): the largest party as the natural formateur, or Peleg's dominant player.

    References
    ----------
    .. [1] B. Peleg, "Coalition formation in simple games with dominant players",
       *International Journal of Game Theory* 10 (1981) 11-33.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s)
    ...       for p, s in [("A", 45), ("B", 40), ("C", 15)]))
    >>> [c.parties for c in largest_party(opp)]
    [('A', 'C'), ('A', 'B')]
    """
    eligible = opportunity.eligible_parties
    if not eligible:
        return Ranking((), 0)
    biggest = [p.id for p in eligible if p.seats == eligible[0].seats]
    streams = [iter_minimal_winning(opportunity, include=[b]) for b in biggest]
    merged = _unique(
        merge(*streams, key=lambda c: (opportunity.seats_of(c), _order(opportunity, c)))
    )

    def count() -> int:  # inclusion-exclusion over tied largest parties
        total = 0
        for mask in range(1, 1 << len(biggest)):
            group = [b for i, b in enumerate(biggest) if mask >> i & 1]
            total += (-1) ** (len(group) + 1) * count_minimal_winning(opportunity, include=group)
        return total

    return _tied(opportunity, merged, top, count)


@coalition_theory(
    "incumbent",
    name="Incumbent government continues",
    citation="L. W. Martin and R. T. Stevenson, APSR 104(3) (2010) 503-518",
)
def incumbent(opportunity: FormationOpportunity, *, top: int | None = None) -> Ranking:
    """The outgoing government's parties govern again (nothing if none is known).

    References
    ----------
    .. [1] L. W. Martin and R. T. Stevenson, "The Conditional Impact of Incumbency on
       Government Formation", *American Political Science Review* 104(3) (2010) 503-518.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s)
    ...       for p, s in [("A", 45), ("B", 40), ("C", 15)]), incumbent_parties=("B",))
    >>> [(c.parties, c.status) for c in incumbent(opp)]
    [(('B',), 'minority')]
    """
    parties = [
        p
        for p in opportunity.incumbent_parties
        if opportunity.party(p).eligible and opportunity.party(p).seats > 0
    ]
    return _tied(opportunity, [parties] if parties else [], top)


@coalition_theory(
    "model",
    name="Conditional logit (fitted)",
    citation="L. W. Martin and R. T. Stevenson, AJPS 45(1) (2001) 33-50",
    probabilistic=True,
)
def model(
    opportunity: FormationOpportunity, *, top: int | None = None, coalition_model: Any = None
) -> Ranking:
    """Every potential government with its probability under the fitted conditional logit.

    Parameters
    ----------
    opportunity : FormationOpportunity
    top : int, optional
        List only the ``top`` most likely (all potential governments count in ``total``).
    coalition_model : CoalitionModel, optional
        Coefficients to use; the shipped ones (:func:`~majlis.formation.load_model`) by default.

    References
    ----------
    .. [1] L. W. Martin and R. T. Stevenson, "Government Formation in Parliamentary
       Democracies", *American Journal of Political Science* 45(1) (2001) 33-50.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s)
    ...       for p, s in [("A", 45), ("B", 40), ("C", 15)]), incumbent_parties=("A", "C"))
    >>> best = model(opp)[0]
    >>> best.parties, best.status
    (('A', 'C'), 'minimal-winning')
    """
    from majlis.formation.logit import load_model

    m = coalition_model if coalition_model is not None else load_model()
    cs, p = m.probabilities(opportunity)
    return Ranking(_rank_candidates(cs, p, top), len(cs))


def _rank_candidates(
    cs: CandidateSet, scores: np.ndarray, top: int | None
) -> tuple[RankedCoalition, ...]:
    """:func:`rank_coalitions` for a whole candidate set at once (vectorised; same result).

    The candidate set's parties are ordered largest first (ties by id), as
    :func:`~majlis.formation.candidates.order_coalition` orders a coalition's members.
    """
    opp = cs.opportunity
    B = cs.members()
    w = np.array([opp.party(x).seats for x in cs.parties], dtype=np.int64)
    seats = B @ w
    smallest = np.where(B, w, np.iinfo(np.int64).max).min(axis=1)
    q = opp.majority_threshold
    status = np.where(
        seats < q, "minority", np.where(seats - smallest < q, "minimal-winning", "surplus")
    )
    order = np.argsort(-scores, kind="stable")
    ordered = scores[order]
    # competition rank: 1 + the number of strictly higher scores
    rank = np.searchsorted(-ordered, -ordered, side="left") + 1
    keep = order if top is None else order[:top]
    return tuple(
        RankedCoalition(
            cs.coalition(int(k)), float(scores[k]), int(seats[k]), str(status[k]), int(rank[i])
        )
        for i, k in enumerate(keep)
    )

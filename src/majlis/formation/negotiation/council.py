"""The coordination council: how a bloc of leaders decides whom to back for prime minister.

A :class:`Council` belongs to a bloc (the Coordination Framework) and has
:class:`Leader` records, each speaking for one faction (a party of the bloc) with a weight
(its faction's seats, shared equally by leaders of the same faction), and dated
:class:`LeaderStance` records: a ranking of candidates (most preferred first) and vetoes
(each with the probability that it holds in a run). Candidates are data
(:class:`Candidate`).

Three registered rules (:data:`COUNCIL_RULES`), each a plain function of the leaders'
stances and the candidates still standing, return a :class:`CouncilDecision` that says why:

``consensus``
    Leaders' consensus: a candidate any leader vetoes is out; among the others, the one with
    the best total rank (Borda count, every leader equal; a candidate a leader does not rank
    counts as ranked last by it). Ties go to the candidate listed first in the scenario.
``weighted``
    A seat-weighted vote: each leader votes with its weight for its highest-ranked candidate
    still standing; a candidate with more than half of the weight cast wins, else the one with
    the least weight is eliminated and the votes transfer (instant run-off). Vetoes do not
    bind (a leader never votes for a candidate it vetoes).
``veto``
    A veto per leader: a candidate any leader vetoes is out; among the others, the one with
    the most seat-weighted first preferences wins (plurality; ties by the scenario's order).

``two-thirds``
    One vote per leader, a qualified majority: a leader approves the candidates it ranks and
    does not veto; a candidate approved by at least two-thirds of the leaders qualifies; the
    qualifying candidate with the most approvals wins (then the best total rank, then the
    scenario's order). Reported for the Framework in April 2026 ("the candidate will be
    assigned if he obtains the approval of two-thirds of the framework members", Badr's
    Mu'in al-Kadhimi; "voting within the Framework gives each leader an equal vote").

Deterministic given the leaders' drawn vetoes; exact weights (``fractions.Fraction``).


References
----------
.. [1] J.-C. de Borda, "Mémoire sur les élections au scrutin", *Histoire de l'Académie Royale
   des Sciences*, 1781 (the rank count of the consensus rule).
.. [2] T. Hare, *A Treatise on the Election of Representatives*, 1859 (elimination and
   transfer, the instant run-off of the weighted rule).
.. [3] Shafaq News, 24 Jan 2026, https://www.shafaq.com/en/Iraq/Nouri-Al-Maliki-officially-nominated-for-Iraqi-premiership
   (the Framework's nomination by majority vote).

Examples
--------
>>> leaders = [LeaderView("m", "Maliki", Fraction(29), ("maliki", "zaidi"), frozenset({"sudani"})),
...            LeaderView("s", "Sudani", Fraction(46), ("sudani", "maliki", "zaidi"), frozenset()),
...            LeaderView("h", "Hakim", Fraction(9), ("sudani", "zaidi"), frozenset({"maliki"}))]
>>> standing = ("sudani", "maliki", "zaidi")
>>> decide("weighted", leaders, standing).candidate       # Sudani 55 of 84: a majority
'sudani'
>>> decide("consensus", leaders, standing).candidate      # the only one nobody vetoes
'zaidi'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from majlis.errors import UnknownMethodError, ValidationError
from majlis.model import two_thirds_quota

__all__ = [
    "COUNCIL_RULES",
    "Candidate",
    "Council",
    "CouncilDecision",
    "CouncilRule",
    "Leader",
    "LeaderStance",
    "LeaderView",
    "council_rule",
    "decide",
]


@dataclass(frozen=True)
class Candidate:
    """A prime-minister candidate: data (name, party, source); ``compromise`` marks a candidate
    who is no faction leader's own (an independent put forward as a compromise)."""

    id: str
    name: str
    party: str = ""
    compromise: bool = False
    source: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "id": self.id,
            "name": self.name,
            "party": self.party,
            "compromise": self.compromise,
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True)
class LeaderStance:
    """A leader's ranking and vetoes from ``start`` on (``None``: from the beginning)."""

    start: dt.date | None
    ranking: tuple[str, ...] = ()
    vetoes: Mapping[str, float] = field(default_factory=dict)
    source: str = ""
    assumption: str = ""

    def __post_init__(self) -> None:
        if len(set(self.ranking)) != len(self.ranking):
            raise ValidationError("a leader's ranking names a candidate twice")
        for c, p in self.vetoes.items():
            if not 0.0 <= p <= 1.0:
                raise ValidationError(f"veto of {c!r}: probability must be in [0, 1], got {p}")


@dataclass(frozen=True)
class Leader:
    """A council member speaking for a faction (an actor id), with dated stances."""

    id: str
    name: str
    faction: str
    stances: tuple[LeaderStance, ...]

    def stance_index(self, on: dt.date) -> int:
        """Index of the stance in force on ``on`` (the last one started by then; else 0)."""
        return max(
            (i for i, s in enumerate(self.stances) if s.start is None or s.start <= on),
            default=0,
        )

    def stance(self, on: dt.date) -> LeaderStance:
        """The stance in force on ``on`` (the last one started by then; else the first)."""
        return self.stances[self.stance_index(on)]


@dataclass(frozen=True)
class Council:
    """A bloc's council: its rule, leaders and candidates (in the scenario's order).

    ``decides_from``: the council backs nobody before this date (``None``: from the start).
    """

    bloc: str
    name: str
    rule: str
    leaders: tuple[Leader, ...]
    candidates: tuple[str, ...]
    source: str = ""
    assumption: str = ""
    decides_from: dt.date | None = None

    def __post_init__(self) -> None:
        if self.rule not in COUNCIL_RULES:
            raise UnknownMethodError(
                f"unknown council rule {self.rule!r} (known: {', '.join(COUNCIL_RULES)})"
            )


@dataclass(frozen=True)
class LeaderView:
    """A leader as a rule sees it on one day: weight, ranking, and the vetoes that hold."""

    id: str
    name: str
    weight: Fraction
    ranking: tuple[str, ...]
    vetoes: frozenset[str]


@dataclass(frozen=True)
class CouncilDecision:
    """The council's choice (``None``: no candidate) and why, with the rule's scores."""

    rule: str
    candidate: str | None
    reason: str
    scores: Mapping[str, str] = field(default_factory=dict)
    vetoed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "rule": self.rule,
            "candidate": self.candidate,
            "reason": self.reason,
            "scores": dict(self.scores),
            "vetoed": {k: list(v) for k, v in self.vetoed.items()},
        }


@dataclass(frozen=True)
class CouncilRule:
    """A registered council rule: id, name, description, function."""

    id: str
    name: str
    description: str
    function: Callable[[Sequence[LeaderView], Sequence[str]], CouncilDecision] = field(repr=False)


#: Every registered council rule by id (the ids the CLI accepts for ``--council-rule``).
COUNCIL_RULES: dict[str, CouncilRule] = {}


def council_rule(
    id: str, *, name: str, description: str
) -> Callable[
    [Callable[[Sequence[LeaderView], Sequence[str]], CouncilDecision]],
    Callable[[Sequence[LeaderView], Sequence[str]], CouncilDecision],
]:
    """Register the decorated function under ``id`` and return it unchanged."""

    def deco(
        fn: Callable[[Sequence[LeaderView], Sequence[str]], CouncilDecision],
    ) -> Callable[[Sequence[LeaderView], Sequence[str]], CouncilDecision]:
        COUNCIL_RULES[id] = CouncilRule(id, name, description, fn)
        return fn

    return deco


def decide(rule: str, leaders: Sequence[LeaderView], standing: Sequence[str]) -> CouncilDecision:
    """Apply the registered rule ``rule`` to the leaders and the candidates still standing."""
    try:
        info = COUNCIL_RULES[rule]
    except KeyError:
        raise UnknownMethodError(
            f"unknown council rule {rule!r} (known: {', '.join(COUNCIL_RULES)})"
        ) from None
    if not standing:
        return CouncilDecision(rule, None, "no candidate is left standing")
    return info.function(leaders, standing)


def _vetoed(leaders: Sequence[LeaderView], standing: Sequence[str]) -> dict[str, tuple[str, ...]]:
    return {
        c: tuple(lv.name for lv in leaders if c in lv.vetoes)
        for c in standing
        if any(c in lv.vetoes for lv in leaders)
    }


def _veto_text(vetoed: Mapping[str, tuple[str, ...]]) -> str:
    if not vetoed:
        return "no veto"
    return "vetoed: " + "; ".join(f"{c} (by {', '.join(who)})" for c, who in vetoed.items())


def _total_rank(leaders: Sequence[LeaderView], c: str) -> int:
    """The sum of ``c``'s places in the leaders' rankings (Borda; unranked counts as last)."""
    return sum(lv.ranking.index(c) if c in lv.ranking else len(lv.ranking) for lv in leaders)


def _fmt(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else str(x)


@council_rule(
    "consensus",
    name="Leaders' consensus",
    description="a candidate any leader vetoes is out; among the others the best total rank "
    "(Borda, every leader equal); ties by the scenario's order",
)
def consensus_rule(leaders: Sequence[LeaderView], standing: Sequence[str]) -> CouncilDecision:
    """Leaders' consensus (see the module docstring).

    >>> ls = [LeaderView("a", "A", Fraction(1), ("x", "y"), frozenset()),
    ...       LeaderView("b", "B", Fraction(9), ("y", "x"), frozenset())]
    >>> consensus_rule(ls, ["x", "y"]).candidate   # a tie on rank: the first listed
    'x'
    """
    vetoed = _vetoed(leaders, standing)
    ok = [c for c in standing if c not in vetoed]
    if not ok:
        return CouncilDecision(
            "consensus",
            None,
            f"leaders' consensus: every candidate is vetoed by a leader ({_veto_text(vetoed)})",
            vetoed=vetoed,
        )
    score = {c: _total_rank(leaders, c) for c in ok}
    best = min(ok, key=lambda c: (score[c], standing.index(c)))
    listing = ", ".join(f"{c} {score[c]}" for c in ok)
    return CouncilDecision(
        "consensus",
        best,
        f"leaders' consensus: {best} is vetoed by no leader and has the best total rank "
        f"(lower is better: {listing}); {_veto_text(vetoed)}",
        {c: str(score[c]) for c in ok},
        vetoed,
    )


@council_rule(
    "weighted",
    name="Seat-weighted vote",
    description="each leader votes its seats for its highest-ranked standing candidate; more "
    "than half the weight cast wins, else the weakest is eliminated (instant run-off)",
)
def weighted_rule(leaders: Sequence[LeaderView], standing: Sequence[str]) -> CouncilDecision:
    """A seat-weighted instant run-off (see the module docstring).

    >>> ls = [LeaderView("a", "A", Fraction(40), ("x", "z"), frozenset()),
    ...       LeaderView("b", "B", Fraction(35), ("y", "z"), frozenset()),
    ...       LeaderView("c", "C", Fraction(25), ("z", "y"), frozenset())]
    >>> d = weighted_rule(ls, ["x", "y", "z"])
    >>> d.candidate, d.scores       # z eliminated, its 25 go to y: 60 of 100
    ('y', {'x': '40', 'y': '60'})
    """
    alive = list(standing)
    steps: list[str] = []
    while alive:
        tally: dict[str, Fraction] = dict.fromkeys(alive, Fraction(0))
        for lv in leaders:
            top = next(
                (c for c in lv.ranking if c in tally and c not in lv.vetoes),
                None,
            )
            if top is not None:
                tally[top] += lv.weight
        cast = sum(tally.values(), Fraction(0))
        listing = ", ".join(f"{c} {_fmt(w)}" for c, w in tally.items())
        if cast == 0:
            return CouncilDecision(
                "weighted",
                None,
                "seat-weighted vote: no leader ranks any standing candidate"
                + (f" ({'; '.join(steps)})" if steps else ""),
            )
        best = max(alive, key=lambda c: (tally[c], -alive.index(c)))
        if tally[best] * 2 > cast:
            steps.append(listing)
            return CouncilDecision(
                "weighted",
                best,
                f"seat-weighted vote: {best} has {_fmt(tally[best])} of {_fmt(cast)} "
                f"(more than half) after {len(steps)} count(s): " + " | ".join(steps),
                {c: _fmt(w) for c, w in tally.items()},
            )
        worst = min(alive, key=lambda c: (tally[c], -alive.index(c)))
        steps.append(f"{listing} -> {worst} eliminated")
        alive.remove(worst)
    return CouncilDecision("weighted", None, "seat-weighted vote: no candidate is left")


@council_rule(
    "veto",
    name="A veto per leader",
    description="a candidate any leader vetoes is out; among the others the most seat-weighted "
    "first preferences (plurality); ties by the scenario's order",
)
def veto_rule(leaders: Sequence[LeaderView], standing: Sequence[str]) -> CouncilDecision:
    """A veto per leader, then a seat-weighted plurality (see the module docstring).

    >>> ls = [LeaderView("a", "A", Fraction(40), ("x", "y"), frozenset()),
    ...       LeaderView("b", "B", Fraction(10), ("y",), frozenset({"x"}))]
    >>> veto_rule(ls, ["x", "y"]).candidate
    'y'
    """
    vetoed = _vetoed(leaders, standing)
    ok = [c for c in standing if c not in vetoed]
    if not ok:
        return CouncilDecision(
            "veto",
            None,
            f"veto per leader: every candidate is vetoed ({_veto_text(vetoed)})",
            vetoed=vetoed,
        )
    tally: dict[str, Fraction] = dict.fromkeys(ok, Fraction(0))
    for lv in leaders:
        top = next((c for c in lv.ranking if c in tally), None)
        if top is not None:
            tally[top] += lv.weight
    best = max(ok, key=lambda c: (tally[c], -ok.index(c)))
    listing = ", ".join(f"{c} {_fmt(w)}" for c, w in tally.items())
    why = (
        f"{best} has the most seat-weighted first preferences ({listing})"
        if tally[best] > 0
        else f"no leader ranks a remaining candidate first; {best} is listed first"
    )
    return CouncilDecision(
        "veto",
        best,
        f"veto per leader: {why}; {_veto_text(vetoed)}",
        {c: _fmt(w) for c, w in tally.items()},
        vetoed,
    )


@council_rule(
    "two-thirds",
    name="Two-thirds of the leaders, one vote each",
    description="a leader approves the candidates it ranks and does not veto; a candidate "
    "approved by at least two-thirds of the leaders qualifies; the most approvals win",
)
def two_thirds_rule(leaders: Sequence[LeaderView], standing: Sequence[str]) -> CouncilDecision:
    """One vote per leader, two-thirds to qualify (see the module docstring).

    >>> ls = [LeaderView("a", "A", Fraction(40), ("x", "y"), frozenset()),
    ...       LeaderView("b", "B", Fraction(10), ("y", "x"), frozenset()),
    ...       LeaderView("c", "C", Fraction(10), ("y",), frozenset({"x"}))]
    >>> d = two_thirds_rule(ls, ["x", "y"])
    >>> d.candidate, d.scores          # y: 3 of 3 approve; x: 2 of 3 (also two-thirds, fewer)
    ('y', {'x': '2', 'y': '3'})
    """
    n = len(leaders)
    vetoed = _vetoed(leaders, standing)
    if not n:
        return CouncilDecision("two-thirds", None, "two-thirds: no leader votes", vetoed=vetoed)
    approvals = {
        c: sum(1 for lv in leaders if c in lv.ranking and c not in lv.vetoes) for c in standing
    }
    rank = {c: _total_rank(leaders, c) for c in standing}
    need = two_thirds_quota(n)
    qualified = [c for c in standing if approvals[c] >= need]
    listing = ", ".join(f"{c} {approvals[c]}" for c in standing)
    if not qualified:
        return CouncilDecision(
            "two-thirds",
            None,
            f"two-thirds of {n} leaders: no candidate is approved by {need} "
            f"(approvals: {listing}); {_veto_text(vetoed)}",
            {c: str(approvals[c]) for c in standing},
            vetoed,
        )
    best = min(qualified, key=lambda c: (-approvals[c], rank[c], standing.index(c)))
    return CouncilDecision(
        "two-thirds",
        best,
        f"two-thirds of {n} leaders: {best} is approved by {approvals[best]} "
        f"(at least {need} needed; approvals: {listing}); {_veto_text(vetoed)}",
        {c: str(approvals[c]) for c in standing},
        vetoed,
    )

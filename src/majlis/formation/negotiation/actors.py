"""Actors of a negotiation and what they value: seats, policy, office, the kind of government.

An :class:`Actor` is a party, a group of parties, or a faction of a council bloc (the
Coordination Framework's parties), resolved from a scenario on the dataset: the parties
whose seats it holds, its component (for the top-posts convention), its position and the
salience of each policy dimension, its preference between a consensus government (every
major actor in) and a majority one, the posts it demands, and its red lines.

:func:`utility` is the one valuation every decision uses::

    u = office_weight * office_share
        - policy_weight * policy_loss(position, government's policy)
        + form_weight * (c if consensus else 1 - c)         (members only)
        - demand_weight * unmet demands                     (members only)

``policy_loss`` is the salience-weighted mean, over the dimensions where both positions are
known, of the distance divided by the dimension's range (so it lies in ``[0, 1]``).


References
----------
.. [1] M. Laver and N. Schofield, *Multiparty Government: The Politics of Coalition in
   Europe*, Oxford University Press, 1990 (office and policy motivations of parties).
.. [2] K. Strøm, "A Behavioral Theory of Competitive Political Parties", *American Journal of
   Political Science* 34(2), 1990, pp. 565-598 (office-, policy- and vote-seeking parties).
.. [3] Constitution of the Republic of Iraq, 2005, Art. 70 and 76 (the posts and votes shared).

Examples
--------
>>> a = Actor("a", "A", position={"x": 2.0}, salience={"x": 1.0}, consensus=0.8)
>>> policy_loss(a, {"x": 7.0}, {"x": (0.0, 10.0)})
0.5
>>> w = {"office_weight": 1.0, "policy_weight": 1.0, "form_weight": 0.5, "demand_weight": 0.1}
>>> round(utility(a, office=0.2, position={"x": 7.0}, kind="consensus", params=w,
...               ranges={"x": (0.0, 10.0)}), 12)   # 0.2 - 0.5 + 0.5 * 0.8
0.1
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from majlis.errors import ValidationError

__all__ = [
    "GOVERNMENT_KINDS",
    "RED_LINE_KINDS",
    "Actor",
    "RedLine",
    "government_kind",
    "mean_position",
    "policy_loss",
    "red_line_violations",
    "utility",
]

#: ``no_serve_with``: will not sit in a government with that actor (or party);
#: ``no_candidate``: will not accept that prime-minister candidate.
RED_LINE_KINDS: tuple[str, ...] = ("no_serve_with", "no_candidate")
#: What a simulated formation ends in.
GOVERNMENT_KINDS: tuple[str, ...] = ("consensus", "majority", "deadlock")


@dataclass(frozen=True)
class RedLine:
    """A line an actor will not cross, with the probability that it holds in a run.

    ``probability`` 1 is a firm line; below 1 each run draws whether it holds (an assumption
    about how firm a reported line is). ``source`` or ``assumption`` says where it comes from.
    """

    kind: str
    target: str
    probability: float = 1.0
    source: str = ""
    assumption: str = ""

    def __post_init__(self) -> None:
        if self.kind not in RED_LINE_KINDS:
            raise ValidationError(
                f"red line kind must be one of {', '.join(RED_LINE_KINDS)}, got {self.kind!r}"
            )
        if not 0.0 <= self.probability <= 1.0:
            raise ValidationError(f"red line probability must be in [0, 1], got {self.probability}")

    def describe(self) -> str:
        """Plain words."""
        what = "serve with" if self.kind == "no_serve_with" else "accept the candidate"
        return f"will not {what} {self.target}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "kind": self.kind,
            "target": self.target,
            "probability": self.probability,
            "source": self.source,
            "assumption": self.assumption,
        }


@dataclass(frozen=True)
class Actor:
    """A negotiating actor (see the module docstring).

    Attributes
    ----------
    id, name : str
    parties : tuple of str
        Dataset party ids whose seats it holds (a bloc faction may also take the bloc's
        remaining members: see :mod:`majlis.formation.negotiation.scenario`).
    family : str
        Its component (``shia``, ``sunni``, ``kurdish``, ...), for the top-posts convention.
    position, salience : mapping dimension -> float
        Its policy position (dataset positions) and how much each dimension matters to it.
    consensus : float
        Preference for a consensus government over a majority one, in ``[0, 1]``.
    demands : tuple of str
        Posts it demands (a post name of the scenario's posts, e.g. the presidency).
    red_lines : tuple of RedLine
    bloc : str or None
        The council bloc it is a faction of (its offers are the council's).
    major : bool
        Counts for "consensus": a government is a consensus government when every major actor
        with seats is in it.
    candidate : str or None
        Its own prime-minister candidate, when it is a formateur outside a council.
    """

    id: str
    name: str
    parties: tuple[str, ...] = ()
    family: str = ""
    position: Mapping[str, float] = field(default_factory=dict)
    salience: Mapping[str, float] = field(default_factory=dict)
    consensus: float = 0.5
    demands: tuple[str, ...] = ()
    red_lines: tuple[RedLine, ...] = ()
    bloc: str | None = None
    major: bool = False
    candidate: str | None = None
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.consensus <= 1.0:
            raise ValidationError(
                f"actor {self.id!r}: consensus preference must be in [0, 1], got {self.consensus}"
            )
        if any(s < 0 for s in self.salience.values()):
            raise ValidationError(f"actor {self.id!r}: salience cannot be negative")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "id": self.id,
            "name": self.name,
            "parties": list(self.parties),
            "family": self.family,
            "position": dict(self.position),
            "salience": dict(self.salience),
            "consensus": self.consensus,
            "demands": list(self.demands),
            "red_lines": [r.to_dict() for r in self.red_lines],
            "bloc": self.bloc,
            "major": self.major,
            "candidate": self.candidate,
            "notes": list(self.notes),
        }


def policy_loss(
    actor: Actor, position: Mapping[str, float], ranges: Mapping[str, tuple[float, float]]
) -> float:
    """Salience-weighted mean distance from ``actor`` to ``position``, each dimension scaled
    by its range: 0 (same place) to 1 (opposite ends). Dimensions missing on either side, or
    of zero salience, do not count; with none left the loss is 0.

    >>> a = Actor("a", "A", position={"x": 0.0, "y": 10.0}, salience={"x": 3.0, "y": 1.0})
    >>> policy_loss(a, {"x": 10.0, "y": 10.0}, {"x": (0.0, 10.0), "y": (0.0, 10.0)})
    0.75
    """
    num = 0.0
    den = 0.0
    for dim, x in actor.position.items():
        y = position.get(dim)
        s = actor.salience.get(dim, 1.0)
        if y is None or s <= 0:
            continue
        lo, hi = ranges.get(dim, (0.0, 10.0))
        span = hi - lo
        if span <= 0:
            continue
        num += s * abs(x - y) / span
        den += s
    return num / den if den else 0.0


def mean_position(actors: Iterable[Actor], seats: Mapping[str, int]) -> dict[str, float]:
    """Seat-weighted mean position per dimension over the actors with a position on it.

    >>> a = Actor("a", "A", position={"x": 2.0})
    >>> b = Actor("b", "B", position={"x": 8.0, "y": 1.0})
    >>> mean_position([a, b], {"a": 3, "b": 1})
    {'x': 3.5, 'y': 1.0}
    """
    num: dict[str, float] = {}
    den: dict[str, int] = {}
    for a in actors:
        s = seats.get(a.id, 0)
        if s <= 0:
            continue
        for dim, x in a.position.items():
            num[dim] = num.get(dim, 0.0) + s * x
            den[dim] = den.get(dim, 0) + s
    return {d: num[d] / den[d] for d in num}


def government_kind(members: Iterable[str], major_present: Iterable[str]) -> str:
    """``"consensus"`` when every major actor with seats is a member, else ``"majority"``.

    >>> government_kind({"cf", "kdp"}, {"cf", "kdp", "sadrist"})
    'majority'
    >>> government_kind({"cf", "kdp", "x"}, {"cf", "kdp"})
    'consensus'
    """
    m = set(members)
    return "consensus" if all(a in m for a in major_present) else "majority"


def red_line_violations(
    members: Mapping[str, Actor],
    candidate: str | None,
    holds: Mapping[tuple[str, int], bool] | None = None,
) -> list[tuple[str, RedLine]]:
    """The red lines a government of ``members`` with PM ``candidate`` crosses.

    A ``no_serve_with`` target is an actor id or a party id of an actor in the government.
    ``holds[(actor id, line index)]`` says whether a line below probability 1 holds in this
    run (missing: it holds).

    >>> sadr = Actor("sadrist", "Sadrists", red_lines=(RedLine("no_serve_with", "sol"),))
    >>> sol = Actor("sol", "State of Law", parties=("sol",))
    >>> [(a, r.describe()) for a, r in red_line_violations({"sadrist": sadr, "sol": sol}, None)]
    [('sadrist', 'will not serve with sol')]
    """
    present_ids = set(members)
    present_parties = {p for a in members.values() for p in a.parties}
    out = []
    for aid, actor in members.items():
        for i, line in enumerate(actor.red_lines):
            if holds is not None and not holds.get((aid, i), True):
                continue
            if line.kind == "no_serve_with":
                if line.target != aid and (
                    line.target in present_ids
                    or (line.target in present_parties and line.target not in actor.parties)
                ):
                    out.append((aid, line))
            elif candidate is not None and line.target == candidate:
                out.append((aid, line))
    return out


def utility(
    actor: Actor,
    *,
    office: float = 0.0,
    position: Mapping[str, float] | None = None,
    kind: str | None = None,
    unmet: int = 0,
    params: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]],
) -> float:
    """The actor's utility for an outcome (see the module docstring).

    Parameters
    ----------
    office : float
        Its share of the cabinet's post weight (0 outside the government).
    position : mapping, optional
        The outcome's policy (the government's, or the status quo's in a deadlock).
    kind : {"consensus", "majority"} or None
        The kind of government, for a member; ``None`` for an outsider or a deadlock.
    unmet : int
        Demanded posts it does not get (members only).
    params : mapping
        Drawn parameters: ``office_weight``, ``policy_weight``, ``form_weight``,
        ``demand_weight``.
    """
    u = params["office_weight"] * office
    if position is not None:
        u -= params["policy_weight"] * policy_loss(actor, position, ranges)
    if kind == "consensus":
        u += params["form_weight"] * actor.consensus
    elif kind == "majority":
        u += params["form_weight"] * (1.0 - actor.consensus)
    return u - params["demand_weight"] * unmet

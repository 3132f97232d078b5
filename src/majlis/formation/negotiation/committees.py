"""Committees: negotiation channels, the offers made through them, and how an offer is weighed.

A :class:`Channel` is a delegation sent by a formateur (a council bloc or a party) under a
head to one or more counterparts: the Coordination Framework's three committees of December
2021 come from the dataset's committees table (with both accounts of who led the Sunni talks),
other channels from the scenario file with their source.

Each round the delegation makes each counterpart an :class:`Offer`: join a government of the
formateur's committed partners plus the receiver, under the council's prime-minister
candidate, with the posts the portfolio rule gives (plus ``bonus`` ordinary ministries moved
from the formateur's own share) and a policy leaning ``concession`` of the way from the
delegation's anchor to the receiver's position. The anchor is the prospective coalition's
seat-weighted mean policy, pulled ``head_influence`` of the way toward the head's own party
position (:func:`offer_policy`): who leads a committee changes what it offers.

The receiver accepts when its utility for the offer, plus an acceptance-noise draw, beats its
outside option (:func:`accepts`). The outside option is what it gets by saying no, which
depends on what the rival camp can reach without it (see
:mod:`majlis.formation.negotiation.simulation`). On a rejection the delegation concedes one
step more for the next round (:func:`next_concession`): first the post the receiver demands,
then one more ministry at a time up to ``max_bonus_posts``, then policy by
``concession_step`` up to ``max_concession``, as long as the formateur itself still gains
from the deal.


References
----------
.. [1] D. P. Baron and J. A. Ferejohn, "Bargaining in Legislatures", *American Political
   Science Review* 83(4), 1989, pp. 1181-1206 (offers accepted when they beat the
   continuation value).
.. [2] A. Rubinstein, "Perfect Equilibrium in a Bargaining Model", *Econometrica* 50(1), 1982,
   pp. 97-109 (alternating offers and concessions).

Examples
--------
>>> accepts(utility=-0.10, outside=-0.12, noise=0.0)
True
>>> accepts(utility=-0.10, outside=-0.12, noise=-0.05)       # a bad draw: rejected
False
>>> offer_policy({"x": 6.0}, {"x": 4.0}, {"x": 0.0}, head_influence=0.5, concession=0.25)
{'x': 3.75}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Channel",
    "Concession",
    "Offer",
    "accepts",
    "next_concession",
    "offer_policy",
]


@dataclass(frozen=True)
class Channel:
    """A delegation from ``side`` (a formateur id) led by ``head`` to ``counterparts``.

    ``head_party`` is the head's party in the dataset (its position anchors the offers);
    ``opens`` the date from which the channel is used; ``account`` whose version of the
    committee this is (disputed committees keep one row per account in the dataset).
    """

    id: str
    side: str
    head: str
    counterparts: tuple[str, ...]
    head_party: str = ""
    head_position: Mapping[str, float] = field(default_factory=dict)
    opens: dt.date | None = None
    account: str = ""
    source: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "id": self.id,
            "side": self.side,
            "head": self.head,
            "head_party": self.head_party,
            "counterparts": list(self.counterparts),
            "opens": self.opens.isoformat() if self.opens else None,
            "account": self.account,
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True)
class Concession:
    """What a delegation currently offers one receiver beyond the rule's allocation."""

    demanded_post: bool = False
    bonus: int = 0
    policy: float = 0.0

    def describe(self) -> str:
        """Plain words (empty when nothing is conceded)."""
        parts = []
        if self.demanded_post:
            parts.append("its demanded post")
        if self.bonus:
            parts.append(f"{self.bonus} extra ministr{'y' if self.bonus == 1 else 'ies'}")
        if self.policy:
            parts.append(f"a policy concession of {self.policy:.0%}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Offer:
    """One offer and its answer, as the trace records it."""

    round: int
    channel: str
    sender: str
    receiver: str
    members: tuple[str, ...]
    candidate: str | None
    concession: Concession
    office: float
    utility: float
    outside: float
    outside_reason: str
    noise: float
    accepted: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (utilities rounded to 4 decimals for display)."""
        return {
            "round": self.round,
            "channel": self.channel,
            "sender": self.sender,
            "receiver": self.receiver,
            "members": list(self.members),
            "candidate": self.candidate,
            "concession": {
                "demanded_post": self.concession.demanded_post,
                "bonus_posts": self.concession.bonus,
                "policy": round(self.concession.policy, 4),
            },
            "office_share": round(self.office, 4),
            "utility": round(self.utility, 4),
            "outside_option": round(self.outside, 4),
            "outside_reason": self.outside_reason,
            "noise": round(self.noise, 4),
            "accepted": self.accepted,
            "reason": self.reason,
        }


def accepts(*, utility: float, outside: float, noise: float) -> bool:
    """The acceptance rule: ``utility + noise > outside`` (strictly).

    ``noise`` is the run's draw from a normal distribution of standard deviation ``noise``
    (a parameter); 0 makes the rule deterministic.
    """
    return utility + noise > outside


def offer_policy(
    coalition: Mapping[str, float],
    head: Mapping[str, float],
    receiver: Mapping[str, float],
    *,
    head_influence: float,
    concession: float,
) -> dict[str, float]:
    """The policy an offer puts to its receiver.

    The anchor is ``(1 - h) * coalition + h * head`` (dimensions the head has no position on
    keep the coalition's); the offer moves ``concession`` of the way from the anchor to the
    receiver's position (dimensions the receiver has no position on stay at the anchor).
    """
    out = {}
    for dim, x in coalition.items():
        anchor = x if dim not in head else (1.0 - head_influence) * x + head_influence * head[dim]
        target = receiver.get(dim)
        out[dim] = anchor if target is None else anchor + concession * (target - anchor)
    return out


def next_concession(
    current: Concession,
    *,
    demands_post: bool,
    max_bonus: int,
    step: float,
    max_policy: float,
) -> Concession | None:
    """The delegation's next step after a rejection, or ``None`` when it has nothing left.

    >>> c = next_concession(Concession(), demands_post=True, max_bonus=1, step=0.1, max_policy=0.2)
    >>> c.describe()
    'its demanded post'
    >>> c = next_concession(c, demands_post=True, max_bonus=1, step=0.1, max_policy=0.2)
    >>> c = next_concession(c, demands_post=True, max_bonus=1, step=0.1, max_policy=0.2)
    >>> c.describe()
    'its demanded post, 1 extra ministry, a policy concession of 10%'
    """
    if demands_post and not current.demanded_post:
        return Concession(True, current.bonus, current.policy)
    if current.bonus < max_bonus:
        return Concession(current.demanded_post, current.bonus + 1, current.policy)
    if step > 0 and current.policy < max_policy - 1e-12:
        return Concession(
            current.demanded_post, current.bonus, min(max_policy, current.policy + step)
        )
    return None

"""Result objects of the power questions, rendered by the CLI (``majlis power``), the web app
and notebooks: :class:`IndexReport` (one index of any game) and :class:`PowerReport` (every
party of a parliament at its quotas, with and without an alliance as an a priori union).
Values are exact :class:`~fractions.Fraction`; ``to_dict()`` writes them as ``"p/q"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from majlis._optional import require
from majlis.games._registry import power_index

__all__ = [
    "THRESHOLD_STATUSES",
    "CoalitionReport",
    "IndexReport",
    "PartyPower",
    "PowerReport",
    "index_report",
]

#: The indices of a :class:`PowerReport`, in column order.
REPORT_INDICES = ("banzhaf", "shapley_shubik", "banzhaf_owen", "owen")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class IndexReport:
    """One power index of a game: the players, their weights and exact values."""

    index: str
    name: str
    players: tuple[str, ...]
    weights: tuple[str, ...]  # per player, one weight per quota joined by ","
    values: tuple[Fraction, ...]
    game: str = ""

    def to_dict(self) -> dict[str, Any]:
        """``{"index": id, "values": {player: "p/q"}}`` (the ``majlis power --json`` shape)."""
        return {
            "index": self.index,
            "values": {k: str(v) for k, v in zip(self.players, self.values)},
        }

    def to_pandas(self) -> Any:
        """One row per player: weight and exact value (a pandas DataFrame)."""
        pd = require("pandas", "pandas", "tables as DataFrames")
        return pd.DataFrame(
            {"player": self.players, "weight": self.weights, self.index: list(self.values)}
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{_esc(p)}</td><td>{w}</td><td>{v}</td><td>{float(v):.4f}</td></tr>"
            for p, w, v in zip(self.players, self.weights, self.values)
        )
        return (
            f"<p><b>{_esc(self.name)}</b></p><table><tr><th>player</th><th>weight</th>"
            f"<th>value</th><th>≈</th></tr>{rows}</table>"
        )


def index_report(game: Any, index: str, unions: Any = None) -> IndexReport:
    """Compute one registered index of ``game`` (``unions`` for Owen-type values).

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> r = index_report(WeightedGame([73, 37, 33, 31], 165), "shapley-shubik")
    >>> r.to_dict()["values"]
    {'0': '1/4', '1': '1/4', '2': '1/4', '3': '1/4'}
    """
    info = power_index(index)
    values = info.compute(game, unions)
    base = getattr(game, "game", game)  # a dual game shows its base game's weights
    vectors = getattr(base, "weight_vectors", ())
    weights = tuple(",".join(str(r[i]) for r in vectors) for i in range(len(values)))
    return IndexReport(index, info.name, tuple(game.names), weights, tuple(values), repr(game))


@dataclass(frozen=True)
class PartyPower:
    """A party's seats, players (independents count one each) and power at each quota."""

    id: str
    name: str
    seats: int
    players: int
    seat_share: Fraction
    in_alliance: bool
    power: dict[int, dict[str, Fraction]]


@dataclass(frozen=True)
class PowerReport:
    """Every party's Banzhaf and Shapley–Shubik power at each quota of a parliament, and the
    same with an alliance as an a priori union (Owen, Banzhaf–Owen as shares)."""

    date: str
    election: str
    house: int
    filled: int
    alliance: str
    alliance_members: tuple[str, ...]
    alliance_seats: int
    quotas: tuple[int, ...]
    parties: tuple[PartyPower, ...]

    def party(self, party_id: str) -> PartyPower:
        """The row of one party."""
        return next(p for p in self.parties if p.id == party_id)

    def to_dict(self) -> dict[str, Any]:
        """The ``majlis power --election/--date --json`` document (fractions as ``"p/q"``)."""
        return {
            "date": self.date,
            "election": self.election,
            "house": self.house,
            "filled": self.filled,
            "alliance": {
                "id": self.alliance,
                "members": list(self.alliance_members),
                "seats": self.alliance_seats,
            },
            "quotas": list(self.quotas),
            "parties": [
                {
                    "id": p.id,
                    "name": p.name,
                    "seats": p.seats,
                    "players": p.players,
                    "in_alliance": p.in_alliance,
                    "seat_share": str(p.seat_share),
                    "power": {
                        str(q): {k: str(v) for k, v in p.power[q].items()} for q in self.quotas
                    },
                }
                for p in self.parties
            ],
        }

    def to_pandas(self) -> Any:
        """One row per party and quota: seats, seat share and the four exact values."""
        pd = require("pandas", "pandas", "tables as DataFrames")
        rows = [
            {
                "party": p.id,
                "name": p.name,
                "quota": q,
                "seats": p.seats,
                "seat_share": p.seat_share,
                "in_alliance": p.in_alliance,
                **p.power[q],
            }
            for q in self.quotas
            for p in self.parties
        ]
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in ("party", "seats", "quota", *REPORT_INDICES))
        body = "".join(
            f"<tr><td>{_esc(p.name)}</td><td>{p.seats}</td><td>{q}</td>"
            + "".join(f"<td>{float(p.power[q][k]):.1%}</td>" for k in REPORT_INDICES)
            + "</tr>"
            for q in self.quotas
            for p in self.parties
        )
        title = _esc(f"Power in the house of {self.date} (union: {self.alliance})")
        return f"<p><b>{title}</b></p><table><tr>{head}</tr>{body}</table>"


#: What a coalition can do in a house, strongest first (see :func:`threshold_status`).
THRESHOLD_STATUSES = ("two_thirds", "majority", "blocking", "short", "empty")


@dataclass(frozen=True)
class CoalitionReport:
    """A coalition in a house: its seats against the thresholds, each member's exact power in
    the house's game at the chosen quota, and the minimal winning coalitions containing it.

    ``power`` rows are ``{"id", "seats", index: Fraction, ...}`` for the ``indices``
    (Banzhaf and Shapley–Shubik; with a union also Owen and Banzhaf–Owen shares).
    """

    date: str
    election: str
    members: tuple[str, ...]
    seats: int
    quota: int
    majority: int
    two_thirds: int
    blocking_third: int
    status: str
    union: str | None
    indices: tuple[str, ...]
    power: tuple[dict[str, Any], ...]
    minimal_winning: tuple[dict[str, Any], ...]

    @property
    def to_majority(self) -> int:
        """Seats still missing for an absolute majority (negative: a surplus)."""
        return self.majority - self.seats

    @property
    def to_two_thirds(self) -> int:
        """Seats still missing for two-thirds (negative: a surplus)."""
        return self.two_thirds - self.seats

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (the web API's ``/api/coalitions``; fractions as ``"p/q"``)."""
        return {
            "date": self.date,
            "election": self.election,
            "members": list(self.members),
            "seats": self.seats,
            "quota": self.quota,
            "majority": self.majority,
            "two_thirds": self.two_thirds,
            "blocking_third": self.blocking_third,
            "status": self.status,
            "to_majority": self.to_majority,
            "to_two_thirds": self.to_two_thirds,
            "union": self.union,
            "power": [
                {k: (str(v) if k in self.indices else v) for k, v in row.items()}
                for row in self.power
            ],
            "minimal_winning": [dict(c) for c in self.minimal_winning],
        }

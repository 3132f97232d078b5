"""Party positions in a house: each seated party's position on the policy dimensions, with sources.

A thin report over :meth:`majlis.model.Dataset.position` for the CLI and the web app.

Examples
--------
>>> from majlis.data import load_dataset
>>> r = position_report(load_dataset("iraq"), election=2021, dimension="federalism")
>>> r.rows()[0]["party"], r.rows()[0]["value"]  # the largest party first
('sadrist', '4')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from majlis.model import Dataset, Position, format_number

__all__ = ["PositionReport", "position_report"]


@dataclass(frozen=True)
class PositionReport:
    """The positions of a house's parties (largest first) on some dimensions, on one date."""

    date: str
    election: str
    dimensions: tuple[str, ...]
    seats: dict[str, int]
    positions: dict[str, dict[str, Position | None]]

    def rows(self) -> list[dict[str, Any]]:
        """One row per party and dimension (a missing position has ``value`` None)."""
        out = []
        for party, seats in self.seats.items():
            for dim in self.dimensions:
                p = self.positions[party][dim]
                out.append(
                    {
                        "party": party,
                        "seats": seats,
                        "dimension": dim,
                        "value": format_number(p.value) if p else None,
                        "low": format_number(p.low) if p else None,
                        "high": format_number(p.high) if p else None,
                        "method": p.method if p else None,
                        "as_of": p.as_of.isoformat() if p and p.as_of else None,
                        "source": p.source if p else None,
                        "notes": p.notes if p else None,
                    }
                )
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (the ``majlis positions --json`` shape)."""
        return {
            "date": self.date,
            "election": self.election,
            "dimensions": list(self.dimensions),
            "positions": self.rows(),
        }


_MAIN = ("left_right", "pmf_iran", "federalism", "sectarian_civic")


def position_report(
    ds: Dataset,
    *,
    election: Any = None,
    date: Any = None,
    dimension: str | None = None,
    min_seats: int = 1,
) -> PositionReport:
    """Positions of every party with at least ``min_seats`` seats in the house on a date.

    Without ``dimension``: the dataset's main dimensions (``left_right``, ``pmf_iran``,
    ``federalism``, ``sectarian_civic`` where present, else all). Independents are left out.
    """
    house = ds.parliament(election=election, date=date)
    dims = ds.dimensions()
    if dimension is not None:
        ds.positions_on(dimension)  # raises UnknownIdError naming the known dimensions
        chosen: tuple[str, ...] = (dimension,)
    else:
        chosen = tuple(d for d in _MAIN if d in dims) or tuple(dims)
    seats = {
        p: s
        for p, s in sorted(house.seats.items(), key=lambda kv: (-kv[1], kv[0]))
        if s >= min_seats and not ds.party(p).independents
    }
    positions = {p: {d: ds.position(p, d, on=house.date) for d in chosen} for p in seats}
    return PositionReport(house.date.isoformat(), house.election.id, chosen, seats, positions)

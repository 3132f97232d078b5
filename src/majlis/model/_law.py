"""An electoral law as data: method, divisor, districts, threshold, quotas.

A country's laws are part of its dataset (``laws.csv``; magnitudes from the districts of an
election held under the law, or from ``law_districts.csv``), so a new country's law is new
rows, not new code. :mod:`majlis.electoral` applies a :class:`Law` to votes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from majlis.errors import ValidationError

__all__ = ["THRESHOLD_SCOPES", "WOMEN_QUOTA_RULES", "Law"]

THRESHOLD_SCOPES = ("district", "national")
"""Where a legal threshold is measured: in each district or on national totals."""

WOMEN_QUOTA_RULES = (
    "none",
    "list-2025",
    "district-sntv-2021",
    "after-three-men",
    "governorate-top-women-2010",
)
"""Ids of the women's-quota rules a law may name (see :mod:`majlis.electoral.districts`)."""


@dataclass(frozen=True)
class Law:
    """A declarative electoral law.

    Attributes
    ----------
    id, name : str
        Id (``"iraq-2025"``) and a human name.
    method : str
        A method id of :func:`majlis.electoral.allocate_seats` (checked when applied).
    first_divisor : str or None
        First divisor (exact decimal string, e.g. ``"1.7"``) for divisor methods.
    seats_by_district : tuple of (district, seats)
        Default magnitudes (empty when the user must give them, e.g. 2021's 83 districts).
    threshold, threshold_scope
        Legal threshold as a share of valid votes, per ``"district"`` or ``"national"``.
    women_quota : str
        The women's-quota rule id, one of :data:`WOMEN_QUOTA_RULES`.
    women_seats_by_district : tuple of (district, seats)
    minority_seats : tuple of (seat id, community, district)
    total_seats : int or None
        The house size the law gives (general plus minority seats).
    verified : bool
        False when a parameter rests on an unverified source (said in ``notes``).
    districts_from : str
        In a dataset: the election whose districts give the magnitudes (one copy of each
        table); :meth:`majlis.model.Dataset.law` fills ``seats_by_district`` from it.

    Examples
    --------
    >>> law = Law("xx-2024", "Example", "dhondt", seats_by_district=(("North", 4), ("South", 3)))
    >>> law.general_seats
    7
    """

    id: str
    name: str
    method: str
    first_divisor: str | None = None
    seats_by_district: tuple[tuple[str, int], ...] = ()
    threshold: str | None = None
    threshold_scope: str = "district"
    women_quota: str = "none"
    women_seats_by_district: tuple[tuple[str, int], ...] = ()
    minority_seats: tuple[tuple[str, str, str], ...] = ()
    total_seats: int | None = None
    verified: bool = True
    notes: str = ""
    sources: tuple[str, ...] = ()
    districts_from: str = ""

    def __post_init__(self) -> None:
        where = f"law {self.id!r}"
        if not self.id or not self.method:
            raise ValidationError(f"{where}: id and method are required")
        if self.threshold_scope not in THRESHOLD_SCOPES:
            raise ValidationError(
                f"{where}: threshold_scope {self.threshold_scope!r} is not one of {', '.join(THRESHOLD_SCOPES)}"
            )
        if self.women_quota not in WOMEN_QUOTA_RULES:
            raise ValidationError(
                f"{where}: unknown women's quota rule {self.women_quota!r} (one of {', '.join(WOMEN_QUOTA_RULES)})"
            )
        names = [d for d, _ in self.seats_by_district]
        if len(set(names)) != len(names):
            raise ValidationError(f"{where}: a district is listed twice")
        if any(s < 1 for _, s in self.seats_by_district):
            raise ValidationError(f"{where}: every district needs at least one seat")
        if self.districts_from and self.seats_by_district:
            raise ValidationError(
                f"{where}: give the magnitudes or the election they come from, not both"
            )

    @property
    def general_seats(self) -> int:
        """Seats allocated from the general (district) ballots."""
        return sum(s for _, s in self.seats_by_district)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the law."""
        return {
            "id": self.id,
            "name": self.name,
            "method": self.method,
            "first_divisor": self.first_divisor,
            "seats_by_district": dict(self.seats_by_district),
            "threshold": self.threshold,
            "threshold_scope": self.threshold_scope,
            "women_quota": self.women_quota,
            "women_seats_by_district": dict(self.women_seats_by_district),
            "minority_seats": [
                {"id": i, "community": c, "district": g} for i, c, g in self.minority_seats
            ],
            "total_seats": self.total_seats,
            "verified": self.verified,
            "notes": self.notes,
            "sources": list(self.sources),
            "districts_from": self.districts_from,
        }

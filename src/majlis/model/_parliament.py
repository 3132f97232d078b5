"""The composition of a house on one day: seats per party, and the alliances they form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from majlis._optional import require
from majlis.errors import UnknownIdError

if TYPE_CHECKING:
    from majlis.model._dataset import Dataset
    from majlis.model._records import Alliance, Election, Event, Party

__all__ = ["SEATING_FAMILIES", "Parliament", "majority_quota", "two_thirds_quota"]

#: Seating order by political family, for parties with no left–right position.
SEATING_FAMILIES: tuple[str, ...] = (
    "civil",
    "shia",
    "independent",
    "unknown",
    "sunni",
    "kurdish",
    "minority",
)

_KIND_ORDER = {"bloc": 0, "electoral": 1, "coalition": 2}


def majority_quota(house_size: int) -> int:
    """Absolute majority of all members: more than half (Iraq: 165 of 329, Constitution Art. 55, 59, 76).

    >>> majority_quota(329)
    165
    >>> majority_quota(328)
    165
    """
    return house_size // 2 + 1


def two_thirds_quota(house_size: int) -> int:
    """Two-thirds of all members, rounded up (Iraq: 220 of 329, Art. 70 and FSC ruling of 3 Feb 2022).

    >>> two_thirds_quota(329)
    220
    >>> two_thirds_quota(300)
    200
    """
    return -(-2 * house_size // 3)


@dataclass(frozen=True)
class Parliament:
    """The house on one day: seats per party, derived from an election and the events since.

    Build it with :meth:`majlis.model.Dataset.parliament`. Alliance seat totals are computed
    from the memberships in force on :attr:`date`, never typed in.
    """

    dataset: Dataset
    election: Election
    date: dt.date
    seats: dict[str, int]
    events: tuple[Event, ...] = ()

    def __post_init__(self) -> None:
        ordered = sorted(
            self.seats.items(), key=lambda kv: (-kv[1], self.dataset.party(kv[0]).name)
        )
        object.__setattr__(self, "seats", dict(ordered))

    # ------------------------------------------------------------------ sizes and thresholds
    @property
    def total_seats(self) -> int:
        """The house size (seats in law, filled or not)."""
        return self.election.house_size

    @property
    def filled_seats(self) -> int:
        """Seats held by someone on this day."""
        return sum(self.seats.values())

    @property
    def vacant_seats(self) -> int:
        """Seats empty on this day (e.g. between a resignation and the replacement's oath)."""
        return self.total_seats - self.filled_seats

    @property
    def majority(self) -> int:
        """Absolute majority of all members (165 of 329)."""
        return majority_quota(self.total_seats)

    @property
    def two_thirds(self) -> int:
        """Two-thirds of all members (220 of 329): the quorum for electing the President."""
        return two_thirds_quota(self.total_seats)

    @property
    def blocking_third(self) -> int:
        """The smallest group whose absence denies the two-thirds quorum (110 of 329)."""
        return self.total_seats - self.two_thirds + 1

    # ------------------------------------------------------------------ parties and players
    def party(self, party_id: str) -> Party:
        """The :class:`~majlis.model.Party` record of a party id."""
        return self.dataset.party(party_id)

    def players(self, expand_independents: bool = True) -> list[tuple[str, int]]:
        """Voting blocs as ``(name, seats)``; each independent MP is a separate one-seat player.

        >>> from majlis.data import load_dataset
        >>> p = load_dataset("iraq").parliament(election=2021)
        >>> p.players()[0], len(p.players()) - len(p.players(expand_independents=False))
        (('Sadrist Movement', 73), 42)
        """
        out: list[tuple[str, int]] = []
        for pid, seats in self.seats.items():
            party = self.party(pid)
            if expand_independents and party.independents:
                out.extend((f"{party.name} #{i + 1}", 1) for i in range(seats))
            else:
                out.append((party.name, seats))
        return out

    def player_ids(self, expand_independents: bool = True) -> list[str]:
        """The party id of each player of :meth:`players`, in the same order."""
        out: list[str] = []
        for pid, seats in self.seats.items():
            n = seats if expand_independents and self.party(pid).independents else 1
            out.extend([pid] * n)
        return out

    # ------------------------------------------------------------------ alliances
    def alliances(self) -> list[Alliance]:
        """Alliances active on this day that hold at least one seat, largest first."""
        active = [a for a in self.dataset.alliances if a.active(self.date)]
        with_seats = [(self.alliance_seats(a.id), a) for a in active]
        return [a for s, a in sorted(with_seats, key=lambda t: (-t[0], t[1].name)) if s > 0]

    def direct_members(self, alliance_id: str) -> list[str]:
        """Ids (parties or alliances) that are members of the alliance on this day."""
        self.dataset.alliance(alliance_id)
        return [
            m.member for m in self.dataset.memberships_on(self.date) if m.alliance == alliance_id
        ]

    def alliance_members(self, alliance_id: str) -> list[str]:
        """Party ids in the alliance on this day, directly or through member alliances, that hold seats.

        >>> from majlis.data import load_dataset
        >>> p = load_dataset("iraq").parliament(election=2021)
        >>> "sol" in p.alliance_members("cf")
        True
        """
        found: list[str] = []
        stack = [alliance_id]
        seen: set[str] = set()
        while stack:
            aid = stack.pop()
            if aid in seen:
                continue
            seen.add(aid)
            for member in self.direct_members(aid):
                if member in self.seats:
                    found.append(member)
                elif self.dataset.is_alliance(member):  # descend
                    stack.append(member)
        order = list(self.seats)
        return sorted(set(found), key=order.index)

    def alliance_seats(self, alliance_id: str) -> int:
        """Seats of the alliance on this day: the sum over its member parties (each counted once)."""
        return sum(self.seats[p] for p in self.alliance_members(alliance_id))

    def alliance_of(self, party_id: str) -> Alliance | None:
        """The innermost alliance the party belongs to directly (a bloc before a coalition)."""
        direct = [
            self.dataset.alliance(m.alliance)
            for m in self.dataset.memberships_on(self.date)
            if m.member == party_id
        ]
        if not direct:
            return None
        return min(direct, key=lambda a: (_KIND_ORDER[a.kind], self.alliance_seats(a.id), a.id))

    def seats_of(self, ids: list[str] | tuple[str, ...]) -> int:
        """Seats of a group of parties and/or alliances (each party counted once)."""
        parties: set[str] = set()
        for i in ids:
            if self.dataset.is_party(i):
                parties.add(i)
            elif self.dataset.is_alliance(i):
                parties.update(self.alliance_members(i))
            else:
                raise UnknownIdError(f"unknown party or alliance {i!r}")
        return sum(self.seats.get(p, 0) for p in parties)

    # ------------------------------------------------------------------ output
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document of the composition (the ``majlis parliament --json`` shape)."""
        parties = []
        for pid, seats in self.seats.items():
            p = self.party(pid)
            a = self.alliance_of(pid)
            parties.append(
                {
                    "id": pid,
                    "name": p.name,
                    "name_ar": p.name_ar,
                    "family": p.family,
                    "seats": seats,
                    "alliance": a.id if a else None,
                }
            )
        alliances = []
        for a in self.alliances():
            seats = self.alliance_seats(a.id)
            alliances.append(
                {
                    "id": a.id,
                    "name": a.name,
                    "kind": a.kind,
                    "seats": seats,
                    "members": self.direct_members(a.id),
                    "parties": self.alliance_members(a.id),
                    "to_majority": self.majority - seats,
                    "to_two_thirds": self.two_thirds - seats,
                }
            )
        return {
            "country": self.dataset.country,
            "date": self.date.isoformat(),
            "election": self.election.id,
            "total_seats": self.total_seats,
            "filled_seats": self.filled_seats,
            "vacant_seats": self.vacant_seats,
            "majority": self.majority,
            "two_thirds": self.two_thirds,
            "blocking_third": self.blocking_third,
            "parties": parties,
            "alliances": alliances,
            "events_applied": [ev.to_dict() for ev in self.events],
        }

    def seating(self, first: Iterable[str] = ()) -> list[str]:
        """Party ids in seat order from left to right: grouped by alliance, the groups ordered
        by left–right position (not by size).

        A party's key is its ``left_right`` position on the house's day
        (:meth:`Dataset.position`); an alliance's is the seat-weighted mean of its members', and
        a member without one takes its alliance's. Groups with no position sit at the right end
        by political family (:data:`SEATING_FAMILIES`); so does everything when the dataset has
        no positions. Size only breaks ties. Parties in ``first`` (a coalition being built) are
        seated first, so the majority mark shows whether they reach it.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> house = load_dataset("iraq").parliament(election=2021)
        >>> order = house.seating()
        >>> sorted(order) == sorted(house.seats), house.seating(first=["kdp"])[0]
        (True, 'kdp')
        """
        ds = self.dataset
        first_set = set(first)
        positions = (
            ds.positions_on("left_right", on=self.date) if "left_right" in ds.dimensions() else {}
        )
        groups: dict[str, list[str]] = {}
        for pid in self.seats:
            a = self.alliance_of(pid)
            groups.setdefault(a.id if a else f"~{pid}", []).append(pid)

        def lr(pid: str) -> float | None:
            pos = positions.get(pid)
            return float(pos.value) if pos is not None else None

        def family(pid: str) -> int:
            fam = self.party(pid).family
            return SEATING_FAMILIES.index(fam) if fam in SEATING_FAMILIES else len(SEATING_FAMILIES)

        rows: list[tuple[Any, ...]] = []
        for gid, members in groups.items():
            seats = sum(self.seats[p] for p in members)
            placed = [(lr(p), self.seats[p]) for p in members]
            weight = sum(w for v, w in placed if v is not None)
            mean = sum(v * w for v, w in placed if v is not None) / weight if weight else None
            fam = min(family(p) for p in members)
            group_key = (0, mean, 0) if mean is not None else (1, 0.0, fam)
            for pid in members:
                own = lr(pid)
                rows.append(
                    (
                        pid not in first_set,
                        group_key,
                        -seats,
                        gid,
                        own if own is not None else mean or 0.0,
                        family(pid),
                        -self.seats[pid],
                        pid,
                    )
                )
        rows.sort()
        return [row[-1] for row in rows]

    def to_pandas(self) -> Any:
        """The parties of the house as a pandas DataFrame (id, name, name_ar, family, seats,
        alliance); needs the optional ``pandas`` extra.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> df = load_dataset("iraq").parliament(election=2021).to_pandas()
        >>> int(df["seats"].sum())
        329
        """
        pd = require("pandas", "pandas", "tables as DataFrames")
        cols = ["id", "name", "name_ar", "family", "seats", "alliance"]
        return pd.DataFrame(self.to_dict()["parties"], columns=cols)

    def _repr_html_(self) -> str:
        """Jupyter shows a parliament as its hemicycle (drawn by :mod:`majlis.viz`)."""
        from majlis.viz import parliament_svg  # presentation hook: the model itself never draws

        return parliament_svg(self) + f"<p>{self.__repr__()[1:-1]}</p>"

    def __repr__(self) -> str:
        return (
            f"<Parliament {self.dataset.country} {self.date} (election {self.election.id}): "
            f"{self.filled_seats}/{self.total_seats} seats, {len(self.seats)} parties>"
        )

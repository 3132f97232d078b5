"""What the pages show, built from the library's documents: seating order, hemicycle, names.

Presentation only: the numbers come from :class:`majlis.model.Parliament` (and the other
library reports); this module orders, names and draws them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from majlis.model import Dataset, Parliament, parse_date
from majlis.viz import hemicycle_svg
from majlis.web.i18n import Translator, local_name

__all__ = [
    "FAMILY_ORDER",
    "Seat",
    "house_svg",
    "parliament_at",
    "record_names",
    "seating",
    "seating_basis",
    "slider_dates",
]

#: Seating order by political family, used until the dataset has left–right positions.
FAMILY_ORDER: tuple[str, ...] = (
    "civil",
    "shia",
    "independent",
    "unknown",
    "sunni",
    "kurdish",
    "minority",
)


@dataclass(frozen=True)
class Seat:
    """A group of seats in the hemicycle: one party, its seats, colour, alliance and names."""

    party: str
    seats: int
    colour: str
    name: str
    alliance: str | None
    alliance_name: str
    family: str
    left_right: float | None = None


def parliament_at(ds: Dataset, election: str | None, date: str | None) -> Parliament:
    """The house for a page's ``election``/``date`` query parameters (both empty: the default house)."""
    return ds.parliament(election=election or None, date=parse_date(date) if date else None)


def seating_basis(ds: Dataset) -> str:
    """``"position"`` when the dataset places parties on the left–right scale, else ``"family"``."""
    return "position" if "left_right" in ds.dimensions() else "family"


def seating(parl: Parliament, lang: str, first: Iterable[str] = ()) -> list[Seat]:
    """Seat groups from left to right: by alliance, ordered by left–right position, not size.

    A party's key is its left–right position on the house's day (``Dataset.position``); an
    alliance's is the seat-weighted mean of its members' positions, and a party without one
    takes its alliance's. Groups with no position at all sit at the right end, by political
    family (:data:`FAMILY_ORDER`); so does everything when the dataset has no positions.
    Size only breaks ties. Parties in ``first`` (a coalition being built) are seated first,
    so the majority mark shows whether they reach it.
    """
    ds = parl.dataset
    first_set = set(first)
    has_lr = seating_basis(ds) == "position"
    groups: dict[str, list[str]] = {}
    for pid in parl.seats:
        a = parl.alliance_of(pid)
        groups.setdefault(a.id if a else f"~{pid}", []).append(pid)

    def lr(pid: str) -> float | None:
        pos = ds.position(pid, "left_right", on=parl.date) if has_lr else None
        return float(pos.value) if pos is not None else None

    def family(pid: str) -> int:
        fam = parl.party(pid).family
        return FAMILY_ORDER.index(fam) if fam in FAMILY_ORDER else len(FAMILY_ORDER)

    rows: list[tuple[Any, ...]] = []
    for gid, members in groups.items():
        seats = sum(parl.seats[p] for p in members)
        placed = [(lr(p), parl.seats[p]) for p in members]
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
                    -parl.seats[pid],
                    pid,
                )
            )
    rows.sort()
    out: list[Seat] = []
    for *_, pid in rows:
        party = parl.party(pid)
        a = parl.alliance_of(pid)
        out.append(
            Seat(
                party=pid,
                seats=parl.seats[pid],
                colour=party.colour,
                name=local_name(party, lang),
                alliance=a.id if a else None,
                alliance_name=local_name(a, lang) if a else "",
                family=party.family,
                left_right=lr(pid),
            )
        )
    return out


def house_svg(
    parl: Parliament, t: Translator, seats: list[Seat], selected: Iterable[str] = ()
) -> str:
    """The hemicycle of ``seats`` with the majority and two-thirds marks."""
    chosen = set(selected)
    groups = []
    for s in seats:
        tip = t("house.seat_info", name=s.name, seats=s.seats)
        if s.alliance_name:
            tip += " · " + t("house.seat_alliance", name=s.alliance_name)
        groups.append((s.party, s.seats, s.colour, tip))
    classes = dict.fromkeys(chosen, "selected") if chosen else {}
    if chosen:
        classes.update({s.party: "unselected" for s in seats if s.party not in chosen})
    return hemicycle_svg(
        groups,
        total=parl.total_seats,
        title=f"{local_name(parl.dataset, t.lang)} {parl.date}",
        marks=(parl.majority, parl.two_thirds),
        classes=classes,
    )


def slider_dates(ds: Dataset) -> list[str]:
    """The dates of the timeline's events (and elections) on which a house exists, in order."""
    if not ds.elections:
        return []
    first = min(e.date for e in ds.elections)
    days = {e.date for e in ds.elections} | {
        e.first_session for e in ds.elections if e.first_session
    }
    days |= {ev.date for ev in ds.timeline() if ev.date >= first}
    return [d.isoformat() for d in sorted(days)]


def record_names(ds: Dataset, lang: str) -> dict[str, str]:
    """Every party's and alliance's id mapped to its name in ``lang``."""
    names = {p.id: local_name(p, lang) for p in ds.parties}
    names.update({a.id: local_name(a, lang) for a in ds.alliances})
    return names

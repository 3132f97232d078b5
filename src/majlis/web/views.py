"""What the pages show, built from the library's documents: seating order, hemicycle, names.

Presentation only: the numbers come from :class:`majlis.model.Parliament` (and the other
library reports); this module orders, names and draws them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from majlis.games import (
    PowerReport,
    game_from_parliament,
    minimal_winning_coalitions,
    power_report,
)
from majlis.model import Dataset, Parliament, parse_date
from majlis.viz import hemicycle_svg
from majlis.web.i18n import Translator, local_name

T = TypeVar("T")

__all__ = [
    "FAMILY_ORDER",
    "MWC_SHOWN",
    "coalition_members",
    "coalition_status",
    "coalition_view",
    "Seat",
    "house_svg",
    "parliament_at",
    "per_dataset",
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
    positions = (
        ds.positions_on("left_right", on=parl.date) if seating_basis(ds) == "position" else {}
    )
    alliance = {pid: parl.alliance_of(pid) for pid in parl.seats}
    groups: dict[str, list[str]] = {}
    for pid in parl.seats:
        a = alliance[pid]
        groups.setdefault(a.id if a else f"~{pid}", []).append(pid)

    def lr(pid: str) -> float | None:
        pos = positions.get(pid)
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
        a = alliance[pid]
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


# ---------------------------------------------------------------------- per-dataset cache
_DS_CACHE: OrderedDict[tuple[int, str], tuple[Any, Any]] = OrderedDict()
_DS_LOCK = threading.Lock()


def per_dataset(ds: Dataset, what: str, compute: Callable[[Dataset], T]) -> T:
    """``compute(ds)``, remembered for the last few datasets (datasets are immutable).

    The built-in dataset is one object for the life of the process, so its documents (the
    whole dataset as JSON, its source report) are computed once, not on every request.
    """
    key = (id(ds), what)
    with _DS_LOCK:
        hit = _DS_CACHE.get(key)
        if hit is not None and hit[0] is ds:
            _DS_CACHE.move_to_end(key)
            return hit[1]  # type: ignore[no-any-return]
    value = compute(ds)
    with _DS_LOCK:
        _DS_CACHE[key] = (ds, value)  # the dataset is kept so that its id is not reused
        while len(_DS_CACHE) > 32:
            _DS_CACHE.popitem(last=False)
    return value


# ---------------------------------------------------------------------- coalitions
_POWER_CACHE: OrderedDict[tuple[Any, ...], tuple[Any, PowerReport]] = OrderedDict()
_POWER_LOCK = threading.Lock()
_POWER_CACHE_SIZE = 64

#: How many minimal winning coalitions the builder lists.
MWC_SHOWN = 8


def _power_report(house: Parliament, alliance_id: str, quota: int) -> PowerReport:
    """:func:`majlis.games.power_report` of a house, remembered for the last few houses asked."""
    key = (
        id(house.dataset),
        house.election.id,
        house.date,
        tuple(house.seats.items()),
        alliance_id,
        quota,
    )
    with _POWER_LOCK:
        hit = _POWER_CACHE.get(key)
        if hit is not None:
            _POWER_CACHE.move_to_end(key)
            return hit[1]
    report = power_report(house, alliance_id=alliance_id, quotas=[quota])
    with _POWER_LOCK:
        # the dataset is kept with its report so that its id is not reused while cached
        _POWER_CACHE[key] = (house.dataset, report)
        while len(_POWER_CACHE) > _POWER_CACHE_SIZE:
            _POWER_CACHE.popitem(last=False)
    return report


def coalition_members(house: Parliament, ids: Iterable[str]) -> list[str]:
    """Party ids of a coalition given by parties and alliances, those holding seats, in house order."""
    chosen: set[str] = set()
    for i in ids:
        if house.dataset.is_alliance(i):
            chosen.update(house.alliance_members(i))
        else:
            house.dataset.party(i)
            chosen.add(i)
    return [p for p in house.seats if p in chosen]


def coalition_status(house: Parliament, seats: int) -> str:
    """``"two_thirds"``, ``"majority"``, ``"blocking"`` (a blocking third), ``"short"`` or ``"empty"``."""
    if seats <= 0:
        return "empty"
    if seats >= house.two_thirds:
        return "two_thirds"
    if seats >= house.majority:
        return "majority"
    if seats >= house.blocking_third:
        return "blocking"
    return "short"


def coalition_view(house: Parliament, scenario: Any) -> dict[str, Any]:
    """The coalition builder's numbers for a house and a scenario's coalition, union and quota.

    Seats and thresholds from the house; each member's Banzhaf and Shapley–Shubik index (and,
    with a union, Owen and Banzhaf–Owen) from :func:`majlis.games.power_report` at the chosen
    quota; minimal winning coalitions of parties containing the selection from
    :func:`majlis.games.minimal_winning_coalitions` (independent MPs left out, the first
    :data:`MWC_SHOWN` by seats).
    """
    members = coalition_members(house, scenario.coalition)
    seats = house.seats_of(members) if members else 0
    quota = house.two_thirds if scenario.votes.get("quota") == "two_thirds" else house.majority
    union = scenario.union
    alliances = house.alliances()
    aid = union or next(
        (a.id for a in alliances if a.id == "cf"), alliances[0].id if alliances else None
    )
    indices = ["banzhaf", "shapley_shubik"] + (["owen", "banzhaf_owen"] if union else [])
    power: list[dict[str, Any]] = []
    if members and aid is not None:
        report = _power_report(house, aid, quota)
        for pid in members:
            p = report.party(pid)
            row = {"id": pid, "seats": p.seats}
            row.update({k: p.power[quota][k] for k in indices})
            power.append(row)
    game = game_from_parliament(house, quota)
    ids = house.player_ids()
    chosen = set(members)
    include = [i for i, pid in enumerate(ids) if pid in chosen]
    exclude = [
        i for i, pid in enumerate(ids) if pid not in chosen and house.party(pid).independents
    ]
    mwc: list[dict[str, Any]] = []
    if members:
        found = minimal_winning_coalitions(game, include=include, exclude=exclude)
        for coalition in islice(found, MWC_SHOWN):
            parties = list(dict.fromkeys(ids[i] for i in coalition))
            mwc.append({"parties": parties, "seats": house.seats_of(parties)})
    return {
        "members": members,
        "seats": seats,
        "quota": quota,
        "status": coalition_status(house, seats),
        "union": union,
        "indices": indices,
        "power": power,
        "minimal_winning": mwc,
    }

"""What the pages show, built from the library's documents: seating order, hemicycle, names.

Presentation only: the numbers come from :class:`majlis.model.Parliament` (and the other
library reports); this module orders, names and draws them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from majlis.games import (
    CoalitionReport,
    coalition_report,
    default_union,
    power_report,
)
from majlis.model import Dataset, Parliament, parse_date
from majlis.viz import hemicycle_svg
from majlis.web.i18n import Translator, local_name

T = TypeVar("T")

__all__ = [
    "MWC_SHOWN",
    "Remembered",
    "coalition_view",
    "Seat",
    "house_svg",
    "names_in",
    "parliament_at",
    "per_dataset",
    "record_names",
    "seating",
    "seating_basis",
    "slider_dates",
    "theory_predictions",
]


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
    """The seat groups of :meth:`majlis.model.Parliament.seating` (left to right, by alliance
    and left–right position), with their names in ``lang``."""
    positions = (
        parl.dataset.positions_on("left_right", on=parl.date)
        if seating_basis(parl.dataset) == "position"
        else {}
    )
    out: list[Seat] = []
    for pid in parl.seating(first):
        party = parl.party(pid)
        a = parl.alliance_of(pid)
        pos = positions.get(pid)
        out.append(
            Seat(
                party=pid,
                seats=parl.seats[pid],
                colour=party.colour,
                name=local_name(party, lang),
                alliance=a.id if a else None,
                alliance_name=local_name(a, lang) if a else "",
                family=party.family,
                left_right=float(pos.value) if pos is not None else None,
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


# ---------------------------------------------------------------------- remembered results
_LOCK = threading.Lock()


class Remembered:
    """A small LRU of computed values: :meth:`get` answers ``compute()`` for a key, keeping
    ``keep`` (a dataset whose ``id`` is part of the key) alive with its value so that the id
    is not reused while the value is kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[tuple[Any, ...], tuple[Any, Any]] = OrderedDict()

    def get(self, key: tuple[Any, ...], keep: Any, compute: Callable[[], T]) -> T:
        with _LOCK:
            hit = self._values.get(key)
            if hit is not None:
                self._values.move_to_end(key)
                return hit[1]  # type: ignore[no-any-return]
        value = compute()
        with _LOCK:
            self._values[key] = (keep, value)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value


_PER_DATASET = Remembered(32)


def per_dataset(ds: Dataset, what: str, compute: Callable[[Dataset], T]) -> T:
    """``compute(ds)``, remembered for the last few datasets (datasets are immutable).

    The built-in dataset is one object for the life of the process, so its documents (the
    whole dataset as JSON, its source report) are computed once, not on every request.
    """
    return _PER_DATASET.get((id(ds), what), ds, lambda: compute(ds))


def names_in(ds: Dataset, lang: str) -> dict[str, str]:
    """:func:`record_names` of ``ds`` in ``lang``, remembered per dataset."""
    return per_dataset(ds, "names-" + lang, lambda d: record_names(d, lang))


# ---------------------------------------------------------------------- coalitions
_POWER = Remembered(64)
_REPORTS = Remembered(64)
_THEORIES = Remembered(64)

#: How many minimal winning coalitions the builder lists.
MWC_SHOWN = 8


def _house_key(house: Parliament) -> tuple[Any, ...]:
    return (id(house.dataset), house.election.id, house.date, tuple(house.seats.items()))


def theory_predictions(
    house: Parliament, theory: str, top: int | None, units: str = "bloc"
) -> dict[str, Any]:
    """A theory's ranked governments for ``house``: the ``majlis coalitions --json`` document
    (:func:`majlis.formation.predict` on the house);
    the last few are remembered (they do not depend on the coalition being built)."""

    def compute() -> dict[str, Any]:
        from majlis.formation import predict

        return predict(house, theory, top=top, units=units).results[0].to_dict(opportunity=True)

    return _THEORIES.get((*_house_key(house), theory, top, units), house.dataset, compute)


def coalition_view(house: Parliament, scenario: Any) -> CoalitionReport:
    """The coalition builder's numbers (:func:`majlis.games.coalition_report`) for a house and a
    scenario's coalition, union and quota; the house's power report (which does not depend on
    the coalition) and the last few reports are remembered."""
    quota = house.two_thirds if scenario.votes.get("quota") == "two_thirds" else house.majority
    union = default_union(house, scenario.union)
    house_key = _house_key(house)
    power = _POWER.get(
        (*house_key, union, quota),
        house.dataset,
        lambda: power_report(house, alliance_id=union, quotas=[quota]),
    )
    return _REPORTS.get(
        (*house_key, tuple(scenario.coalition), scenario.union, quota),
        house.dataset,
        lambda: coalition_report(
            house,
            scenario.coalition,
            quota=quota,
            union=scenario.union,
            minimal_winning=MWC_SHOWN,
            power=power,
        ),
    )

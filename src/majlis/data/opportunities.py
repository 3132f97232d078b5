"""A majlis parliament as a formation opportunity (the house a government is formed from).

:func:`opportunity_from_parliament` turns the composition of a house on a date
(:meth:`majlis.model.Dataset.parliament`) into a
:class:`~majlis.model.FormationOpportunity` that the coalition theories and the fitted model
rank. The actors are the house's blocs by default: every party in a ``bloc`` alliance on
that day (Iraq's Coordination Framework, the Sovereignty alliance) joins it as one actor,
as blocs negotiate as one; other parties are actors of their own. Independents (parties
flagged ``independents``: every MP is a separate player) outside any bloc are not coalition
actors: their seats count towards the house only; independents who joined a bloc count with it.

System features come from :data:`SYSTEMS` (with their sources): the investiture rule and
whether cabinets span the country's segments (Iraq's Shia, Sunni and Kurdish components,
the *muhasasa* convention). Party families ``shia``, ``sunni`` and ``kurdish`` are the
segments; a bloc takes the family holding most of its seats.

The history the fitted model reads (its ``surplus_norm``, ``known_pairs`` and ``newcomers``
features) is, by default, every cabinet of the dataset formed before the election (its
coalition's members on its first day, as actors of this house; its size status in the
house of that day), after the earlier governments :data:`SYSTEMS` lists with their size
status only. This is how Iraq's oversized consensus governments reach the model without
fitting it on Iraq: the model learnt from ParlGov's countries how much a country's record of
surplus cabinets raises the odds of another (Finland, Switzerland...), and Iraq's record is
an input, like a ParlGov country's earlier cabinets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from majlis.errors import MajlisError, UnknownIdError, ValidationError
from majlis.model import FormationOpportunity, OpportunityParty, Parliament, PastGovernment

__all__ = ["SEGMENT_FAMILIES", "SYSTEMS", "opportunity_from_parliament"]

#: Party families that are segments of a segmented system.
SEGMENT_FAMILIES = ("shia", "sunni", "kurdish")

#: Features of the political systems of the built-in datasets, by country code.
SYSTEMS: dict[str, dict[str, Any]] = {
    "iq": {
        "investiture": "absolute",
        "segmented": True,
        "source": (
            "Constitution of Iraq (2005), Art. 76(4): the Council of Ministers and its "
            "programme need the approval of an absolute majority of the Council of "
            "Representatives; segments: the muhasasa convention (PM Shia Arab, President Kurd, "
            "Speaker Sunni Arab; cabinets span the three components), data/iraq/sources/RULES.md"
        ),
        # Governments before the dataset's first cabinet: their size status only (their
        # parties are not in the dataset). A stated judgement from the sources below.
        "governments": (
            ("Maliki I (national unity government)", "2006-05-20", "surplus"),
            (
                "Maliki II (national partnership government, Erbil agreement)",
                "2010-12-21",
                "surplus",
            ),
            ("Abadi", "2014-09-08", "surplus"),
            ("Abdul-Mahdi", "2018-10-24", "surplus"),
            ("Kadhimi", "2020-05-07", "surplus"),
        ),
        "governments_source": (
            "JUDGEMENT from: http://musingsoniraq.blogspot.com/2011/11/evolution-of-iraqs-government"
            "-from-2010.html ('each of Iraq's post-2003 governments has been a national unity "
            "one': every list that won seats received ministries); "
            "https://www.chathamhouse.org/2021/06/politically-sanctioned-corruption-and-barriers"
            "-reform-iraq/02-post-2003-iraqi-state (the ethos of national unity, muhasasa); "
            "https://carnegieendowment.org/sada/2019/02/partisan-bickering-over-iraqs-cabinet "
            "(Abdul-Mahdi allotted posts to the blocs on an ethno-sectarian basis); "
            "https://agsi.org/analysis/the-art-of-the-possible-prime-minister-mustafa-al-kadhimis"
            "-cabinet (Kadhimi kept the sectarian/ethnic/party distribution key in place since "
            "2003); https://studies.aljazeera.net/en/analyses/iraq-must-compromise-between-"
            "majoritarianism-and-consensus-government-formation (consensus as the de-facto "
            "mechanism until 2022); confidence dates: en.wikipedia.org (each cabinet's page)"
        ),
    },
}


def _unit_map(parliament: Parliament, units: str) -> dict[str, str]:
    """Party id -> actor id (its bloc on the day, or itself)."""
    if units not in ("bloc", "party"):
        raise ValidationError(f"units must be 'bloc' or 'party', got {units!r}")
    out = {pid: pid for pid in parliament.seats}
    if units == "party":
        return out
    memberships = parliament.dataset.memberships_on(parliament.date)
    for pid in parliament.seats:
        a = parliament.alliance_of(pid)
        while a is not None and a.kind != "bloc":
            parent = [
                parliament.dataset.alliance(m.alliance) for m in memberships if m.member == a.id
            ]
            a = next((x for x in parent if x.kind == "bloc"), None)
        if a is not None:
            out[pid] = a.id
    return out


def _parties_of(parliament: Parliament, ids: Iterable[str], on: dt.date) -> set[str]:
    """Party ids of a group of parties and/or alliances on a date (members, recursively)."""
    ds = parliament.dataset
    found: set[str] = set()
    stack = list(ids)
    seen: set[str] = set()
    while stack:
        x = stack.pop()
        if x in seen:
            continue
        seen.add(x)
        if ds.is_party(x):
            found.add(x)
        elif ds.is_alliance(x):
            stack.extend(m.member for m in ds.memberships_on(on) if m.alliance == x)
        else:
            raise UnknownIdError(f"unknown party or alliance {x!r}")
    return found


def opportunity_from_parliament(
    parliament: Parliament,
    *,
    units: str = "bloc",
    incumbent: Sequence[str] | None = None,
    cabinet: Sequence[str] | None = None,
    history: Sequence[PastGovernment] | None = None,
    positions: dict[str, float] | None = None,
    investiture: str | None = None,
    segmented: bool | None = None,
    id: str | None = None,
) -> FormationOpportunity:
    """The formation opportunity of a house on its date.

    Parameters
    ----------
    parliament : Parliament
        The house (``dataset.parliament(election=..., date=...)``).
    units : {"bloc", "party"}
        Actors: blocs on that day (default) or single parties.
    incumbent : sequence of str, optional
        Parties and/or alliances of the outgoing government. By default, the ``coalition``
        alliances of the dataset in office the day before the election.
    cabinet : sequence of str, optional
        Parties and/or alliances of the government that formed (to rank it).
    history : sequence of PastGovernment, optional
        Earlier governments. By default the :data:`SYSTEMS` governments and the dataset's
        cabinets formed before the election (see the module notes); ``()`` for none.
    positions : dict of str to float, optional
        Left-right positions by party id (0-10); a bloc takes the seat-weighted mean of its
        placed members. By default the dataset's ``left_right`` positions on the house's
        date (when it has that dimension); ``{}`` for none.
    investiture, segmented : optional
        Override :data:`SYSTEMS`.
    id : str, optional
        Opportunity id (default ``"<country>-<date>"``).

    Returns
    -------
    FormationOpportunity

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> house = load_dataset("iraq").parliament(date="2022-10-27")
    >>> opp = opportunity_from_parliament(house, cabinet=["sac"])
    >>> opp.party("cf").seats == house.alliance_seats("cf"), opp.majority_threshold
    (True, 165)
    >>> opp.investiture, "cf" in opp.cabinet and "kdp" in opp.cabinet
    ('absolute', True)
    """
    ds = parliament.dataset
    system = SYSTEMS.get(ds.country, {})
    unit_of = _unit_map(parliament, units)
    if positions is None:
        positions = (
            {
                pid: float(p.value)
                for pid, p in ds.positions_on("left_right", on=parliament.date).items()
            }
            if "left_right" in ds.dimensions()
            else {}
        )
    seats: dict[str, int] = {}
    family_seats: dict[str, dict[str, int]] = {}
    members: dict[str, list[str]] = {}
    eligible: dict[str, bool] = {}
    for pid, s in parliament.seats.items():
        party = ds.party(pid)
        u = unit_of[pid]
        seats[u] = seats.get(u, 0) + s
        members.setdefault(u, []).append(pid)
        fam = family_seats.setdefault(u, {})
        fam[party.family] = fam.get(party.family, 0) + s
        # a bloc is one actor whoever sits in it; a lone independents' group is not an actor
        eligible[u] = ds.is_alliance(u) or not party.independents
    is_segmented = system.get("segmented", False) if segmented is None else segmented
    parties = []
    for u in sorted(seats, key=lambda x: (-seats[x], x)):
        fam = family_seats[u]
        top = max(fam, key=lambda f: (fam[f], f))
        lr = None
        if positions:
            placed = [(positions[p], parliament.seats[p]) for p in members[u] if p in positions]
            if placed:
                lr = sum(x * s for x, s in placed) / sum(s for _, s in placed)
        name = ds.alliance(u).name if ds.is_alliance(u) else ds.party(u).name
        parties.append(
            OpportunityParty(
                id=u,
                seats=seats[u],
                left_right=lr,
                name=name,
                eligible=eligible[u],
                segment=top if is_segmented and top in SEGMENT_FAMILIES else None,
                extra={"members": members[u]} if ds.is_alliance(u) else {},
            )
        )

    def to_units(ids: Iterable[str], on: dt.date) -> tuple[str, ...]:
        """The eligible actors of a group, largest first (ties by id), as ``parties``."""
        units = {unit_of[p] for p in _parties_of(parliament, ids, on) if p in unit_of}
        return tuple(sorted((u for u in units if eligible[u]), key=lambda u: (-seats[u], u)))

    e = parliament.election
    eve = e.date - dt.timedelta(days=1)
    if incumbent is None:
        governing = [a.id for a in ds.alliances if a.kind == "coalition" and a.active(eve)]
        inc = to_units(governing, eve)
    else:
        inc = to_units(incumbent, eve)
    cab = to_units(cabinet, parliament.date) if cabinet is not None else None
    if history is None:
        history = _history(parliament, system, to_units)
    return FormationOpportunity(
        id=id or f"{ds.country}-{parliament.date.isoformat()}",
        total_seats=parliament.total_seats,
        majority_threshold=parliament.majority,
        parties=tuple(parties),
        incumbent_parties=inc,
        country=ds.country,
        date=parliament.date,
        investiture=investiture if investiture is not None else system.get("investiture"),
        segmented=is_segmented,
        history=tuple(history) if history is not None else None,
        cabinet=cab,
        source=f"majlis dataset {ds.country!r}, house on {parliament.date.isoformat()} "
        f"(election {e.id}); system: {system.get('source', 'not coded')}",
    )


def _history(
    parliament: Parliament,
    system: dict[str, Any],
    to_units: Callable[[Iterable[str], dt.date], tuple[str, ...]],
) -> list[PastGovernment]:
    """Governments formed before the house's election: the system's list, then the dataset's."""
    ds = parliament.dataset
    election = parliament.election.date
    out = [
        PastGovernment((), status=status, start=start, name=name, parties_known=False)
        for name, start, status in system.get("governments", ())
        if dt.date.fromisoformat(start) < election
    ]
    known = {g.start for g in out}
    for c in sorted(ds.cabinets, key=lambda c: c.start or dt.date.max):
        if c.start is None or c.start >= election or c.start in known or not c.coalition:
            continue
        try:  # the house of its first day (none before the dataset's first election)
            then = opportunity_from_parliament(
                ds.parliament(date=c.start), cabinet=[c.coalition], history=(), positions={}
            )
        except MajlisError:
            continue
        if not then.cabinet:
            continue
        status = then.status_of(then.cabinet)
        out.append(
            PastGovernment(
                to_units([c.coalition], c.start), status=status, start=c.start, name=c.name
            )
        )
    return out

"""Power in a real parliament: every party's Banzhaf and Shapley–Shubik power at the
majority and two-thirds quotas, with and without an alliance acting as an a priori union.

References
----------
.. [1] Constitution of the Republic of Iraq (2005), art. 59 (absolute majority) and
   art. 70 (President elected by two-thirds of the members); Federal Supreme Court
   ruling 16/Federal/2022 of 3 Feb 2022 (two-thirds quorum for that session).
.. [2] G. Owen, "Values of games with a priori unions", 1977.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from itertools import islice
from typing import Any

from majlis.games.coalitions import minimal_winning_coalitions
from majlis.games.game import game_from_parliament
from majlis.games.indices import banzhaf, shapley_shubik
from majlis.games.report import CoalitionReport, PartyPower, PowerReport
from majlis.games.unions import banzhaf_owen, owen

__all__ = [
    "alliance_union",
    "coalition_members",
    "coalition_report",
    "threshold_status",
    "default_union",
    "power_report",
]


def alliance_union(parl: Any, alliance_id: str) -> list[int]:
    """Player indices of ``parl.players()`` whose party belongs to the alliance on the parliament's day.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> p = load_dataset("iraq").parliament(date="2022-01-10")
    >>> len(alliance_union(p, "cf")) > 3
    True
    >>> alliance_union(load_dataset("iraq").parliament(date="2021-10-10"), "cf")  # formed the next day
    []
    """
    members = set(parl.alliance_members(alliance_id))
    return [i for i, pid in enumerate(parl.player_ids()) if pid in members]


def _share(values: list[Fraction]) -> list[Fraction]:
    total = sum(values)
    return [v / total for v in values] if total else values


def power_report(
    parl: Any, *, alliance_id: str = "cf", quotas: list[int] | None = None
) -> PowerReport:
    """Banzhaf and Shapley–Shubik power of every party of a parliament.

    For each quota (default: the absolute majority and the two-thirds quorum) the report
    gives, per party (independent MPs summed over their party), the normalised Banzhaf
    index, the Shapley–Shubik index, and the same with the alliance as an a priori union:
    the Owen value and the Banzhaf–Owen value normalised to shares.

    Returns
    -------
    PowerReport
        Exact values as :class:`~fractions.Fraction`; ``to_dict()`` for JSON.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> rep = power_report(load_dataset("iraq").parliament(election=2021))
    >>> rep.quotas, rep.parties[0].name
    ((165, 220), 'Sadrist Movement')
    >>> sum(p.power[165]["shapley_shubik"] for p in rep.parties)
    Fraction(1, 1)
    """
    players = parl.players()
    ids = parl.player_ids()
    if quotas is None:
        quotas = [parl.majority, parl.two_thirds]
    union = alliance_union(parl, alliance_id)
    unions = [union] if union else []
    order = list(dict.fromkeys(ids))
    per_quota: dict[int, dict[str, list[Fraction]]] = {}
    for q in quotas:
        g = game_from_parliament(parl, q)
        per_quota[q] = {
            "banzhaf": banzhaf(g),
            "shapley_shubik": shapley_shubik(g),
            "banzhaf_owen": _share(banzhaf_owen(g, unions)),
            "owen": owen(g, unions),
        }
    house = parl.total_seats
    parties = []
    for pid in order:
        idx = [i for i, x in enumerate(ids) if x == pid]
        seats = sum(players[i][1] for i in idx)
        parties.append(
            PartyPower(
                pid,
                parl.party(pid).name,
                seats,
                len(idx),
                Fraction(seats, house),
                bool(union) and idx[0] in union,
                {
                    q: {k: sum((v[i] for i in idx), Fraction(0)) for k, v in per_quota[q].items()}
                    for q in quotas
                },
            )
        )
    return PowerReport(
        parl.date.isoformat(),
        str(parl.election.id),
        house,
        parl.filled_seats,
        alliance_id,
        tuple(sorted({ids[i] for i in union})),
        sum(players[i][1] for i in union),
        tuple(quotas),
        tuple(parties),
    )


def default_union(parl: Any, union: str | None = None) -> str:
    """The alliance a coalition's power is computed with: ``union`` if given, else the
    Coordination Framework (``"cf"``) when it sits in the house, else the house's first alliance.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> default_union(load_dataset("iraq").parliament(election=2021))
    'cf'
    """
    if union:
        return union
    alliances = parl.alliances()
    return next((a.id for a in alliances if a.id == "cf"), alliances[0].id if alliances else "cf")


def coalition_members(parl: Any, ids: Iterable[str]) -> list[str]:
    """Party ids of a coalition given by parties and/or alliances, those holding seats on the
    parliament's day, in house order.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> house = load_dataset("iraq").parliament(election=2021)
    >>> coalition_members(house, ["kdp", "sadrist"])
    ['sadrist', 'kdp']
    """
    chosen: set[str] = set()
    for i in ids:
        if parl.dataset.is_alliance(i):
            chosen.update(parl.alliance_members(i))
        else:
            parl.party(i)  # an unknown id raises UnknownIdError
            chosen.add(i)
    return [p for p in parl.seats if p in chosen]


def threshold_status(parl: Any, seats: int) -> str:
    """What ``seats`` can do in the house: ``"two_thirds"`` (elect a President, 220 of 329),
    ``"majority"`` (govern, 165), ``"blocking"`` (deny the two-thirds quorum, 110), ``"short"``
    or ``"empty"``.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> house = load_dataset("iraq").parliament(election=2021)
    >>> [threshold_status(house, s) for s in (0, 109, 110, 165, 220)]
    ['empty', 'short', 'blocking', 'majority', 'two_thirds']
    """
    if seats <= 0:
        return "empty"
    if seats >= parl.two_thirds:
        return "two_thirds"
    if seats >= parl.majority:
        return "majority"
    if seats >= parl.blocking_third:
        return "blocking"
    return "short"


def coalition_report(
    parl: Any,
    ids: Iterable[str],
    *,
    quota: int | None = None,
    union: str | None = None,
    minimal_winning: int = 8,
    power: PowerReport | None = None,
) -> CoalitionReport:
    """A coalition (parties and/or alliances) in a house: seats against 165/220/110, each
    member's exact Banzhaf and Shapley–Shubik power at ``quota`` (default the majority) — with
    ``union`` (an alliance) also Owen and Banzhaf–Owen — and the first ``minimal_winning``
    minimal winning coalitions of parties that contain it (independent MPs outside it left
    out), by seats. ``power`` reuses a :func:`power_report` of the same house at ``quota``
    (with ``union`` as its alliance), which does not depend on the coalition.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> house = load_dataset("iraq").parliament(date="2022-10-27")
    >>> r = coalition_report(house, ["sac"])
    >>> r.status, r.seats >= r.majority, sum(row["seats"] for row in r.power) == r.seats
    ('two_thirds', True, True)
    """
    members = coalition_members(parl, ids)
    seats = parl.seats_of(members) if members else 0
    q = parl.majority if quota is None else quota
    indices = ("banzhaf", "shapley_shubik") + (("owen", "banzhaf_owen") if union else ())
    rows: list[dict[str, Any]] = []
    if members:
        rep = power or power_report(parl, alliance_id=default_union(parl, union), quotas=[q])
        for pid in members:
            row = rep.party(pid)
            rows.append({"id": pid, "seats": row.seats, **{k: row.power[q][k] for k in indices}})
    mwc: list[dict[str, Any]] = []
    if members and minimal_winning > 0:
        game = game_from_parliament(parl, q)
        pids = parl.player_ids()
        chosen = set(members)
        include = [i for i, pid in enumerate(pids) if pid in chosen]
        exclude = [
            i for i, pid in enumerate(pids) if pid not in chosen and parl.party(pid).independents
        ]
        found = minimal_winning_coalitions(game, include=include, exclude=exclude)
        for coalition in islice(found, minimal_winning):
            parties = list(dict.fromkeys(pids[i] for i in coalition))
            mwc.append({"parties": parties, "seats": parl.seats_of(parties)})
    return CoalitionReport(
        parl.date.isoformat(),
        str(parl.election.id),
        tuple(members),
        seats,
        q,
        parl.majority,
        parl.two_thirds,
        parl.blocking_third,
        threshold_status(parl, seats),
        union,
        indices,
        tuple(rows),
        tuple(mwc),
    )

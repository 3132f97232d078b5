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

from fractions import Fraction
from typing import Any

from majlis.games.game import game_from_parliament
from majlis.games.indices import banzhaf, shapley_shubik
from majlis.games.report import PartyPower, PowerReport
from majlis.games.unions import banzhaf_owen, owen

__all__ = ["alliance_union", "power_report"]


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

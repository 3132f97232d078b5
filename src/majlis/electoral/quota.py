"""Largest-remainder (quota) methods: Hare, Droop, Hagenbach-Bischoff and Imperiali quotas.

Each list first receives ``floor(votes / quota)`` seats; the seats left over go one each to
the lists with the largest remainders ``votes / quota - floor(votes / quota)``, compared as
exact fractions. Equal remainders are broken by ``tie_break`` (``"votes"``: more votes, then
earlier in the list; ``"order"``; ``"lot"`` with ``seed``).

With a small quota (Imperiali, occasionally Hagenbach-Bischoff) the whole quotas can exceed the
house size; the excess seats are then taken back one at a time from the lists with the
smallest remainders (the rule of the Italian 1993–2005 Senate and Belgian practice is to
re-run with a larger quota; this module documents its own deterministic choice instead).

The quota is computed from the votes of the lists that pass the legal ``threshold``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from majlis.electoral._registry import allocation_method, run_core

__all__ = ["QUOTAS", "droop", "hagenbach_bischoff", "hare", "imperiali_quota", "largest_remainder"]


def _quota(kind: str, total: int, seats: int) -> Fraction:
    if kind == "hare":
        return Fraction(total, seats)
    if kind == "droop":
        return Fraction(total // (seats + 1) + 1)
    if kind == "hagenbach-bischoff":
        return Fraction(total, seats + 1)
    if kind == "imperiali":
        return Fraction(total, seats + 2)
    raise ValueError(kind)  # pragma: no cover - guarded by QUOTAS


QUOTAS: tuple[str, ...] = ("hare", "droop", "hagenbach-bischoff", "imperiali")
"""Quota ids: Hare V/S, Droop floor(V/(S+1))+1, Hagenbach-Bischoff V/(S+1), Imperiali V/(S+2)."""


def _lr_core(votes: list[int], seats: int, ranks: list[int], quota: str) -> list[int]:
    q = _quota(quota, sum(votes), seats)
    whole = [int(v // q) for v in votes]  # v // Fraction -> floor
    rem = [Fraction(v) / q - w for v, w in zip(votes, whole)]
    left = seats - sum(whole)
    if left < 0:  # small quota: take back from the smallest remainders, weakest tie priority first
        order = sorted(
            (i for i in range(len(votes)) if whole[i] > 0), key=lambda i: (rem[i], -ranks[i])
        )
        for j in range(-left):
            whole[order[j % len(order)]] -= 1
        return whole
    order = sorted(
        (i for i in range(len(votes)) if votes[i] > 0), key=lambda i: (-rem[i], ranks[i])
    )
    for j in range(left):
        whole[order[j % len(order)]] += 1
    return whole


def largest_remainder(
    votes: Any,
    seats: int,
    quota: str = "hare",
    *,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate ``seats`` by the largest-remainder method with the given ``quota``.

    Parameters
    ----------
    votes : Mapping[str, int] or sequence of int
        Votes per list.
    seats : int
        House (district) size, at least 1.
    quota : {"hare", "droop", "hagenbach-bischoff", "imperiali"}
        Hare ``V/S``; Droop ``floor(V/(S+1)) + 1``; Hagenbach-Bischoff ``V/(S+1)``;
        Imperiali ``V/(S+2)``, where ``V`` is the total of the (eligible) votes.
    threshold : number, optional
        Legal threshold as a share of all valid votes.

    References
    ----------
    Hamilton's method: Balinski and Young (2001), *Fair Representation*, ch. 2. Worked example
    (Wikipedia, "Largest remainder method"): votes 47,000 / 16,000 / 15,800 / 12,000 /
    6,100 / 3,100, 10 seats: Hare 5, 2, 1, 1, 1, 0 and Droop 5, 2, 2, 1, 0, 0.

    Examples
    --------
    >>> v = [47_000, 16_000, 15_800, 12_000, 6_100, 3_100]
    >>> largest_remainder(v, 10, "hare"), largest_remainder(v, 10, "droop")
    ([5, 2, 1, 1, 1, 0], [5, 2, 2, 1, 0, 0])
    """
    if quota not in QUOTAS:
        from majlis.errors import UnknownMethodError

        raise UnknownMethodError(f"unknown quota {quota!r}: use one of {', '.join(QUOTAS)}")
    return run_core(
        _lr_core, votes, seats, quota=quota, threshold=threshold, tie_break=tie_break, seed=seed
    )


@allocation_method(
    "hare", name="Largest remainder, Hare quota (Hamilton)", family="largest-remainder"
)
def hare(
    votes: Any,
    seats: int,
    *,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate seats by largest remainder with the Hare quota ``V / S`` (Hamilton's method).

    Iraq used the Hare quota with largest remainders in 2005 and 2010 (Law 16/2005 as
    amended by Law 26/2009; see RULES.md).

    Examples
    --------
    >>> hare({"A": 47_000, "B": 16_000, "C": 15_800, "D": 12_000, "E": 6_100, "F": 3_100}, 10)
    {'A': 5, 'B': 2, 'C': 1, 'D': 1, 'E': 1, 'F': 0}
    """
    return largest_remainder(
        votes, seats, "hare", threshold=threshold, tie_break=tie_break, seed=seed
    )


@allocation_method("droop", name="Largest remainder, Droop quota", family="largest-remainder")
def droop(
    votes: Any,
    seats: int,
    *,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate seats by largest remainder with the Droop quota ``floor(V / (S + 1)) + 1``.

    Examples
    --------
    >>> droop({"A": 47_000, "B": 16_000, "C": 15_800, "D": 12_000, "E": 6_100, "F": 3_100}, 10)
    {'A': 5, 'B': 2, 'C': 2, 'D': 1, 'E': 0, 'F': 0}
    """
    return largest_remainder(
        votes, seats, "droop", threshold=threshold, tie_break=tie_break, seed=seed
    )


@allocation_method(
    "hagenbach-bischoff",
    name="Largest remainder, Hagenbach-Bischoff quota",
    family="largest-remainder",
)
def hagenbach_bischoff(
    votes: Any,
    seats: int,
    *,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate seats by largest remainder with the Hagenbach-Bischoff quota ``V / (S + 1)``.

    Examples
    --------
    >>> hagenbach_bischoff([47_000, 16_000, 15_800, 12_000, 6_100, 3_100], 10)
    [5, 2, 2, 1, 0, 0]
    """
    return largest_remainder(
        votes, seats, "hagenbach-bischoff", threshold=threshold, tie_break=tie_break, seed=seed
    )


@allocation_method(
    "imperiali-quota", name="Largest remainder, Imperiali quota", family="largest-remainder"
)
def imperiali_quota(
    votes: Any,
    seats: int,
    *,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate seats by largest remainder with the Imperiali quota ``V / (S + 2)``.

    Examples
    --------
    >>> imperiali_quota([47_000, 16_000, 15_800, 12_000, 6_100, 3_100], 10)
    [5, 2, 2, 1, 0, 0]
    """
    return largest_remainder(
        votes, seats, "imperiali", threshold=threshold, tie_break=tie_break, seed=seed
    )

"""Single non-transferable vote (SNTV): the candidates with the most votes win.

Each voter votes for one candidate; in a district of ``seats`` seats the ``seats``
candidates with the most personal votes are elected. Iraq used SNTV in 83 multi-member
districts (3–5 seats) in 2021 (Law 9 of 2020; see RULES.md).
"""

from __future__ import annotations

from typing import Any

from majlis.electoral._registry import allocation_method, run_core
from majlis.errors import InfeasibleQuotaError

__all__ = ["sntv"]


def _sntv_core(votes: list[int], seats: int, ranks: list[int]) -> list[int]:
    if seats > len(votes):
        raise InfeasibleQuotaError(f"{seats} seats but only {len(votes)} candidates")
    order = sorted(range(len(votes)), key=lambda i: (-votes[i], ranks[i]))
    result = [0] * len(votes)
    for i in order[:seats]:
        result[i] = 1
    return result


@allocation_method("sntv", name="Single non-transferable vote (top candidates)", family="plurality")
def sntv(
    votes: Any,
    seats: int,
    *,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Elect the ``seats`` candidates with the most votes (1 = elected, 0 = not).

    Parameters
    ----------
    votes : Mapping[str, int] or sequence of int
        Personal votes per candidate.
    seats : int
        District magnitude; at most the number of candidates.
    tie_break : {"votes", "order", "lot"}
        Equal votes are broken by list order (``"votes"`` and ``"order"`` agree here) or by
        lot with ``seed``.

    References
    ----------
    Grofman, B. et al. (eds.) (1999). *Elections in Japan, Korea and Taiwan under the Single
    Non-Transferable Vote*. University of Michigan Press. Iraq: Law 9 of 2020, art. 15.

    Examples
    --------
    >>> sntv({"Ali": 9_000, "Huda": 7_500, "Omar": 7_000, "Zaid": 3_000}, 3)
    {'Ali': 1, 'Huda': 1, 'Omar': 1, 'Zaid': 0}
    """
    return run_core(_sntv_core, votes, seats, threshold=threshold, tie_break=tie_break, seed=seed)
